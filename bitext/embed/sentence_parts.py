"""``SentenceParts``: the parts of a list of sentences (``embed.parts``), held compactly.

Why a module of its own: the aligner keeps every sentence's parts for the whole document (span
vectors, clause vectors and clause moves are all made from them), so their layout decides most
of its memory. A parts row is ``WIDTH`` floats (10.3 KB), but HEAD and TAIL differ from INNER
only for a sentence with a clause split, and nothing reads them for the others. So the parts
are held as

* ``core``: one row per sentence of ``PACKED_WIDTH`` floats (6.2 KB): BOS, EOS, INNER and the
  three token counts (the layout ``parts.pack_row`` stores one-clause sentences in);
* ``clauses``: HEAD and TAIL (4 KB) only for the sentences with a split, in order (``split``
  holds their indices);

and the running sums of INNER that every span needs (``_pooled``) are not kept for the whole
document (8 bytes x 512 a sentence: 4 KB) but made a block of ``_CUM_ROWS`` rows at a time from
a checkpoint per block, accumulated in the same order as one ``np.cumsum`` over all rows, so the
sums are the same bytes (``tests/test_embed_parts.py`` checks it). A fully cached run never
builds a full row: the cache decodes its blobs straight into this layout.

The MLP head is given at most ``parts.FINISH_ROWS`` rows at a time (``_finish_blocks``), so its
scratch arrays are bounded whatever the document's length.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from .parts import (
    BOS,
    C_BOS,
    C_EOS,
    C_INNER,
    C_N_HEAD,
    C_N_INNER,
    C_N_TAIL,
    CL_HEAD,
    CL_TAIL,
    CORE_WIDTH,
    DIM,
    EOS,
    FINISH_ROWS,
    HEAD,
    INNER,
    N_HEAD,
    N_INNER,
    PACKED_WIDTH,
    TAIL,
    WIDTH,
    gather_blocked,
)

#: rows of running sums made at once from a block's checkpoint (2 MB of float64 a block)...
_CUM_ROWS = 512
#: ... and blocks kept (the spans of ``spans_ending`` and ``crossing_vectors`` are asked for
#: in order; ``span_tables`` reads one stretch of its own)
_CUM_KEEP = 3

Pooled = tuple[np.ndarray, np.ndarray]


def core_of(rows: np.ndarray) -> np.ndarray:
    """The ``core`` columns of full parts rows (a copy)."""
    out = np.empty((len(rows), CORE_WIDTH), dtype=np.float32)
    out[:, C_BOS], out[:, C_EOS], out[:, C_INNER] = rows[:, BOS], rows[:, EOS], rows[:, INNER]
    out[:, C_N_INNER:] = rows[:, N_INNER:]
    return out


def clauses_of(rows: np.ndarray) -> np.ndarray:
    """HEAD and TAIL of full parts rows, side by side (a copy)."""
    return np.ascontiguousarray(rows[:, HEAD.start : TAIL.stop], dtype=np.float32)


def take_blob(
    core: np.ndarray, clauses: dict[int, np.ndarray], positions: list[int], blob: bytes
) -> bool:
    """Put a stored row (``parts.pack_row``) at ``positions``: its core columns into ``core``,
    its HEAD and TAIL into ``clauses`` when it has a clause split. False for a blob of another
    size (a damaged row: the caller embeds the sentence again)."""
    if len(blob) == 4 * PACKED_WIDTH:
        core[positions] = np.frombuffer(blob, dtype="<f4")
        return True
    if len(blob) != 4 * WIDTH:
        return False
    row = np.frombuffer(blob, dtype="<f4")
    core[positions] = core_of(row[None])[0]
    if row[N_HEAD] < row[N_INNER]:
        piece = row[HEAD.start : TAIL.stop].astype(np.float32)
        for p in positions:
            clauses[p] = piece
    return True


class SentenceParts:
    """Parts of a list of sentences and the head that finishes them (see the module docstring).

    ``SentenceParts(rows, model)`` takes full rows (``PartsModel.encode_parts``' output);
    ``SentenceParts.of(core, split, clauses, model)`` the compact layout itself."""

    def __init__(self, rows: np.ndarray, model: Any) -> None:
        rows = np.asarray(rows, dtype=np.float32).reshape(-1, WIDTH)
        split = np.flatnonzero(rows[:, N_HEAD] < rows[:, N_INNER])
        self._set(core_of(rows), split, clauses_of(rows[split]), model)

    @classmethod
    def of(
        cls, core: np.ndarray, split: np.ndarray, clauses: np.ndarray, model: Any
    ) -> SentenceParts:
        """Parts from the compact layout: ``clauses[k]`` belongs to sentence ``split[k]``."""
        parts = cls.__new__(cls)
        parts._set(core, split, clauses, model)
        return parts

    @staticmethod
    def empty_core(n: int) -> np.ndarray:
        """An uninitialised ``core`` for ``n`` sentences (``take_blob`` fills it)."""
        return np.empty((n, CORE_WIDTH), dtype=np.float32)

    @classmethod
    def from_taken(
        cls, core: np.ndarray, clauses: dict[int, np.ndarray], model: Any
    ) -> SentenceParts:
        """Parts from a ``core`` and the ``clauses`` that ``take_blob`` filled."""
        split = np.array(sorted(clauses), dtype=np.int64)
        rows = [clauses[int(p)] for p in split]
        table = np.stack(rows) if rows else np.zeros((0, 2 * DIM), dtype=np.float32)
        return cls.of(core, split, table, model)

    def _set(self, core: np.ndarray, split: np.ndarray, clauses: np.ndarray, model: Any) -> None:
        self.core = core
        self.split = np.asarray(split, dtype=np.int64)
        self.clauses = clauses.reshape(-1, 2 * DIM)
        self.model = model
        #: running sums of INNER at each block's first row (checkpoint k: rows 0..k*R-1)
        self._starts: list[np.ndarray] = [np.zeros(DIM, dtype=np.float64)]
        self._blocks: dict[int, np.ndarray] = {}
        self._count: np.ndarray | None = None

    def __len__(self) -> int:
        return len(self.core)

    @property
    def rows(self) -> np.ndarray:
        """Full parts rows (HEAD = TAIL = INNER for a sentence of one clause), made anew."""
        core = self.core
        out = np.empty((len(core), WIDTH), dtype=np.float32)
        out[:, BOS], out[:, EOS], out[:, INNER] = core[:, C_BOS], core[:, C_EOS], core[:, C_INNER]
        out[:, HEAD] = out[:, TAIL] = core[:, C_INNER]
        out[:, N_INNER:] = core[:, C_N_INNER:]
        out[self.split, HEAD.start : TAIL.stop] = self.clauses
        return out

    def slice(self, start: int, stop: int) -> SentenceParts:
        """Sentences ``start..stop - 1`` (views; their running sums start at ``start``)."""
        lo, hi = np.searchsorted(self.split, [start, stop])
        return SentenceParts.of(
            self.core[start:stop], self.split[lo:hi] - start, self.clauses[lo:hi], self.model
        )

    def _finish_blocks(
        self,
        n: int,
        make: Callable[[int, int], Pooled],
        few: bool = False,
        out: np.ndarray | None = None,
    ) -> np.ndarray:
        """``model.finish`` of ``n`` pooled rows made ``FINISH_ROWS`` at a time by
        ``make(a, b)`` (into ``out`` when given): the same calls ``finish`` makes of all rows
        at once, without holding every row's pooled sums."""
        if out is None:
            out = np.empty((n, DIM), dtype=np.float32)
        for a in range(0, n, FINISH_ROWS):
            b = min(n, a + FINISH_ROWS)
            out[a:b] = self.model.finish(*make(a, b), few=few)
        return out

    def sentence_vectors(self) -> np.ndarray:
        c = self.core

        def make(a: int, b: int) -> Pooled:
            return c[a:b, C_BOS] + c[a:b, C_INNER] + c[a:b, C_EOS], c[a:b, C_N_INNER] + 2

        return self._finish_blocks(len(c), make)

    def clause_vectors(self, sentences: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
        """(head, tail) clause vectors, each with the sentence's BOS and EOS tokens.

        A sentence of one clause has head = tail = the sentence itself: only sentences with a
        clause split go through the MLP head again (``sentences``, when given, are this object's
        ``sentence_vectors()``, saving their recomputation)."""
        if sentences is None:
            sentences = self.sentence_vectors()
        head, tail = sentences.copy(), sentences.copy()
        split, c, cl = self.split, self.core, self.clauses
        if len(split):
            for table, part, count in ((head, CL_HEAD, C_N_HEAD), (tail, CL_TAIL, C_N_TAIL)):

                def make(a: int, b: int, part: slice = part, count: int = count) -> Pooled:
                    s = split[a:b]
                    ends = c[s, C_BOS] + c[s, C_EOS]
                    return ends + cl[a:b, part], c[s, count] + 2

                table[split] = self._finish_blocks(len(split), make)
        return head, tail

    def lazy_clause_vectors(self, sentences: np.ndarray) -> tuple[Any, Any]:
        """``clause_vectors(sentences)`` as ``clause_vectors.ClauseVectors``: the same
        numbers, made when read, a block at a time."""
        from .clause_vectors import ClauseVectors

        return ClauseVectors(self, sentences, True), ClauseVectors(self, sentences, False)

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
        c = self.core
        first, last, end = (np.asarray(x, dtype=np.int64) for x in (first, last, end))
        tail = kind in ("body", "carried")
        # which sentence gives the clause: the tail of ``last`` or the head of ``last + 1``
        owner = last if tail else last + 1
        rows = np.flatnonzero(c[owner, C_N_HEAD] < c[owner, C_N_INNER])
        f, m, e = first[rows], last[rows] + 1, end[rows]
        at = np.searchsorted(self.split, owner[rows])  # their rows of ``clauses``
        piece_cols = CL_TAIL if tail else CL_HEAD
        count_col = C_N_TAIL if tail else C_N_HEAD
        sign = 1.0 if kind in ("carried", "grown") else -1.0  # the clause joins or leaves
        # the first span changed (body, grown) or the second (carried, rest)
        lo, hi = (f, m) if kind in ("body", "grown") else (m, e)

        def make(a: int, b: int) -> Pooled:
            pooled, tokens = self._pooled(lo[a:b], hi[a:b])
            piece = self.clauses[at[a:b], piece_cols]
            n_piece = c[owner[rows[a:b]], count_col]
            return pooled + sign * piece, tokens + sign * n_piece

        return rows, self._finish_blocks(len(rows), make)

    def span_vectors(self, size: int) -> np.ndarray:
        """Vectors of the runs of ``size`` consecutive sentences ending at each sentence
        (row k: sentences k-size+1 .. k; rows before size-1 are zero)."""
        return self.span_tables([size])[size]

    def span_tables(self, sizes: Sequence[int]) -> dict[int, np.ndarray]:
        """``span_vectors(size)`` for each of ``sizes``, made together: the head blocks of all
        sizes at one place read one stretch of running sums, made once."""
        n = len(self)
        out = {size: np.zeros((n, DIM), dtype=np.float32) for size in sizes}
        fits = [size for size in sizes if size <= n]
        if not fits:
            return out
        c, count = self.core, self._counts()
        for a in range(0, n - min(fits) + 1, FINISH_ROWS):
            # ends (last sentences) of block ``a`` of each size: size - 1 + a .. + FINISH_ROWS
            lo, hi = a, min(n, a + FINISH_ROWS + max(fits))
            sums = self._cum_range(lo, hi)
            for size in fits:
                # spans start..stop - 1 for stop = s0..s1 - 1 (consecutive: slices, no gathers)
                s0, s1 = size + a, min(n, size + a + FINISH_ROWS - 1) + 1
                if s1 <= s0:
                    continue
                pooled = (sums[s0 - lo : s1 - lo] - sums[s0 - size - lo : s1 - size - lo]).astype(
                    np.float32
                )
                pooled += c[s0 - size : s1 - size, C_BOS] + c[s0 - 1 : s1 - 1, C_EOS]
                tokens = count[s0:s1] - count[s0 - size : s1 - size] + 2
                out[size][s0 - 1 : s1 - 1] = self.model.finish(pooled, tokens)
        return out

    def spans_ending(self, ends: np.ndarray, sizes: Sequence[int]) -> list[np.ndarray]:
        """For each of ``sizes``, the vectors of the runs of that many sentences ending before
        each of ``ends`` (``end - size .. end - 1``; zero rows where the run does not fit):
        ``span_vectors`` for a few spans, all sizes in one pass of the model's head (its cost
        is mostly reading the head's weights, whatever the number of rows)."""
        ends = np.asarray(ends)
        picks = [np.flatnonzero((ends >= size) & (ends <= len(self))) for size in sizes]
        out = [np.zeros((len(ends), DIM), dtype=np.float32) for _ in sizes]
        if not sum(len(ok) for ok in picks):
            return out
        start = np.concatenate([ends[ok] - size for ok, size in zip(picks, sizes, strict=True)])
        stop = np.concatenate([ends[ok] for ok in picks])
        vectors = self._finish_blocks(
            len(start), lambda a, b: self._pooled(start[a:b], stop[a:b]), few=True
        )
        at = 0
        for ok, rows in zip(picks, out, strict=True):
            rows[ok] = vectors[at : at + len(ok)]
            at += len(ok)
        return out

    # -- pooled sums ----------------------------------------------------------------------
    def _pooled(self, start: np.ndarray, stop: np.ndarray) -> Pooled:
        """Pooled sums and token counts of the spans ``start..stop - 1``, as the model would
        pool the joined text: every sentence's inner tokens, the first BOS and the last EOS."""
        c = self.core
        start, stop = np.asarray(start, dtype=np.int64), np.asarray(stop, dtype=np.int64)
        sums = self._cum(np.concatenate([stop, start]))
        pooled = (sums[: len(stop)] - sums[len(stop) :]).astype(np.float32)
        pooled += c[start, C_BOS] + c[stop - 1, C_EOS]
        count = self._counts()
        return pooled, count[stop] - count[start] + 2

    def _counts(self) -> np.ndarray:
        """Running sums of the inner-token counts (entry k: sentences 0..k-1)."""
        if self._count is None:
            counts = np.cumsum(self.core[:, C_N_INNER], dtype=np.float64)
            self._count = np.concatenate([[0.0], counts])
        return self._count

    def _cum(self, index: np.ndarray) -> np.ndarray:
        """Running sums of INNER (row k: sentences 0..k-1, float64) at each of ``index``."""
        return gather_blocked(index, _CUM_ROWS, self._cum_block, np.float64)

    def _cum_range(self, lo: int, hi: int) -> np.ndarray:
        """Running sums at rows ``lo..hi`` (inclusive) as one table, from the checkpoint of
        ``lo``'s block."""
        b = lo // _CUM_ROWS
        first = self._cum_block(b)  # also makes the checkpoints up to ``b``
        base = b * _CUM_ROWS
        if hi - base < len(first):
            return first[lo - base : hi - base + 1]
        table = np.empty((hi - base + 1, DIM), dtype=np.float64)
        table[: len(first)] = first
        table[len(first) :] = self.core[base + len(first) - 1 : hi, C_INNER]
        add = np.add
        for k in range(len(first), len(table)):
            add(table[k - 1], table[k], out=table[k])
        return table[lo - base :]

    def _cum_block(self, b: int) -> np.ndarray:
        """Running sums at rows ``b * R .. b * R + R`` (the last block: to the end), from the
        block's checkpoint; the last few blocks made are kept (spans are asked for in order)."""
        found = self._blocks.get(b)
        if found is not None:
            return found
        while len(self._starts) <= b:  # checkpoints are made in order, once
            k = len(self._starts) - 1
            before = self._blocks.get(k)
            if before is None:
                before = self._accumulate(k)
            self._starts.append(before[-1].copy())
        table = self._accumulate(b)
        while len(self._blocks) >= _CUM_KEEP:
            del self._blocks[next(iter(self._blocks))]
        self._blocks[b] = table
        return table

    def _accumulate(self, b: int) -> np.ndarray:
        """One row after the other from the block's checkpoint: the very additions (and so
        the bytes) of one ``np.cumsum(INNER, axis=0, dtype=float64)`` over all rows, ~7x
        faster than ``cumsum`` along axis 0 (which walks the array a column at a time)."""
        a = b * _CUM_ROWS
        inner = self.core[a : a + _CUM_ROWS, C_INNER]
        table = np.empty((len(inner) + 1, DIM), dtype=np.float64)
        table[0] = self._starts[b]
        table[1:] = inner
        add = np.add
        for k in range(1, len(table)):
            add(table[k - 1], table[k], out=table[k])
        return table
