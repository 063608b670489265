"""What one pair produced, as plain data the worker sends back to the client."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class PairResult:
    """One pair's outcome. ``status`` is ``ok``, ``failed`` or ``skipped`` (resumed).

    ``output`` (and ``lint_output``/``merge_part``) are the texts to write; the client writes
    them, so each file is written exactly once however often dask re-ran the task.
    """

    src: str
    tgt: str
    name: str
    status: str
    hash: str | None = None
    seconds: float = 0.0
    sentences: dict[str, int] = field(default_factory=dict)
    links: dict[str, int] = field(default_factory=dict)
    mean_score: float | None = None
    min_score: float | None = None
    mean_confidence: float | None = None
    min_confidence: float | None = None
    warnings: tuple[str, ...] = ()
    error: str | None = None
    findings: int | None = None
    #: findings at or above "error" severity (the corpus exit code counts these)
    errors: int = 0
    output: str | None = None
    lint_output: str | None = None
    merge_part: str | None = None
    #: {term: {rendering: occurrences}} of this document, for the corpus term report
    terms: dict[str, dict[str, int]] | None = None
    worker: str | None = None

    @property
    def ok(self) -> bool:
        return self.status != "failed"

    @property
    def sentence_count(self) -> int:
        return sum(self.sentences.values())

    def summary_row(self, output_path: str | None) -> dict[str, Any]:
        """The row of ``summary.jsonl`` (no texts: those are in the outputs)."""
        return {
            "src": self.src,
            "tgt": self.tgt,
            "name": self.name,
            "output": output_path,
            "status": self.status,
            "sentences": self.sentences,
            "links": self.links,
            "mean_score": self.mean_score,
            "min_score": self.min_score,
            "mean_confidence": self.mean_confidence,
            "min_confidence": self.min_confidence,
            "warnings": list(self.warnings),
            "findings": self.findings,
            "seconds": self.seconds,
            "error": self.error,
            "hash": self.hash,
        }
