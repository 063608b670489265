"""How good a candidate link is: a weighted sum of a few signals, computed over the band only.

A link of shape ``(a, b)`` (``a`` source, ``b`` target sentences, both >= 1) is described by:

* ``cos``: cosine of the two sides' vectors. A side of several sentences is represented by the
  normalised sum of its sentence vectors unless a real embedding of the joined span was supplied
  (``SpanVectors.real``).
* ``cos_merged``: the same cosine times ``a + b - 2``, so merged links can trust it differently.
* ``min_member``: the weakest member: the lowest cosine of any one sentence of the link against
  the whole other side. A sentence that does not belong in a merge drags it down.
* ``len_dev2``: squared log-deviation of the link's target/source character ratio from the
  document's own ratio (estimated from the document: EN/ZH ratios differ by genre).
* ``margin``: the mean cosine of each member sentence's ``k`` best neighbours inside the band
  (hubness: some sentences are close to everything); its weight is negative.
* shape indicators (``is_1_2``, ...) and ``size``: priors on how often each shape occurs.

An unlinked sentence (1-0 / 0-1) is described by a bias, its best neighbour's cosine (a sentence
with a close counterpart should not be dropped) and its relative length.

The value of a link is ``weights . features``; the weights live in ``params.WEIGHTS`` and were fit
on the gold sets (see there). Scores are computed a chunk of rows at a time (bounded memory).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .search import NEG, Band
from .textsignals import TextSignals

ROW_CHUNK = 64


def _clip(values, lo, hi):
    """``np.clip`` without its per-call overhead (it dominated the search's profile)."""
    return np.minimum(np.maximum(values, lo), hi)


LINK_FEATURES = (
    "cos",
    "cos_merged",
    "min_member",
    "len_dev2",
    "margin",
    "size",
    "is_1_1",
    "is_1_2",
    "is_2_1",
    "is_1_3",
    "is_3_1",
    "is_2_2",
    "is_other",
    "real_gain",
    "pull_src",
    "pull_tgt",
    "quote_diff",
    "question_diff",
    "exclaim_diff",
    "cpull_src",
    "cpull_tgt",
    "edge_fit",
)
NULL_FEATURES = ("null_src", "null_tgt", "null_nn", "null_len")
FEATURES = LINK_FEATURES + NULL_FEATURES
_INDEX = {name: k for k, name in enumerate(LINK_FEATURES)}
_SHAPE_FEATURE = {(1, 1): 6, (1, 2): 7, (2, 1): 8, (1, 3): 9, (3, 1): 10, (2, 2): 11}


class SpanVectors:
    """Vectors of runs of consecutive sentences: real embeddings where known, else sums."""

    def __init__(self, vectors: np.ndarray, parts: Any = None) -> None:
        self.vectors = vectors
        #: ``embed.parts.SentenceParts`` of these sentences: spans pooled by the model itself
        self.parts = parts
        self._pooled: dict[int, np.ndarray] = {}
        self.prefix = np.zeros((len(vectors) + 1, vectors.shape[1]), dtype=np.float32)
        np.cumsum(vectors, axis=0, out=self.prefix[1:])
        #: (start, end) -> unit vector of the embedded joined text
        self.real: dict[tuple[int, int], np.ndarray] = {}

    def spans(self, ends: np.ndarray, size: int, real: bool = True) -> np.ndarray:
        """Unit vectors of the spans ``end - size .. end`` for each end (invalid ends -> 0).

        With ``real=False`` always the normalised sums, ignoring real embeddings.
        """
        ends = np.asarray(ends)
        if size > 1 and self.parts is not None:
            return self._pooled_spans(ends, size)
        if size == 1:  # sentence vectors are unit already
            return _rows_ending(self.vectors, ends)
        starts = ends - size
        ok = (starts >= 0) & (ends <= len(self.vectors))
        e = _clip(ends, 0, len(self.vectors))
        s = _clip(starts, 0, len(self.vectors))
        out = self.prefix[e] - self.prefix[s]
        if size > 1 and self.real and real:
            for idx in np.flatnonzero(ok):
                vec = self.real.get((int(s[idx]), int(e[idx])))
                if vec is not None:
                    out[idx] = vec
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        out = out / np.maximum(norms, 1e-12)
        out[~ok] = 0.0
        return out

    def _pooled_spans(self, ends: np.ndarray, size: int) -> np.ndarray:
        if size not in self._pooled:
            self._pooled[size] = self.parts.span_vectors(size)
        return _rows_ending(self._pooled[size], ends, first=size)


def _rows_ending(table: np.ndarray, ends: np.ndarray, first: int = 1) -> np.ndarray:
    """``table[end - 1]`` for each end, zero rows where ``end`` is not in ``first..len``."""
    ends = np.asarray(ends)
    ok = (ends >= first) & (ends <= len(table))
    out = table[_clip(ends - 1, 0, max(0, len(table) - 1))]
    return np.where(ok[:, None], out, 0.0).astype(np.float32)


def _prefix(values: np.ndarray) -> np.ndarray:
    return np.concatenate([[0.0], np.cumsum(values, dtype=np.float64)])


def _top_k_mean(keys: np.ndarray, vals: np.ndarray, size: int, k: int) -> np.ndarray:
    out = np.zeros(size)
    if len(keys) == 0:
        return out
    order = np.lexsort((-vals, keys))
    keys, vals = keys[order], vals[order]
    first = np.searchsorted(keys, keys, side="left")
    keep = np.arange(len(keys)) - first < k
    sums = np.bincount(keys[keep], weights=vals[keep], minlength=size)
    counts = np.bincount(keys[keep], minlength=size)
    np.divide(sums, np.maximum(counts, 1), out=out)
    return out


class LinkScorer:
    """Features and values of every candidate link inside one band."""

    def __init__(
        self,
        band: Band,
        src: SpanVectors,
        tgt: SpanVectors,
        src_len: np.ndarray,
        tgt_len: np.ndarray,
        length_ratio: float,
        margin_k: int = 4,
        neighbours: bool = True,
        src_signals: TextSignals | None = None,
        tgt_signals: TextSignals | None = None,
        src_edges: tuple[np.ndarray, np.ndarray] | None = None,
        tgt_edges: tuple[np.ndarray, np.ndarray] | None = None,
    ) -> None:
        self.band, self.src, self.tgt = band, src, tgt
        self.src_edges, self.tgt_edges = src_edges, tgt_edges
        ss = src_signals or TextSignals.empty(band.n)
        ts = tgt_signals or TextSignals.empty(band.m)
        self.signal_cum = [
            (_prefix(a), _prefix(b))
            for a, b in (
                (ss.quotes, ts.quotes),
                (ss.questions, ts.questions),
                (ss.exclamations, ts.exclamations),
            )
        ]
        self.src_cum, self.tgt_cum = _prefix(src_len), _prefix(tgt_len)
        self.length_ratio = length_ratio
        self.src_rel_len = np.log(src_len / src_len.mean())
        self.tgt_rel_len = np.log(tgt_len / tgt_len.mean())
        n, m = band.n, band.m
        if not neighbours:  # the first pass uses the cosine only
            self.src_knn = self.src_best = np.zeros(n)
            self.tgt_knn = self.tgt_best = np.zeros(m)
            self.src_knn_cum, self.tgt_knn_cum = _prefix(self.src_knn), _prefix(self.tgt_knn)
            return
        sim11 = self.cosine_band()
        rows, cols = np.nonzero(sim11 > NEG / 2)
        vals = sim11[rows, cols]
        src_idx, tgt_idx = rows - 1, band.lo[rows] + cols - 1
        self.src_knn = _top_k_mean(src_idx, vals, n, margin_k)
        self.tgt_knn = _top_k_mean(tgt_idx, vals, m, margin_k)
        self.src_best = _top_k_mean(src_idx, vals, n, 1)
        self.tgt_best = _top_k_mean(tgt_idx, vals, m, 1)
        self.src_knn_cum, self.tgt_knn_cum = _prefix(self.src_knn), _prefix(self.tgt_knn)

    def cosine_band(self) -> np.ndarray:
        """1-1 cosines over the band: ``[i, c]`` = source ``i - 1`` vs target ``lo[i] + c - 1``."""
        band = self.band
        out = np.full((band.n + 1, band.width), NEG, dtype=np.float32)
        for rows, j, ok, span_ends, jmin in self._chunks():
            cos = self.src.spans(rows, 1) @ self.tgt.spans(span_ends, 1).T
            val = np.take_along_axis(cos, _clip(j - jmin, 0, len(span_ends) - 1), axis=1)
            out[rows] = np.where(ok & (rows[:, None] >= 1) & (j >= 1), val, NEG)
        return out

    def _chunks(self):
        band = self.band
        cols = np.arange(band.width)
        for r0 in range(0, band.n + 1, ROW_CHUNK):
            rows = np.arange(r0, min(band.n + 1, r0 + ROW_CHUNK))
            j = band.lo[rows][:, None] + cols[None, :]
            ok = j <= np.minimum(band.hi[rows], band.m)[:, None]
            jmin, jmax = int(band.lo[rows].min()), int(min(band.hi[rows].max(), band.m))
            yield rows, j, ok, np.arange(jmin, jmax + 1), jmin

    def _link_features(self, rows, j, span_ends, jmin, a, b, full=True) -> np.ndarray:
        """Features (F, rows, width) of the ``(a, b)`` links ending at ``(rows, j)``."""
        n, m = self.band.n, self.band.m
        F = np.zeros((len(FEATURES), *j.shape))
        cidx = _clip(j - jmin, 0, len(span_ends) - 1)
        sv = self.src.spans(rows, a, real=False)
        tv = self.tgt.spans(span_ends, b, real=False)
        cos = np.take_along_axis(sv @ tv.T, cidx, axis=1)
        F[0] = cos
        if not full:
            return F
        if (a > 1 and self.src.real) or (b > 1 and self.tgt.real):
            # real embeddings of merged spans, where known: how much they raise the cosine
            real = self.src.spans(rows, a) @ self.tgt.spans(span_ends, b).T
            F[13] = np.take_along_axis(real, cidx, axis=1) - cos
        F[1] = cos * (a + b - 2)
        member = cos
        if a > 1:
            for u in range(a):
                one = self.src.spans(rows - a + u + 1, 1)
                member = np.minimum(member, np.take_along_axis(one @ tv.T, cidx, axis=1))
        if b > 1:
            for v in range(b):
                one = self.tgt.spans(span_ends - b + v + 1, 1)
                member = np.minimum(member, np.take_along_axis(sv @ one.T, cidx, axis=1))
        F[2] = member
        i0 = _clip(rows - a, 0, n)
        jc = _clip(j, 0, m)
        j0 = _clip(j - b, 0, m)
        ls = (self.src_cum[rows] - self.src_cum[i0])[:, None]
        lt = self.tgt_cum[jc] - self.tgt_cum[j0]
        dev = np.log((lt + 10.0) / (self.length_ratio * ls + 10.0))
        F[3] = dev * dev
        ms = (self.src_knn_cum[rows] - self.src_knn_cum[i0])[:, None] / a
        mt = (self.tgt_knn_cum[jc] - self.tgt_knn_cum[j0]) / b
        F[4] = (ms + mt) / 2
        F[5] = a + b - 2
        F[_SHAPE_FEATURE.get((a, b), 12)] = 1.0
        F[_INDEX["pull_src"]], F[_INDEX["pull_tgt"]] = self._pulls(rows, span_ends, cidx, a, b)
        if self.src_edges is not None and self.tgt_edges is not None:
            self._clause_pulls(F, rows, span_ends, cidx, a, b)
        for k, (cs, ct) in enumerate(self.signal_cum):
            diff = (cs[rows] - cs[i0])[:, None] - (ct[jc] - ct[j0])
            F[_INDEX["quote_diff"] + k] = np.minimum(np.abs(diff), 2.0)
        return F

    def _clause_pulls(self, F, rows, span_ends, cidx, a, b) -> None:
        """Edge sentences against the clauses on both sides of the boundary they sit at.

        The first target sentence of a link should render the head clause of the link's first
        source sentence, not the tail clause of the sentence before it (and so on for the other
        three edges). Clause vectors are sharp where whole-sentence vectors of long literary
        sentences are diluted.
        """
        assert self.src_edges is not None and self.tgt_edges is not None

        rows_of = _rows_ending
        s_head, s_tail = self.src_edges
        t_head, t_tail = self.tgt_edges
        first_t, last_t = self.tgt.spans(span_ends - b + 1, 1), self.tgt.spans(span_ends, 1)
        first_s, last_s = self.src.spans(rows - a + 1, 1), self.src.spans(rows, 1)
        # target edges vs source clauses
        own_f = rows_of(s_head, rows - a + 1) @ first_t.T
        prev_tail = rows_of(s_tail, rows - a) @ first_t.T
        own_l = rows_of(s_tail, rows) @ last_t.T
        next_head = rows_of(s_head, rows + 1) @ last_t.T
        pull_t = np.maximum(prev_tail - own_f, 0.0) + np.maximum(next_head - own_l, 0.0)
        # source edges vs target clauses
        own_fs = first_s @ rows_of(t_head, span_ends - b + 1).T
        prev_tail_t = first_s @ rows_of(t_tail, span_ends - b).T
        own_ls = last_s @ rows_of(t_tail, span_ends).T
        next_head_t = last_s @ rows_of(t_head, span_ends + 1).T
        pull_s = np.maximum(prev_tail_t - own_fs, 0.0) + np.maximum(next_head_t - own_ls, 0.0)
        fit = (own_f + own_l + own_fs + own_ls) / 4
        F[_INDEX["cpull_src"]] = np.take_along_axis(pull_s, cidx, axis=1)
        F[_INDEX["cpull_tgt"]] = np.take_along_axis(pull_t, cidx, axis=1)
        F[_INDEX["edge_fit"]] = np.take_along_axis(fit, cidx, axis=1)

    def _pulls(self, rows, span_ends, cidx, a, b) -> tuple[np.ndarray, np.ndarray]:
        """How much the link's edge sentences prefer the sentence just across the boundary.

        The summed vector of a merged side barely moves when one sentence too many or too few
        is included, so a boundary one sentence off scores almost as well as the right one.
        Comparing each edge sentence with the neighbour across its boundary (a 1-1 cosine)
        against the link's own other side tells the two apart: ``relu(neighbour - own)`` for
        the first and last sentence of each side, summed per side.
        """
        src, tgt = self.src, self.tgt
        sv = src.spans(rows, a, real=False)
        tv = tgt.spans(span_ends, b, real=False)
        first_t, last_t = tgt.spans(span_ends - b + 1, 1), tgt.spans(span_ends, 1)
        first_s, last_s = src.spans(rows - a + 1, 1), src.spans(rows, 1)
        pull_tgt = np.maximum(src.spans(rows - a, 1) @ first_t.T - sv @ first_t.T, 0.0)
        pull_tgt += np.maximum(src.spans(rows + 1, 1) @ last_t.T - sv @ last_t.T, 0.0)
        prev_t, next_t = tgt.spans(span_ends - b, 1), tgt.spans(span_ends + 1, 1)
        pull_src = np.maximum(first_s @ prev_t.T - first_s @ tv.T, 0.0)
        pull_src += np.maximum(last_s @ next_t.T - last_s @ tv.T, 0.0)
        return (
            np.take_along_axis(pull_src, cidx, axis=1),
            np.take_along_axis(pull_tgt, cidx, axis=1),
        )

    def _null_src_features(self, rows: np.ndarray, width: int) -> np.ndarray:
        F = np.zeros((len(FEATURES), len(rows), width))
        i = _clip(rows - 1, 0, max(0, self.band.n - 1))
        F[len(LINK_FEATURES)] = 1.0
        F[len(LINK_FEATURES) + 2] = self.src_best[i][:, None]
        F[len(LINK_FEATURES) + 3] = self.src_rel_len[i][:, None]
        return F

    def null_tgt_features(self) -> np.ndarray:
        """Features (m, F) of leaving each target sentence unlinked."""
        F = np.zeros((self.band.m, len(FEATURES)))
        F[:, len(LINK_FEATURES) + 1] = 1.0
        F[:, len(LINK_FEATURES) + 2] = self.tgt_best
        F[:, len(LINK_FEATURES) + 3] = self.tgt_rel_len
        return F

    def scores(
        self, shapes: list[tuple[int, int]], weights: np.ndarray, keep_features: bool = False
    ) -> tuple[np.ndarray, np.ndarray | None]:
        """``scores[i, k, c]``: value of a ``shapes[k]`` link ending at ``(i, lo[i] + c)``.

        With ``keep_features`` also returns the features ``[i, k, c, f]`` (training only: it is
        F times the memory).
        """
        band = self.band
        n, width = band.n, band.width
        scores = np.full((n + 1, len(shapes), width), NEG, dtype=np.float32)
        feats = (
            np.zeros((n + 1, len(shapes), width, len(FEATURES)), dtype=np.float32)
            if keep_features
            else None
        )
        # only the cosine is needed when every other link feature weighs nothing (first pass)
        full = bool(np.any(weights[1 : len(LINK_FEATURES)]))
        for rows, j, ok, span_ends, jmin in self._chunks():
            for k, (a, b) in enumerate(shapes):
                valid = ok & (rows[:, None] - a >= 0) & (j - b >= 0)
                if b == 0:
                    F = self._null_src_features(rows, width)
                else:
                    F = self._link_features(rows, j, span_ends, jmin, a, b, full)
                val = np.tensordot(weights, F, axes=1)
                scores[rows, k, :] = np.where(valid, val, NEG)
                if feats is not None:
                    feats[rows, k] = np.moveaxis(F, 0, -1)
        return scores, feats
