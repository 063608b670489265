"""Chinese sentence boundaries by rule: a few punctuation facts, applied in one linear scan.

Why rules and not a model: Chinese marks sentence ends explicitly (。！？), so the hard part is
only knowing when such a mark does *not* end a sentence, and that is a short list:

* inside 《书名号》 (《摔跤吧！爸爸》 is one title);
* an ellipsis (……) inside a quotation is a hesitation (“我…… 我不知道”), not an end; outside a
  quotation it ends the sentence (the MAC-Dev gold splits exactly like this);
* a mark followed by ，、：；etc. is mid-sentence;
* an ASCII ``.`` ends a sentence after a Han character (sloppy 今天很好.明天再说.) or after an
  English word that is not an abbreviation (她读了一句英文：This is only a test. 然后笑了。);
* ASCII ``!``/``?`` glued to Latin text (``Yahoo!邮箱``, ``?q=1`` in a URL) and ``.`` in numbers,
  URLs and Latin words (``3.5``, ``example.com``, ``Inc.``) are not Chinese sentence ends.

Closing quotes and brackets ”’」』）》 after the mark stay on the sentence they close, even with
spaces between (the political gold has ``。 ”``). ；ends a sentence only when asked
(``split_semicolon``); ：never does (the gold sets keep it inside, 300+ times).
"""

from __future__ import annotations

import re
from functools import lru_cache

from .english import ABBREVIATIONS

_HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# Unambiguous closers: absorbed even across spaces. ASCII quotes are handled by parity below.
_CLOSERS = "”’」』）》〉】〗)]"
_STOPS = "。！？!?．"
_ELLIPSIS = r"…+|\.{3,}|(?:\.\s){2,}\."


@lru_cache(maxsize=2)
def _end_pattern(semicolon: bool) -> re.Pattern[str]:
    """Compiled on first use (~20 ms), so ``import bitext`` stays fast."""
    stops = _STOPS + ("；;" if semicolon else "")
    return re.compile(
        rf"(?:[{stops}]|…+|(?<=[{_HAN}])\.(?![\dA-Za-z]|\s?\.)"  # not "...", not 百度.com
        rf"|(?<=[a-z]{{2}})\.(?=\s+[A-Z]|\s*[{_HAN}]))"  # an English sentence quoted inside
        rf"(?:[{stops}…]|{_ELLIPSIS})*"  # runs: ！？ ?! 。。。 ……
        rf"(?:\s*[{re.escape(_CLOSERS)}])*"  # closers, even after spaces
    )


_TITLE = re.compile(r"《[^《》\n]{0,80}》")
# Punctuation that cannot start a sentence: a mark followed by one of these is mid-sentence.
_NO_START = set("，,、：:；;）)》」』”’")
_ASCII_ALNUM = re.compile(r"[A-Za-z0-9=&/_%#-]")
_WORD_BEFORE = re.compile(r"\S*[A-Za-z]$")
_ASCII_ONLY = re.compile(r"[!?]+")
# “……？”他问。: a question or exclamation in quotes, then a short speech tag, is one sentence.
_SPEECH_TAG = re.compile(
    r"\s*[^。！？!?“”\n]{0,8}(?:问|说|道|喊|叫|答|笑|嚷|叹|吼)[^。！？!?“”\n]{0,4}[。！]"
)
# 【我，机器人】 at the very start of a paragraph: a heading of its own.
_BRACKET_HEADING = re.compile(r"\s*[【〖][^【】〖〗\n]{1,40}[】〗]")


def bracket_heading(text: str, start: int, end: int) -> int | None:
    """End offset of a 【bracketed heading】 opening ``text[start:end]``, else None."""
    m = _BRACKET_HEADING.match(text, start, end)
    return m.end() if m else None


def split_chinese(
    text: str, start: int, end: int, *, split_semicolon: bool = False
) -> list[tuple[int, int]]:
    """Sentence spans (absolute, not yet trimmed) of Chinese ``text[start:end]``."""
    titles = [(m.start(), m.end()) for m in _TITLE.finditer(text, start, end)]
    pattern = _end_pattern(split_semicolon)
    cuts: list[int] = []
    title_i = 0
    quote_depth = 0  # “” and 「」 opened minus closed, up to ``counted``
    counted = start
    for m in pattern.finditer(text, start, end):
        s, e = m.start(), m.end()
        while title_i < len(titles) and titles[title_i][1] <= s:
            title_i += 1
        if title_i < len(titles) and titles[title_i][0] < s:
            continue  # inside 《…》
        seg = text[counted:s]
        depth_before = max(quote_depth + _quote_balance(seg), 0)
        e = _absorb_ascii_quotes(text, start, e, end)
        quote_depth = max(depth_before + _quote_balance(text[s:e]), 0)
        counted = e
        nxt = _next_visible(text, e, end)
        if nxt is not None and text[nxt] in _NO_START:
            continue
        mark = text[s:e].rstrip(_CLOSERS + " \t\"'")
        if mark == "." and _after_abbreviation(text, s):
            continue  # 他在 Acme Inc. 工作
        if _ASCII_ONLY.fullmatch(mark) and _glued_to_latin(text, s, e, end):
            continue
        closed = e > s + len(mark)
        if closed and mark[-1] in "？！?!" and _SPEECH_TAG.match(text, e, end):
            continue  # “你呢？”她问。 is one sentence
        if not mark.strip("…. ") and depth_before > 0 and not closed:  # only an ellipsis
            continue  # hesitation inside a quotation
        cuts.append(e)
    spans = []
    prev = start
    for cut in cuts:
        if cut > prev:
            spans.append((prev, cut))
            prev = cut
    if prev < end:
        spans.append((prev, end))
    return spans


def _quote_balance(piece: str) -> int:
    return piece.count("“") + piece.count("「") - piece.count("”") - piece.count("」")


def _absorb_ascii_quotes(text: str, start: int, e: int, end: int) -> int:
    """Take a straight quote right after the mark when it closes one (odd count before it)."""
    while e < end and text[e] in "\"'" and text.count(text[e], start, e) % 2 == 1:
        e += 1
        while e < end and text[e] in _CLOSERS:
            e += 1
    return e


def _after_abbreviation(text: str, dot: int) -> bool:
    """The Latin word before ``dot`` is an English abbreviation (etc., Inc.) or a URL part."""
    word = _WORD_BEFORE.search(text, max(0, dot - 40), dot)
    if word is None:
        return False
    return word.group(0).lower() in ABBREVIATIONS or "/" in word.group(0)


def _next_visible(text: str, pos: int, end: int) -> int | None:
    while pos < end and text[pos].isspace():
        pos += 1
    return pos if pos < end else None


def _glued_to_latin(text: str, s: int, e: int, end: int) -> bool:
    """``Yahoo!邮箱`` or ``/search?q=1``: ASCII marks between Latin characters, not an end."""
    before = text[s - 1] if s > 0 else " "
    after = text[e] if e < end else " "
    return bool(_ASCII_ALNUM.match(before)) and not after.isspace() and after not in "\"'"
