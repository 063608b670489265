"""Text pasted twice: a run of sentences repeated at once, on one side only.

A heading, a date line or a paragraph pasted twice into a draft is an addition the translator
wants to see. The embedding cannot tell the two copies apart, so the search is free to link
either and to fold the other into a neighbouring link, where it disappears (political: a speech's
title and date, repeated in the translation, became one 1-3 link with the speech's first
sentence, which contains the title's words). So the first copy of such a run is left unlinked
and reported as a 0-1 (or 1-0) link; the second copy, the one next to what follows, is aligned.

A repetition the other side shares (a refrain, "Go. Go." for "走吧。走吧。") is the text, not a
paste: a run is only marked when the other side repeats nothing within the search band.
"""

from __future__ import annotations

from collections.abc import Sequence
from unicodedata import east_asian_width

import numpy as np

from .search import NEG, Band

#: longest run of sentences looked for (a heading, its date line and a byline)
MAX_RUN = 3


def _width(text: str) -> int:
    """Characters, a CJK one counting as two: 通往递归自我改进的漫长道路 (13 characters) says
    as much as "The Long Road to Recursive Self-Improvement" (43)."""
    return sum(2 if east_asian_width(c) in "WF" else 1 for c in text)


def first_copies(texts: Sequence[str], min_chars: int) -> np.ndarray:
    """Mask of the sentences that are the first copy of a run of 1-``MAX_RUN`` sentences
    repeated immediately (whitespace aside) and holding at least ``min_chars`` characters
    (a CJK character counts as two)."""
    norm = [" ".join(t.split()) for t in texts]
    mark = np.zeros(len(norm), dtype=bool)
    k = 0
    while k < len(norm):
        for run in range(MAX_RUN, 0, -1):
            copy = norm[k : k + run]
            if (
                k + 2 * run <= len(norm)
                and copy == norm[k + run : k + 2 * run]
                and sum(map(_width, copy)) >= min_chars
            ):
                mark[k : k + run] = True
                k += run
                break
        else:
            k += 1
    return mark


def _unanswered(src: np.ndarray, tgt: np.ndarray, band: Band) -> tuple[np.ndarray, np.ndarray]:
    """The marks of each side with no mark of the other side within the band."""
    tgt_cum = np.concatenate([[0], np.cumsum(tgt)])
    rows = np.flatnonzero(src)
    lo = np.clip(band.lo[rows], 0, band.m)
    hi = np.clip(band.hi[rows + 1], 0, band.m)
    answered = tgt_cum[hi] - tgt_cum[lo] > 0
    src_out, tgt_out = src.copy(), tgt.copy()
    src_out[rows[answered]] = False
    for q in rows[answered]:
        tgt_out[band.lo[q] : band.hi[q + 1]] = False
    return src_out, tgt_out


def leave_unlinked(
    band: Band,
    shapes: list[tuple[int, int]],
    scores: np.ndarray,
    skip_tgt: np.ndarray,
    src_mask: np.ndarray,
    tgt_mask: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """Change ``scores`` and ``skip_tgt`` (``search.best_path``'s inputs) in place so that the
    masked sentences are never linked and leaving them unlinked costs nothing. Returns the
    masks actually applied (marks the other side answers within the band dropped)."""
    src_mask, tgt_mask = _unanswered(src_mask, tgt_mask, band)
    if not src_mask.any() and not tgt_mask.any():
        return src_mask, tgt_mask
    n, m = band.n, band.m
    src_cum = np.concatenate([[0], np.cumsum(src_mask)])
    tgt_cum = np.concatenate([[0], np.cumsum(tgt_mask)])
    rows = np.arange(n + 1)
    ends = np.clip(band.lo[:, None] + np.arange(band.width)[None, :], 0, m)
    for k, (a, b) in enumerate(shapes):
        holds_src = (src_cum[rows] - src_cum[np.clip(rows - a, 0, n)] > 0)[:, None]
        view = scores[:, k, :]
        if b == 0:  # (1, 0): source sentence ``row - 1`` left unlinked
            held = holds_src[:, 0]
            view[held] = np.where(view[held] > NEG / 2, np.maximum(view[held], 0.0), NEG)
            continue
        holds_tgt = tgt_cum[ends] - tgt_cum[np.clip(ends - b, 0, m)] > 0
        view[holds_src | holds_tgt] = NEG
    skip_tgt[tgt_mask] = np.maximum(skip_tgt[tgt_mask], 0.0)
    return src_mask, tgt_mask
