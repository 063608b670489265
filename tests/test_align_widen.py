"""Links larger than ``max_align``, searched only next to long links (bitext.align.widen).

The list sentence below is ours, written for these tests: one Chinese sentence naming seven
changes, rendered as seven English sentences.
"""

from __future__ import annotations

import numpy as np
import pytest

import bitext
from bitext.align import widen as widen_module
from bitext.align.evaluate import read_links
from bitext.align.params import AlignParams
from bitext.align.search import NEG, Band, best_path, link_shapes
from bitext.align.widen import Window, widen, windows
from bitext.errors import UsageError

LIST_ZH = [
    "这座小城这些年变化很大。",
    "比如：老街的石板路重新铺好了，河边建起了一座公园，学校盖了新的教学楼，医院添了几位年轻"
    "医生，菜市场搬进了宽敞的大棚，公交车通到了每个村子，夜里街上也亮起了路灯。",
    "住在这里的人都说，日子比从前方便多了。",
]
LIST_EN = [
    "The small town has changed a great deal in recent years.",
    "The stone paving of the old street has been relaid.",
    "A park has been built by the river.",
    "The school has a new classroom building.",
    "The hospital has taken on several young doctors.",
    "The food market has moved into a spacious new hall.",
    "Buses now run to every village.",
    "At night the streets are lit by lamps.",
    "People who live here all say that life is much easier than before.",
]


def _links(alignment):
    return [(link.src, link.tgt) for link in alignment.links]


def test_a_list_sentence_rendered_as_seven_sentences_is_one_1_7_link(encoder):
    result = bitext.align(LIST_ZH, LIST_EN, encoder=encoder)
    assert _links(result) == [((0,), (0,)), ((1,), tuple(range(1, 8))), ((2,), (8,))]
    assert result.links[1].kind == "1-7"
    # with max_align a hard limit, the list is cut at five and its rest given to the next link
    capped = _links(bitext.align(LIST_ZH, LIST_EN, encoder=encoder, widen=0))
    assert ((1,), tuple(range(1, 6))) in capped
    assert all(len(s) <= 5 and len(t) <= 5 for s, t in capped)


def test_the_same_list_the_other_way_round_is_one_7_1_link(encoder):
    result = bitext.align(LIST_EN, LIST_ZH, encoder=encoder)
    assert _links(result) == [((0,), (0,)), (tuple(range(1, 8)), (1,)), ((8,), (2,))]


def test_text_pasted_twice_stays_unlinked_inside_a_window(encoder, monkeypatch):
    """The list's first item pasted twice: its first copy is an addition (``repeats``), and the
    widened search may not fold it into the long link either."""
    tgt = [*LIST_EN[:2], LIST_EN[1], *LIST_EN[2:]]
    expected = [((0,), (0,)), ((), (1,)), ((1,), tuple(range(2, 9))), ((2,), (9,))]
    assert _links(bitext.align(LIST_ZH, tgt, encoder=encoder)) == expected
    from bitext.align import aligner

    monkeypatch.setattr(aligner, "_forbid", lambda repeats: None)
    assert ((), (1,)) not in _links(bitext.align(LIST_ZH, tgt, encoder=encoder))


def test_windows_sit_around_long_links_only():
    path = [(0, 1, 0, 1), (1, 2, 1, 2), (2, 3, 2, 6), (3, 4, 6, 7), (4, 5, 7, 8), (5, 6, 8, 9)]
    path += [(6, 7, 9, 10), (7, 8, 10, 11), (8, 12, 11, 12), (12, 13, 12, 13)]
    # the 1-4 link (index 2) and the 4-1 link (index 8) are within one of max_align 5
    assert windows(path, 5) == [Window(0, 4, False, True), Window(6, 9, True, False)]
    # with max_align 3 the same links are over the limit; with 8 neither is near it
    assert len(windows(path, 3)) == 2
    assert windows(path, 8) == []
    # 1-1 links never open a window, whatever max_align is
    assert windows([(0, 1, 0, 1), (1, 2, 1, 2)], 1) == []


def test_windows_that_overlap_are_joined():
    path = [(0, 1, 0, 1), (1, 2, 1, 5), (2, 3, 5, 6), (3, 4, 6, 7), (4, 5, 7, 11), (5, 6, 11, 12)]
    assert windows(path, 5) == [Window(0, 5, False, True)]


def test_a_window_searched_again_finds_what_a_full_search_would(monkeypatch):
    """Widening a window that runs from the third link of the path to its end must give the
    first two links unchanged and, after them, the best path over all shapes from the window's
    start: built here independently, on a band of the window's own."""
    rng = np.random.default_rng(7)
    n, m = 12, 18
    band = Band.full(n, m)
    base = link_shapes(3, 4)
    wide = [(1, b) for b in range(4, 8)] + [(a, 1) for a in range(4, 8)]
    values = {s: rng.normal(0, 1, (n + 1, band.width)) + 0.8 * sum(s) for s in base + wide}
    skip = rng.normal(-1.0, 0.3, m)

    def stack(shapes, tables):
        return np.stack([tables[s] for s in shapes], axis=1).astype(np.float32)

    def no_overhang(tables):  # links reaching before the first sentence of either side
        out = {}
        for (a, b), table in tables.items():
            out[(a, b)] = table.copy()
            out[(a, b)][:a, :] = NEG
            out[(a, b)][:, :b] = NEG
        return out

    values = no_overhang(values)
    start = best_path(band, base, stack(base, values), skip)
    assert len(start) >= 4
    i0, j0 = start[2][0], start[2][2]
    assert i0 > 0 and j0 > 0

    every = sorted(base + wide)
    sub = no_overhang({s: table[i0:, j0:] for s, table in values.items()})
    tail = best_path(Band.full(n - i0, m - j0), every, stack(every, sub), skip[j0:])
    expected = start[:2] + [(a + i0, b + i0, c + j0, d + j0) for a, b, c, d in tail]
    assert any(max(i1 - i_, j1 - j_) > 3 for i_, i1, j_, j1 in expected)

    def score_window(new, window):
        w0, w1, v0, v1 = window
        out = stack(new, values)[w0 : w1 + 1].copy()
        cols = band.lo[w0 : w1 + 1, None] + np.arange(band.width)[None, :]
        out[np.broadcast_to(((cols < v0) | (cols > v1))[:, None, :], out.shape)] = NEG
        return out

    monkeypatch.setattr(
        widen_module, "windows", lambda path, a: [Window(2, len(path) - 1, True, True)]
    )
    got = widen(start, band, base, stack(base, values), skip, score_window, max_align=3, extra=4)
    assert got == expected


def test_widen_is_checked_like_max_align():
    with pytest.raises(UsageError, match="widen"):
        AlignParams.build(widen=-1)
    with pytest.raises(UsageError, match="widen"):
        AlignParams.build(widen=9)
    assert AlignParams.build(widen=None).widen is None


@pytest.mark.slow
def test_one_to_six_links_of_a_literary_chapter(shared_data, encoder):
    """Chapter 002 of mac-dev has gold 1-6 links, which ``max_align`` 5 cannot make."""
    base = shared_data / "mac-dev"
    src = (base / "src" / "002").read_text(encoding="utf-8").splitlines()
    tgt = (base / "tgt" / "002").read_text(encoding="utf-8").splitlines()
    gold = {(tuple(s), tuple(t)) for s, t in read_links(base / "gold" / "002.align")}
    found = {}
    for extra in (4, 0):
        result = bitext.align(src, tgt, encoder=encoder, widen=extra)
        found[extra] = {(link.src, link.tgt) for link in result.links}
    gained = (found[4] - found[0]) & gold
    lost = (found[0] - found[4]) & gold
    assert sum(len(t) == 6 for _, t in gained) >= 2
    assert not lost


def test_cli_widen_option_and_signature(run_cli, tmp_path):
    zh, en = tmp_path / "list.zh.txt", tmp_path / "list.en.txt"
    zh.write_text("\n".join(LIST_ZH) + "\n", "utf-8")
    en.write_text("\n".join(LIST_EN) + "\n", "utf-8")
    code, out, err = run_cli("align", en, zh, "--presplit", "--format", "links")
    assert code == 0, err
    # the English list (the first file, the source) is one 7-1 link
    assert out.splitlines() == ["[0]:[0]", "[1,2,3,4,5,6,7]:[1]", "[8]:[2]"]
    code, out, err = run_cli("align", en, zh, "--presplit", "--format", "links", "--widen", "0")
    assert code == 0, err
    assert "[1,2,3,4,5]:[1]" in out.splitlines()
    code, out, err = run_cli("align", zh, en, "--presplit", "--format", "markdown")
    assert code == 0, err
    assert "max_align:5|widen:4|" in out
    code, out, err = run_cli("align", zh, en, "--widen", "-1")
    assert code != 0
    assert "Traceback" not in out + err
