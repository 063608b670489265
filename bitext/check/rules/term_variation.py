"""term-variation: a term rendered two or more different ways in one document, no glossary needed.

Term discovery (``bitext.check.discover``) aligns every repeated source term to the span of the
translation that renders it in each pair; a term found in at least two pairs whose renderings
compete (synonyms, or kept in English here and translated there) gets one finding per pair that
used a minority rendering, naming each rendering with its count and lines and the dominant one.
Terms a loaded glossary lists are left to its own term-inconsistent rule, which takes precedence.
What competes is decided for precision (``_mark_variants`` in discover, its bar in term_params):
on the unmodified gold sets the rule reports at most 1 variation per 1,000 pairs.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, ClassVar

from ..finding import Finding, Severity
from ..term_params import VARIATION_MIN_PAIRS
from .base import CheckContext, Rule

#: how many line numbers a message lists per rendering before "…"
_MAX_LINES = 5


class TermVariation(Rule):
    id = "term-variation"
    default_severity = Severity.INFO
    description = "A term is rendered in more than one way within one document (no glossary)."
    options: ClassVar[Mapping[str, Any]] = {"min_pairs": VARIATION_MIN_PAIRS}

    def run(self, ctx: CheckContext) -> Iterator[Finding]:
        from ..discover import discover_terms

        candidates = discover_terms(ctx.alignment, ctx.glossaries, limit=None, known="skip")
        for c in candidates:
            if not c.inconsistent or len(c.pairs) < self.config["min_pairs"]:
                continue
            variants = [r for r in c.renderings if r.variant]
            dominant = variants[0]
            lines = {
                r.text: sorted(
                    {ctx.tgt.position(u.tgt_start).line for u in c.uses if u.text == r.text}
                )
                for r in variants
            }
            summary = "; ".join(
                f"{r.text} ×{r.pairs}{' (dominant)' if r is dominant else ''}"
                f" (line {_shown(lines[r.text])})"
                for r in variants
            )
            minority = {r.text for r in variants[1:]}
            for use in c.uses:
                if use.text not in minority:
                    continue
                yield self.finding(
                    ctx,
                    f"'{c.term}' is rendered {len(variants)} ways in this document: {summary}",
                    pair=use.pair,
                    src_span=(use.src_start, use.src_end),
                    tgt_span=(use.tgt_start, use.tgt_end),
                    match=use.text,
                    suggestion=dominant.text,
                    term=c.term,
                )


def _shown(lines: list[int]) -> str:
    return ", ".join(str(n) for n in lines[:_MAX_LINES]) + (
        ", …" if len(lines) > _MAX_LINES else ""
    )
