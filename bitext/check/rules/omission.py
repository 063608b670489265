"""``omission``: a source sentence with no translation (a 1-0 link).

The most serious thing a translation can do silently, so it is an error by default.
"""

from __future__ import annotations

from ..finding import Severity
from .null_link import NullLinkRule


class Omission(NullLinkRule):
    id = "omission"
    default_severity = Severity.ERROR
    description = "A source sentence has no translation (1-0 link)."
    side = "src"
    template = "source sentence has no translation{note}: “{excerpt}”"
