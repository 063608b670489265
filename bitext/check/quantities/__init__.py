"""Numbers as meanings, not strings: ``六成`` = 60%, ``1.5亿`` = 150 million, ``tenfold`` = ×10.

``number-mismatch`` compares what numbers *mean* on each side of a pair. This module turns text
into ``Quantity`` values with exact spans into the original string. cn2an (LIBRARIES.md row 3)
converts Chinese numerals; ``units`` converts lengths, masses and areas between unit systems;
the semantics of 成 (×10%), 倍 (a multiplier), 多/余/几 (approximate:
"more than") and English number words are ours.

A quantity is *strong* when its absence on the other side is worth reporting (digits, percents,
multipliers, Chinese numerals of 3 and more) and *weak* when it only helps to match (English
"one"/"two", Chinese 一/两, ordinals, "half"): those are too often idiomatic to require.
"""

from __future__ import annotations

from .chinese import chinese_quantities
from .common import Quantity
from .english import english_quantities

__all__ = ["Quantity", "chinese_quantities", "english_quantities", "quantities"]


def quantities(text: str, lang: str) -> list[Quantity]:
    """Quantities of ``text`` read as ``lang`` ("zh" reads digits and Chinese numerals)."""
    return chinese_quantities(text) if lang.startswith("zh") else english_quantities(text)
