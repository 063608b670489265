"""The result of the pipeline as plain data: a source document, its translation, their alignment.

A data module, so that ``check/`` and ``report/`` read these types without importing the
orchestrator (``bitext.pipeline``) that produces them.
"""

from __future__ import annotations

from dataclasses import dataclass

from .align.model import Alignment
from .document import Document, Segment


@dataclass(frozen=True)
class AlignedDocuments:
    """A source document, its translation, their alignment, and what belongs to neither side.

    ``src`` is always the source (the first of two files, or the labelled/first side of one
    bilingual file), whatever its language; ``tgt`` the translation. For one bilingual file,
    ``src.path == tgt.path`` and both carry the whole file text; each holds only its own side's
    segments.
    """

    src: Document
    tgt: Document
    alignment: Alignment
    #: lines that belong to no pair (title, tags, a Chinese-only summary): reported, never dropped.
    unpaired: tuple[Segment, ...] = ()
    layout: str = "two-files"
    warnings: tuple[str, ...] = ()
    #: the layout found the two sides to be parallel summaries of one story, not a translation
    #: of each other (``layout.bilingual.pair_halves``): lint then says so once for the file
    #: instead of reporting every unpaired sentence as an omission or addition.
    parallel_summaries: bool = False


__all__ = ["AlignedDocuments"]
