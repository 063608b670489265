"""Small shared helpers for rules: spans of links, which side a document is, segment walks.

Kept here so each rule module only says what it looks for, not how to find text in a pair.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from ...align.model import Link
from ...document import Document, Segment
from ..finding import Edit, Fix
from .base import CheckContext


def segments_span(segments: Sequence[Segment], indices: Sequence[int]) -> tuple[int, int] | None:
    """The character span covering ``segments[i]`` for every ``i`` in ``indices``."""
    picked = [segments[i] for i in indices if 0 <= i < len(segments)]
    if not picked:
        return None
    return min(s.start for s in picked), max(s.end for s in picked)


def link_text(segments: Sequence[Segment], indices: Sequence[int]) -> str:
    """The sentences of one side of a link, joined by a space."""
    return " ".join(segments[i].text for i in indices if 0 <= i < len(segments))


def paired_links(ctx: CheckContext) -> Iterator[tuple[int, Link]]:
    """``(index, link)`` for every link with text on both sides."""
    for index, link in enumerate(ctx.alignment.links):
        if link.src and link.tgt:
            yield index, link


def pair_index(ctx: CheckContext) -> tuple[dict[int, int], dict[int, int]]:
    """Maps source and target segment index -> index of the link holding it."""
    src: dict[int, int] = {}
    tgt: dict[int, int] = {}
    for index, link in enumerate(ctx.alignment.links):
        for i in link.src:
            src.setdefault(i, index)
        for j in link.tgt:
            tgt.setdefault(j, index)
    return src, tgt


def sides(ctx: CheckContext) -> Iterator[tuple[str, Document, tuple[Segment, ...], dict[int, int]]]:
    """``("src"|"tgt", document, its aligned segments, segment -> pair)`` for both sides."""
    src_pairs, tgt_pairs = pair_index(ctx)
    yield "src", ctx.src, ctx.alignment.src, src_pairs
    yield "tgt", ctx.tgt, ctx.alignment.tgt, tgt_pairs


def side_spans(side: str, span: tuple[int, int]) -> dict[str, tuple[int, int]]:
    """Keyword arguments for ``Rule.finding`` putting ``span`` on ``side``."""
    return {"src_span": span} if side == "src" else {"tgt_span": span}


def excerpt(text: str, limit: int = 60) -> str:
    """``text`` on one line, cut to ``limit`` characters with an ellipsis."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def text_fix(
    doc: Document, edits: Sequence[tuple[int, int, str]], *, safe: bool = True
) -> Fix | None:
    """A ``Fix`` of ``doc``'s file from ``(start, end, replacement)`` edits in its text.

    None when the document has no file to write (text given in memory) or nothing changes.
    """
    if not doc.path:
        return None
    changes = tuple(Edit(a, b, new, doc.text[a:b]) for a, b, new in edits if doc.text[a:b] != new)
    return Fix(doc.path, changes, safe) if changes else None
