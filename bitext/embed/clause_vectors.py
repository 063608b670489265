"""One side's clause vectors made when read (``SentenceParts.lazy_clause_vectors``).

The aligner's scorer compares each link's edge sentences with the head and tail clauses across
its boundaries; held for a whole document those are two vectors a sentence (4 KB). Made a
block at a time, in the very head calls ``SentenceParts.clause_vectors`` makes, they cost a
bounded few blocks and give the same bytes.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .parts import (
    C_BOS,
    C_EOS,
    C_N_HEAD,
    C_N_TAIL,
    CL_HEAD,
    CL_TAIL,
    DIM,
    FINISH_ROWS,
    gather_blocked,
)


class ClauseVectors:
    """One side's head (or tail) clause vectors, made a block at a time when read.

    What the aligner's scorer reads of ``SentenceParts.clause_vectors``, without holding two
    vectors a sentence for the whole document: a sentence of one clause gives its own sentence
    vector; the others are finished in the blocks of ``FINISH_ROWS`` split sentences that
    ``clause_vectors`` would finish them in (so the same bytes), the last two blocks kept
    (the scorer reads the document in order). Slicing gives a view that shares the blocks, so
    a paragraph block sees the numbers the whole side would give.
    """

    def __init__(
        self,
        parts: Any,
        sentences: np.ndarray,
        head: bool,
        start: int = 0,
        stop: int | None = None,
        blocks: dict[int, np.ndarray] | None = None,
    ) -> None:
        self.parts, self.sentences, self.head = parts, sentences, head
        self.start = start
        self.stop = len(sentences) if stop is None else stop
        self._blocks: dict[int, np.ndarray] = {} if blocks is None else blocks

    def __len__(self) -> int:
        return self.stop - self.start

    @property
    def shape(self) -> tuple[int, int]:
        return len(self), DIM

    def __getitem__(self, key: Any) -> Any:
        if isinstance(key, slice):
            a, b, step = key.indices(len(self))
            if step != 1:
                raise ValueError("clause vectors slice with step 1 only")
            return ClauseVectors(
                self.parts, self.sentences, self.head, self.start + a, self.start + b, self._blocks
            )
        rows = np.arange(len(self))[key]
        return self.take(np.atleast_1d(rows)).reshape(*np.shape(rows), DIM)

    def take(self, rows: np.ndarray) -> np.ndarray:
        """The vectors of ``rows`` (indices into this view)."""
        where = np.asarray(rows, dtype=np.int64) + self.start
        consecutive = len(where) and where[-1] - where[0] == len(where) - 1
        if consecutive and (len(where) == 1 or bool((np.diff(where) == 1).all())):
            return self._run(int(where[0]), int(where[-1]) + 1)
        out = self.sentences[where]  # a copy: fancy indexing
        split = self.parts.split
        if len(split):
            at = np.minimum(np.searchsorted(split, where), len(split) - 1)
            has = split[at] == where
            if has.any():
                out[has] = self._clauses(at[has])
        return out

    def rows_ending(self, ends: np.ndarray, first: int = 1) -> np.ndarray:
        """Row ``end - 1`` for each of ``ends``, zero where ``end`` is not in ``first..len``
        (``scoring._rows_ending`` for this table)."""
        ends = np.asarray(ends)
        out = np.zeros((len(ends), DIM), dtype=np.float32)
        ok = (ends >= first) & (ends <= len(self))
        if ok.any():
            out[ok] = self.take(ends[ok] - 1)
        return out

    def _run(self, a: int, b: int) -> np.ndarray:
        """The vectors of the consecutive rows ``a..b - 1`` of the side (the scorer's case)."""
        out = self.sentences[a:b].copy()
        split = self.parts.split
        lo, hi = (int(x) for x in np.searchsorted(split, [a, b]))
        while lo < hi:  # the split sentences among them, a block at a time
            blk = lo // FINISH_ROWS
            end = min(hi, (blk + 1) * FINISH_ROWS)
            table = self._block(blk)
            out[split[lo:end] - a] = table[lo - blk * FINISH_ROWS : end - blk * FINISH_ROWS]
            lo = end
        return out

    def _clauses(self, at: np.ndarray) -> np.ndarray:
        """Clause vectors of the split sentences ``parts.split[at]``."""
        return gather_blocked(at, FINISH_ROWS, self._block, np.float32)

    def _block(self, b: int) -> np.ndarray:
        found = self._blocks.get(b)
        if found is None:
            p = self.parts
            c, cl = p.core, p.clauses
            s = p.split[b * FINISH_ROWS : (b + 1) * FINISH_ROWS]
            part, count = (CL_HEAD, C_N_HEAD) if self.head else (CL_TAIL, C_N_TAIL)
            ends = c[s, C_BOS] + c[s, C_EOS]
            piece = cl[b * FINISH_ROWS : (b + 1) * FINISH_ROWS, part]
            found = p.model.finish(ends + piece, c[s, count] + 2)
            while len(self._blocks) >= 2:  # keep the last two blocks made
                del self._blocks[next(iter(self._blocks))]
            self._blocks[b] = found
        return found
