"""STAND-IN splitter (replaced by the real one at merge): blank-line paragraphs, regex sentences."""

from __future__ import annotations

import re

from ..document import Document, Segment
from ..lang import detect_lang

_PARA = re.compile(r"(?:\r\n|\r|\n)[ \t\u3000]*(?:\r\n|\r|\n)")
_LINE = re.compile(r"\r\n|\r|\n")
_SENT = re.compile(r"[^。！？!?.\r\n]*(?:[。！？!?]+[”’」』）)\"']*|\.(?=\s|$)[\"']?|$)")


def _blocks(text: str, sep: re.Pattern[str]) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for m in sep.finditer(text):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, len(text)))
    out = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return out


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    if _PARA.search(text):
        return _blocks(text, _PARA)
    return _blocks(text, _LINE)


def split_region(
    text: str, start: int, end: int, lang: str, *, split_semicolon: bool = False
) -> list[tuple[int, int, str]]:
    out = []
    for ls, le in _blocks(text[start:end], _LINE):
        for m in _SENT.finditer(text, start + ls, start + le):
            s, e = m.start(), m.end()
            while s < e and text[s].isspace():
                s += 1
            while e > s and text[e - 1].isspace():
                e -= 1
            if e > s:
                out.append((s, e, "sentence"))
    return out


def split_text(
    text: str, lang: str = "auto", *, split_semicolon: bool = False, path: str | None = None
) -> Document:
    doc_lang = detect_lang(text) if lang == "auto" else lang
    segs = []
    for p, (ps, pe) in enumerate(paragraph_spans(text)):
        for s, e, kind in split_region(text, ps, pe, doc_lang, split_semicolon=split_semicolon):
            segs.append(Segment(text[s:e], s, e, doc_lang, p, len(segs), kind))
    return Document(text=text, segments=tuple(segs), lang=doc_lang, path=path)
