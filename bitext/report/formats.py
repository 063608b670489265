"""The output format names of each command, in one light module the CLI reads at start-up."""

from __future__ import annotations

#: ``bitext align --format``
ALIGN_FORMATS = ("table", "tsv", "jsonl", "links", "tmx", "markdown")
#: ``-o FILE`` with no ``--format``: the format its suffix asks for.
SUFFIX_FORMAT = {
    ".tsv": "tsv",
    ".jsonl": "jsonl",
    ".tmx": "tmx",
    ".md": "markdown",
    ".align": "links",
    ".links": "links",
}
#: ``bitext lint --format``
LINT_FORMATS = ("text", "json", "sarif", "github", "junit", "html")

__all__ = ["ALIGN_FORMATS", "LINT_FORMATS", "SUFFIX_FORMAT"]
