"""How good a candidate link is: a weighted sum of a few signals, computed over the band only.

A link of shape ``(a, b)`` (``a`` source, ``b`` target sentences, both >= 1) is described by:

* ``cos``: cosine of the two sides' vectors. A side of several sentences is represented by the
  span vector the model itself pools (``embed.parts``, built-in encoder), else by the normalised
  sum of its sentence vectors (``SpanVectors``).
* ``cos_merged``: the same cosine times ``a + b - 2``, so merged links can trust it differently.
* ``min_member``: the weakest member: the lowest cosine of any one sentence of the link against
  the whole other side. A sentence that does not belong in a merge drags it down.
* ``len_dev2``: squared log-deviation of the link's target/source character ratio from the
  document's own ratio (estimated from the document: EN/ZH ratios differ by genre).
* ``margin``: the mean cosine of each member sentence's ``k`` best neighbours inside the band
  (hubness: some sentences are close to everything).
* shape indicators (``is_1_2``, ...) and ``size``: priors on how often each shape occurs.
* ``pull_*``, ``cpull_*``, ``edge_fit``: whether the link's edge sentences fit their own link
  better than the sentence (or clause) just across its boundary (see ``_pulls``).
* ``quote_diff``, ``question_diff``, ``exclaim_diff``: quotation balance and ?/! counts that
  differ between the two sides.
* ``anaphor_diff``: 1 where exactly one of the link's two first sentences opens with a word
  pointing back ("This is ...", 这 ...): such a sentence usually continues the link before.

An unlinked sentence (1-0 / 0-1) is described by a bias, its best neighbour's cosine (a sentence
with a close counterpart should not be dropped) and its relative length.

The value of a link is ``weights . features``; the weights live in ``params.WEIGHTS`` and were fit
on the gold sets (see there). Scores are computed a chunk of rows at a time (bounded memory);
within a chunk every shape reads its features from the same few small matrices (``_Chunk``).
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
    "anaphor_diff",
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
        self._prefix: np.ndarray | None = None
        #: (start, end) -> unit vector of the embedded joined text
        self.real: dict[tuple[int, int], np.ndarray] = {}
        #: pooled spans up to this size are made for every end at once and kept (the search
        #: asks for them all); larger ones, up to ``largest_span``, only for the ends asked
        #: (``widen``'s few windows), all those sizes together, the last window's kept
        self.largest_table: int | None = None
        self.largest_span = 0
        self._window: tuple[tuple[int, int, int], dict[int, np.ndarray]] | None = None

    @property
    def prefix(self) -> np.ndarray:
        """Running sums of the sentence vectors (row k: sentences 0..k-1), made on first use:
        pooled spans do not need them."""
        if self._prefix is None:
            vectors = self.vectors
            self._prefix = np.zeros((len(vectors) + 1, vectors.shape[1]), dtype=np.float32)
            np.cumsum(vectors, axis=0, out=self._prefix[1:])
        return self._prefix

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

    def of_spans(self, start: np.ndarray, stop: np.ndarray) -> np.ndarray:
        """Vectors of the spans ``start[k]..stop[k]`` (any sizes >= 1), one look-up per size."""
        start, stop = np.asarray(start), np.asarray(stop)
        out = np.zeros((len(start), self.vectors.shape[1]), dtype=np.float32)
        size = stop - start
        for s in np.unique(size):
            rows = np.flatnonzero(size == s)
            out[rows] = self.spans(stop[rows], int(s))
        return out

    def _pooled_spans(self, ends: np.ndarray, size: int) -> np.ndarray:
        if self.largest_table is not None and size > self.largest_table:
            return self._window_spans(ends, size)
        if size not in self._pooled:
            every = range(2, (self.largest_table or size) + 1)  # all the search will ask for
            sizes = list(every) if size in every else [size]
            self._pooled.update(self.parts.span_tables(sizes))
        return _rows_ending(self._pooled[size], ends, first=size)

    def _window_spans(self, ends: np.ndarray, size: int) -> np.ndarray:
        assert self.largest_table is not None
        key = (int(ends[0]), int(ends[-1]), len(ends)) if len(ends) else (0, 0, 0)
        if self._window is None or self._window[0] != key or size not in self._window[1]:
            sizes = list(range(self.largest_table + 1, max(size, self.largest_span) + 1))
            self._window = (
                key,
                dict(zip(sizes, self.parts.spans_ending(ends, sizes), strict=True)),
            )
        return self._window[1][size]


def _rows_ending(table: Any, ends: np.ndarray, first: int = 1) -> np.ndarray:
    """``table[end - 1]`` for each end, zero rows where ``end`` is not in ``first..len``
    (``table``: an array, or clause vectors made when read: ``embed.sentence_parts``)."""
    ends = np.asarray(ends)
    if not isinstance(table, np.ndarray):
        return table.rows_ending(ends, first)
    out = np.zeros((len(ends), table.shape[1]), dtype=np.float32)
    if not len(ends):
        return out
    e0, e1 = int(ends[0]), int(ends[-1])
    if e1 - e0 == len(ends) - 1 and bool((np.diff(ends) == 1).all()):
        # a run of consecutive ends (every caller's case): one slice, no gather
        a, b = max(e0, first), min(e1, len(table))
        if a <= b:
            out[a - e0 : b - e0 + 1] = table[a - 1 : b]
        return out
    ok = (ends >= first) & (ends <= len(table))
    out[ok] = table[ends[ok] - 1]
    return out


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
        length_ratio: float | np.ndarray,
        margin_k: int = 4,
        neighbours: bool = True,
        src_signals: TextSignals | None = None,
        tgt_signals: TextSignals | None = None,
        src_edges: tuple[Any, Any] | None = None,
        tgt_edges: tuple[Any, Any] | None = None,
        src_mean_len: np.ndarray | None = None,
        tgt_mean_len: np.ndarray | None = None,
    ) -> None:
        """``length_ratio``: target/source characters, one figure or one per lattice row
        (``local.length_ratio``); ``*_mean_len``: each sentence's usual length around it
        (``local.mean_length``; default the block's mean)."""
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
        # one more entry, read by the links that would start past the text's end
        self.src_anaphor = np.append(ss.anaphors, 0.0)
        self.tgt_anaphor = np.append(ts.anaphors, 0.0)
        self.src_cum, self.tgt_cum = _prefix(src_len), _prefix(tgt_len)
        self.length_ratio = np.broadcast_to(
            np.asarray(length_ratio, dtype=np.float64), (band.n + 1,)
        )
        self.src_rel_len = np.log(
            src_len / (src_len.mean() if src_mean_len is None else src_mean_len)
        )
        self.tgt_rel_len = np.log(
            tgt_len / (tgt_len.mean() if tgt_mean_len is None else tgt_mean_len)
        )
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

    def _chunks(self, window: tuple[int, int, int, int] | None = None):
        """Chunks of band rows; with ``window=(i0, i1, j0, j1)`` only the cells of rows
        ``i0..i1`` and columns ``j0..j1`` (the others stay outside ``ok``)."""
        band = self.band
        cols = np.arange(band.width)
        first, stop, j_lo, j_hi = 0, band.n + 1, 0, band.m
        if window is not None:
            first, stop, j_lo, j_hi = window[0], window[1] + 1, window[2], window[3]
        for r0 in range(first, stop, ROW_CHUNK):
            rows = np.arange(r0, min(stop, r0 + ROW_CHUNK))
            j = band.lo[rows][:, None] + cols[None, :]
            ok = j <= np.minimum(band.hi[rows], j_hi)[:, None]
            jmin = max(j_lo, int(band.lo[rows].min()))
            jmax = min(j_hi, int(band.hi[rows].max()))
            if jmax < jmin:
                continue
            if j_lo > 0:
                ok &= j >= j_lo
            yield rows, j, ok, np.arange(jmin, jmax + 1), jmin

    def _link_features(self, chunk: _Chunk, a: int, b: int, full: bool = True) -> np.ndarray:
        """Features (F, rows, width) of the ``(a, b)`` links ending at the chunk's cells."""
        n, m = self.band.n, self.band.m
        rows, j = chunk.rows, chunk.j
        F = np.zeros((len(FEATURES), *j.shape))
        # every feature is a look-up in a few small per-chunk matrices (``_Chunk``): the same
        # sentence-vs-sentence and span-vs-sentence products serve every shape
        cos = chunk.spans_x_spans(a, b)
        F[0] = cos
        if not full:
            return F
        if (a > 1 and self.src.real) or (b > 1 and self.tgt.real):
            # real embeddings of merged spans, where known: how much they raise the cosine
            real = self.src.spans(rows, a) @ self.tgt.spans(chunk.span_ends, b).T
            F[13] = np.take_along_axis(real, chunk.cidx, axis=1) - cos
        F[1] = cos * (a + b - 2)
        member = cos
        if a > 1:
            for u in range(a):
                member = np.minimum(member, chunk.sent_x_span(b, -a + u + 1, 0))
        if b > 1:
            for v in range(b):
                member = np.minimum(member, chunk.span_x_sent(a, -b + v + 1))
        F[2] = member
        i0 = _clip(rows - a, 0, n)
        jc = _clip(j, 0, m)
        j0 = _clip(j - b, 0, m)
        ls = (self.src_cum[rows] - self.src_cum[i0])[:, None]
        lt = self.tgt_cum[jc] - self.tgt_cum[j0]
        dev = np.log((lt + 10.0) / (self.length_ratio[rows][:, None] * ls + 10.0))
        F[3] = dev * dev
        ms = (self.src_knn_cum[rows] - self.src_knn_cum[i0])[:, None] / a
        mt = (self.tgt_knn_cum[jc] - self.tgt_knn_cum[j0]) / b
        F[4] = (ms + mt) / 2
        F[5] = a + b - 2
        F[_SHAPE_FEATURE.get((a, b), 12)] = 1.0
        F[_INDEX["pull_src"]], F[_INDEX["pull_tgt"]] = self._pulls(chunk, a, b)
        if chunk.has_edges:
            self._clause_pulls(F, chunk, a, b)
        for k, (cs, ct) in enumerate(self.signal_cum):
            diff = (cs[rows] - cs[i0])[:, None] - (ct[jc] - ct[j0])
            F[_INDEX["quote_diff"] + k] = np.minimum(np.abs(diff), 2.0)
        F[_INDEX["anaphor_diff"]] = np.abs(self.src_anaphor[i0][:, None] - self.tgt_anaphor[j0])
        return F

    @staticmethod
    def _clause_pulls(F, chunk: _Chunk, a: int, b: int) -> None:
        """Edge sentences against the clauses on both sides of the boundary they sit at.

        The first target sentence of a link should render the head clause of the link's first
        source sentence, not the tail clause of the sentence before it (and so on for the other
        three edges). Clause vectors are sharp where whole-sentence vectors of long literary
        sentences are diluted.
        """
        look = chunk.look
        # target edges (first: j - b + 1, last: j) vs source clauses
        own_f = look("s_head", -a + 1, -b + 1)
        prev_tail = look("s_tail", -a, -b + 1)
        own_l = look("s_tail", 0, 0)
        next_head = look("s_head", 1, 0)
        pull_t = np.maximum(prev_tail - own_f, 0.0) + np.maximum(next_head - own_l, 0.0)
        # source edges (first: i - a + 1, last: i) vs target clauses
        own_fs = look("t_head", -a + 1, -b + 1)
        prev_tail_t = look("t_tail", -a + 1, -b)
        own_ls = look("t_tail", 0, 0)
        next_head_t = look("t_head", 0, 1)
        pull_s = np.maximum(prev_tail_t - own_fs, 0.0) + np.maximum(next_head_t - own_ls, 0.0)
        F[_INDEX["cpull_src"]] = pull_s
        F[_INDEX["cpull_tgt"]] = pull_t
        F[_INDEX["edge_fit"]] = (own_f + own_l + own_fs + own_ls) / 4

    @staticmethod
    def _pulls(chunk: _Chunk, a: int, b: int) -> tuple[np.ndarray, np.ndarray]:
        """How much the link's edge sentences prefer the sentence just across the boundary.

        The summed vector of a merged side barely moves when one sentence too many or too few
        is included, so a boundary one sentence off scores almost as well as the right one.
        Comparing each edge sentence with the neighbour across its boundary (a 1-1 cosine)
        against the link's own other side tells the two apart: ``relu(neighbour - own)`` for
        the first and last sentence of each side, summed per side.
        """
        look = chunk.look
        pull_tgt = np.maximum(look("sent", -a, -b + 1) - chunk.span_x_sent(a, -b + 1), 0.0)
        pull_tgt += np.maximum(look("sent", 1, 0) - chunk.span_x_sent(a, 0), 0.0)
        pull_src = np.maximum(look("sent", -a + 1, -b) - chunk.sent_x_span(b, -a + 1, 0), 0.0)
        pull_src += np.maximum(look("sent", 0, 1) - chunk.sent_x_span(b, 0, 0), 0.0)
        return pull_src, pull_tgt

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
        self,
        shapes: list[tuple[int, int]],
        weights: np.ndarray,
        keep_features: bool = False,
        window: tuple[int, int, int, int] | None = None,
    ) -> tuple[np.ndarray, np.ndarray | None]:
        """``scores[i, k, c]``: value of a ``shapes[k]`` link ending at ``(i, lo[i] + c)``.

        With ``window=(i0, i1, j0, j1)`` only the links ending in rows ``i0..i1`` and columns
        ``j0..j1`` (others ``NEG``), as ``scores[i - i0]``.
        With ``keep_features`` also returns the features ``[i, k, c, f]`` (training only: it is
        F times the memory).
        """
        band = self.band
        width = band.width
        first, last = (window[0], window[1]) if window is not None else (0, band.n)
        scores = np.full((last - first + 1, len(shapes), width), NEG, dtype=np.float32)
        feats = (
            np.zeros((last - first + 1, len(shapes), width, len(FEATURES)), dtype=np.float32)
            if keep_features
            else None
        )
        # only the cosine is needed when every other link feature weighs nothing (first pass)
        full = bool(np.any(weights[1 : len(LINK_FEATURES)]))
        reach_a = max(a for a, _ in shapes)
        reach_b = max(b for _, b in shapes)
        for rows, j, ok, span_ends, jmin in self._chunks(window):
            chunk = _Chunk(self, rows, j, span_ends, jmin, reach_a, reach_b)
            for k, (a, b) in enumerate(shapes):
                if feats is None and (a > band.n or b > band.m):
                    continue  # no such link fits in the block: its values stay NEG
                valid = ok & (rows[:, None] - a >= 0) & (j - b >= 0)
                if b == 0:
                    F = self._null_src_features(rows, width)
                else:
                    F = self._link_features(chunk, a, b, full)
                val = np.tensordot(weights, F, axes=1)
                scores[rows - first, k, :] = np.where(valid, val, NEG)
                if feats is not None:
                    feats[rows - first, k] = np.moveaxis(F, 0, -1)
        return scores, feats


class _Chunk:
    """The small matrices every link shape of one chunk of band rows reads its features from.

    Source "ends" ``e`` (the sentence ``e - 1``) run from ``rows[0] - reach_a`` to
    ``rows[-1] + 1`` and target ends from ``jmin - reach_b`` to ``jmax + 1``: every sentence a
    link ending in this chunk, or a neighbour across its boundary, can touch. An end outside the
    text gives a zero vector (cosine 0), as ``SpanVectors.spans`` does. Products are computed on
    first use and kept, so a matrix shared by many shapes is multiplied once per chunk (the
    scorer's time was mostly repeated one-sentence look-ups before).
    """

    def __init__(self, scorer: LinkScorer, rows, j, span_ends, jmin, reach_a, reach_b) -> None:
        self.scorer, self.rows, self.j = scorer, rows, j
        self.span_ends, self.jmin = span_ends, jmin
        self.cidx = _clip(j - jmin, 0, len(span_ends) - 1)
        self.s_base = int(rows[0]) - reach_a
        self.s_ends = np.arange(self.s_base, int(rows[-1]) + 2)
        self.t_base = jmin - reach_b
        self.t_ends = np.arange(self.t_base, int(span_ends[-1]) + 2)
        self.has_edges = scorer.src_edges is not None and scorer.tgt_edges is not None
        self._cache: dict[Any, np.ndarray] = {}

    def _get(self, key, make) -> np.ndarray:
        found = self._cache.get(key)
        if found is None:
            found = self._cache[key] = make()
        return found

    def _src_sentences(self) -> np.ndarray:
        return self._get("S1", lambda: self.scorer.src.spans(self.s_ends, 1))

    def _tgt_sentences(self) -> np.ndarray:
        return self._get("T1", lambda: self.scorer.tgt.spans(self.t_ends, 1))

    def _matrix(self, name: str) -> np.ndarray:
        """Sentence (or clause) vs sentence (or clause) cosines over the chunk's ends."""

        def make() -> np.ndarray:
            sc = self.scorer
            if name == "sent":
                return self._src_sentences() @ self._tgt_sentences().T
            assert sc.src_edges is not None and sc.tgt_edges is not None
            if name.startswith("s_"):
                head, tail = sc.src_edges
                table = head if name == "s_head" else tail
                return _rows_ending(table, self.s_ends) @ self._tgt_sentences().T
            head, tail = sc.tgt_edges
            table = head if name == "t_head" else tail
            return self._src_sentences() @ _rows_ending(table, self.t_ends).T

        return self._get(name, make)

    def _row_index(self, shift: int) -> np.ndarray:
        return (self.rows + shift - self.s_base)[:, None]

    def _col_index(self, shift: int) -> np.ndarray:
        return _clip(self.j + shift - self.t_base, 0, len(self.t_ends) - 1)

    def look(self, name: str, row_shift: int, col_shift: int) -> np.ndarray:
        """``M[end i + row_shift, end j + col_shift]`` for every cell ``(i, j)`` of the chunk."""
        return self._matrix(name)[self._row_index(row_shift), self._col_index(col_shift)]

    def spans_x_spans(self, a: int, b: int) -> np.ndarray:
        """Cosine of the ``a`` source sentences ending at ``i`` and ``b`` target ending at ``j``."""

        def make() -> np.ndarray:
            product = self._src_spans(a) @ self._tgt_spans(b).T
            return np.take_along_axis(product, self.cidx, axis=1)

        return self._get(("ab", a, b), make)

    def _src_spans(self, a: int) -> np.ndarray:
        return self._get(("S", a), lambda: self.scorer.src.spans(self.rows, a, real=False))

    def _tgt_spans(self, b: int) -> np.ndarray:
        return self._get(("T", b), lambda: self.scorer.tgt.spans(self.span_ends, b, real=False))

    def span_x_sent(self, a: int, col_shift: int) -> np.ndarray:
        """Source span of ``a`` ending at ``i`` vs the target sentence ending at ``j + shift``."""
        table = self._get(("aT", a), lambda: self._src_spans(a) @ self._tgt_sentences().T)
        return table[np.arange(len(self.rows))[:, None], self._col_index(col_shift)]

    def sent_x_span(self, b: int, row_shift: int, col_shift: int) -> np.ndarray:
        """Source sentence ending at ``i + row_shift`` vs the target span of ``b`` ending at
        ``j + col_shift``."""
        table = self._get(("Sb", b), lambda: self._src_sentences() @ self._tgt_spans(b).T)
        cols = _clip(self.j + col_shift - self.jmin, 0, len(self.span_ends) - 1)
        return table[self._row_index(row_shift), cols]
