"""Alignment results: links between source and target sentence indices, with scores."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..document import Segment


@dataclass(frozen=True)
class Link:
    """One aligned unit: source indices and target indices (either may be empty)."""

    src: tuple[int, ...]
    tgt: tuple[int, ...]
    score: float
    low_confidence: bool = False
    #: probability that this link is correct (``align.confidence``; None where not estimated)
    confidence: float | None = None

    @property
    def kind(self) -> str:
        """``"1-1"``, ``"2-1"``, ``"1-0"`` (omission), ``"0-1"`` (addition), ..."""
        return f"{len(self.src)}-{len(self.tgt)}"


@dataclass(frozen=True)
class Alignment:
    """All links of a document pair, in order, with the segments they index."""

    links: tuple[Link, ...]
    src: tuple[Segment, ...]
    tgt: tuple[Segment, ...]
    #: reproducibility record: version, encoder and its version, parameters (sacrebleu-style).
    signature: dict[str, Any] = field(default_factory=dict)
    #: warnings for the user (texts do not look like translations, one side empty, ...).
    warnings: tuple[str, ...] = ()
