"""``--format sarif``: SARIF 2.1.0 for code-scanning dashboards.

Columns count Unicode code points (``columnKind: unicodeCodePoints``), as our offsets do. Rule ids
are the stable ids of ``RULES``; ``tool.driver.rules`` carries each rule's description and default
level, and ``ruleIndex`` points into it. The full reproducibility signature is in the run's
``properties``. No timestamps, so two runs give identical bytes.

A finding that carries a fix (``Finding.fix``: zh-typography, en-hygiene, glued-words) gets a
SARIF ``fixes`` entry (§3.55): one ``artifactChange`` for the file, one ``replacement`` per edit,
its ``deletedRegion`` by character offset and length (plus line and column where the linted
document is at hand) and its ``insertedContent``; whether ``--fix`` applies it without
``--unsafe-fixes`` is in the fix's ``properties.applicability``.
"""

from __future__ import annotations

import importlib
import json
from pathlib import PurePath
from typing import Any
from urllib.parse import quote

from ..check.finding import Edit, Finding, Fix, Location, Severity
from ..check.rules.base import RULES
from ..document import Document
from ..version import __version__
from .base import LintResult, Reporter

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SARIF_VERSION = "2.1.0"
INFORMATION_URI = "https://example.invalid/bitext"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def rule_metadata(rule_id: str) -> dict[str, Any]:
    """SARIF ``reportingDescriptor`` for a rule; falls back to the id if it cannot be imported."""
    description, level = rule_id, "warning"
    module_name, _, cls_name = RULES[rule_id].partition(":")
    try:
        cls = getattr(importlib.import_module(module_name), cls_name)
        description = cls.description or rule_id
        level = LEVELS[cls.default_severity]
    except (ImportError, AttributeError):
        pass
    return {
        "id": rule_id,
        "name": "".join(part.title() for part in rule_id.split("-")),
        "shortDescription": {"text": description},
        "defaultConfiguration": {"level": level},
        "helpUri": f"{INFORMATION_URI}#rule-{rule_id}",
    }


def artifact_uri(path: str) -> str:
    """Relative paths stay relative (with ``/``); absolute ones become ``file://`` URIs.

    Both are percent-encoded (RFC 3986): ``my #1 doc%.en.txt`` is ``my%20%231%20doc%25.en.txt``,
    since a raw ``#`` starts a fragment and a raw ``%`` an escape in every SARIF viewer."""
    pure = PurePath(path)
    return pure.as_uri() if pure.is_absolute() else quote(pure.as_posix(), safe="/")


class SarifReporter(Reporter):
    name = "sarif"

    def start(self, result: LintResult) -> None:
        self.rule_ids = sorted(RULES)
        extra = sorted({f.rule for f in result.findings} - set(self.rule_ids))
        self.rule_ids += extra
        paths: set[str] = set()
        for doc in result.documents:
            paths.update(p for p in (doc.src.path, doc.tgt.path) if p)
        for f in result.findings:
            paths.update(loc.path for loc in (f.source, f.target) if loc)
            if f.fix is not None:
                paths.add(f.fix.path)
        self.artifacts = sorted(paths)
        #: path -> a linted document of that file, to give edits lines and columns
        self.texts: dict[str, Document] = {}
        for doc in result.documents:
            for side in (doc.src, doc.tgt):
                if side.path:
                    self.texts.setdefault(side.path, side)
        self.results: list[dict[str, Any]] = []

    def _location(self, loc: Location) -> dict[str, Any]:
        region: dict[str, Any] = {"startLine": loc.line, "startColumn": loc.column}
        if loc.end_line is not None and loc.end_column is not None:
            region["endLine"] = loc.end_line
            region["endColumn"] = max(loc.end_column, loc.column)
        region["charOffset"] = loc.start
        region["charLength"] = max(0, loc.end - loc.start)
        return {
            "physicalLocation": {
                "artifactLocation": {
                    "uri": artifact_uri(loc.path),
                    "index": self.artifacts.index(loc.path),
                },
                "region": region,
            }
        }

    def handle(self, finding: Finding) -> None:
        result: dict[str, Any] = {
            "ruleId": finding.rule,
            "ruleIndex": self.rule_ids.index(finding.rule),
            "level": LEVELS[finding.severity],
            "message": {"text": finding.message},
        }
        locations = [loc for loc in (finding.source, finding.target) if loc]
        if locations:
            result["locations"] = [self._location(locations[0])]
        if len(locations) > 1:
            related = self._location(locations[1])
            related["id"] = 1
            related["message"] = {"text": "the other side of this pair"}
            result["relatedLocations"] = [related]
        properties: dict[str, Any] = {}
        if finding.pair is not None:
            properties["pair"] = finding.pair
        if finding.match:
            properties["match"] = finding.match
        if finding.term:
            properties["term"] = finding.term
        if properties:
            result["properties"] = properties
        if finding.suggestion:
            result["message"]["text"] += f" (suggestion: {finding.suggestion})"
        if finding.fix is not None and finding.fix.edits:
            result["fixes"] = [self._fix(finding.fix, finding)]
        self.results.append(result)

    def _fix(self, fix: Fix, finding: Finding) -> dict[str, Any]:
        """SARIF ``fix``: the edits as replacements in one artifact."""
        return {
            "description": {"text": finding.suggestion or f"fix {finding.rule}"},
            "artifactChanges": [
                {
                    "artifactLocation": {
                        "uri": artifact_uri(fix.path),
                        "index": self.artifacts.index(fix.path),
                    },
                    "replacements": [self._replacement(fix.path, e) for e in fix.edits],
                }
            ],
            "properties": {"applicability": fix.applicability},
        }

    def _replacement(self, path: str, edit: Edit) -> dict[str, Any]:
        region: dict[str, Any] = {"charOffset": edit.start, "charLength": edit.end - edit.start}
        doc = self.texts.get(path)
        if doc is not None and doc.text[edit.start : edit.end] == edit.original:
            first, last = doc.position(edit.start), doc.position(edit.end)
            region.update(
                startLine=first.line,
                startColumn=first.column,
                endLine=last.line,
                endColumn=last.column,
            )
        return {"deletedRegion": region, "insertedContent": {"text": edit.replacement}}

    def finish(self, result: LintResult) -> None:
        run = {
            "tool": {
                "driver": {
                    "name": "bitext",
                    "version": __version__,
                    "semanticVersion": __version__,
                    "informationUri": INFORMATION_URI,
                    "rules": [rule_metadata(r) for r in self.rule_ids],
                }
            },
            "artifacts": [
                {"location": {"uri": artifact_uri(p)}, "encoding": "utf-8"} for p in self.artifacts
            ],
            "columnKind": "unicodeCodePoints",
            "results": self.results,
            "properties": {"signature": result.signature},
        }
        body = {"$schema": SARIF_SCHEMA, "version": SARIF_VERSION, "runs": [run]}
        self.parts.append(json.dumps(body, ensure_ascii=False, indent=2, sort_keys=True) + "\n")
