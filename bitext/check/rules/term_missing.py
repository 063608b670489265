"""term-missing: the source sentence has a glossary term; its aligned translation has none of the
approved renderings.

Judged per link, so a term in a 1-2 merged pair is found in either target sentence. Pairs where
the translation uses a forbidden rendering or leaves the term in English are left to
term-forbidden and term-untranslated (one finding per problem); 1-0 links are the omission
rule's. Any hit of the term in the translation silences it, even one inside a longer word or
inside a longer term (AI in 人工智能安全): this rule claims an absence, so it must be sure.

For a Chinese source (zh->en) the same rule reads the other way: the source has an approved
Chinese rendering, the English translation none of the term's English forms. When that rendering
is a general Chinese word (in jieba's own dictionary: 监督, 推理, 越狱) it may mean something
else there, so the finding is info, whatever the term's severity.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from ..finding import Finding, Severity
from ..term_index import TermIndex, TermRule, quoted
from ..terms import Hit, has_han, is_common_word, to_simplified
from .base import CheckContext


class TermMissing(TermRule):
    id = "term-missing"
    default_severity = Severity.WARNING
    description = "A source term's aligned translation has none of the approved renderings."

    def run(self, ctx: CheckContext) -> Iterator[Finding]:
        index = self.index(ctx)
        for pair in index.pairs:
            if pair.tgt_span is None:
                continue
            for t in sorted(pair.src_terms):
                term = index.term(t)
                if term.keep or not index.approved(term) or t in pair.tgt_present:
                    continue
                hit = pair.first_src(t)
                assert hit is not None
                approved = quoted(index.approved(term))
                common = index.from_chinese and has_han(hit.text) and self._common(index, hit)
                note = f" ('{hit.text}' is also a general word: check its sense)" if common else ""
                finding = self.finding(
                    ctx,
                    f"'{hit.text}' is not rendered as {approved} in the aligned translation{note}",
                    pair=pair.link,
                    src_span=(hit.start, hit.end),
                    tgt_span=pair.tgt_span,
                    match=hit.text,
                    suggestion=index.preferred(term),
                    term=term.name,
                )
                finding = self.with_term_severity(finding, term)
                yield replace(finding, severity=Severity.INFO) if common else finding

    @staticmethod
    def _common(index: TermIndex, hit: Hit) -> bool:
        word = to_simplified(hit.rendering) if index.terms.traditional else hit.rendering
        return is_common_word(word)
