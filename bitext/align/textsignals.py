"""Per-sentence counts read from the text itself, for link features the embedding cannot see.

Sentence vectors hardly notice punctuation, yet in dialogue-heavy literary text the quotation
marks say where a link must start and end: a speech that opens in one source sentence and closes
in the next is rendered by target sentences that open and close the same speech. A link whose two
sides leave a different number of quotations open is therefore suspect. Question and exclamation
marks carry a weaker form of the same evidence.

A sentence that opens with a word pointing back (English "This is ...", "It requires ...";
Chinese 这/此/其 ...) continues what came before. When a translator splits one sentence in two,
the second half often opens that way ("... in contemporary China. This is the paramount
reality ..."), while the source sentence it came from does not. So the first sentences of a
true link usually agree on whether they point back, and a link whose first target sentence does
and whose first source sentence does not (or the reverse) probably starts one sentence late.

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
# pronouns and demonstratives that refer back to things and statements, not he/she: Chinese
# often drops the subject "he"/"she" that English spells out, which would mark true links.
# 此外 (besides), 其实 (in fact), 其次 (secondly), 其他 (other), 那么 (then) only look like them.
_ANAPHOR = re.compile(
    r"^\W*(?:(?:it|this|that|these|those|such|they|which)\b"
    r"|(?!此外|其实|其次|其他|其它|那么)[这此它其那该])",
    re.IGNORECASE,
)


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


def starts_with_anaphor(text: str) -> bool:
    """Whether ``text`` opens (after any quotes or brackets) with a word pointing back."""
    return _ANAPHOR.match(text) is not None


@dataclass(frozen=True)
class TextSignals:
    """Per-sentence counts, each an array with one entry per sentence."""

    quotes: np.ndarray
    questions: np.ndarray
    exclamations: np.ndarray
    #: 1.0 where the sentence starts with a word pointing back (``starts_with_anaphor``)
    anaphors: np.ndarray

    @classmethod
    def of(cls, texts: Sequence[str]) -> TextSignals:
        return cls(
            np.array([quote_balance(t) for t in texts], dtype=np.float64),
            np.array([len(_QUESTION.findall(t)) for t in texts], dtype=np.float64),
            np.array([len(_EXCLAIM.findall(t)) for t in texts], dtype=np.float64),
            np.array([starts_with_anaphor(t) for t in texts], dtype=np.float64),
        )

    def slice(self, start: int, end: int) -> TextSignals:
        return TextSignals(
            self.quotes[start:end],
            self.questions[start:end],
            self.exclamations[start:end],
            self.anaphors[start:end],
        )

    @classmethod
    def empty(cls, n: int) -> TextSignals:
        zero = np.zeros(n)
        return cls(zero, zero, zero, zero)
