"""``bitext lint``: check translations in CI or before a commit; exit 0 / 1 / 2.

A thin shell over ``bitext.lint.lint``: parse options, pick a reporter, write, decide the exit.
"""

from __future__ import annotations

from pathlib import Path

import typer

from ..config import DEFAULT_FAIL_ON, FAIL_ON
from .console import check_output_path, err_console, expanded_inputs, print_warning, write_output
from .options import CacheDirOpt, EncodingOpt, ForceOpt, ModelOpt, NoCacheOpt, OutputOpt

FORMATS = ("text", "json", "sarif", "github", "junit", "html")


def lint_command(
    inputs: list[str] = typer.Argument(
        None,
        help="A file pair, one bilingual file, two directories, files or quoted globs "
        "(name.en.md pairs with name.zh.md).",
        show_default=False,
    ),
    pair: list[str] = typer.Option(
        None,
        "--pair",
        help="Pairing rule LEFT=RIGHT, e.g. 'docs/en/*.md=docs/zh/*.md' (repeatable).",
    ),
    output_format: str = typer.Option(
        "text", "--format", "-f", help=f"Output format: {', '.join(FORMATS)}."
    ),
    output: Path | None = OutputOpt,
    force: bool = ForceOpt,
    fail_on: str | None = typer.Option(
        None,
        "--fail-on",
        help=f"Exit 1 when a finding is at or above this: {', '.join(FAIL_ON)} "
        f"(default: config, else {DEFAULT_FAIL_ON}).",
    ),
    select: str | None = typer.Option(
        None, "--select", help="Comma-separated rule ids or prefixes to run (e.g. omission,term)."
    ),
    ignore: str | None = typer.Option(
        None, "--ignore", help="Comma-separated rule ids or prefixes to skip."
    ),
    config: Path | None = typer.Option(
        None, "--config", help="Config file (default: .bitext.toml or pyproject.toml, upwards)."
    ),
    glossary: list[str] = typer.Option(
        None, "--glossary", "-g", help="Glossary YAML file or shipped name (repeatable)."
    ),
    baseline: Path | None = typer.Option(
        None, "--baseline", help="Report only findings not recorded in this baseline file."
    ),
    write_baseline: Path | None = typer.Option(
        None, "--write-baseline", help="Record every current finding in FILE and exit 0."
    ),
    model: str | None = ModelOpt,
    cache_dir: str | None = CacheDirOpt,
    no_cache: bool = NoCacheOpt,
    encoding: str | None = EncodingOpt,
) -> int:
    """Lint translations: omissions, additions, numbers, terms, typography.

    Exit 0 when clean, 1 when a finding is at or above --fail-on, 2 on a usage, input or config
    error.

    Example: [bold]bitext lint --pair 'docs/en/*.md=docs/zh/*.md' --format github[/bold]
    """
    from ..check.baseline import baseline_text
    from ..errors import UsageError
    from ..linter import failing, lint

    if output_format not in FORMATS:
        raise UsageError(f"--format must be one of {', '.join(FORMATS)}, not {output_format!r}")
    if fail_on is not None and fail_on not in FAIL_ON:
        raise UsageError(f"--fail-on must be one of {', '.join(FAIL_ON)}, not {fail_on!r}")
    given = expanded_inputs(inputs or [], pair or [], [*(glossary or []), config])
    check_output_path(output, force, (*given, *([baseline] if baseline else [])))
    check_output_path(write_baseline, force, given)
    reporter = _reporter(output_format)
    outcome = lint(
        inputs or [],
        pairs=pair or [],
        config=config,
        select=_split(select),
        ignore=_split(ignore),
        glossaries=glossary or [],
        baseline=baseline,
        model=model,
        cache_dir=cache_dir,
        use_cache=not no_cache,
        encoding=encoding,
    )
    for message in outcome.warnings:
        print_warning(message)
    if write_baseline is not None:
        write_output(baseline_text(outcome.all_findings), write_baseline)
        err_console.print(f"Wrote {len(outcome.all_findings)} finding(s) to {write_baseline}")
        return 0
    write_output(reporter.render(outcome.result), output)
    _summary(outcome)
    threshold = fail_on or outcome.config.fail_on
    return 1 if failing(outcome.result.findings, threshold) else 0


def _reporter(name: str):
    """The reporter for ``--format``, loaded before any text is read."""
    from ..errors import UsageError
    from ..report.base import REPORTERS, get_reporter

    try:
        return get_reporter(name)
    except ModuleNotFoundError as exc:
        if exc.name != REPORTERS[name].partition(":")[0]:
            raise
        raise UsageError(f"--format {name} is not available in this install") from None


def _split(value: str | None) -> list[str] | None:
    if value is None:
        return None
    return [part.strip() for part in value.split(",") if part.strip()]


def _summary(outcome) -> None:
    from ..signature import short_signature

    counts = {"error": 0, "warning": 0, "info": 0}
    for finding in outcome.result.findings:
        counts[finding.severity.value] += 1
    total = len(outcome.result.findings)
    text = (
        f"{total} finding(s): {counts['error']} error, {counts['warning']} warning, "
        f"{counts['info']} info in {len(outcome.result.documents)} document(s)"
    )
    if outcome.baselined:
        text += f"; {outcome.baselined} known from the baseline"
    err_console.print(text, highlight=False)
    err_console.print(short_signature(outcome.result.signature), style="dim", highlight=False)


def register(app: typer.Typer) -> None:
    """Add ``bitext lint`` to ``app``."""
    app.command("lint")(lint_command)
