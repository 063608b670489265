"""term-forbidden: a rendering the glossary forbids appears anywhere in the translation.

The finding names the source term and suggests the preferred rendering. A Chinese hit must be a
whole jieba word (轰 inside 轰然巨响, 代理 inside 代理人 are other words), and outside pairs whose
source has the term, a string that another term in the same source sentence approves is not
reported. For an English translation of a Chinese source the forbidden renderings are the term's
``forbidden_en`` (English, on word boundaries).
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
                if hit.kind != "forbidden" or not hit.whole:
                    continue
                has_term = hit.term in pair.src_terms
                if not has_term and index.approves(pair, hit.rendering):
                    continue
                term = index.term(hit.term)
                src = pair.first_src(hit.term)
                if index.from_chinese:
                    use = f"use {term.name}"
                elif term.zh:
                    use = f"use {term.preferred}"
                else:
                    use = f"keep '{term.name}' in English"
                finding = self.finding(
                    ctx,
                    f"'{hit.text}' is a forbidden rendering of '{term.name}'; {use}",
                    pair=pair.link,
                    src_span=(src.start, src.end) if src else None,
                    tgt_span=(hit.start, hit.end),
                    match=hit.text,
                    suggestion=index.preferred(term) or term.name,
                    term=term.name,
                )
                yield self.with_term_severity(finding, term)
