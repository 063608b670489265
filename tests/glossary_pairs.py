"""Builds hand-made aligned documents for the glossary and term tests (no aligner involved)."""

from __future__ import annotations

from collections.abc import Sequence

from bitext.align.model import Alignment, Link
from bitext.document import Document, Segment


def document(paragraphs: Sequence[Sequence[str]], lang: str, path: str) -> Document:
    """Sentences joined by a space (en) or nothing (zh), paragraphs by a blank line."""
    glue = " " if lang == "en" else ""
    text = ""
    segments = []
    for p, sentences in enumerate(paragraphs):
        if p:
            text += "\n\n"
        for k, sentence in enumerate(sentences):
            if k:
                text += glue
            start = len(text)
            text += sentence
            segments.append(Segment(sentence, start, len(text), lang, p, len(segments)))
    return Document(text + "\n", tuple(segments), lang, path=path)


def aligned(
    src: Sequence[Sequence[str]],
    tgt: Sequence[Sequence[str]],
    links: Sequence[tuple[Sequence[int], Sequence[int]]] | None = None,
) -> tuple[Alignment, Document, Document]:
    """(alignment, source, target); links default to 1-1 in order."""
    src_doc = document(src, "en", "article.en.txt")
    tgt_doc = document(tgt, "zh", "article.zh.txt")
    if links is None:
        links = [((i,), (i,)) for i in range(len(src_doc.segments))]
    alignment = Alignment(
        links=tuple(Link(tuple(s), tuple(t), 0.9) for s, t in links),
        src=src_doc.segments,
        tgt=tgt_doc.segments,
    )
    return alignment, src_doc, tgt_doc


def write_glossary(directory, text: str, name: str = "terms.yaml"):
    """Write a glossary YAML (dedented by the caller) and return its path."""
    path = directory / name
    path.write_text(text, encoding="utf-8")
    return path
