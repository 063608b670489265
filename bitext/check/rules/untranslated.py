"""``untranslated``: a target sentence that is the source copied, or in the wrong script.

Copied text is the commonest trace of an unfinished translation; a mostly-Latin sentence where
Chinese is expected (or mostly-Han where English is) is the next. Code, URLs and e-mail
addresses are ignored when counting scripts, since they stay untranslated on purpose.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any, ClassVar

from ...errors import ConfigError
from ..finding import Finding, Severity
from .base import CheckContext, Rule
from .spans import excerpt, link_text, paired_links, segments_span

_VERBATIM = re.compile(r"`[^`]*`|https?://\S+|\S+@\S+\.\w+")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
#: one Han character carries about as much as three Latin letters of English (EN/ZH parallel
#: text runs ~3 English letters per Chinese character), so Han counts three when comparing.
HAN_WEIGHT = 3


class Untranslated(Rule):
    id = "untranslated"
    default_severity = Severity.WARNING
    description = "A target sentence identical to its source, or mostly in the source's script."
    #: a sentence is "in the wrong script" when more than ``max_foreign_ratio`` of its letters
    #: are foreign and there are at least ``min_letters`` of them (so "GPT-4 发布了" passes).
    options: ClassVar[dict[str, Any]] = {"max_foreign_ratio": 0.5, "min_letters": 12}

    def __init__(self, severity: Severity | None = None, **options: object) -> None:
        super().__init__(severity, **options)
        ratio = self.config["max_foreign_ratio"]
        if not isinstance(ratio, (int, float)) or not 0 < ratio <= 1:
            raise ConfigError("rule untranslated: max_foreign_ratio must be in (0, 1]")

    def run(self, ctx: CheckContext) -> Iterable[Finding]:
        for index, link in paired_links(ctx):
            src_text = link_text(ctx.alignment.src, link.src)
            tgt_text = link_text(ctx.alignment.tgt, link.tgt)
            tgt_span = segments_span(ctx.alignment.tgt, link.tgt)
            src_span = segments_span(ctx.alignment.src, link.src)
            if _normal(src_text) == _normal(tgt_text) and re.search(r"[^\W\d_]", src_text):
                yield self.finding(
                    ctx,
                    f"translation is identical to the source: “{excerpt(tgt_text)}”",
                    pair=index,
                    src_span=src_span,
                    tgt_span=tgt_span,
                    match=tgt_text,
                )
                continue
            problem = self._wrong_script(tgt_text, ctx.tgt.lang)
            if problem:
                yield self.finding(
                    ctx,
                    f"translation is mostly {problem}: “{excerpt(tgt_text)}”",
                    pair=index,
                    src_span=src_span,
                    tgt_span=tgt_span,
                    match=tgt_text,
                )

    def _wrong_script(self, text: str, lang: str) -> str:
        text = _VERBATIM.sub(" ", text)
        latin, han = len(_LATIN.findall(text)), HAN_WEIGHT * len(_HAN.findall(text))
        if lang.startswith("zh"):
            foreign, name = latin, "Latin script where Chinese is expected"
        elif lang.startswith("en"):
            foreign, name = han, "Chinese where English is expected"
        else:
            return ""
        total = latin + han
        min_letters = int(self.config["min_letters"])
        ratio = float(self.config["max_foreign_ratio"])
        if foreign >= min_letters and total and foreign / total > ratio:
            return name
        return ""


def _normal(text: str) -> str:
    return " ".join(text.split()).casefold()
