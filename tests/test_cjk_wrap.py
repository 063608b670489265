"""Table cells wrap Chinese between characters, never before 。 and never inside a Latin word."""

from __future__ import annotations

import io
import itertools

import pytest
from rich.cells import cell_len
from rich.console import Console
from rich.table import Table

from bitext.report.cjk_wrap import NO_BREAK_BEFORE, CJKText, break_offsets

MIXED = (
    "研究者把这个故事最激进的版本称为“foom”，即从人类水平的能力突然跃升到超级智能。"
    "AlphaGo 与 GPT-4 都是例子。"
)


def _lines(text: str, width: int) -> list[str]:
    cuts = [0, *break_offsets(text, width), len(text)]
    return [text[a:b].rstrip() for a, b in itertools.pairwise(cuts)]


@pytest.mark.parametrize("width", range(8, 40))
def test_no_line_starts_with_closing_punctuation_or_splits_a_word(width):
    lines = _lines(MIXED, width)
    assert "".join(lines).replace(" ", "") == MIXED.replace(" ", "")
    assert all(cell_len(line) <= width for line in lines)
    assert all(line[0] not in NO_BREAK_BEFORE for line in lines[1:]), lines
    for word in ("foom", "AlphaGo", "GPT-4"):
        assert any(word in line for line in lines), (word, lines)


def test_a_word_longer_than_the_line_is_folded():
    assert _lines("supercalifragilistic", 8) == ["supercal", "ifragili", "stic"]


def test_in_a_rich_table_chinese_wraps_by_character():
    table = Table(width=40)
    table.add_column("zh", ratio=1)
    table.add_row(CJKText(MIXED))
    buf = io.StringIO()
    Console(file=buf, width=40, color_system=None).print(table)
    body = [ln.strip("│ ") for ln in buf.getvalue().splitlines() if ln.startswith("│")]
    assert len(body) > 3
    assert all(ln and ln[0] not in NO_BREAK_BEFORE for ln in body)
    assert any("AlphaGo" in ln for ln in body) and any("GPT-4" in ln for ln in body)
