"""Paragraphs first: when both texts keep their paragraphs, align paragraphs, then sentences.

Used only when the segments carry paragraph indices (``Segment.paragraph``, from the splitter)
and both sides have at least ``MIN_PARAGRAPHS`` paragraphs in similar number. Paragraphs are
aligned like sentences in the first pass (1-1, 1-2, 2-1, 1-0, 0-1 on the normalised sum of their
sentence vectors); each paragraph link then becomes a block that sentence links may not cross.

Measured: the gold sets are one sentence per line without paragraphs, so the gain was measured
by cutting them into paragraphs at gold link boundaries (every 6 links); see the README note.
Hand-made cases in tests/test_align_paragraphs.py check the path itself.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from ..document import Segment
from .band import first_pass

#: fewer paragraphs than this on either side: nothing to gain, align the whole text.
MIN_PARAGRAPHS = 2
#: paragraph counts must be at least this close (smaller / larger) to trust the layout.
MIN_COUNT_RATIO = 0.8


def paragraph_ranges(segments: Sequence[Segment]) -> list[tuple[int, int]]:
    """Half-open index ranges of runs of segments sharing a paragraph index."""
    ranges: list[tuple[int, int]] = []
    start = 0
    for i in range(1, len(segments) + 1):
        if i == len(segments) or segments[i].paragraph != segments[start].paragraph:
            ranges.append((start, i))
            start = i
    return ranges


def _paragraph_vectors(vectors: np.ndarray, ranges: list[tuple[int, int]]) -> np.ndarray:
    sums = np.stack([vectors[a:b].sum(axis=0) for a, b in ranges])
    return sums / np.maximum(np.linalg.norm(sums, axis=1, keepdims=True), 1e-12)


def paragraph_blocks(
    src: Sequence[Segment],
    tgt: Sequence[Segment],
    src_vecs: np.ndarray,
    tgt_vecs: np.ndarray,
) -> list[tuple[int, int, int, int]] | None:
    """Blocks from aligned paragraphs, or None when the layout cannot be trusted."""
    if not src or not tgt:
        return None
    src_ranges, tgt_ranges = paragraph_ranges(src), paragraph_ranges(tgt)
    ns, nt = len(src_ranges), len(tgt_ranges)
    if min(ns, nt) < MIN_PARAGRAPHS or min(ns, nt) / max(ns, nt) < MIN_COUNT_RATIO:
        return None
    path = first_pass(
        _paragraph_vectors(src_vecs, src_ranges), _paragraph_vectors(tgt_vecs, tgt_ranges)
    )

    def edge(ranges: list[tuple[int, int]], k: int, total: int) -> int:
        return ranges[k][0] if k < len(ranges) else total

    return [
        (
            edge(src_ranges, i0, len(src)),
            edge(src_ranges, i1, len(src)),
            edge(tgt_ranges, j0, len(tgt)),
            edge(tgt_ranges, j1, len(tgt)),
        )
        for i0, i1, j0, j1 in path
    ]
