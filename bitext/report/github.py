"""``--format github``: GitHub Actions workflow commands, shown as annotations on the diff.

``::error file=F,line=L,col=C,endLine=..,endColumn=..,title=T::message``. Escaping follows the
runner's rules: in the message ``%``, ``\\r``, ``\\n`` become ``%25``, ``%0D``, ``%0A``; in
property values ``:`` and ``,`` also become ``%3A`` and ``%2C``, since they delimit properties.
"""

from __future__ import annotations

from ..check.finding import Finding, Severity
from ..controls import visible
from .base import Reporter

LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    """Workflow-command escaping, after control characters (an ESC quoted from a file) are made
    visible: the annotation lands in a CI log that a terminal may render."""
    text = visible(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))
    return text


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(finding: Finding) -> str:
    """One workflow command. A finding on both sides is annotated on the translation, the file
    a translation pull request changes; the message names the source position."""
    loc = finding.target or finding.source
    props: list[tuple[str, str]] = []
    if loc is not None:
        props += [("file", loc.path), ("line", str(loc.line)), ("col", str(loc.column))]
        if loc.end_line is not None and loc.end_column is not None:
            props += [("endLine", str(loc.end_line)), ("endColumn", str(loc.end_column))]
    props.append(("title", f"bitext {finding.rule}"))
    message = finding.message
    if finding.source and finding.target:
        message += f" [source: {finding.source}]"
    rendered = ",".join(f"{k}={escape_property(v)}" for k, v in props)
    return f"::{LEVELS[finding.severity]} {rendered}::{escape_data(message)}\n"


class GithubReporter(Reporter):
    name = "github"

    def handle(self, finding: Finding) -> None:
        self.parts.append(annotation(finding))
