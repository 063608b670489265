"""Two-column tables (TSV or CSV): one row per pair, source and target cells with exact offsets.

The csv module gives no offsets, so rows are scanned here: a cell is either bare text up to the
delimiter or a double-quoted field (``""`` inside stands for one quote, and the span then covers
the quoted content). A header row such as ``source,target`` or ``原文\t译文`` is kept as unpaired.
"""

from __future__ import annotations

import re

from .lines import Span, line_spans, span_lang, trim

_HEADER = re.compile(
    r"^(source|target|src|tgt|en|zh|english|chinese|original|translation|原文|译文|翻译|英文|中文)$",
    re.IGNORECASE,
)


def _delimiter(text: str, path: str | None) -> str:
    if path and str(path).lower().endswith(".csv"):
        return ","
    return "\t"


def _cells(text: str, s: int, e: int, delim: str) -> list[tuple[int, int]]:
    cells: list[tuple[int, int]] = []
    i = s
    while i <= e:
        if i < e and text[i] == '"':
            j = i + 1
            while j < e:
                if text[j] == '"':
                    if j + 1 < e and text[j + 1] == '"':
                        j += 2
                        continue
                    break
                j += 1
            cells.append((i + 1, j))
            k = text.find(delim, j, e)
            i = (k if k >= 0 else e) + 1
        else:
            k = text.find(delim, i, e)
            k = e if k < 0 else k
            cells.append((i, k))
            i = k + 1
    return cells


def is_table(text: str, path: str | None = None) -> bool:
    """A table when the name says so, or when most lines are one English and one Chinese cell."""
    name = str(path or "").lower()
    if name.endswith((".tsv", ".csv")):
        return True
    lines = [(s, e) for s, e in line_spans(text) if trim(text, s, e)[0] < trim(text, s, e)[1]]
    if not lines:
        return False
    bilingual = tabbed = 0
    for s, e in lines:
        cells = [trim(text, a, b) for a, b in _cells(text, s, e, "\t")]
        langs = {span_lang(text, a, b) for a, b in cells if b > a}
        tabbed += len(cells) >= 2
        bilingual += len(cells) >= 2 and langs == {"en", "zh"}
    # nearly every line has a tab, and most of those hold one English and one Chinese cell
    return tabbed >= 0.8 * len(lines) and bilingual >= max(2, 0.5 * tabbed)


def table_rows(
    text: str, path: str | None = None
) -> tuple[list[tuple[tuple[Span, ...], tuple[Span, ...]]], list[Span]]:
    """Rows as (source cells, target cells); a header row and one-cell rows come back unpaired."""
    delim = _delimiter(text, path)
    pairs: list[tuple[tuple[Span, ...], tuple[Span, ...]]] = []
    unpaired: list[Span] = []
    for n, (s, e) in enumerate(line_spans(text)):
        ts, te = trim(text, s, e)
        if ts == te:
            continue
        cells = [trim(text, a, b) for a, b in _cells(text, s, e, delim)]
        if len(cells) < 2 or (n == 0 and all(_HEADER.match(text[a:b]) for a, b in cells[:2])):
            unpaired.append(Span(ts, te, span_lang(text, ts, te), "line"))
            continue
        (a, b), (c, d) = cells[0], cells[1]
        src = (Span(a, b, span_lang(text, a, b)),) if b > a else ()
        tgt = (Span(c, d, span_lang(text, c, d)),) if d > c else ()
        pairs.append((src, tgt))
    return pairs, unpaired
