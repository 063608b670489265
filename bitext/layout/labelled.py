"""Labelled layouts: ``原文``/``翻译`` blocks and inline ``原文:… 翻译:… 解析:…`` lines.

Study notes and WeChat bilingual articles mark each original paragraph and its translation with
a label at the start of a line (``原文``, ``Original``, ``EN``, ``英文`` …, with or without a
colon, in brackets or not), or put a whole pair on one line. Both forms often appear in the same
file, so one parser reads both. ``解析`` (analysis) parts are notes: kept, never aligned.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .lines import Span, line_spans, span_lang, trim

SRC_LABELS = ("原文", "英文", "Original", "Source", "English", "EN")
TGT_LABELS = ("翻译", "译文", "中文", "Translation", "Target", "Chinese", "ZH", "CN")
NOTE_LABELS = ("解析", "注释", "点评", "分析", "讲解", "Notes", "Note")
#: labels that name a language, not a role: in a file labelled only with these, the side whose
#: label comes first is the source (a Chinese news article with its English rendering below
#: each paragraph is labelled 中文/English).
LANGUAGE_LABELS = frozenset(
    lab.lower() for lab in ("英文", "English", "EN", "中文", "Chinese", "ZH", "CN")
)

_ROLE = {
    **{lab.lower(): "src" for lab in SRC_LABELS},
    **{lab.lower(): "tgt" for lab in TGT_LABELS},
    **{lab.lower(): "note" for lab in NOTE_LABELS},
}
_ALL = "|".join(sorted((re.escape(x) for x in _ROLE), key=len, reverse=True))
# At the start of a line: optional Markdown (``## ``, ``> ``, ``**``) and bracket, the label,
# then a colon, a closing bracket, a space or the end of the line. Latin labels need a colon, a
# bracket or nothing after them, except the upper-case codes EN/ZH/CN which may be followed by a
# space ("EN  Few ideas …").
_START = re.compile(
    rf"(?:[#>]+\s*)?(?:\*\*|__)?[\[【(（]?(?P<label>{_ALL})(?:\*\*|__)?"
    rf"(?:\s*[\]】)）](?:\*\*|__)?\s*[:：]?|\s*[:：](?:\*\*|__)?|(?=\s)|$)",
    re.IGNORECASE,
)
# Inside a line only Chinese labels with a colon count, so English prose saying "Note:" or
# "Source:" is never cut in two.
_INLINE = re.compile(
    r"(?:\*\*)?[\[【]?(?P<label>原文|英文|翻译|译文|中文|解析|注释|点评|分析|讲解)[\]】]?"
    r"(?:\*\*)?\s*[:：](?:\*\*)?"
)


@dataclass(frozen=True)
class Part:
    role: str  # "src" | "tgt" | "note" | "none"
    span: Span
    inline: bool
    #: the label as written ("原文", "EN"), "" for an unlabelled part
    label: str = ""


def _label_ok(label: str, after: str) -> bool:
    """Reject prose that merely starts with a label-like word ("English is …", "中文互联网")."""
    if re.match(r"[\u3400-\u9fff]", label):
        return True
    if after[:1] in (":", "：", "]", "】", ")", "）") or not after.strip():
        return True
    return label in ("EN", "ZH", "CN")


def _start_label(text: str, s: int, e: int) -> tuple[str, int] | None:
    """The label opening the line at ``s`` and where its content starts, or None."""
    m = _START.match(text, s, e)
    if m is None:
        return None
    label = m.group("label")
    after = text[m.end("label") : e].lstrip("*_")
    if re.match(r"[\u3400-\u9fff]", label) and after[:1] and not re.match(r"[\s:：\]】)）]", after):
        return None  # 中文互联网…: a word, not a label
    if not _label_ok(label, after):
        return None
    return label, m.end()


def _line_parts(text: str, s: int, e: int) -> list[Part]:
    """Cut one line into labelled parts; the first part has role "none" if unlabelled."""
    head = _start_label(text, s, e)
    cuts: list[tuple[str, int, int]] = []  # label ("" for none), label start, content start
    if head is not None:
        cuts.append((head[0], s, head[1]))
        search_from = head[1]
    else:
        cuts.append(("", s, s))
        search_from = s
    for m in _INLINE.finditer(text, search_from, e):
        if (
            m.start() > s
            and not text[m.start() - 1].isspace()
            and text[m.start() - 1] not in "。！？.!?;；"
        ):
            continue
        cuts.append((m.group("label"), m.start(), m.end()))
    parts = []
    inline = len(cuts) > 1
    for k, (label, _lab, cs) in enumerate(cuts):
        role = _ROLE[label.lower()] if label else "none"
        ce = cuts[k + 1][1] if k + 1 < len(cuts) else e
        ps, pe = trim(text, cs, ce)
        if role == "none" and ps == pe:
            continue
        span = Span(ps, pe, span_lang(text, ps, pe) if pe > ps else "")
        parts.append(Part(role, span, inline, label))
    return parts


def count_labels(text: str) -> tuple[int, int, int]:
    """(source labels, target labels, inline lines): the evidence auto-detection weighs."""
    src = tgt = inline = 0
    for s, e in line_spans(text):
        s, e = trim(text, s, e)
        parts = _line_parts(text, s, e)
        roles = [p.role for p in parts]
        src += roles.count("src")
        tgt += roles.count("tgt")
        inline += "src" in roles and "tgt" in roles
    return src, tgt, inline


def labelled_blocks(text: str) -> list[Part]:
    """All parts of the file in order, a block's continuation lines merged into its part.

    A label alone on its line takes the following non-blank lines; a label with text takes the
    following lines up to the next blank line or label. Unlabelled lines outside any block come
    back with role "none" (title, tags, date, a summary).
    """
    out: list[Part] = []
    open_part: Part | None = None  # the part that following lines continue
    waiting = False  # a label stood alone: its content is still to come
    for ls, le in line_spans(text):
        s, e = trim(text, ls, le)
        if s == e:
            if not waiting:
                open_part = None
            continue
        parts = _line_parts(text, s, e)
        first = parts[0] if parts else None
        if first is not None and first.role == "none" and open_part is not None:
            span = open_part.span
            begin = span.start if span.end > span.start else s  # a lone label: content starts here
            end = first.span.end
            merged = Part(
                open_part.role,
                Span(begin, end, span_lang(text, begin, end)),
                False,
                open_part.label,
            )
            out[-1] = merged
            open_part = merged
            waiting = False
            parts = parts[1:]
        for part in parts:
            out.append(part)
        if parts:
            last = parts[-1]
            open_part = last if last.role != "none" and not last.inline else None
            waiting = last.role != "none" and last.span.start == last.span.end
    return _source_first([p for p in out if p.span.end > p.span.start])


def _source_first(parts: list[Part]) -> list[Part]:
    """With language labels only (英文/中文, EN/ZH), the side labelled first is the source."""
    labelled = [p for p in parts if p.role in ("src", "tgt")]
    if not labelled or any(p.label.lower() not in LANGUAGE_LABELS for p in labelled):
        return parts
    if labelled[0].role == "src":
        return parts
    flip = {"src": "tgt", "tgt": "src"}
    return [Part(flip.get(p.role, p.role), p.span, p.inline, p.label) for p in parts]
