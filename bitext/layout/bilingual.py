"""One bilingual file's paragraph pairs to two ``Document``s and the blocks between them.

Plain text work: each side's spans are split into sentences (or taken line by line with
``presplit``), numbered globally in pair order, and each pair becomes a block
``(src_start, src_end, tgt_start, tgt_end)`` that no sentence link may cross (a translator
merges or splits sentences, never moves them across paragraphs). Aligning is the pipeline's job.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..document import Document, Segment
from . import BlockPair
from .lines import Span, line_spans, trim


@dataclass(frozen=True)
class LaidOut:
    """Both sides of one bilingual file as documents, the paragraph blocks, the unpaired lines."""

    src: Document
    tgt: Document
    blocks: tuple[tuple[int, int, int, int], ...]
    unpaired: tuple[Segment, ...]


def lay_out(
    text: str,
    pairs: Sequence[BlockPair],
    unpaired: Sequence[Span],
    src_lang: str,
    tgt_lang: str,
    *,
    path: str,
    encoding: str,
    presplit: bool = False,
    split_semicolon: bool = False,
) -> LaidOut:
    """Split every pair's spans into sentences of their side's language, pair by pair."""
    src_segs: list[Segment] = []
    tgt_segs: list[Segment] = []
    blocks: list[tuple[int, int, int, int]] = []
    for k, pair in enumerate(pairs):
        s0, t0 = len(src_segs), len(tgt_segs)
        _sentences(text, pair.src, src_lang, k, src_segs, presplit, split_semicolon)
        _sentences(text, pair.tgt, tgt_lang, k, tgt_segs, presplit, split_semicolon)
        if len(src_segs) > s0 or len(tgt_segs) > t0:
            blocks.append((s0, len(src_segs), t0, len(tgt_segs)))
    left = tuple(
        Segment(text[s.start : s.end], s.start, s.end, s.lang, -1, i, s.kind)
        for i, s in enumerate(sorted(unpaired, key=lambda s: s.start))
    )
    return LaidOut(
        Document(text, tuple(src_segs), src_lang, path, encoding),
        Document(text, tuple(tgt_segs), tgt_lang, path, encoding),
        tuple(blocks),
        left,
    )


def _sentences(
    text: str,
    spans: Sequence[Span],
    lang: str,
    paragraph: int,
    out: list[Segment],
    presplit: bool,
    split_semicolon: bool,
) -> None:
    for span in spans:
        if span.kind == "header":
            pieces = [(span.start, span.end, "heading")]
        elif presplit:
            pieces = []
            for a, b in line_spans(text[span.start : span.end]):
                a, b = trim(text, span.start + a, span.start + b)
                if b > a:
                    pieces.append((a, b, "sentence"))
        else:
            from ..split import split_region

            pieces = split_region(text, span.start, span.end, lang, split_semicolon=split_semicolon)
        for a, b, kind in pieces:
            out.append(Segment(text[a:b], a, b, lang, paragraph, len(out), kind))


__all__ = ["LaidOut", "lay_out"]
