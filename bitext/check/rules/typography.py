"""``zh-typography``: Chinese punctuation and spacing conventions in Chinese text.

Checks, each with its own default severity (an explicit ``severity`` in config overrides all):
half-width ``, : ; ? ! ( )`` beside Chinese characters (warning), ASCII straight quotes in Chinese
(warning), two quote styles (“” and 「」) in one document (info), the space between Chinese and
Latin letters per ``cjk_spacing`` = ``none`` | ``one`` (info), repeated punctuation (info).
Only Chinese segments are read, so the English half of a bilingual file is never flagged.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any, ClassVar

from ...errors import ConfigError
from ..finding import Finding, Severity
from .base import CheckContext, Rule
from .spans import side_spans, sides, text_fix

_HAN = r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]"
_FULL = {",": "，", ":": "：", ";": "；", "?": "？", "!": "！", "(": "（", ")": "）"}
_HALF_PUNCT = re.compile(rf"(?<={_HAN})[,:;?!]|[,:;?!](?={_HAN})")
_PARENS = re.compile(r"\(([^()\n]*)\)")
_STRAIGHT_DOUBLE = re.compile(r'"')
_STRAIGHT_SINGLE = re.compile(rf"(?<={_HAN})'|'(?={_HAN})")
_REPEATED = re.compile(r"[，。；：、,;:]{2,}|([！？!?])\1+")
_QUOTE_STYLES = {"“": "“”", "”": "“”", "「": "「」", "」": "「」"}
#: default follows published translations: the academic gold set's Chinese side (shared/data)
#: has 369 Han-Latin contacts without a space and 5 with one.
CJK_SPACING = "none"

#: one check's hit in a segment: severity, message, start, end, match, and the edits that fix
#: it as ``(start, end, replacement)``, all relative to the segment's text.
_Hit = tuple[Severity, str, int, int, str, list[tuple[int, int, str]]]


class ChineseTypography(Rule):
    id = "zh-typography"
    default_severity = Severity.WARNING
    description = (
        "Chinese typography: half-width punctuation or straight quotes in Chinese text, mixed "
        "quote styles, CJK-Latin spacing (none or one space), repeated punctuation."
    )
    options: ClassVar[dict[str, Any]] = {"cjk_spacing": CJK_SPACING}

    def __init__(self, severity: Severity | None = None, **options: object) -> None:
        super().__init__(severity, **options)
        self.explicit_severity = severity
        if self.config["cjk_spacing"] not in ("none", "one", "off"):
            raise ConfigError(
                f"rule zh-typography: cjk_spacing must be none, one or off, "
                f"not {self.config['cjk_spacing']!r}"
            )

    def run(self, ctx: CheckContext) -> Iterable[Finding]:
        spacing = ctx.options.get("cjk_spacing") or self.config["cjk_spacing"]
        for side, doc, segments, pairs in sides(ctx):
            quotes: list[tuple[str, int, int, int | None]] = []
            for position, seg in enumerate(segments):
                if not seg.lang.startswith("zh"):
                    continue
                pair = pairs.get(position)
                for level, message, start, end, match, edits in self._segment(seg.text, spacing):
                    fix = text_fix(doc, [(seg.start + a, seg.start + b, r) for a, b, r in edits])
                    yield self._make(
                        ctx,
                        side,
                        level,
                        message,
                        seg.start + start,
                        seg.start + end,
                        pair,
                        match,
                        fix,
                    )
                for m in re.finditer("[“”「」]", seg.text):
                    quotes.append(
                        (_QUOTE_STYLES[m.group()], seg.start + m.start(), seg.start + m.end(), pair)
                    )
            yield from self._mixed_quotes(ctx, side, quotes)

    def _segment(self, text: str, spacing: str) -> Iterator[_Hit]:
        """``(severity, message, start, end, match, edits)`` in one Chinese segment's text;
        every edit lies inside ``[start, end)`` so a fix never touches text beyond its finding."""
        for m in _HALF_PUNCT.finditer(text):
            ch = m.group()
            end = m.end()
            if m.start() and re.match(_HAN, text[m.start() - 1]):
                # full-width punctuation carries its own space: "注意: text" -> "注意：text"
                end += len(re.match(r"[ \u00a0]*", text[end:]).group())  # type: ignore[union-attr]
            yield (
                Severity.WARNING,
                f"half-width “{ch}” in Chinese text: use “{_FULL[ch]}”",
                m.start(),
                end,
                text[m.start() : end],
                [(m.start(), end, _FULL[ch])],
            )
        for m in _PARENS.finditer(text):
            inside = re.search(_HAN, m.group(1))
            beside = re.match(_HAN, text[m.start() - 1 : m.start()]) if m.start() else None
            if inside or beside:
                start, end = m.start(), m.end()
                # "模型 (RSI)" -> "模型（RSI）": the spaces a full-width bracket replaces go too
                before = re.search(rf"(?<={_HAN})[ \u00a0]+$", text[:start])
                after = re.match(rf"[ \u00a0]+(?={_HAN})", text[end:])
                start = before.start() if before else start
                end = end + (after.end() if after else 0)
                yield (
                    Severity.WARNING,
                    "half-width parentheses in Chinese text: use （ ）",
                    start,
                    end,
                    text[start:end],
                    [(start, m.start() + 1, "（"), (m.end() - 1, end, "）")],
                )
        straight = list(_STRAIGHT_DOUBLE.finditer(text))
        # only an even count pairs up unambiguously: open, close, open, close
        pairable = len(straight) % 2 == 0
        for k, m in enumerate(straight):
            yield (
                Severity.WARNING,
                'straight quote " in Chinese text: use “ ” (or 「 」)',
                m.start(),
                m.end(),
                m.group(),
                [(m.start(), m.end(), "“" if k % 2 == 0 else "”")] if pairable else [],
            )
        for m in _STRAIGHT_SINGLE.finditer(text):
            yield (
                Severity.WARNING,
                "straight quote ' in Chinese text: use ‘ ’ (or 『 』)",
                m.start(),
                m.end(),
                m.group(),
                [],  # an apostrophe or a quote, open or close: not mechanical
            )
        for m in _REPEATED.finditer(text):
            yield (
                Severity.INFO,
                f"repeated punctuation “{m.group()}”",
                m.start(),
                m.end(),
                m.group(),
                [],
            )
        if spacing == "none":
            pattern = rf"(?<={_HAN})[ \u00a0]+(?=[A-Za-z])|(?<=[A-Za-z])[ \u00a0]+(?={_HAN})"
            message = "space between Chinese and Latin text (cjk-spacing = none)"
        elif spacing == "one":
            pattern = (
                rf"(?<={_HAN})(?=[A-Za-z])|(?<=[A-Za-z])(?={_HAN})"
                rf"|(?<={_HAN})[ \u00a0]{{2,}}(?=[A-Za-z])|(?<=[A-Za-z])[ \u00a0]{{2,}}(?={_HAN})"
            )
            message = (
                "Chinese and Latin text need exactly one space between them (cjk-spacing = one)"
            )
        else:
            return
        for m in re.finditer(pattern, text):
            if m.end() > m.start():
                start, end = m.start(), m.end()
                edits = [(start, end, "" if spacing == "none" else " ")]
            else:
                start, end = m.start() - 1, m.start() + 1
                edits = [(m.start(), m.start(), " ")]
            yield Severity.INFO, message, start, end, text[start:end], edits

    def _mixed_quotes(self, ctx, side, quotes) -> Iterator[Finding]:
        counts: dict[str, int] = {}
        for style, *_ in quotes:
            counts[style] = counts.get(style, 0) + 1
        if len(counts) < 2:
            return
        # the majority style is the document's; a tie goes to the style used first
        order = [style for style, *_ in quotes]
        main = max(counts, key=lambda s: (counts[s], -order.index(s)))
        for style, start, end, pair in quotes:
            if style != main:
                yield self._make(
                    ctx,
                    side,
                    Severity.INFO,
                    f"quote style {style} mixed with {main} used elsewhere in this document",
                    start,
                    end,
                    pair,
                    style,
                )

    def _make(self, ctx, side, level, message, start, end, pair, match, fix=None) -> Finding:
        finding = self.finding(
            ctx, message, pair=pair, match=match, fix=fix, **side_spans(side, (start, end))
        )
        severity = self.explicit_severity or level
        if severity is finding.severity:
            return finding
        from dataclasses import replace

        return replace(finding, severity=severity)
