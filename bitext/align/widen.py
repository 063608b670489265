"""Links larger than the search's size limit, looked for only where the path comes near it.

The second pass searches links of up to ``max_align`` sentences a side everywhere, and its cost
grows with the number of link shapes (a limit of 9 doubles the alignment time). Links that large
are rare, but they exist, nearly always one sentence against many: a Chinese list sentence
("比如：A，B，C……") rendered as nine English sentences, a literary sentence as six. Where no such
link is allowed, the search makes the largest links it may and splits the rest between them, so
two links are wrong.

So after the search, around every link with a side of at least ``max_align - 1`` sentences (and
at least 2; two such links next to each other may be one larger link and a small one), the
search is repeated in a small window (``CONTEXT`` links either side, the path's own points as
its ends) with one sentence against up to ``max_align + extra`` added, on the side the long link
has. Inside the window it is the same search with the same link values over more shapes;
outside it nothing changes. See ``AlignParams.widen`` for the figures.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from .search import NEG, Band, best_path

Link = tuple[int, int, int, int]
Shape = tuple[int, int]
#: links either side of a long link that its window takes in
CONTEXT = 2


@dataclass(frozen=True)
class Window:
    """Path links ``first..last`` (inclusive), to search again with one source sentence against
    many target sentences (``many_tgt``) and/or the reverse (``many_src``)."""

    first: int
    last: int
    many_src: bool
    many_tgt: bool


def windows(path: list[Link], max_align: int) -> list[Window]:
    """The windows around the path's long links, overlapping windows joined."""
    out: list[Window] = []
    for k, (i0, i1, j0, j1) in enumerate(path):
        a, b = i1 - i0, j1 - j0
        if max(a, b) < max(2, max_align - 1) or a == b:  # no long side: nothing to widen
            continue
        win = Window(max(0, k - CONTEXT), min(len(path) - 1, k + CONTEXT), a > b, b > a)
        if out and win.first <= out[-1].last + 1:
            prev = out.pop()
            win = Window(
                prev.first,
                win.last,
                prev.many_src or win.many_src,
                prev.many_tgt or win.many_tgt,
            )
        out.append(win)
    return out


def _sub_band(band: Band, i0: int, i1: int, j0: int, j1: int) -> tuple[Band, np.ndarray]:
    """The band's part between lattice points ``(i0, j0)`` and ``(i1, j1)``, as a band of its
    own, and for each of its rows the column of its first cell in the full band's row."""
    lo = np.clip(band.lo[i0 : i1 + 1], j0, j1)
    hi = np.clip(band.hi[i0 : i1 + 1], j0, j1)
    sub = Band((lo - j0).astype(np.int64), (hi - j0).astype(np.int64), i1 - i0, j1 - j0)
    return sub, lo - band.lo[i0 : i1 + 1]


def _cells(values: np.ndarray, offset: np.ndarray, width: int) -> np.ndarray:
    """Rows of a full band's score array (``[row, shape, column]``) re-indexed to a sub-band's
    columns (cells past a row's end hold anything: the search ignores them)."""
    cols = np.minimum(offset[:, None] + np.arange(width)[None, :], values.shape[2] - 1)
    return np.take_along_axis(values, cols[:, None, :], axis=2)


def widen(
    path: list[Link],
    band: Band,
    shapes: list[Shape],
    scores: np.ndarray,
    skip_tgt: np.ndarray,
    score_window: Callable[[list[Shape], tuple[int, int, int, int]], np.ndarray],
    max_align: int,
    extra: int,
    forbid: Callable[[Band, list[Shape], np.ndarray, int, int], None] | None = None,
) -> list[Link]:
    """``path`` searched again around its long links with one sentence against up to
    ``max_align + extra``.

    ``scores``/``skip_tgt`` are the search's inputs for ``shapes``; ``score_window(new, (i0,
    i1, j0, j1))`` gives the values of the ``new`` shapes for the links ending in band rows
    ``i0..i1`` and columns ``j0..j1`` (the scorer's ``scores(..., window=)``); ``forbid(sub,
    new, values, i0, j0)``, if given, masks links the search must not make (``repeats``) in a
    window starting at ``(i0, j0)``.
    """
    if extra <= 0:
        return path
    found = windows(path, max_align)
    many = range(max_align + 1, max_align + extra + 1)
    out: list[Link] = []
    done = 0
    for win in found:
        new = [(1, b) for b in many if win.many_tgt] + [(a, 1) for a in many if win.many_src]
        given = shapes + new
        every = sorted(given)
        order = [given.index(s) for s in every]
        i0, _, j0, _ = path[win.first]
        _, i1, _, j1 = path[win.last]
        sub, offset = _sub_band(band, i0, i1, j0, j1)
        values = _cells(score_window(new, (i0, i1, j0, j1)), offset, sub.width)
        if forbid is not None:
            forbid(sub, new, values, i0, j0)
        both = np.concatenate([_cells(scores[i0 : i1 + 1], offset, sub.width), values], axis=1)
        both = both[:, order]
        for k, (a, _) in enumerate(every):  # links starting above the window's first row
            both[:a, k, :] = NEG
        local = best_path(sub, every, both, skip_tgt[j0:j1])
        out.extend(path[done : win.first])
        out.extend((a + i0, b + i0, c + j0, d + j0) for a, b, c, d in local)
        done = win.last + 1
    out.extend(path[done:])
    return out
