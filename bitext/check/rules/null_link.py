"""What ``omission`` and ``addition`` share: a link with one side empty is reported on the
other side, unless that side holds no content (a rule line, a lone bullet: nothing was lost).

Text pasted twice (``align.repeats``: the same sentences again right after themselves) is left
unlinked by the aligner; its message says so, since the fix is to delete it, not translate it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace
from typing import Any, ClassVar

from ...align.params import AlignParams
from ...align.repeats import first_copies
from ..finding import Finding, Severity
from .base import CheckContext, Rule
from .spans import excerpt, link_text, segments_span

#: a segment must contain at least one letter, digit or Han character to count as content.
_CONTENT = re.compile(r"[^\W_]")


class NullLinkRule(Rule):
    """Subclasses set ``side`` ("src": 1-0 links, "tgt": 0-1 links) and ``template``."""

    side: ClassVar[str]
    template: ClassVar[str]  # message with {note} (``repeat_note`` or nothing) and {excerpt}
    #: the message for a first copy of text pasted twice
    repeat_note: ClassVar[str] = "; the same text follows right after it (pasted twice?)"
    options: ClassVar[dict[str, Any]] = {"min_chars": 1}

    def run(self, ctx: CheckContext) -> Iterable[Finding]:
        if ctx.parallel_summaries:
            yield from self.summaries(ctx)
            return
        min_chars = max(1, int(self.config["min_chars"]))
        segments = ctx.alignment.src if self.side == "src" else ctx.alignment.tgt
        chars = _repeat_chars(ctx)
        pasted = None if chars is None else first_copies([s.text for s in segments], chars)
        for index, link in enumerate(ctx.alignment.links):
            present, absent = (link.src, link.tgt) if self.side == "src" else (link.tgt, link.src)
            if not present or absent:
                continue
            text = link_text(segments, present)
            span = segments_span(segments, present)
            if len(_CONTENT.findall(text)) < min_chars or span is None:
                continue
            where = {"src_span": span} if self.side == "src" else {"tgt_span": span}
            repeat = pasted is not None and all(pasted[i] for i in present)
            message = self.template.format(
                note=self.repeat_note if repeat else "", excerpt=excerpt(text)
            )
            yield self.finding(ctx, message, pair=index, match=text, **where)

    def summaries(self, ctx: CheckContext) -> Iterable[Finding]:
        """Halves that summarise rather than translate: one finding for the file, not one per
        unpaired sentence (issue 18). ``omission`` reports it; ``addition`` stays quiet."""
        if self.side != "src":
            return
        alone_src = sum(len(link.src) for link in ctx.alignment.links if not link.tgt)
        alone_tgt = sum(len(link.tgt) for link in ctx.alignment.links if not link.src)
        first = ctx.alignment.src[0] if ctx.alignment.src else None
        span = (first.start, first.end) if first else (0, 0)
        finding = self.finding(
            ctx,
            "the two sides are parallel summaries, not a translation of each other: "
            f"{alone_src} source and {alone_tgt} translated sentence(s) have no counterpart "
            "and are not reported one by one",
            src_span=span,
        )
        # a file that is not a translation is worth a warning, not an error per sentence
        if self.severity is Severity.ERROR and self.severity is self.default_severity:
            finding = replace(finding, severity=Severity.WARNING)
        yield finding


def _repeat_chars(ctx: CheckContext) -> int | None:
    """The aligner's own threshold as its signature records it (None: off), else its default."""
    given = ctx.alignment.signature.get("repeat_chars", AlignParams.repeat_chars)
    return given if isinstance(given, int) else None
