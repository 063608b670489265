"""Per-sentence counts read from the text itself, for link features the embedding cannot see.

Sentence vectors hardly notice punctuation, yet in dialogue-heavy literary text the quotation
marks say where a link must start and end: a speech that opens in one source sentence and closes
in the next is rendered by target sentences that open and close the same speech. A link whose two
sides leave a different number of quotations open is therefore suspect. Question and exclamation
marks carry a weaker form of the same evidence.

Each count is kept per sentence, so a link's total is a difference of prefix sums (no per-link
text work during the search).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

# A straight quote or ‘’ opens at the start of a word and closes at the end of one; between two
# letters (don't, O'Brien, l’homme) it is an apostrophe and ignored.
_STRAIGHT = re.compile(
    r"""(?P<open>(?:^|(?<=[\s(\[{—–-]))['"‘](?=\S))"""
    r"""|(?P<close>(?<=\S)['"’](?=$|[\s)\]}.,;:!?—–]))"""
)
_QUESTION = re.compile(r"[?？]")
_EXCLAIM = re.compile(r"[!！]")


def quote_balance(text: str) -> int:
    """Quotations opened minus quotations closed in ``text`` (negative: closes an earlier one)."""
    # curly double quotes and the CJK corner brackets say their direction
    balance = sum(text.count(c) for c in "“「『") - sum(text.count(c) for c in "”」』")
    depth = 0  # straight and single quotes opened in this sentence and not yet closed
    for match in _STRAIGHT.finditer(text):
        if match.group("open"):
            depth += 1
            balance += 1
        elif depth > 0 or text[match.start() - 1] not in "sS":
            # "the boys' room": after an s with nothing open, a possessive, not a quote
            depth = max(0, depth - 1)
            balance -= 1
    return balance


@dataclass(frozen=True)
class TextSignals:
    """Per-sentence counts, each an array with one entry per sentence."""

    quotes: np.ndarray
    questions: np.ndarray
    exclamations: np.ndarray

    @classmethod
    def of(cls, texts: Sequence[str]) -> TextSignals:
        return cls(
            np.array([quote_balance(t) for t in texts], dtype=np.float64),
            np.array([len(_QUESTION.findall(t)) for t in texts], dtype=np.float64),
            np.array([len(_EXCLAIM.findall(t)) for t in texts], dtype=np.float64),
        )

    def slice(self, start: int, end: int) -> TextSignals:
        return TextSignals(
            self.quotes[start:end], self.questions[start:end], self.exclamations[start:end]
        )

    @classmethod
    def empty(cls, n: int) -> TextSignals:
        zero = np.zeros(n)
        return cls(zero, zero, zero)
