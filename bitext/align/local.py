"""Statistics of a document estimated locally, so that a long document aligns like its parts.

The second pass compares each candidate link with what is usual *around it*: the target/source
length ratio of the translation and the usual sentence length of each side. Estimated over the
whole document, one genre's ratio (or a stretch of short verse lines) bent the length prior for
every other part: two gold sets concatenated aligned differently inside each part than the part
did alone. Here each is taken over a window of ``window`` sentences either side of the point
(``AlignParams.local_window``); a document no longer than the window gets exactly its own
whole-document figure, as before.
"""

from __future__ import annotations

import numpy as np


def _prefix(values: np.ndarray) -> np.ndarray:
    return np.concatenate([[0.0], np.cumsum(values, dtype=np.float64)])


def path_columns(path: list[tuple[int, int, int, int]], n: int) -> np.ndarray:
    """For each lattice row ``i`` (0..n) the target column where ``path`` reaches row ``i``
    (the last such column when the path moves along the row; rows inside a link of several
    source sentences take the link's end)."""
    cols = np.zeros(n + 1, dtype=np.int64)
    for _, i1, _, j1 in path:
        cols[i1] = j1
    return np.maximum.accumulate(cols)


def length_ratio(
    path: list[tuple[int, int, int, int]],
    src_len: np.ndarray,
    tgt_len: np.ndarray,
    window: int | None,
) -> np.ndarray:
    """Target characters per source character around each lattice row (n + 1 values): the
    source sentences ``i - window .. i + window`` against the target sentences the first-pass
    ``path`` pairs them with. ``window`` None: the whole block's ratio everywhere."""
    n = len(src_len)
    if window is None or window >= n:
        return np.full(n + 1, float(tgt_len.sum() / src_len.sum()))
    s_cum, t_cum = _prefix(src_len), _prefix(tgt_len)
    cols = path_columns(path, n)
    rows = np.arange(n + 1)
    a, b = np.maximum(rows - window, 0), np.minimum(rows + window, n)
    src = s_cum[b] - s_cum[a]
    tgt = t_cum[cols[b]] - t_cum[cols[a]]
    return np.maximum(tgt, 1.0) / np.maximum(src, 1.0)


def mean_length(lengths: np.ndarray, window: int | None) -> np.ndarray:
    """The mean sentence length around each sentence (``window`` either side; None: the whole
    block's mean everywhere)."""
    n = len(lengths)
    if window is None or window >= n:
        return np.full(n, float(lengths.mean()))
    cum = _prefix(lengths)
    idx = np.arange(n)
    a, b = np.maximum(idx - window, 0), np.minimum(idx + window + 1, n)
    return (cum[b] - cum[a]) / (b - a)
