"""term-forbidden: a rendering the glossary forbids appears anywhere in the translation.

The finding names the source term and suggests the preferred rendering. Outside pairs whose
source has the term, a hit must be a whole jieba word (代理 inside 代理人 is not reported), and
a string that another term in the same source sentence approves is not reported.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..finding import Finding, Severity
from ..term_index import TermRule
from .base import CheckContext


class TermForbidden(TermRule):
    id = "term-forbidden"
    default_severity = Severity.ERROR
    description = "A forbidden rendering of a glossary term appears in the translation."

    def run(self, ctx: CheckContext) -> Iterator[Finding]:
        index = self.index(ctx)
        for pair in index.pairs:
            for hit in pair.tgt:
                if hit.kind != "forbidden":
                    continue
                has_term = hit.term in pair.src_terms
                if not has_term and (not hit.whole or index.approves(pair, hit.rendering)):
                    continue
                term = index.term(hit.term)
                src = pair.first_src(hit.term)
                use = f"use {term.preferred}" if term.zh else f"keep '{term.name}' in English"
                finding = self.finding(
                    ctx,
                    f"'{hit.text}' is a forbidden rendering of '{term.name}'; {use}",
                    pair=pair.link,
                    src_span=(src.start, src.end) if src else None,
                    tgt_span=(hit.start, hit.end),
                    match=hit.text,
                    suggestion=term.preferred or term.name,
                    term=term.name,
                )
                yield self.with_term_severity(finding, term)
