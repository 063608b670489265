"""Line breaking for table cells that mix Chinese and English.

rich wraps at spaces and folds a run without spaces wherever the width ends, so a Chinese cell
could start a line with a lone "。" and a Latin word next to Chinese could be cut in two.
Here a line may break between any two Chinese characters, at a space, or where Chinese meets
Latin text, but never before closing punctuation (。，」…), never after opening punctuation
(「（“…), and never inside a Latin word (a word longer than the whole line is folded, as rich
does). These are the basic kinsoku rules of Chinese typesetting (W3C clreq).
"""

from __future__ import annotations

import re
from itertools import accumulate

from rich.cells import cell_len
from rich.containers import Lines
from rich.text import Text

#: Han, kana, CJK punctuation and full-width forms: a break may fall next to these.
_CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\U00020000-\U0002ffff]")
#: never at the start of a line
NO_BREAK_BEFORE = frozenset("。，、；：？！）」』”’》〉】〕…—·.,;:!?)]}%％")
#: never at the end of a line
NO_BREAK_AFTER = frozenset("（「『“‘《〈【〔([{")


def break_offsets(text: str, width: int) -> list[int]:
    """Where to cut ``text`` into lines of at most ``width`` cells (offsets, ascending)."""
    if width <= 0 or cell_len(text) <= width:
        return []
    cells = [0, *accumulate(cell_len(ch) for ch in text)]
    offsets: list[int] = []
    start = 0
    last_ok = -1  # the latest place a line may end, inside the current line
    for i in range(1, len(text) + 1):
        end = i
        while end > start and text[end - 1] == " ":
            end -= 1  # trailing spaces do not count against the width
        if cells[end] - cells[start] > width:
            cut = last_ok if last_ok > start else i - 1  # no opportunity: fold, as rich does
            offsets.append(cut)
            start = cut
            last_ok = max((j for j in range(start + 1, i) if _may_break(text, j)), default=-1)
        if i < len(text) and _may_break(text, i):
            last_ok = i
    return offsets


def _may_break(text: str, i: int) -> bool:
    before, after = text[i - 1], text[i]
    if after == " " or after in NO_BREAK_BEFORE or before in NO_BREAK_AFTER:
        return False
    if before == " ":
        return True
    return bool(_CJK.match(before) or _CJK.match(after))


class CJKText(Text):
    """A rich ``Text`` that wraps by ``break_offsets`` instead of at spaces only."""

    def wrap(self, console, width, *, justify=None, overflow=None, tab_size=8, no_wrap=None):  # type: ignore[no-untyped-def,override]
        if no_wrap or self.no_wrap:
            return super().wrap(
                console, width, justify=justify, overflow=overflow, tab_size=tab_size,
                no_wrap=no_wrap,
            )  # fmt: skip
        lines = Lines()
        for line in self.split(allow_blank=True):
            if "\t" in line:
                line.expand_tabs(tab_size)
            pieces = line.divide(break_offsets(line.plain, width))
            for piece in pieces:
                piece.rstrip_end(width)
                piece.rstrip()
            lines.extend(pieces)
        return lines


__all__ = ["NO_BREAK_AFTER", "NO_BREAK_BEFORE", "CJKText", "break_offsets"]
