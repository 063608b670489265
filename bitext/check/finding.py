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
