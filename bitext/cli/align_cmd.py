"""`bitext align A [B]`: one bilingual file or two files to aligned sentence pairs.

A thin shell over ``bitext.pipeline.align_files`` and ``bitext.report.align_formats``: on a
terminal a coloured side-by-side table, piped plain TSV; warnings as yellow lines on stderr.
"""

from __future__ import annotations

import sys
from contextlib import nullcontext
from pathlib import Path
from typing import Any

import typer

from ..errors import UsageError
from ..layout import LAYOUTS
from ..pipeline import DEFAULT_MAX_ALIGN, DEFAULT_WIDEN
from .console import check_output_path, err_console, print_warning, write_output
from .options import CacheDirOpt, EncodingOpt, ForceOpt, ModelOpt, NoCacheOpt, OutputOpt

FORMATS = ("table", "tsv", "jsonl", "links", "tmx", "markdown")
#: -o FILE with no --format: the format its name asks for.
SUFFIX_FORMAT = {
    ".tsv": "tsv",
    ".jsonl": "jsonl",
    ".tmx": "tmx",
    ".md": "markdown",
    ".align": "links",
    ".links": "links",
}
#: inputs larger than this (bytes) get a progress bar on a terminal; smaller ones finish first.
PROGRESS_MIN_BYTES = 50_000


def _pick_format(fmt: str | None, output: Path | None) -> str:
    if fmt is not None:
        if fmt not in FORMATS:
            raise UsageError(f"unknown format {fmt!r} (known: {', '.join(FORMATS)})")
        return fmt
    if output is not None and str(output) != "-":
        return SUFFIX_FORMAT.get(output.suffix.lower(), "tsv")
    return "table" if sys.stdout.isatty() else "tsv"


def _progress(files: list[str]) -> Any:
    """A transient rich progress bar on stderr, only on a terminal and only for long inputs."""
    size = sum(Path(f).stat().st_size for f in files if Path(f).is_file())
    if not err_console.is_terminal or size < PROGRESS_MIN_BYTES:
        return nullcontext(None)
    from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn

    return Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        console=err_console,
        transient=True,
    )


def align_command(
    files: list[str] = typer.Argument(
        ...,
        metavar="FILE [FILE]",
        help="One bilingual file (原文/翻译, inline, alternating, TSV/CSV, halves), "
        "or a text and its translation in either order.",
        show_default=False,
    ),
    fmt: str | None = typer.Option(
        None,
        "--format",
        "-f",
        help="table | tsv | jsonl | links | tmx | markdown "
        "(default: table on a terminal, tsv when piped or by the -o suffix).",
        show_default=False,
    ),
    output: Path | None = OutputOpt,
    force: bool = ForceOpt,
    layout: str = typer.Option(
        "auto", "--layout", help=f"Layout of one bilingual file: {' | '.join(LAYOUTS)}."
    ),
    src_lang: str | None = typer.Option(
        None, "--src-lang", help="Language of the source: en or zh (default: English)."
    ),
    tgt_lang: str | None = typer.Option(None, "--tgt-lang", help="Language of the translation."),
    presplit: bool = typer.Option(
        False, "--presplit", help="Take each line as one sentence (the form of gold data)."
    ),
    max_align: int = typer.Option(
        DEFAULT_MAX_ALIGN,
        "--max-align",
        min=1,
        max=8,
        help="Most sentences in one link side, searched everywhere.",
    ),
    widen: int = typer.Option(
        DEFAULT_WIDEN,
        "--widen",
        min=0,
        max=8,
        help="Next to links of --max-align or one less, also try one sentence against up to "
        "this many more (a list sentence rendered as many); 0 makes --max-align a hard limit.",
    ),
    split_semicolon: bool = typer.Option(
        False, "--split-semicolon", help="Also end sentences at semicolons."
    ),
    encoding: str | None = EncodingOpt,
    model: str | None = ModelOpt,
    cache_dir: Path | None = CacheDirOpt,
    no_cache: bool = NoCacheOpt,
) -> int:
    """Align sentences of a text and its translation; print pairs with scores and positions.

    Example: [bold]bitext align examples/article.en.txt examples/article.zh.txt[/bold]
    """
    from ..pipeline import align_files
    from ..report.align_formats import render, table_renderable
    from ..signature import short_signature

    if not 1 <= len(files) <= 2:
        raise UsageError("give one bilingual file or two files (a text and its translation)")
    fmt = _pick_format(fmt, output)
    check_output_path(output, force, tuple(Path(f) for f in files))
    with _progress(files) as bar:
        callback: Any = False
        if bar is not None:
            task = bar.add_task("reading", total=None)

            def callback(stage: str, done: int, total: int) -> None:
                bar.update(task, description=stage, completed=done, total=total or None)

        result = align_files(
            files,
            layout=layout,
            encoding=encoding,
            model=model,
            cache_dir=cache_dir,
            use_cache=not no_cache,
            src_lang=src_lang,
            tgt_lang=tgt_lang,
            presplit=presplit,
            max_align=max_align,
            widen=widen,
            split_semicolon=split_semicolon,
            progress=callback,
        )
    for warning in result.warnings:
        print_warning(warning)
    to_terminal = (output is None or str(output) == "-") and sys.stdout.isatty()
    if fmt == "table" and to_terminal:
        from rich.console import Console

        console = Console(highlight=False)
        console.print(table_renderable(result))
        console.print(
            short_signature(result.alignment.signature), style="dim", markup=False, soft_wrap=True
        )
        return 0
    rendered = render(result, fmt)
    for note in rendered.notes:
        err_console.print(note, markup=False, highlight=False)
    write_output(rendered.text, output)
    return 0


def register(app: typer.Typer) -> None:
    """Add ``bitext align`` to ``app``."""
    app.command("align")(align_command)
