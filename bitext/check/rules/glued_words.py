"""glued-words: English words run together by HTML stripping ("thecompany'sflagship").

A hygiene finding on the English side with the suggested split as an unsafe fix
(``bitext.hygiene`` decides, with wordninja proposing and wordfreq's frequency list guarding
known words).
"""

from __future__ import annotations

from collections.abc import Iterable

from ...hygiene import find_glued_words
from ..finding import Finding, Severity
from .base import CheckContext, Rule
from .spans import text_fix


class GluedWords(Rule):
    id = "glued-words"
    default_severity = Severity.WARNING
    description = "English words glued together (text damaged by HTML stripping)."

    def run(self, ctx: CheckContext) -> Iterable[Finding]:
        pair_of = _pair_index(ctx)
        for side in ("src", "tgt"):
            doc = ctx.src if side == "src" else ctx.tgt
            for seg in doc.segments:
                if seg.lang != "en":
                    continue
                for glued in find_glued_words(doc.text, seg.start, seg.end):
                    span = (glued.start, glued.end)
                    yield self.finding(
                        ctx,
                        f"'{glued.word}' looks like words run together: '{glued.suggestion}'?",
                        pair=pair_of.get((side, seg.index)),
                        src_span=span if side == "src" else None,
                        tgt_span=span if side == "tgt" else None,
                        match=glued.word,
                        suggestion=glued.suggestion,
                        # unsafe: wordninja's split is a guess ("nowhere" -> "now here")
                        fix=text_fix(doc, [(*span, glued.suggestion)], safe=False),
                    )


def _pair_index(ctx: CheckContext) -> dict[tuple[str, int], int]:
    """(side, sentence index) -> index of the link that holds it."""
    index: dict[tuple[str, int], int] = {}
    for n, link in enumerate(ctx.alignment.links):
        for i in link.src:
            index[("src", i)] = n
        for j in link.tgt:
            index[("tgt", j)] = n
    return index
