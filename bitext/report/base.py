"""Reporters on one template (flake8's formatter): ``start``, ``handle`` each finding, ``finish``.

A reporter consumes a ``LintResult`` and nothing else, and returns text; the CLI decides where
it goes. ``REPORTERS`` maps a ``--format`` name to a lazy ``'module:Class'`` string.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from typing import Any, ClassVar

from ..aligned import AlignedDocuments
from ..check.finding import Finding
from ..errors import UsageError

REPORTERS: dict[str, str] = {
    "text": "bitext.report.text:TextReporter",
    "json": "bitext.report.json_report:JsonReporter",
    "sarif": "bitext.report.sarif:SarifReporter",
    "github": "bitext.report.github:GithubReporter",
    "junit": "bitext.report.junit:JunitReporter",
    "html": "bitext.report.html:HtmlReporter",
}


@dataclass(frozen=True)
class LintResult:
    """What one lint run produced: the aligned documents, every finding, and the signature."""

    documents: tuple[AlignedDocuments, ...]
    findings: tuple[Finding, ...]
    #: reproducibility record (version, splitter, encoder + version, aligner params, glossary hash)
    signature: dict[str, Any] = field(default_factory=dict)


class Reporter:
    """Subclasses override the hooks; ``render`` is the template method."""

    name: ClassVar[str]

    def __init__(self, **options: Any) -> None:
        self.options = options
        self.parts: list[str] = []

    def start(self, result: LintResult) -> None:
        """Called once before any finding."""

    def handle(self, finding: Finding) -> None:
        """Called once per finding, in the result's (deterministic) order."""

    def finish(self, result: LintResult) -> None:
        """Called once after the last finding."""

    def render(self, result: LintResult) -> str:
        self.parts = []
        self.start(result)
        for finding in result.findings:
            self.handle(finding)
        self.finish(result)
        return "".join(self.parts)


def get_reporter(name: str, **options: Any) -> Reporter:
    target = REPORTERS.get(name)
    if target is None:
        raise UsageError(f"unknown format {name!r} (known: {', '.join(sorted(REPORTERS))})")
    module_name, _, cls_name = target.partition(":")
    return getattr(importlib.import_module(module_name), cls_name)(**options)
