"""``omission``: a source sentence with no translation (a 1-0 link).

The most serious thing a translation can do silently, so it is an error by default. Segments with
no letters or digits (a rule line, a lone bullet) are not reported: nothing was left out.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any, ClassVar

from ..finding import Finding, Severity
from .base import CheckContext, Rule
from .options import check_option_types
from .spans import excerpt, link_text, segments_span

#: a segment must contain at least one letter, digit or Han character to count as content.
_CONTENT = re.compile(r"[^\W_]")


class Omission(Rule):
    id = "omission"
    default_severity = Severity.ERROR
    description = "A source sentence has no translation (1-0 link)."
    options: ClassVar[dict[str, Any]] = {"min_chars": 1}

    def __init__(self, severity: Severity | None = None, **options: Any) -> None:
        super().__init__(severity, **options)
        check_option_types(self.id, self.options, self.config)

    def run(self, ctx: CheckContext) -> Iterable[Finding]:
        min_chars = int(self.config["min_chars"])
        for index, link in enumerate(ctx.alignment.links):
            if not link.src or link.tgt:
                continue
            text = link_text(ctx.alignment.src, link.src)
            if len(_CONTENT.findall(text)) < max(1, min_chars):
                continue
            span = segments_span(ctx.alignment.src, link.src)
            if span is None:
                continue
            yield self.finding(
                ctx,
                f"source sentence has no translation: “{excerpt(text)}”",
                pair=index,
                src_span=span,
                match=text,
            )
