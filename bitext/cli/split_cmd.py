"""`bitext split`: one file in, its sentences out (text or JSON Lines). No logic of its own.

Everything here is parsing options and formatting; the splitting is ``bitext.split.split_file``.
"""

from __future__ import annotations

import json
import re
from enum import Enum
from pathlib import Path

import typer

from ..document import Document
from .console import check_output_path, write_output
from .options import EncodingOpt, ForceOpt, OutputOpt


class SplitLang(str, Enum):
    auto = "auto"
    en = "en"
    zh = "zh"


class SplitFormat(str, Enum):
    text = "text"
    jsonl = "jsonl"


# A line break inside a sentence: dropped between two CJK characters (hard-wrapped Chinese),
# a space anywhere else.
_BREAK = re.compile(r"[ \t]*[\r\n][\s]*")
_CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")


def _one_line(text: str) -> str:
    def join(m: re.Match[str]) -> str:
        before = text[m.start() - 1] if m.start() else ""
        after = text[m.end()] if m.end() < len(text) else ""
        return "" if _CJK.match(before) and _CJK.match(after) else " "

    return _BREAK.sub(join, text)


def format_text(doc: Document) -> str:
    """One sentence per line; a sentence that spans lines is joined onto one."""
    return "".join(_one_line(seg.text) + "\n" for seg in doc.segments)


def format_jsonl(doc: Document) -> str:
    """One JSON object per sentence, keys sorted, non-ASCII kept as is (byte-stable output)."""
    lines = []
    for seg in doc.segments:
        start, end = doc.position(seg.start), doc.position(seg.end)
        record = {
            "text": seg.text,
            "lang": seg.lang,
            "paragraph": seg.paragraph,
            "index": seg.index,
            "kind": seg.kind,
            "start": {"line": start.line, "column": start.column},
            "end": {"line": end.line, "column": end.column},  # exclusive, like end_offset
            "start_offset": seg.start,
            "end_offset": seg.end,
        }
        lines.append(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n")
    return "".join(lines)


FORMATTERS = {SplitFormat.text: format_text, SplitFormat.jsonl: format_jsonl}


def split_command(
    file: Path = typer.Argument(..., help="Text file to split (UTF-8, UTF-16 or GB18030)."),
    lang: SplitLang = typer.Option(
        SplitLang.auto, "--lang", "-l", help="Language of the file; auto detects by script."
    ),
    fmt: SplitFormat = typer.Option(
        SplitFormat.text, "--format", "-f", help="text: one sentence a line; jsonl: with spans."
    ),
    output: Path | None = OutputOpt,
    force: bool = ForceOpt,
    encoding: str | None = EncodingOpt,
    split_semicolon: bool = typer.Option(
        False, "--split-semicolon", help="Also end Chinese sentences at ；(off by default)."
    ),
) -> None:
    """Split a text file into sentences, with exact positions (see SPLIT_HELP)."""
    from ..split import split_file

    check_output_path(output, force, (file,))
    doc = split_file(file, lang.value, encoding=encoding, split_semicolon=split_semicolon)
    write_output(FORMATTERS[fmt](doc), output)


SPLIT_HELP = (
    "Split a text file into sentences, with exact positions.\n\n"
    "Paragraphs are blocks between blank lines (single lines when the file has no blank line). "
    "Markdown headings and list items are segments of their own. Each paragraph is split with "
    "the rules of its script: English with Punkt and our abbreviations, Chinese by punctuation."
    "\n\nExample: [bold]bitext split examples/article.zh.txt --format jsonl -o zh.jsonl[/bold]"
)


def register(app: typer.Typer) -> None:
    """Add ``bitext split`` to ``app``."""
    app.command("split", help=SPLIT_HELP)(split_command)
