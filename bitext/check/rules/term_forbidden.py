"""term-forbidden: a rendering the glossary forbids appears anywhere in the translation.

The finding names the source term and suggests the preferred rendering. A Chinese hit must be a
whole jieba word (轰 inside 轰然巨响, 代理 inside 代理人 are other words), and outside pairs whose
source has the term, a string that another term in the same source sentence approves is not
reported; nor is a forbidden rendering that is a general Chinese word (砰 in 门砰地关上了, 校准
"calibrate": in jieba's own dictionary), where nothing says it renders the term. For an English
translation of a Chinese source the forbidden renderings are the term's ``forbidden_en``
(English, on word boundaries), reported where the source has the term.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..finding import Finding, Severity
from ..term_index import PairTerms, TermIndex, TermRule
from ..terms import Hit, is_common_word, to_simplified
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
                if hit.term not in pair.src_terms and not self._alone_is_evidence(index, pair, hit):
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

    @staticmethod
    def _alone_is_evidence(index: TermIndex, pair: PairTerms, hit: Hit) -> bool:
        """Without the term in the pair's source, is the forbidden string still its rendering?

        Only a Chinese one that is no general word and that no other source term approves."""
        if index.from_chinese or index.approves(pair, hit.rendering):
            return False
        word = to_simplified(hit.rendering) if index.terms.traditional else hit.rendering
        return not is_common_word(word)
