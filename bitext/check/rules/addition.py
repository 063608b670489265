"""``addition``: translation text with no source (a 0-1 link).

Often legitimate (a translator's note, an explanatory clause made its own sentence), so a warning.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any, ClassVar

from ..finding import Finding, Severity
from .base import CheckContext, Rule
from .options import check_option_types
from .spans import excerpt, link_text, segments_span

_CONTENT = re.compile(r"[^\W_]")


class Addition(Rule):
    id = "addition"
    default_severity = Severity.WARNING
    description = "Translation text has no source (0-1 link)."
    options: ClassVar[dict[str, Any]] = {"min_chars": 1}

    def __init__(self, severity: Severity | None = None, **options: Any) -> None:
        super().__init__(severity, **options)
        check_option_types(self.id, self.options, self.config)

    def run(self, ctx: CheckContext) -> Iterable[Finding]:
        min_chars = int(self.config["min_chars"])
        for index, link in enumerate(ctx.alignment.links):
            if link.src or not link.tgt:
                continue
            text = link_text(ctx.alignment.tgt, link.tgt)
            if len(_CONTENT.findall(text)) < max(1, min_chars):
                continue
            span = segments_span(ctx.alignment.tgt, link.tgt)
            if span is None:
                continue
            yield self.finding(
                ctx,
                f"translation has no source: “{excerpt(text)}”",
                pair=index,
                tgt_span=span,
                match=text,
            )
