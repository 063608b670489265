"""Lines and paragraph units of one bilingual file, with exact offsets and a script-based language.

Every layout parser works on these units, so that spans always index the decoded file text and
``Document.position`` can point back at the user's file. Whitespace here includes the full-width
space (U+3000) and zero-width characters, which survive copy-paste from web pages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..lang import detect_lang, han_count

#: characters that are invisible or blank: trimmed from span edges, never part of a paragraph edge.
ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
_BLANK = set(ZERO_WIDTH)

_LINE_END = re.compile(r"\r\n|\r|\n")
_LATIN = re.compile(r"[A-Za-z]")
_FINAL = tuple(".!?。！？:：;；…\"'”’」』)）]】")

#: a line shorter than this that does not end a sentence is a title, not a wrapped paragraph line.
#: (Typical hard-wrap widths are 70-80 Latin / 35-40 Han characters; titles are far shorter.)
WRAP_MIN = {"en": 40, "zh": 20}


@dataclass(frozen=True)
class Span:
    """A trimmed piece of the file text: ``text[start:end]``, its language and its role.

    ``kind``: "text" (prose), "header" (a short bilingual heading line), "note" (a 解析 part),
    "line" (anything that belongs to no pair).
    """

    start: int
    end: int
    lang: str
    kind: str = "text"


def is_blank(ch: str) -> bool:
    return ch.isspace() or ch in _BLANK


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink ``[start, end)`` past whitespace, full-width spaces and zero-width characters."""
    while start < end and is_blank(text[start]):
        start += 1
    while end > start and is_blank(text[end - 1]):
        end -= 1
    return start, end


def line_spans(text: str) -> list[tuple[int, int]]:
    """Every line's content span (without its line end), CRLF, CR and LF alike."""
    spans, pos = [], 0
    for m in _LINE_END.finditer(text):
        spans.append((pos, m.start()))
        pos = m.end()
    if pos < len(text):
        spans.append((pos, len(text)))
    return spans


#: the language of a span is decided on its first characters: a paragraph does not change
#: script halfway, and counting a whole long paragraph was most of the layout time.
LANG_SAMPLE = 400


def span_lang(text: str, start: int, end: int) -> str:
    return detect_lang(text[start : min(end, start + LANG_SAMPLE)])


def bilingual_heading(text: str, start: int, end: int) -> tuple[Span, Span] | None:
    """Split a short heading such as ``Hot 热度`` into its English and Chinese parts.

    Accepted only for a short line that ends no sentence, whose first part has Latin letters and
    no Han, and whose second part starts with a Han character and has at least two of them.
    """
    start, end = trim(text, start, end)
    if end - start > 100 or text[end - 1] in "。！？.!?":
        return None
    piece = text[start:end]
    m = re.search(r"[\u3400-\u9fff]", piece)
    if m is None or m.start() == 0:
        return None
    en_s, en_e = trim(text, start, start + m.start())
    if en_e <= en_s or han_count(text[en_s:en_e]) or len(_LATIN.findall(text[en_s:en_e])) < 2:
        return None
    if not is_blank(text[en_e]) and text[en_e] not in "|/-–—:：":
        return None
    if text[en_e - 1] in "|/-–—:：":
        en_e = trim(text, en_s, en_e - 1)[1]
    zh_s, zh_e = trim(text, start + m.start(), end)
    if han_count(text[zh_s:zh_e]) < 2:
        return None
    return Span(en_s, en_e, "en", "header"), Span(zh_s, zh_e, "zh", "header")


def paragraph_units(text: str) -> list[Span]:
    """Paragraph units: runs of non-blank lines of one language, a wrapped paragraph kept whole.

    A line joins the previous one only when both are the same language, nothing blank lies
    between, and the previous line is long and ends no sentence (a hard-wrapped paragraph).
    Otherwise every line is its own unit, which is how web pages and WeChat exports come.
    """
    units: list[Span] = []
    prev_joinable = False
    for ls, le in line_spans(text):
        s, e = trim(text, ls, le)
        if s == e:
            prev_joinable = False
            continue
        lang = span_lang(text, s, e)
        if prev_joinable and units[-1].lang == lang and units[-1].kind == "text":
            units[-1] = Span(units[-1].start, e, lang)
        else:
            units.append(Span(s, e, lang))
        width = e - s
        prev_joinable = width >= WRAP_MIN.get(lang, 40) and not text[e - 1].endswith(_FINAL)
    return units
