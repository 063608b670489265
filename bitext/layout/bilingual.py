"""One bilingual file to ``AlignedDocuments``: layout -> paragraph pairs -> sentences -> align.

Sentences are aligned only inside each paragraph pair (passed to the aligner as ``blocks``) and
numbered globally in pair order. The two halves of a news page are first paired by meaning:
only paragraphs whose embeddings agree confidently are paired; the rest stay unpaired, and when
most paragraphs find no counterpart the user is told the halves are summaries, not translations.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from ..document import Document, Segment
from . import BlockPair, Layout, parse_layout
from .lines import Span, line_spans, trim

#: two halves of a news page are paired paragraph by paragraph only where the cosine of their
#: embeddings (USE multilingual v3) reaches this. Measured on examples/article.{en,zh}.txt:
#: translated paragraphs 0.54-0.83 (0.54 is the one with an omitted sentence), every other
#: paragraph pairing of the same article at most 0.46, Chinese summaries on the same topic at
#: most 0.28. The monotone pairing below also keeps near-misses from crossing.
HALVES_PAIR_MIN_COSINE = 0.5
#: below this share of paragraphs with a confident counterpart, the halves are summaries.
HALVES_TRANSLATED_MIN_SHARE = 0.5


def align_bilingual_file(
    path: str,
    layout: str,
    encoding: str | None,
    src_lang: str | None,
    tgt_lang: str | None,
    options: dict,
    get_enc: Callable[[], Any],
    sizes: dict[str, int],
    report: Callable[[str, int, int], None],
):
    from ..pipeline import AlignedDocuments, run_aligner, sign
    from ..reader import read_text

    tf = read_text(path, encoding)
    report("read", 1, 1)
    want_src = src_lang or ({"en": "zh", "zh": "en"}[tgt_lang] if tgt_lang else None)
    lay = parse_layout(tf.text, layout, path=path, src_lang=want_src)
    pairs = list(lay.pairs)
    unpaired = list(lay.unpaired)
    warnings: list[str] = []
    summaries = False
    if lay.name == "halves":
        more, left, note = pair_halves(tf.text, lay, get_enc())
        pairs = sorted(pairs + more, key=lambda p: p.src[0].start if p.src else p.tgt[0].start)
        unpaired = sorted(unpaired + left, key=lambda s: s.start)
        if note:
            warnings.append(f"{path}: {note}")
            summaries = True
    report("split", 0, len(pairs))
    src_segs: list[Segment] = []
    tgt_segs: list[Segment] = []
    blocks: list[tuple[int, int, int, int]] = []
    for k, pair in enumerate(pairs):
        s0, t0 = len(src_segs), len(tgt_segs)
        _sentences(tf.text, pair.src, lay.src_lang, k, src_segs, options)
        _sentences(tf.text, pair.tgt, lay.tgt_lang, k, tgt_segs, options)
        if len(src_segs) > s0 or len(tgt_segs) > t0:
            blocks.append((s0, len(src_segs), t0, len(tgt_segs)))
    report("split", len(pairs), len(pairs))
    src = Document(tf.text, tuple(src_segs), lay.src_lang, tf.path, tf.encoding)
    tgt = Document(tf.text, tuple(tgt_segs), lay.tgt_lang, tf.path, tf.encoding)
    alignment = run_aligner(src, tgt, blocks, get_enc, sizes, report)
    alignment = sign(alignment, lay.name, options, lay.src_lang, lay.tgt_lang, get_enc())
    left_segs = tuple(
        Segment(tf.text[s.start : s.end], s.start, s.end, s.lang, -1, i, s.kind)
        for i, s in enumerate(unpaired)
    )
    return AlignedDocuments(
        src,
        tgt,
        alignment,
        left_segs,
        lay.name,
        (*alignment.warnings, *warnings),
        parallel_summaries=summaries,
    )


def _sentences(
    text: str, spans: Sequence[Span], lang: str, paragraph: int, out: list[Segment], options: dict
) -> None:
    for span in spans:
        if span.kind == "header":
            pieces = [(span.start, span.end, "heading")]
        elif options["presplit"]:
            pieces = []
            for a, b in line_spans(text[span.start : span.end]):
                a, b = trim(text, span.start + a, span.start + b)
                if b > a:
                    pieces.append((a, b, "sentence"))
        else:
            from ..split import split_region

            pieces = split_region(
                text, span.start, span.end, lang, split_semicolon=options["split_semicolon"]
            )
        for a, b, kind in pieces:
            out.append(Segment(text[a:b], a, b, lang, paragraph, len(out), kind))


def pair_halves(
    text: str, lay: Layout, encoder: Any
) -> tuple[list[BlockPair], list[Span], str | None]:
    """Pair the paragraphs of two halves in order where their embeddings agree confidently.

    A monotone dynamic programme maximises the summed excess of cosine over
    ``HALVES_PAIR_MIN_COSINE``, so a pair is never forced below it. Returns the pairs, the
    paragraphs left unpaired, and a one-line note when the halves look like summaries.
    """
    from ..hygiene import clean_for_embedding

    src, tgt = list(lay.src_paragraphs), list(lay.tgt_paragraphs)
    if not src or not tgt:
        return [], [_line(s) for s in src + tgt], None
    a = encoder.encode([clean_for_embedding(text[s.start : s.end], s.lang) for s in src])
    b = encoder.encode([clean_for_embedding(text[s.start : s.end], s.lang) for s in tgt])
    gain = np.asarray(a) @ np.asarray(b).T - HALVES_PAIR_MIN_COSINE
    n, m = gain.shape
    best = np.zeros((n + 1, m + 1))
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            take = best[i + 1, j + 1] + gain[i, j] if gain[i, j] >= 0 else -np.inf
            best[i, j] = max(take, best[i + 1, j], best[i, j + 1])
    pairs: list[BlockPair] = []
    used_src: set[int] = set()
    used_tgt: set[int] = set()
    i = j = 0
    while i < n and j < m:
        if gain[i, j] >= 0 and best[i, j] == best[i + 1, j + 1] + gain[i, j]:
            pairs.append(BlockPair((src[i],), (tgt[j],)))
            used_src.add(i)
            used_tgt.add(j)
            i, j = i + 1, j + 1
        elif best[i, j] == best[i + 1, j]:
            i += 1
        else:
            j += 1
    left = [_line(s) for k, s in enumerate(src) if k not in used_src]
    left += [_line(t) for k, t in enumerate(tgt) if k not in used_tgt]
    total = n + m
    note = None
    if 2 * len(pairs) < HALVES_TRANSLATED_MIN_SHARE * total:
        note = (
            "the English and Chinese parts look like parallel summaries, not translations: "
            f"{total - 2 * len(pairs)} of {total} paragraphs have no confident counterpart "
            "and are listed as unpaired"
        )
    return pairs, left, note


def _line(span: Span) -> Span:
    return Span(span.start, span.end, span.lang, "line")


__all__ = ["align_bilingual_file", "pair_halves"]
