"""`bitext align A [B]`: one bilingual file or two files to aligned sentence pairs.

A thin shell over ``bitext.pipeline.align_files`` and ``bitext.report.align_formats``: on a
terminal a coloured side-by-side table, piped plain TSV; warnings as yellow lines on stderr.
"""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from ..config import resolve_config
from ..errors import UsageError
from ..options import PipelineOptions
from ..report.formats import ALIGN_FORMATS, SUFFIX_FORMAT
from .console import check_output_path, err_console, print_warning, write_output
from .options import CheckChoice, ForceOpt, OutputOpt, config_options, pipeline_options
from .progress import reading_warnings, say_config, stage_progress


def _pick_format(fmt: str | None, output: Path | None) -> str:
    if fmt is not None:
        if fmt not in ALIGN_FORMATS:
            raise UsageError(f"unknown format {fmt!r} (known: {', '.join(ALIGN_FORMATS)})")
        return fmt
    if output is not None and str(output) != "-":
        return SUFFIX_FORMAT.get(output.suffix.lower(), "tsv")
    return "table" if sys.stdout.isatty() else "tsv"


@pipeline_options
@config_options
def align_command(
    files: list[str] = typer.Argument(
        ...,
        metavar="SOURCE [TRANSLATION]",
        help="The source and its translation (the first file is the source, in either "
        "language), or one bilingual file (原文/翻译, inline, alternating, TSV/CSV, halves).",
        show_default=False,
    ),
    fmt: str | None = typer.Option(
        None,
        "--format",
        "-f",
        help=f"{' | '.join(ALIGN_FORMATS)} "
        "(default: table on a terminal, tsv when piped or by the -o suffix).",
        show_default=False,
    ),
    output: Path | None = OutputOpt,
    force: bool = ForceOpt,
    *,
    pipeline: PipelineOptions,
    checks: CheckChoice,
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
    config = resolve_config(files[:1], checks.config, isolated=checks.isolated)
    pipeline = pipeline.with_defaults(model=config.model).validated()
    say_config(config)
    with stage_progress(files) as callback:
        result = align_files(files, pipeline, progress=callback, config_path=config.path)
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
        for warning in reading_warnings(result.warnings):
            print_warning(warning)  # still on screen after a long table
        return 0
    rendered = render(result, fmt)
    for note in rendered.notes:
        err_console.print(note, markup=False, highlight=False)
    write_output(rendered.text, output)
    return 0


def register(app: typer.Typer) -> None:
    """Add ``bitext align`` to ``app``."""
    app.command("align")(align_command)
