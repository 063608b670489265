"""Pairing the two halves of a news page (an English part, then a Chinese one) by meaning.

Paragraph alignment, like ``paragraphs.py``: only paragraphs whose embeddings agree confidently
are paired; the rest stay unpaired, and when most paragraphs find no counterpart the halves are
parallel summaries, not translations, and the caller is told so.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..layout import BlockPair, Layout
from ..layout.lines import Span

#: two halves of a news page are paired paragraph by paragraph only where the cosine of their
#: embeddings (USE multilingual v3) reaches this. Measured on examples/article.{en,zh}.txt:
#: translated paragraphs 0.54-0.83 (0.54 is the one with an omitted sentence), every other
#: paragraph pairing of the same article at most 0.46, Chinese summaries on the same topic at
#: most 0.28. The monotone pairing below also keeps near-misses from crossing.
HALVES_PAIR_MIN_COSINE = 0.5
#: below this share of paragraphs with a confident counterpart, the halves are summaries.
HALVES_TRANSLATED_MIN_SHARE = 0.5


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
            "the two halves look like parallel summaries, not translations: "
            f"{total - 2 * len(pairs)} of {total} paragraphs have no confident counterpart "
            "and are listed as unpaired"
        )
    return pairs, left, note


def _line(span: Span) -> Span:
    return Span(span.start, span.end, span.lang, "line")


__all__ = ["HALVES_PAIR_MIN_COSINE", "HALVES_TRANSLATED_MIN_SHARE", "pair_halves"]
