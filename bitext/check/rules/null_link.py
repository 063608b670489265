"""What ``omission`` and ``addition`` share: a link with one side empty is reported on the
other side, unless that side holds no content (a rule line, a lone bullet: nothing was lost)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any, ClassVar

from ..finding import Finding
from .base import CheckContext, Rule
from .spans import excerpt, link_text, segments_span

#: a segment must contain at least one letter, digit or Han character to count as content.
_CONTENT = re.compile(r"[^\W_]")


class NullLinkRule(Rule):
    """Subclasses set ``side`` ("src": 1-0 links, "tgt": 0-1 links) and ``template``."""

    side: ClassVar[str]
    template: ClassVar[str]  # message with {excerpt}
    options: ClassVar[dict[str, Any]] = {"min_chars": 1}

    def run(self, ctx: CheckContext) -> Iterable[Finding]:
        min_chars = max(1, int(self.config["min_chars"]))
        segments = ctx.alignment.src if self.side == "src" else ctx.alignment.tgt
        for index, link in enumerate(ctx.alignment.links):
            present, absent = (link.src, link.tgt) if self.side == "src" else (link.tgt, link.src)
            if not present or absent:
                continue
            text = link_text(segments, present)
            span = segments_span(segments, present)
            if len(_CONTENT.findall(text)) < min_chars or span is None:
                continue
            where = {"src_span": span} if self.side == "src" else {"tgt_span": span}
            yield self.finding(
                ctx, self.template.format(excerpt=excerpt(text)), pair=index, match=text, **where
            )
