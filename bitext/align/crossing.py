"""Two adjacent links that are really one: a clause moved across the sentence boundary.

Translators often carry a clause over a sentence boundary: "A, b. C." becomes "A. B, c.". The
search then prefers two links ("A, b." with "A." and "C." with "B, c." both still fit fairly
well) to the one merged link the gold alignments have: the merged vectors carry no evidence of
the crossing.
After the search, each pair of adjacent links is tested with the model's own clause vectors
(``embed.parts.SentenceParts.crossing_vectors``, built-in encoder only): if moving one clause
across their boundary, on either side and in either direction, raises the cosine of *both*
links by more than ``AlignParams.crossing``, the two become one link. Requiring both links to
gain keeps out a clause that is merely left out of the translation (a speaker tag): dropping it
raises one link only.

Measured on the gold sets (the smaller of the two gains of the best move): for adjacent gold
1-1 links it is under 0.017 in 99% of pairs (mac-dev: at most 0.032); for other adjacent gold
links under 0.03; over the gold merged links (2-2 and larger, best split) its median is
0.06-0.07, and 35 of 47 in mac-dev exceed the default threshold 0.04.

A moved clause can raise both links and still not make them one: a list ("the path, theories
and systems") or a tail both sentences touch on. So the merged link must also fit better, as a
whole, than the better of the two links alone (``AlignParams.crossing_fit``). Over the pairs the
search left apart with a gain above 0.025 on the three gold sets, the merged cosine beats the
better link's by more than 0.05 for 14 of the 17 the gold merges, and for 6 of the 15 it keeps
apart.
"""

from __future__ import annotations

from typing import Any

import numpy as np

Link = tuple[int, int, int, int]
#: adjacent link pairs whose clause moves are measured at once: bounds the span and clause
#: vectors held (~8 KB a pair) on a long document. The gold sets' documents have at most
#: ~1,100 pairs, so each is still measured in one go, as before.
PAIRS_AT_ONCE = 4096


def _rowdot(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return np.einsum("ij,ij->i", a, b)


def crossing_gains(pairs: np.ndarray, src: Any, tgt: Any, threshold: float) -> np.ndarray:
    """Gain of the best clause move for each pair of adjacent links, given as rows
    ``(i0, i1, i2, j0, j1, j2)``: links ``i0..i1 / j0..j1`` and ``i1..i2 / j1..j2``.
    ``src`` and ``tgt`` are the sides' ``scoring.SpanVectors`` with sentence parts.

    Exact where above ``threshold``; elsewhere only known to be at most that (or ``-inf``
    where no clause can move): the second vector of a pairing is made only for the links
    whose first vector gained more than ``threshold``.
    """
    i0, i1, i2, j0, j1, j2 = pairs.T
    s1, s2 = src.of_spans(i0, i1), src.of_spans(i1, i2)
    t1, t2 = tgt.of_spans(j0, j1), tgt.of_spans(j1, j2)
    first, second = _rowdot(s1, t1), _rowdot(s2, t2)
    best = np.full(len(pairs), -np.inf)
    # (side, its first/last/end, the other side's spans, first kind, second kind)
    for side, ends, other, kinds in (
        (src, (i0, i1 - 1, i2), (t1, t2), ("body", "carried")),  # source tail carried forward
        (src, (i0, i1 - 1, i2), (t1, t2), ("grown", "rest")),  # source head pulled back
        (tgt, (j0, j1 - 1, j2), (s1, s2), ("body", "carried")),  # the same on the target side
        (tgt, (j0, j1 - 1, j2), (s1, s2), ("grown", "rest")),
    ):
        rows, vecs = side.parts.crossing_vectors(kinds[0], *ends)
        gain_one = _rowdot(vecs, other[0][rows]) - first[rows]
        keep = gain_one > threshold
        rows, gain_one = rows[keep], gain_one[keep]
        if not len(rows):
            continue
        picked = tuple(e[rows] for e in ends)
        sub, vecs = side.parts.crossing_vectors(kinds[1], *picked)
        rows, gain_one = rows[sub], gain_one[sub]  # the same rows: the same clause exists
        gain_two = _rowdot(vecs, other[1][rows]) - second[rows]
        best[rows] = np.maximum(best[rows], np.minimum(gain_one, gain_two))
    return best


def merged_fit(pairs: np.ndarray, src: Any, tgt: Any) -> np.ndarray:
    """How much better the merged link fits than the better of the two links it would replace
    (cosines; pairs as in ``crossing_gains``)."""
    i0, i1, i2, j0, j1, j2 = pairs.T
    first = _rowdot(src.of_spans(i0, i1), tgt.of_spans(j0, j1))
    second = _rowdot(src.of_spans(i1, i2), tgt.of_spans(j1, j2))
    merged = _rowdot(src.of_spans(i0, i2), tgt.of_spans(j0, j2))
    return merged - np.maximum(first, second)


def merge_crossings(
    path: list[Link],
    src: Any,
    tgt: Any,
    threshold: float,
    max_align: int,
    max_total: int,
    fit: float | None = None,
) -> list[Link]:
    """``path`` with adjacent links whose crossing gain exceeds ``threshold`` made one link
    (best gain first; a link joins at most one pair; the merged link must be a shape the
    search allows and, with ``fit``, beat the better of the two links' cosines by more than
    that)."""
    cand = []
    for k in range(len(path) - 1):
        (i0, i1, j0, j1), (_, i2, _, j2) = path[k], path[k + 1]
        a, b = i2 - i0, j2 - j0
        if (
            i1 > i0
            and j1 > j0
            and i2 > i1
            and j2 > j1
            and max(a, b) <= max_align
            and a + b <= max_total
        ):
            cand.append(k)
    if not cand:
        return path
    pairs = np.array(
        [
            (path[k][0], path[k][1], path[k + 1][1], path[k][2], path[k][3], path[k + 1][3])
            for k in cand
        ],
        dtype=np.int64,
    )
    gains = np.concatenate(
        [
            crossing_gains(pairs[a : a + PAIRS_AT_ONCE], src, tgt, threshold)
            for a in range(0, len(pairs), PAIRS_AT_ONCE)
        ]
    )
    if fit is not None:
        over = np.flatnonzero(gains > threshold)
        if len(over):
            gains[over[merged_fit(pairs[over], src, tgt) <= fit]] = -np.inf
    taken: set[int] = set()
    merge: set[int] = set()
    for order in np.argsort(-gains):
        k = cand[order]
        if gains[order] <= threshold:
            break
        if k in taken or k + 1 in taken:
            continue
        taken.update((k, k + 1))
        merge.add(k)
    out: list[Link] = []
    k = 0
    while k < len(path):
        if k in merge:
            (i0, _, j0, _), (_, i1, _, j1) = path[k], path[k + 1]
            out.append((i0, i1, j0, j1))
            k += 2
        else:
            out.append(path[k])
            k += 1
    return out
