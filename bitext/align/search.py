"""Dynamic programming over a band of the alignment lattice: the best monotone path.

A lattice point ``(i, j)`` means "the first ``i`` source and ``j`` target sentences are aligned".
A link of shape ``(a, b)`` moves from ``(i - a, j - b)`` to ``(i, j)``; ``(1, 0)`` and ``(0, 1)``
leave one sentence unlinked. Only the points inside a ``Band`` (for each row ``i`` a column range
``lo[i]..hi[i]``) are ever stored, so time and memory are O(rows x band width x shapes), never
O(n x m).

Rows are processed one at a time, each row fully vectorised: one gather reads every shape's
predecessor cell from the earlier rows, and the horizontal ``(0, 1)`` moves inside a row reduce to
a running maximum (``dp[j] = max_k<=j best[k] + skip[k+1..j]``), so no Python loop runs per cell.
The gather indices and skip sums are prepared for a block of rows at once, which leaves about ten
numpy calls per row (the search's time is their overhead: ~30 us a row on the bench machine).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

NEG = -1e30
#: back-pointer code of a horizontal (0, 1) move.
HORIZONTAL = -2
#: lattice rows whose look-up indices are prepared together (a few MB at most)
_ROW_BLOCK = 256


def _clip(values, lo, hi):
    """``np.clip`` without its per-call overhead (it dominated the search's profile)."""
    return np.minimum(np.maximum(values, lo), hi)


@dataclass(frozen=True)
class Band:
    """For each lattice row ``i`` (0..n) the inclusive column range ``lo[i]..hi[i]``."""

    lo: np.ndarray
    hi: np.ndarray
    n: int
    m: int

    @property
    def width(self) -> int:
        return int((self.hi - self.lo).max()) + 1

    @classmethod
    def full(cls, n: int, m: int) -> Band:
        return cls(np.zeros(n + 1, dtype=np.int64), np.full(n + 1, m, dtype=np.int64), n, m)

    def columns(self, i: int) -> np.ndarray:
        return self.lo[i] + np.arange(self.width)


def link_shapes(max_align: int, max_total: int) -> list[tuple[int, int]]:
    """Shapes ``(a, b)`` with a, b >= 1, both <= max_align and a + b <= max_total; plus (1, 0).

    Ordered by ``a`` then ``b`` (on equal values the search keeps the first). ``(0, 1)`` is handled
    separately as the horizontal move.
    """
    shapes = [(1, 0)]
    for a in range(1, max_align + 1):
        for b in range(1, max_align + 1):
            if a + b <= max_total:
                shapes.append((a, b))
    shapes.sort()
    return shapes


def best_path(
    band: Band,
    shapes: list[tuple[int, int]],
    scores: np.ndarray,
    skip_tgt: np.ndarray,
) -> list[tuple[int, int, int, int]]:
    """The highest-scoring path from (0, 0) to (n, m) inside ``band``.

    ``scores[i, k, c]`` is the value of a link of ``shapes[k]`` ending at ``(i, lo[i] + c)``
    (``NEG`` where impossible); ``skip_tgt[j]`` the value of leaving target ``j`` unlinked.
    Returns links as ``(i0, i1, j0, j1)`` half-open index ranges, in order.
    """
    n, m, width = band.n, band.m, band.width
    lo, hi = band.lo, band.hi
    reach = max(b for _, b in shapes)
    # dp rows padded with NEG columns: ``reach`` on the left (a link starting left of the band or
    # of column 0) and one on the right, so every predecessor look-up is a plain clipped gather
    row_len = reach + width + 1
    dp = np.full((n + 1) * row_len, NEG)  # flat: row i starts at i * row_len
    back = np.full((n + 1, width), -1, dtype=np.int16)
    cols = np.arange(width)
    a_of = np.array([a for a, _ in shapes])
    # column of each shape's predecessor in its own dp row, before the shift lo[i] - lo[i - a]
    start_col = reach + cols[None, :] - np.array([b for _, b in shapes])[:, None]
    skip_cum_all = np.concatenate([[0.0], np.cumsum(skip_tgt, dtype=np.float64)])
    # the per-row work is a handful of numpy calls on (shapes x width) arrays, so its overhead
    # dominates: everything that does not depend on dp is prepared for a block of rows at once
    for r0 in range(0, n + 1, _ROW_BLOCK):
        stop = min(n + 1, r0 + _ROW_BLOCK)
        rows = np.arange(r0, stop)
        j = lo[rows][:, None] + cols[None, :]
        inside = j <= np.minimum(hi[rows], m)[:, None]
        cum = skip_cum_all[_clip(j, 0, m)]
        prev = np.maximum(rows[:, None] - a_of[None, :], 0)  # (rows, shapes)
        shift = (lo[rows][:, None] - lo[prev])[:, :, None]
        gather = prev[:, :, None] * row_len + _clip(start_col[None] + shift, 0, row_len - 1)
        for r, i in enumerate(range(r0, stop)):
            if i == 0:
                best = np.where((j[r] == 0) & inside[r], 0.0, NEG)
                arg = np.full(width, -1, dtype=np.int16)
            else:
                # every shape at once: predecessor value + link value, best shape per column
                cand = dp[gather[r]]
                cand += scores[i]
                top = cand.argmax(axis=0)
                best = cand[top, cols]
                ok = (best > NEG / 2) & inside[r]  # shapes reaching above row 0 carry NEG
                best = np.where(ok, best, NEG)
                arg = np.where(ok, top, -1).astype(np.int16)
            # horizontal (0, 1) moves: dp[c] = max over c' <= c of best[c'] + skip[j(c')+1..j(c)].
            # The move is taken only where an earlier column's value is strictly higher, decided
            # by exact comparison of the same float numbers (``run`` holds one of ``value``'s
            # entries): a tolerance on ``run + c_row`` against ``best`` let rounding (dp values
            # grow with the document: ~1e5 after 100k links) take a "horizontal move" out of
            # column 0, left of the band, which the trace-back then read wrapped around.
            c_row = cum[r]
            value = best - c_row
            run = np.maximum.accumulate(value)
            from_left = (value < run) & inside[r]
            arg[from_left] = HORIZONTAL
            start = i * row_len + reach
            dp[start : start + width] = np.where(
                inside[r], np.where(from_left, run + c_row, best), NEG
            )
            back[i] = arg

    links: list[tuple[int, int, int, int]] = []
    i, jj = n, m
    while i > 0 or jj > 0:
        c = int(jj - lo[i])
        if not 0 <= c < width or jj > hi[i]:
            # cannot happen for a consistent band and back-pointers; never index with a
            # negative column (numpy would silently read the row's other end)
            raise RuntimeError(f"alignment search left its band at ({i}, {jj})")
        code = int(back[i, c])
        if code == HORIZONTAL:
            links.append((i, i, jj - 1, jj))
            jj -= 1
        elif code < 0:
            raise RuntimeError(f"alignment search found no path through ({i}, {jj})")
        else:
            a, b = shapes[code]
            links.append((i - a, i, jj - b, jj))
            i, jj = i - a, jj - b
    links.reverse()
    return links
