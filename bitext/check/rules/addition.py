"""``addition``: translation text with no source (a 0-1 link).

A warning by default: translators add clarifications on purpose more often than they drop text.
"""

from __future__ import annotations

from ..finding import Severity
from .null_link import NullLinkRule


class Addition(NullLinkRule):
    id = "addition"
    default_severity = Severity.WARNING
    description = "Translation text has no source (0-1 link)."
    side = "tgt"
    template = "translation has no source{note}: “{excerpt}”"
