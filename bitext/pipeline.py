"""Files in, aligned documents out: read -> (layout) -> split -> embed -> align.

The one entry point that commands (align, lint, report, terms) share, so they all see the same
segments and positions. Implemented by the bilingual-files work (issue 4); the types are fixed
here so that checks and reporters can be written against them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .align.model import Alignment
from .document import Document, Segment


@dataclass(frozen=True)
class AlignedDocuments:
    """A source document, its translation, their alignment, and what belongs to neither side.

    For one bilingual file, ``src.path == tgt.path`` and both carry the whole file text; each
    holds only its own side's segments.
    """

    src: Document
    tgt: Document
    alignment: Alignment
    #: lines that belong to no pair (title, tags, a Chinese-only summary): reported, never dropped.
    unpaired: tuple[Segment, ...] = ()
    layout: str = "two-files"
    warnings: tuple[str, ...] = ()


def align_files(paths: Sequence[str | Path], **options: Any) -> AlignedDocuments:
    """Align one bilingual file or two files (either may be the English one)."""
    raise NotImplementedError("align_files is built in issue 4")
