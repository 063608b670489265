"""``Link.confidence``: the probability that a link is correct, from a logistic model on the
link's own figures, fitted on the gold sets (``benchmarks/fit_confidence.py``; the weights and
their leave-one-set-out calibration error are in ``params.CONFIDENCE``).

A pair is described by its cosine and its size (merged links of the same cosine are right less
often); an unlinked sentence by the cosine of its best neighbour (a sentence with a close
counterpart it was not paired with is often a missed pair).
"""

from __future__ import annotations

import math

from .params import CONFIDENCE

#: feature names, in the order of ``features``' values
NAMES = ("pair", "pair_cos", "pair_size", "null", "null_near")


def features(src_n: int, tgt_n: int, cosine: float, near: float) -> tuple[float, ...]:
    """The figures of one link: ``cosine`` of a pair, ``near`` (best neighbour's cosine) of an
    unlinked sentence."""
    if src_n and tgt_n:
        return (1.0, cosine, float(src_n + tgt_n - 2), 0.0, 0.0)
    return (0.0, 0.0, 0.0, 1.0, near)


def probability(values: tuple[float, ...], weights: dict[str, float] | None = None) -> float:
    """P(correct) of a link with these ``features``, rounded to 3 decimals."""
    w = CONFIDENCE if weights is None else weights
    z = sum(w[name] * v for name, v in zip(NAMES, values, strict=True))
    return round(1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z)))), 3)
