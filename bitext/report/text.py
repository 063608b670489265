"""The default format, one finding per line: ``path:line:col: CODE message``.

Editors and CI log parsers read the leading ``path:line:col:``; when a finding has a position in
both files, the other side's position follows the message in brackets.

A terminal is read by a person, so repeats are folded: of the findings of one rule with the same
message in one file, the first ``GROUP_SHOWN`` are printed, then one line ``… and N more like
this``. 237 copies of one systemic typography slip would otherwise bury the nine findings that
matter. Machine formats (JSON, SARIF, JUnit, GitHub) keep every finding.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from ..check.finding import Finding
from ..check.rules.base import RULES
from ..controls import visible
from .base import LintResult, Reporter

#: findings of one rule and message shown per file before the rest are counted (issue 18).
GROUP_SHOWN = 3


def finding_line(finding: Finding) -> str:
    """``en.md:3:5: number-mismatch message [zh.md:4:2]``."""
    primary = finding.source or finding.target
    where = str(primary) if primary else "<text>:1:1"
    line = f"{where}: {finding.rule} {finding.message}"
    if finding.source and finding.target:
        line += f" [{finding.target}]"
    return line


def group_key(finding: Finding) -> tuple[str, str, str]:
    """Findings alike for folding: same file, same rule, same message."""
    primary = finding.source or finding.target
    return (primary.path if primary else "", finding.rule, finding.message)


class TextReporter(Reporter):
    """Options: ``group`` (default True) folds repeats; False prints every finding."""

    name = "text"

    def start(self, result: LintResult) -> None:
        self.totals = Counter(group_key(f) for f in result.findings)
        self.seen: Counter[tuple[str, str, str]] = Counter()

    def handle(self, finding: Finding) -> None:
        if not self.options.get("group", True):
            self.parts.append(visible(finding_line(finding)) + "\n")
            return
        key = group_key(finding)
        self.seen[key] += 1
        shown = self.seen[key]
        if shown <= GROUP_SHOWN:
            self.parts.append(visible(finding_line(finding)) + "\n")
        if shown == GROUP_SHOWN and self.totals[key] > GROUP_SHOWN:
            more = self.totals[key] - GROUP_SHOWN
            self.parts.append(f"  … and {more} more like this ({finding.rule})\n")


def statistics_text(findings: Iterable[Finding]) -> str:
    """``--statistics`` (ruff's): one line per rule, most frequent first: count, rule id,
    ``[*]`` when some of its findings carry a fix, and what the rule checks."""
    findings = list(findings)
    counts = Counter(f.rule for f in findings)
    with_fix = {f.rule for f in findings if f.fix is not None}
    width = max((len(str(n)) for n in counts.values()), default=1)
    rule_width = max((len(r) for r in counts), default=1)
    lines = []
    for rule, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        mark = "[*]" if rule in with_fix else "   "
        lines.append(
            f"{count:>{width}}\t{rule:<{rule_width}}\t{mark} {_description(rule)}".rstrip() + "\n"
        )
    return "".join(lines)


def _description(rule_id: str) -> str:
    if rule_id not in RULES:
        return ""
    from ..check.rules.base import load_rule

    try:
        return load_rule(rule_id).description
    except ImportError:
        return ""
