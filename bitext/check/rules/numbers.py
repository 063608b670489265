"""``number-mismatch``: a number in one side of a pair that the other side does not carry.

Numbers are compared by meaning (see ``bitext.check.quantities``): 六成 matches 60%, 1.5亿
matches 150 million, 两个多小时 matches "more than two hours". Both directions are checked; only
*strong* quantities are required, any quantity may satisfy one.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, ClassVar

from ..finding import Finding, Severity
from ..quantities import Quantity, quantities
from .base import CheckContext, Rule
from .spans import paired_links

_SIDE_NAME = {"src": "source", "tgt": "translation"}


class NumberMismatch(Rule):
    id = "number-mismatch"
    default_severity = Severity.WARNING
    description = (
        "A number, percentage, year or amount on one side of a pair is missing or different on "
        "the other (Chinese forms such as 六成, 3万, 1.5亿, 十倍 are understood)."
    )
    options: ClassVar[dict[str, Any]] = {"both_directions": True}

    def run(self, ctx: CheckContext) -> Iterable[Finding]:
        for index, link in paired_links(ctx):
            found = {
                "src": self._side(ctx.alignment.src, link.src, ctx.src.lang),
                "tgt": self._side(ctx.alignment.tgt, link.tgt, ctx.tgt.lang),
            }
            missing = {
                side: self._unmatched(found[side], found[other])
                for side, other in (("src", "tgt"), ("tgt", "src"))
            }
            if not self.config["both_directions"]:
                missing["tgt"] = []
            # a number changed (60% -> 50%) is one finding pointing at both sides
            for a, b in zip(missing["src"], missing["tgt"], strict=False):
                yield self.finding(
                    ctx,
                    f"number “{a.text}”{_meaning(a)} in the source does not match "
                    f"“{b.text}”{_meaning(b)} in the translation",
                    pair=index,
                    src_span=(a.start, a.end),
                    tgt_span=(b.start, b.end),
                    match=a.text,
                )
            n = min(len(missing["src"]), len(missing["tgt"]))
            for side, other in (("src", "tgt"), ("tgt", "src")):
                for q in missing[side][n:]:
                    yield self._finding(ctx, index, side, other, q, found[other])

    @staticmethod
    def _unmatched(ours: list[Quantity], theirs: list[Quantity]) -> list[Quantity]:
        """Strong quantities of ``ours`` that nothing in ``theirs`` can mean; one per meaning."""
        out: list[Quantity] = []
        seen: set[str] = set()
        labelled = any(o.kind == "label" for o in theirs)
        for q in ours:
            if q.kind == "label" and not labelled:
                continue  # "in Figure 3" -> 如图所示: a label is compared only with labels
            if q.strong and q.label() not in seen and not any(q.matches(o) for o in theirs):
                seen.add(q.label())
                out.append(q)
        return out

    @staticmethod
    def _side(segments, indices, doc_lang: str) -> list[Quantity]:
        out: list[Quantity] = []
        for i in indices:
            if not 0 <= i < len(segments):
                continue
            seg = segments[i]
            lang = seg.lang if seg.lang in ("en", "zh") else doc_lang
            for q in quantities(seg.text, lang):
                out.append(
                    Quantity(
                        q.value,
                        q.kind,
                        seg.start + q.start,
                        seg.start + q.end,
                        q.text,
                        q.strong,
                        q.step,
                    )
                )
        return out

    def _finding(self, ctx, index, side, other, q: Quantity, others: list[Quantity]) -> Finding:
        message = (
            f"number “{q.text}”{_meaning(q)} in the {_SIDE_NAME[side]} is missing or different in "
            f"the {_SIDE_NAME[other]}"
        )
        if others:
            shown = ", ".join(dict.fromkeys(o.text for o in others))
            message += f" (it has: {shown})"
        span = (q.start, q.end)
        return self.finding(
            ctx,
            message,
            pair=index,
            src_span=span if side == "src" else None,
            tgt_span=span if side == "tgt" else None,
            match=q.text,
        )


def _meaning(q: Quantity) -> str:
    return f" ({q.label()})" if q.label() != q.text else ""
