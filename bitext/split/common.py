"""What every language shares: paragraphs, Markdown structure, trimming and dispatch.

A paragraph is a block between blank lines; a text with no blank line at all has one paragraph
per non-empty line (one-sentence-per-line files and subtitle-like texts). Inside a paragraph,
Markdown headings (``# Title``) and list items (``- item``, ``1. item``) are segments of their
own, so a heading never merges with the sentence after it. Every span is computed on the
original text: no sentinel characters, no re-finding sentences afterwards.
"""

from __future__ import annotations

import re

from ..lang import detect_lang
from ..layout.lines import ZERO_WIDTH
from .chinese import bracket_heading, split_chinese
from .english import split_english

# A line holding only whitespace (ideographic spaces 　 included) is blank; CRLF and CR too.
_BLANK_LINE = re.compile(r"\n[^\S\n]*\n|\r[^\S\r\n]*\r(?!\n)")
_LINE = re.compile(r"[^\r\n]+")
_HEADING = re.compile(r"[ \t]{0,3}#{1,6}(?:[ \t]|$)")
_LIST_ITEM = re.compile(r"[ \t]{0,3}(?:[-*+•]|\d{1,3}[.)]|[a-z][.)])[ \t]+\S")
_MARKUP_START = re.compile(r"^[ \t]{0,3}(?:#|[-*+•][ \t]|\d{1,3}[.)][ \t]|[a-z][.)][ \t])", re.M)
# A segment with no letter, digit or Han character ("……", "—", ". . .") joins its neighbour.
_WORDLESS = re.compile(r"\w")

Span = tuple[int, int]


def paragraph_spans(text: str) -> list[Span]:
    """Paragraph spans (absolute, trimmed): blocks between blank lines, else one per line."""
    if _BLANK_LINE.search(text):
        bounds = []
        prev = 0
        for m in _BLANK_LINE.finditer(text):
            bounds.append((prev, m.start()))
            prev = m.end()
        bounds.append((prev, len(text)))
    else:
        bounds = [(m.start(), m.end()) for m in _LINE.finditer(text)]
    return [span for a, b in bounds if (span := trim(text, a, b))]


def trim(text: str, start: int, end: int) -> Span | None:
    """``(start, end)`` without surrounding whitespace, or None when nothing is left.

    Zero-width characters at the edges go too, as in ``layout.lines.trim``: a line of only
    ``\u200b`` (pasted from a web page) is not a sentence, nor part of the next one."""
    while start < end and (text[start].isspace() or text[start] in ZERO_WIDTH):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ZERO_WIDTH):
        end -= 1
    return (start, end) if start < end else None


def split_region(
    text: str, start: int, end: int, lang: str, *, split_semicolon: bool = False
) -> list[tuple[int, int, str]]:
    """Segments of one paragraph ``text[start:end]`` as absolute ``(start, end, kind)``."""
    if lang == "auto":
        lang = detect_lang(text[start:end])
    out: list[tuple[int, int, str]] = []
    for a, b, kind in _blocks(text, start, end):
        if kind == "heading":
            out.append((a, b, kind))
            continue
        if lang == "zh":
            head = bracket_heading(text, a, b) if kind == "sentence" else None
            if head is not None:
                out.append((*_trimmed(text, a, head), "heading"))
                a = head
            spans = split_chinese(text, a, b, split_semicolon=split_semicolon)
        else:
            spans = split_english(text, a, b)
        out.extend((s, e, kind) for s, e in _merge_wordless(text, _trim_all(text, spans)))
    return out


def _trimmed(text: str, a: int, b: int) -> Span:
    span = trim(text, a, b)
    return span if span else (a, a)


def _trim_all(text: str, spans: list[Span]) -> list[Span]:
    return [t for a, b in spans if (t := trim(text, a, b))]


def _merge_wordless(text: str, spans: list[Span]) -> list[Span]:
    """Give punctuation-only pieces ("……" after a closed quote) to the sentence before."""
    out: list[Span] = []
    for a, b in spans:
        if out and not (_WORDLESS.search(text, a, b) and _WORDLESS.search(text, *out[-1])):
            out[-1] = (out[-1][0], b)
        else:
            out.append((a, b))
    return out


def _blocks(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """Cut a paragraph at Markdown headings and list items (the common case: none, fast)."""
    if not _MARKUP_START.search(text, start, end):
        return [(start, end, "sentence")]
    blocks: list[tuple[int, int, str]] = []
    for m in _LINE.finditer(text, start, end):
        a, b = m.start(), m.end()
        if _HEADING.match(text, a, b):
            blocks.append((a, b, "heading"))
        elif _LIST_ITEM.match(text, a, b):
            blocks.append((a, b, "list-item"))
        elif blocks and blocks[-1][2] != "heading":
            blocks[-1] = (blocks[-1][0], b, blocks[-1][2])  # continuation line
        else:
            blocks.append((a, b, "sentence"))
    return [(*span, kind) for a, b, kind in blocks if (span := trim(text, a, b))]
