"""term-inconsistent: within one document a term is rendered more than one way.

Variants are the approved and forbidden renderings found in pairs whose source has the term
(末日论者 here, 末世论者 there). A Latin rendering the glossary approves (AGI beside
通用人工智能) is the acronym kept, not a competing variant. Every occurrence of a minority
variant gets a finding whose message lists each variant with its count and lines and names the
dominant one. With several approved renderings this is a warning; ``single: true`` on the term,
``single_rendering: true`` on the glossary or the rule option ``single`` make it an error.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import replace
from typing import Any, ClassVar

from ..finding import Finding, Severity
from ..term_index import TermIndex, TermRule
from ..terms import Hit, has_han
from .base import CheckContext

#: how many line numbers a message lists per variant before "…"
_MAX_LINES = 5


class TermInconsistent(TermRule):
    id = "term-inconsistent"
    default_severity = Severity.WARNING
    description = "A term is rendered in more than one way within one document."
    options: ClassVar[Mapping[str, Any]] = {"single": False}

    def run(self, ctx: CheckContext) -> Iterator[Finding]:
        index = self.index(ctx)
        uses: dict[int, dict[str, list[tuple[int, Hit]]]] = {}
        for pair in index.pairs:
            for hit in pair.tgt:
                if (
                    hit.kind in ("zh", "forbidden")
                    and hit.term in pair.src_terms
                    and has_han(hit.text)
                ):
                    uses.setdefault(hit.term, {}).setdefault(hit.rendering, []).append(
                        (pair.link, hit)
                    )
        for t in sorted(uses):
            if len(uses[t]) > 1:
                yield from self._report(ctx, index, t, uses[t])

    def _report(
        self,
        ctx: CheckContext,
        index: TermIndex,
        t: int,
        variants: dict[str, list[tuple[int, Hit]]],
    ) -> Iterator[Finding]:
        term = index.term(t)
        order = {r: i for i, r in enumerate((*term.zh, *term.forbidden))}
        ranked = sorted(variants, key=lambda r: (-len(variants[r]), order.get(r, 99), r))
        dominant = ranked[0]
        # the rendering to converge on: the most used approved one (a forbidden rendering may
        # dominate by count, but findings never ask to replace an approved one with it)
        keep = next((r for r in ranked if r in term.zh), dominant)
        summary = "; ".join(self._describe(ctx, r, variants[r], r == dominant) for r in ranked)
        single = term.single or index.terms.glossary_of(t).single_rendering or self.config["single"]
        severity = Severity.ERROR if single else self.severity
        for rendering in (r for r in ranked if r != keep):
            for link, hit in variants[rendering]:
                src = index.pairs[link].first_src(t)
                finding = self.finding(
                    ctx,
                    f"'{term.name}' is rendered {len(variants)} ways in this document: {summary}",
                    pair=link,
                    src_span=(src.start, src.end) if src else None,
                    tgt_span=(hit.start, hit.end),
                    match=hit.text,
                    suggestion=keep,
                    term=term.name,
                )
                yield replace(finding, severity=severity)

    @staticmethod
    def _describe(
        ctx: CheckContext, rendering: str, hits: list[tuple[int, Hit]], dominant: bool
    ) -> str:
        lines = sorted({ctx.tgt.position(h.start).line for _, h in hits})
        shown = ", ".join(str(n) for n in lines[:_MAX_LINES]) + (
            ", …" if len(lines) > _MAX_LINES else ""
        )
        label = " (dominant)" if dominant else ""
        return f"{rendering} ×{len(hits)}{label} (line {shown})"
