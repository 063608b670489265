"""The one finding type every check produces and every reporter consumes (flake8's Violation)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Severity(str, Enum):
    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return {"info": 0, "warning": 1, "error": 2}[self.value]


@dataclass(frozen=True)
class Location:
    """Where a finding points: file, 1-based line and column, and the character span."""

    path: str
    line: int
    column: int
    start: int
    end: int
    end_line: int | None = None
    end_column: int | None = None

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"


@dataclass(frozen=True)
class Edit:
    """Replace ``original`` at ``[start, end)`` of the file text with ``replacement``.

    ``original`` is what the rule saw there: applying checks it again, so an edit never lands on
    text that changed since the lint ran (ruff's fix edits, with a guard).
    """

    start: int
    end: int
    replacement: str
    original: str


@dataclass(frozen=True)
class Fix:
    """A mechanical repair of one finding: edits to one file, inside the finding's span.

    ``safe`` fixes keep the meaning (full-width punctuation, one space for two) and ``--fix``
    applies them; unsafe ones (splitting a glued word) only with ``--unsafe-fixes`` (ruff's
    applicability).
    """

    path: str
    edits: tuple[Edit, ...]
    safe: bool = True

    @property
    def applicability(self) -> str:
        return "safe" if self.safe else "unsafe"


@dataclass(frozen=True)
class Finding:
    """One lint result. ``rule`` is a stable id (``term-missing``) used by --select, SARIF, docs."""

    rule: str
    severity: Severity
    message: str
    source: Location | None = None
    target: Location | None = None
    pair: int | None = None  # index of the link in the Alignment
    match: str = ""  # the offending text (a term, a number, a character)
    suggestion: str = ""
    term: str = ""  # glossary term (English form) when the rule is about a term
    fix: Fix | None = None  # the mechanical repair, when the rule knows one
