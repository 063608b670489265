"""``--format json``: every finding with both locations, a summary, and the full signature.

Keys are sorted and nothing depends on time or machine, so two runs give identical bytes.
"""

from __future__ import annotations

import json
from typing import Any

from ..check.finding import Finding, Location
from .base import LintResult, Reporter

JSON_FORMAT_VERSION = 1


def location_dict(loc: Location | None) -> dict[str, Any] | None:
    if loc is None:
        return None
    return {
        "path": loc.path,
        "line": loc.line,
        "column": loc.column,
        "end_line": loc.end_line,
        "end_column": loc.end_column,
        "start": loc.start,
        "end": loc.end,
    }


def finding_dict(finding: Finding) -> dict[str, Any]:
    return {
        "rule": finding.rule,
        "severity": finding.severity.value,
        "message": finding.message,
        "source": location_dict(finding.source),
        "target": location_dict(finding.target),
        "pair": finding.pair,
        "match": finding.match,
        "suggestion": finding.suggestion,
        "term": finding.term,
        "fix": fix_dict(finding),
    }


def fix_dict(finding: Finding) -> dict[str, Any] | None:
    """The finding's fix as data (ruff's JSON ``fix``): applicability and the edits."""
    if finding.fix is None:
        return None
    return {
        "applicability": finding.fix.applicability,
        "path": finding.fix.path,
        "edits": [
            {"start": e.start, "end": e.end, "replacement": e.replacement, "original": e.original}
            for e in finding.fix.edits
        ],
    }


def summary(result: LintResult) -> dict[str, int]:
    counts = {"error": 0, "warning": 0, "info": 0}
    for finding in result.findings:
        counts[finding.severity.value] += 1
    return {**counts, "total": len(result.findings), "documents": len(result.documents)}


class JsonReporter(Reporter):
    name = "json"

    def start(self, result: LintResult) -> None:
        self.items: list[dict[str, Any]] = []

    def handle(self, finding: Finding) -> None:
        self.items.append(finding_dict(finding))

    def finish(self, result: LintResult) -> None:
        body = {
            "version": JSON_FORMAT_VERSION,
            "tool": "bitext",
            "signature": result.signature,
            "summary": summary(result),
            "documents": [
                {"source": d.src.path, "target": d.tgt.path, "layout": d.layout}
                for d in result.documents
            ],
            "findings": self.items,
        }
        self.parts.append(json.dumps(body, ensure_ascii=False, indent=2, sort_keys=True) + "\n")
