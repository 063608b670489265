"""term-unexpected: an approved rendering appears where the aligned source has no matching term.

Possible insertion or mistranslation; info level, because translators legitimately add words.
Only whole jieba words written in Chinese count, and only in pairs that have a source side
(an inserted sentence is the addition rule's). For a Chinese source (zh->en) the rendering is an
English form of the term, reported where the source has no hit of the term at all (not even one
inside a longer word).
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
        links = ctx.alignment.links
        for pair in index.pairs:
            if not links[pair.link].src:
                continue
            for hit in pair.tgt:
                if index.from_chinese:
                    if hit.kind != "en" or hit.term in pair.src_present:
                        continue
                elif hit.kind != "zh" or not hit.whole or not has_han(hit.text):
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
