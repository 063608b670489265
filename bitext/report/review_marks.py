"""Cutting one sentence into fragments by the findings that cover them, for inline marks.

Findings may overlap (a term inside quoted text, a number inside a term), and HTML marks must
not nest badly, so the sentence is cut at every span boundary and each fragment carries the set
of findings covering it. A zero-width span (something missing at a point) becomes a caret.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..check.finding import Severity

_RANK = {s.value: s.rank for s in Severity}


@dataclass(frozen=True)
class Fragment:
    """A run of one sentence's text covered by the same set of findings (none: plain text)."""

    text: str
    findings: tuple[str, ...] = ()
    severity: str = ""  # worst severity among ``findings``
    caret: bool = False  # a zero-width finding (something missing here): no text of its own


@dataclass(frozen=True)
class Span:
    """A finding's character span on one side: ``[start, end)`` of the document text."""

    start: int
    end: int
    fid: str
    severity: str


def mark_fragments(text: str, offset: int, spans: Sequence[Span]) -> tuple[Fragment, ...]:
    """Cut ``text`` (which starts at ``offset`` of its document) at every finding boundary.

    Overlapping findings give one fragment per distinct set of covering findings, so marks never
    nest; a zero-width finding becomes a caret at its position.
    """
    n = len(text)
    ranges: list[tuple[int, int, str, str]] = []
    carets: dict[int, list[Span]] = defaultdict(list)
    for s in spans:
        a, b = s.start - offset, s.end - offset
        if s.start == s.end:
            if 0 <= a <= n:
                carets[a].append(s)
            continue
        a, b = max(0, a), min(n, b)
        if a < b:
            ranges.append((a, b, s.fid, s.severity))
    cuts = sorted({0, n, *carets, *(r[0] for r in ranges), *(r[1] for r in ranges)})
    out: list[Fragment] = []
    for i, a in enumerate(cuts):
        if a in carets:
            out.append(_fragment("", carets[a], caret=True))
        if i + 1 == len(cuts):
            break
        b = cuts[i + 1]
        covering = [r for r in ranges if r[0] <= a and r[1] >= b]
        piece = text[a:b]
        ids = tuple(r[2] for r in covering)
        if out and not out[-1].caret and out[-1].findings == ids:
            out[-1] = Fragment(out[-1].text + piece, ids, out[-1].severity)
        else:
            out.append(Fragment(piece, ids, _worst(r[3] for r in covering)))
    return tuple(f for f in out if f.text or f.caret)


def _fragment(text: str, spans: Sequence[Span], caret: bool = False) -> Fragment:
    return Fragment(text, tuple(s.fid for s in spans), _worst(s.severity for s in spans), caret)


def _worst(severities: Iterable[str]) -> str:
    return max(severities, key=lambda s: _RANK.get(s, -1), default="")
