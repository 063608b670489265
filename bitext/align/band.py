"""First pass: a cheap path through the whole document that bounds the second pass's band.

Coarse to fine (the idea of Vecalign's recursive downsampling, written from the paper): when the
full lattice is small, a simple DP (1-1, 1-2, 2-1 and skips on sentence vectors) runs over all of
it; when it is large, both sides are averaged pairwise into half as many "sentences", the path is
found at that resolution, and only a band around its projection is searched at full resolution.
Each level costs O(length x band width), so the whole first pass is linear in document length.
"""

from __future__ import annotations

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from .scoring import FEATURES, LinkScorer, SpanVectors
from .search import Band, best_path

#: lattices up to this many cells are searched whole in the first pass; above it the first pass
#: downsamples. 20,000 (~140 x 140 sentences) gave the same F1 on all three gold sets as
#: 2,000,000 (whole documents) for 2/3 of the CPU time (bench, mac-dev: 2.0 s vs 3.0 s).
FULL_CELLS = 20_000
#: first-pass link shapes: enough to follow the diagonal through merges and gaps.
FIRST_PASS_SHAPES = [(1, 0), (1, 1), (1, 2), (2, 1)]
#: half-width, in sentences, of the band a coarse path is projected into.
COARSE_RADIUS = 6
#: first-pass scoring: plain cosine, skips cheap enough to cross untranslated blocks.
FIRST_PASS_WEIGHTS = np.array(
    [{"cos": 1.0, "null_src": -0.05, "null_tgt": -0.05}.get(f, 0.0) for f in FEATURES]
)


def band_around(
    links: list[tuple[int, int, int, int]], n: int, m: int, radius: int, scale: int = 1
) -> Band:
    """The band of all lattice points within ``radius`` of a path (given at 1/``scale``)."""
    jmin = np.full(n + 1, m + 1, dtype=np.int64)
    jmax = np.full(n + 1, -1, dtype=np.int64)
    for i0, i1, j0, j1 in links:
        r0, r1 = min(n, i0 * scale), min(n, i1 * scale)
        for i in range(r0, r1 + 1):
            t = (i - r0) / (r1 - r0) if r1 > r0 else 0.0
            a = j0 * scale + int(t * (j1 - j0) * scale)
            b = j1 * scale if r1 == r0 else j0 * scale + int(np.ceil(t * (j1 - j0) * scale))
            jmin[i] = min(jmin[i], a, m)
            jmax[i] = max(jmax[i], min(m, b + scale - 1))
    # rows the path never touched (cannot happen for scale 1) take their neighbours' range
    jmin = np.minimum.accumulate(jmin[::-1])[::-1]
    jmax = np.maximum.accumulate(jmax)
    pad = np.full(radius, m + 1, dtype=np.int64)
    lo = sliding_window_view(np.concatenate([pad, jmin, pad]), 2 * radius + 1).min(axis=1)
    pad = np.full(radius, -1, dtype=np.int64)
    hi = sliding_window_view(np.concatenate([pad, jmax, pad]), 2 * radius + 1).max(axis=1)
    lo = np.clip(lo - radius, 0, m)
    hi = np.clip(hi + radius, 0, m)
    lo = np.minimum.accumulate(lo[::-1])[::-1]
    hi = np.maximum.accumulate(hi)
    lo[0], hi[n] = 0, m
    return Band(lo.astype(np.int64), hi.astype(np.int64), n, m)


def _path_in_band(src: np.ndarray, tgt: np.ndarray, band: Band) -> list[tuple[int, int, int, int]]:
    ones_s, ones_t = np.ones(len(src)), np.ones(len(tgt))
    scorer = LinkScorer(
        band, SpanVectors(src), SpanVectors(tgt), ones_s, ones_t, 1.0, neighbours=False
    )
    scores, _ = scorer.scores(FIRST_PASS_SHAPES, FIRST_PASS_WEIGHTS)
    skip = scorer.null_tgt_features() @ FIRST_PASS_WEIGHTS
    return best_path(band, FIRST_PASS_SHAPES, scores, skip)


def _halve(vectors: np.ndarray) -> np.ndarray:
    if len(vectors) % 2:
        vectors = np.concatenate([vectors, vectors[-1:]])
    pairs = vectors[0::2] + vectors[1::2]
    return pairs / np.maximum(np.linalg.norm(pairs, axis=1, keepdims=True), 1e-12)


def first_pass(src: np.ndarray, tgt: np.ndarray) -> list[tuple[int, int, int, int]]:
    """A monotone path over the whole document, found coarse to fine in linear time."""
    n, m = len(src), len(tgt)
    if (n + 1) * (m + 1) <= FULL_CELLS or min(n, m) < 4:
        return _path_in_band(src, tgt, Band.full(n, m))
    coarse = first_pass(_halve(src), _halve(tgt))
    band = band_around(coarse, n, m, COARSE_RADIUS, scale=2)
    return _path_in_band(src, tgt, band)
