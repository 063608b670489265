"""`bitext report`: the review page, one self-contained HTML file for a translator.

Thin: the same library call as ``bitext lint`` (config, rules and glossaries validated before
any text is read, the one pipeline, the same findings), rendered with the ``html`` reporter.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import typer

from ..errors import UsageError
from ..options import PipelineOptions
from .console import check_output_path, err_console, expanded_inputs, print_warning, write_output
from .options import CheckChoice, ForceOpt, OutputOpt, check_options, pipeline_options
from .progress import say_config, stage_progress

HELP = """Write the review page: source and translation side by side, findings highlighted.

One HTML file that works offline: aligned pairs with a similarity bar, omissions and additions, \
every finding marked in the sentence, summaries, filters, and j/k to move between findings.

Example: [bold]bitext report post.en.md post.zh.md -o review.html[/bold]
"""


def register(app: typer.Typer) -> None:
    """Add this module's commands to ``app``."""
    app.command("report", help=HELP)(report)


@pipeline_options
@check_options
def report(
    inputs: list[Path] = typer.Argument(
        ...,
        metavar="SOURCE [TRANSLATION]",
        help="The source and its translation (the first file is the source), or one bilingual "
        "file.",
    ),
    output: Path | None = OutputOpt,
    force: bool = ForceOpt,
    title: str | None = typer.Option(None, "--title", help="Page title (default: the file names)."),
    open_page: bool = typer.Option(
        False, "--open", help="Open the written page in the default browser."
    ),
    *,
    pipeline: PipelineOptions,
    checks: CheckChoice,
) -> None:
    from ..linter import lint

    paths = tuple(inputs)
    if len(paths) > 2:
        raise UsageError(
            f"expected one bilingual file or two files, got {len(paths)}; "
            "run `bitext lint --format html` for many files"
        )
    if output is None and sys.stdout.isatty():
        raise UsageError("the review page is an HTML file: pass -o review.html (or pipe it)")
    if open_page and (output is None or str(output) == "-"):
        raise UsageError("--open needs -o FILE")
    check_output_path(
        output, force, expanded_inputs(paths, (), [*checks.glossaries, checks.config])
    )
    # the same library call as `bitext lint`: same config, rules, glossaries, same findings
    with stage_progress() as progress:
        outcome = lint(
            units=[paths],
            config=checks.config,
            isolated=checks.isolated,
            glossaries=checks.glossaries,
            pipeline=pipeline,
            progress=progress,
        )
    say_config(outcome.config)
    for message in outcome.warnings:
        print_warning(message)
    html = _render(outcome, title)
    write_output(html, output)

    if output is not None and str(output) != "-":
        documents = outcome.result.documents[0]
        counts = _counts(documents, outcome.result.findings)
        err_console.print(f"Wrote {output}: {counts}", highlight=False, markup=False)
        if open_page:
            import webbrowser

            webbrowser.open(output.resolve().as_uri())


def _render(outcome: Any, title: str | None) -> str:
    from ..report.base import get_reporter

    return str(
        get_reporter("html", title=title, glossaries=outcome.glossaries).render(outcome.result)
    )


def _counts(documents: Any, findings: tuple[Any, ...]) -> str:
    from ..report.review_view import SEVERITIES

    by_severity: dict[str, int] = {}
    for f in findings:
        key = getattr(f.severity, "value", str(f.severity))
        by_severity[key] = by_severity.get(key, 0) + 1
    detail = ", ".join(f"{by_severity[s]} {s}" for s in SEVERITIES if by_severity.get(s))
    pairs = len(documents.alignment.links)
    return f"{pairs} pairs, {len(findings)} findings" + (f" ({detail})" if detail else "")
