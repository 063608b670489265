"""Documents and their segments, each segment knowing exactly where it came from.

Every later stage (embedding, alignment, checks, reports) works on ``Segment`` objects, so a
finding can always point at ``file:line:col`` of the text the user has. Offsets are Python string
indices (Unicode code points) into the decoded text of the file.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from functools import cached_property


@dataclass(frozen=True)
class Segment:
    """One sentence (or heading / list item) with its span in the original text."""

    text: str
    start: int
    end: int
    lang: str
    paragraph: int
    index: int
    kind: str = "sentence"  # "sentence" | "heading" | "list-item"


@dataclass(frozen=True)
class Position:
    """A 1-based line and column (in code points), as editors and SARIF count them."""

    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.line}:{self.column}"


@dataclass(frozen=True)
class LineIndex:
    """Maps character offsets of one text to line:col in O(log lines)."""

    text: str = field(repr=False)

    @cached_property
    def _starts(self) -> list[int]:
        starts = [0]
        text = self.text
        i = 0
        n = len(text)
        while i < n:
            ch = text[i]
            if ch == "\r":
                if i + 1 < n and text[i + 1] == "\n":
                    i += 1
                starts.append(i + 1)
            elif ch == "\n":
                starts.append(i + 1)
            i += 1
        return starts

    def position(self, offset: int) -> Position:
        """Line and column of ``offset`` (both 1-based)."""
        line = bisect.bisect_right(self._starts, offset) - 1
        return Position(line + 1, offset - self._starts[line] + 1)


@dataclass(frozen=True)
class Document:
    """A decoded text file and its segments."""

    text: str
    segments: tuple[Segment, ...]
    lang: str
    path: str | None = None
    encoding: str = "utf-8"

    @cached_property
    def lines(self) -> LineIndex:
        return LineIndex(self.text)

    def position(self, offset: int) -> Position:
        return self.lines.position(offset)

    @property
    def sentences(self) -> list[str]:
        return [s.text for s in self.segments]

    @classmethod
    def from_sentences(cls, sentences: list[str], lang: str, path: str | None = None) -> Document:
        """A document of already split sentences, one per line (offsets into their ``"\n"``
        join); a plain list carries no paragraphs, so all are paragraph 0."""
        segments, offset = [], 0
        for index, sentence in enumerate(sentences):
            segments.append(Segment(sentence, offset, offset + len(sentence), lang, 0, index))
            offset += len(sentence) + 1
        return cls("\n".join(sentences) + "\n", tuple(segments), lang, path)
