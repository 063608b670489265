"""``en-hygiene``: double spaces and repeated words ("the the") in English text.

A double space carries a safe fix (one space); a repeated word an unsafe one (drop the copy).

Glued words ("thecompany") are the separate rule ``glued-words``. Only English segments are
read, so the Chinese half of a bilingual file is never flagged.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any, ClassVar

from ..finding import Finding, Severity
from .base import CheckContext, Rule
from .spans import side_spans, sides, text_fix

_DOUBLE_SPACE = re.compile(r"(?<=\S)[ \u00a0]{2,}(?=\S)")
_REPEATED = re.compile(r"\b([A-Za-z]+)\s+(\1)\b", re.IGNORECASE)
#: repetitions that are grammatical ("had had", "that that") or expressive ("ha ha"); seen on
#: the MAC-Dev gold translations (shared/data), where every other repeat was a real typo.
ALLOWED_REPEATS = ("had", "that", "ha", "ho", "hey", "bye", "tick", "tock", "knock", "no")


class EnglishHygiene(Rule):
    id = "en-hygiene"
    default_severity = Severity.INFO
    description = "English text hygiene: double spaces and repeated words."
    options: ClassVar[dict[str, Any]] = {"allowed_repeats": list(ALLOWED_REPEATS)}

    def run(self, ctx: CheckContext) -> Iterable[Finding]:
        allowed = {w.lower() for w in self.config["allowed_repeats"]}
        for side, doc, segments, pairs in sides(ctx):
            for position, seg in enumerate(segments):
                if not seg.lang.startswith("en"):
                    continue
                pair = pairs.get(position)
                for m in _DOUBLE_SPACE.finditer(seg.text):
                    span = (seg.start + m.start(), seg.start + m.end())
                    yield self.finding(
                        ctx,
                        "double space",
                        pair=pair,
                        match=m.group(),
                        fix=text_fix(doc, [(*span, " ")]),
                        **side_spans(side, span),
                    )
                for m in _REPEATED.finditer(seg.text):
                    word = m.group(1)
                    if word.lower() in allowed or (word[0].isupper() and m.group(2)[0].isupper()):
                        continue  # "Zhen Zhen", "Yao Yao": a reduplicated name
                    span = (seg.start + m.start(), seg.start + m.end())
                    yield self.finding(
                        ctx,
                        f"repeated word “{m.group(1)}”",
                        pair=pair,
                        match=m.group(),
                        # unsafe: "the the" is a typo far more often than not, but not always
                        fix=text_fix(doc, [(*span, m.group(1))], safe=False),
                        **side_spans(side, span),
                    )
