"""term-unexpected: an approved rendering appears where the aligned source has no matching term.

Possible insertion or mistranslation; info level, because translators legitimately add words.
Only whole jieba words written in Chinese count, and only in pairs that have a source side
(an inserted sentence is the addition rule's). Not run for a Chinese source (zh->en): there an
English form without the glossary's Chinese in the source is nearly always the translator's right
word for a Chinese synonym the glossary lacks (监管 -> oversight: 7 of 7 such findings on the
political gold set were of that kind).
"""

from __future__ import annotations

from collections.abc import Iterator

from ..finding import Finding, Severity
from ..term_index import TermRule
from ..terms import has_han
from .base import CheckContext


class TermUnexpected(TermRule):
    id = "term-unexpected"
    default_severity = Severity.INFO
    description = "An approved rendering appears where the aligned source has no matching term."

    def run(self, ctx: CheckContext) -> Iterator[Finding]:
        index = self.index(ctx)
        if index.from_chinese:
            return
        links = ctx.alignment.links
        for pair in index.pairs:
            if not links[pair.link].src:
                continue
            for hit in pair.tgt:
                if hit.kind != "zh" or not hit.whole or not has_han(hit.text):
                    continue
                if hit.term in pair.src_terms or index.approves(pair, hit.rendering):
                    continue
                term = index.term(hit.term)
                yield self.finding(
                    ctx,
                    f"'{hit.text}' (the rendering of '{term.name}') has no '{term.name}' in the "
                    "aligned source",
                    pair=pair.link,
                    tgt_span=(hit.start, hit.end),
                    match=hit.text,
                    term=term.name,
                )
