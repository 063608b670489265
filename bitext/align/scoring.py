"""How good a candidate link is: similarity of its two sides, corrected and weighed.

The value of a link of shape ``(a, b)`` (``a`` source, ``b`` target sentences) is

    ((a + b) / 2) ** size_exponent * (cos - margin - length) - merge_penalty * (a + b - 2)

* ``cos``: cosine of the two sides' vectors. A side of several sentences is represented by the
  normalised sum of its sentence vectors unless a real embedding of the joined span was supplied
  (``SpanVectors.real``): the aligner embeds real spans only where they can change a decision.
* ``margin``: hubness correction. Some sentences are close to everything (short generic lines);
  subtracting the mean cosine of each sentence's ``k`` best neighbours inside the band makes their
  similarities comparable to everyone else's (the margin idea of Artetxe & Schwenk, as used by
  Bertalign/Vecalign; written here from the idea).
* ``length``: squared log-deviation of the target/source character ratio from the document's own
  ratio, so that merges are neither over- nor under-predicted for this genre and language pair.

Scores are computed over the band only, a chunk of rows at a time (bounded memory).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from .params import AlignParams
from .search import NEG, Band

ROW_CHUNK = 128

RealSpans = Callable[[int, int], "np.ndarray | None"]


class SpanVectors:
    """Vectors of runs of consecutive sentences: real embeddings where known, else sums."""

    def __init__(self, vectors: np.ndarray) -> None:
        self.vectors = vectors
        self.prefix = np.zeros((len(vectors) + 1, vectors.shape[1]), dtype=np.float32)
        np.cumsum(vectors, axis=0, out=self.prefix[1:])
        #: (start, end) -> unit vector of the embedded joined text
        self.real: dict[tuple[int, int], np.ndarray] = {}

    def spans(self, ends: np.ndarray, size: int) -> np.ndarray:
        """Unit vectors of the spans ``end - size .. end`` for each end (invalid ends -> 0)."""
        ends = np.asarray(ends)
        starts = ends - size
        ok = (starts >= 0) & (ends <= len(self.vectors))
        e = np.clip(ends, 0, len(self.vectors))
        s = np.clip(starts, 0, len(self.vectors))
        out = self.prefix[e] - self.prefix[s]
        if size > 1 and self.real:
            for idx in np.flatnonzero(ok):
                vec = self.real.get((int(s[idx]), int(e[idx])))
                if vec is not None:
                    out[idx] = vec
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        out = out / np.maximum(norms, 1e-12)
        out[~ok] = 0.0
        return out


def _prefix(values: np.ndarray) -> np.ndarray:
    return np.concatenate([[0.0], np.cumsum(values, dtype=np.float64)])


def neighbour_means(band: Band, sim11: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Mean of each sentence's ``k`` best 1-1 cosines inside the band (source, target)."""
    n, m = band.n, band.m
    rows, cols = np.nonzero(sim11 > NEG / 2)
    vals = sim11[rows, cols]
    src_idx = rows - 1
    tgt_idx = band.lo[rows] + cols - 1
    src = _top_k_mean(src_idx, vals, n, k)
    tgt = _top_k_mean(tgt_idx, vals, m, k)
    return src, tgt


def _top_k_mean(keys: np.ndarray, vals: np.ndarray, size: int, k: int) -> np.ndarray:
    out = np.zeros(size)
    if len(keys) == 0:
        return out
    order = np.lexsort((-vals, keys))
    keys, vals = keys[order], vals[order]
    first = np.searchsorted(keys, keys, side="left")
    rank = np.arange(len(keys)) - first
    keep = rank < k
    sums = np.bincount(keys[keep], weights=vals[keep], minlength=size)
    counts = np.bincount(keys[keep], minlength=size)
    np.divide(sums, np.maximum(counts, 1), out=out)
    return out


def link_scores(
    band: Band,
    shapes: list[tuple[int, int]],
    src: SpanVectors,
    tgt: SpanVectors,
    src_len: np.ndarray,
    tgt_len: np.ndarray,
    params: AlignParams,
    length_ratio: float,
    margins: tuple[np.ndarray, np.ndarray] | None = None,
) -> np.ndarray:
    """``scores[i, k, c]``: value of a ``shapes[k]`` link ending at ``(i, lo[i] + c)``."""
    n, m, width = band.n, band.m, band.width
    scores = np.full((n + 1, len(shapes), width), NEG, dtype=np.float32)
    src_cum, tgt_cum = _prefix(src_len), _prefix(tgt_len)
    if margins is not None:
        src_mcum, tgt_mcum = _prefix(margins[0]), _prefix(margins[1])
    cols = np.arange(width)
    for r0 in range(1, n + 1, ROW_CHUNK):
        r1 = min(n + 1, r0 + ROW_CHUNK)
        rows = np.arange(r0, r1)
        j = band.lo[rows][:, None] + cols[None, :]  # (rows, width) end columns
        jmin, jmax = int(band.lo[rows].min()), int(min(band.hi[rows].max(), m))
        span_ends = np.arange(jmin, jmax + 1)
        for k, (a, b) in enumerate(shapes):
            if b == 0:
                continue
            ok = (
                (rows[:, None] - a >= 0)
                & (j - b >= 0)
                & (j <= np.minimum(band.hi[rows], m)[:, None])
            )
            sv = src.spans(rows, a)
            tv = tgt.spans(span_ends, b)
            cos = sv @ tv.T  # (rows, span_ends)
            cidx = np.clip(j - jmin, 0, len(span_ends) - 1)
            val = np.take_along_axis(cos, cidx, axis=1).astype(np.float64)
            i0 = np.clip(rows - a, 0, n)
            j0 = np.clip(j - b, 0, m)
            jc = np.clip(j, 0, m)
            if margins is not None and params.margin_weight:
                ms = (src_mcum[rows] - src_mcum[i0]) / a
                mt = (tgt_mcum[jc] - tgt_mcum[j0]) / b
                val -= params.margin_weight * (ms[:, None] + mt) / 2
            if params.length_weight:
                ls = (src_cum[rows] - src_cum[i0])[:, None]
                lt = tgt_cum[jc] - tgt_cum[j0]
                dev = np.log((lt + 10.0) / (length_ratio * ls + 10.0))
                val -= params.length_weight * dev * dev
            val = ((a + b) / 2) ** params.size_exponent * val
            val -= params.merge_penalty * (a + b - 2)
            scores[r0:r1, k, :] = np.where(ok, val, NEG)
        k10 = shapes.index((1, 0))
        scores[r0:r1, k10, :] = params.skip
    return scores
