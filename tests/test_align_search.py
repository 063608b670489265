"""The band search (``search.best_path``) against a plain recursive DP over the same lattice.

The search reads every predecessor through precomputed flat indices into padded rows; an
off-by-one there still returns a monotone path, just not the best one. So each case compares
the value of the returned path with the optimum a direct memoised recursion finds, on random
link values, over a full lattice and a narrow band, across more than one block of rows.
"""

from __future__ import annotations

from functools import cache

import numpy as np
import pytest

from bitext.align import search
from bitext.align.band import band_around
from bitext.align.search import NEG, Band, best_path, link_shapes


def _problem(n: int, m: int, band: Band, shapes, seed: int):
    rng = np.random.default_rng(seed)
    scores = np.full((n + 1, len(shapes), band.width), NEG)
    for i in range(n + 1):
        for k, (a, b) in enumerate(shapes):
            for c in range(band.width):
                j = band.lo[i] + c
                if i - a >= 0 and j - b >= 0 and j <= min(band.hi[i], m):
                    scores[i, k, c] = rng.normal()
    return scores, rng.normal(size=m) - 0.5


def _inside(band: Band, i: int, j: int) -> bool:
    return band.lo[i] <= j <= band.hi[i]


def _optimum(band: Band, shapes, scores, skip) -> float:
    @cache
    def value(i: int, j: int) -> float:
        if (i, j) == (0, 0):
            return 0.0
        best = NEG
        if j > 0 and _inside(band, i, j - 1):
            best = max(best, value(i, j - 1) + skip[j - 1])
        for k, (a, b) in enumerate(shapes):
            if i - a >= 0 and j - b >= 0 and _inside(band, i - a, j - b):
                link = scores[i, k, j - band.lo[i]]
                if link > NEG / 2:
                    best = max(best, value(i - a, j - b) + link)
        return best

    return value(band.n, band.m)


def _path_value(path, band: Band, shapes, scores, skip) -> float:
    total, i, j = 0.0, 0, 0
    for i0, i1, j0, j1 in path:
        assert (i0, j0) == (i, j)  # monotone and contiguous
        if i1 == i0:
            assert j1 == j0 + 1
            total += skip[j0]
        else:
            total += scores[i1, shapes.index((i1 - i0, j1 - j0)), j1 - band.lo[i1]]
        i, j = i1, j1
    assert (i, j) == (band.n, band.m)
    return total


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("narrow", [False, True])
def test_best_path_finds_the_optimum(monkeypatch, seed, narrow):
    monkeypatch.setattr(search, "_ROW_BLOCK", 7)  # several row blocks in a small lattice
    n, m = 17 + seed, 21 - seed
    shapes = link_shapes(3, 5)
    if narrow:
        diagonal = [(k * n // 6, (k + 1) * n // 6, k * m // 6, (k + 1) * m // 6) for k in range(6)]
        band = band_around(diagonal, n, m, 2)
    else:
        band = Band.full(n, m)
    scores, skip = _problem(n, m, band, shapes, seed)
    path = best_path(band, shapes, scores, skip)
    assert _path_value(path, band, shapes, scores, skip) == pytest.approx(
        _optimum(band, shapes, scores, skip)
    )
