"""Which language a piece of text is in, decided by script alone.

bitext only handles English and Chinese, so counting Han characters against Latin letters is
both enough and fast; no language-identification model is needed.
"""

from __future__ import annotations

import re

from .langs import LANGS

__all__ = ["LANGS", "detect_lang", "han_count", "paragraph_lang"]

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff]")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
_LATIN_RUN = re.compile(r"[A-Za-z\u00c0-\u024f]+")
_HAN_RUN = re.compile(_HAN.pattern + "+")


def han_count(text: str) -> int:
    return sum(map(len, _HAN_RUN.findall(text)))  # runs, not characters: far fewer objects


def detect_lang(text: str, default: str = "en") -> str:
    """Return ``"zh"`` or ``"en"`` for ``text``.

    A Han character carries about as much as a whole English word (~4-5 letters), so a text
    is Chinese when its Han characters outnumber a quarter of its Latin letters.
    """
    if not _HAN.search(text):  # the common English case: one scan, no counting
        return "en" if _LATIN.search(text) else default
    han = han_count(text)
    latin = sum(map(len, _LATIN_RUN.findall(text)))
    return "zh" if han * 4 >= latin else "en"


def paragraph_lang(text: str, doc_lang: str) -> str:
    """The language whose rules split one paragraph of a ``doc_lang`` document.

    Chinese prose is full of Latin words, numbers and URLs, so in a Chinese document a
    paragraph with any Han character stays Chinese, and only an all-Latin paragraph (a quoted
    English passage) is English. English prose has no Han, so in an English document a
    paragraph is Chinese when the script count says so (``detect_lang``).
    """
    if doc_lang == "zh":
        if _HAN.search(text) or not _LATIN.search(text):
            return "zh"
        return "en"
    return detect_lang(text, default=doc_lang)
