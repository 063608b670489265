"""The default format, one finding per line: ``path:line:col: CODE message``.

Editors and CI log parsers read the leading ``path:line:col:``; when a finding has a position in
both files, the other side's position follows the message in brackets.
"""

from __future__ import annotations

from ..check.finding import Finding
from ..controls import visible
from .base import Reporter


def finding_line(finding: Finding) -> str:
    """``en.md:3:5: number-mismatch message [zh.md:4:2]``."""
    primary = finding.source or finding.target
    where = str(primary) if primary else "<text>:1:1"
    line = f"{where}: {finding.rule} {finding.message}"
    if finding.source and finding.target:
        line += f" [{finding.target}]"
    return line


class TextReporter(Reporter):
    name = "text"

    def handle(self, finding: Finding) -> None:
        # a line for people (terminal, CI log): an ESC quoted from a file must not act there
        self.parts.append(visible(finding_line(finding)) + "\n")
