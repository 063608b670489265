"""``bitext lint``: check translations in CI or before a commit; exit 0 / 1 / 2.

A thin shell over ``bitext.lint.lint``: parse options, pick a reporter, write, decide the exit.
"""

from __future__ import annotations

from pathlib import Path

import typer

from ..check.rules.base import RULES
from ..config import DEFAULT_FAIL_ON, FAIL_ON
from ..options import PipelineOptions
from ..report.formats import LINT_FORMATS
from .console import check_output_path, err_console, expanded_inputs, print_warning, write_output
from .options import (
    CheckChoice,
    ForceOpt,
    OutputOpt,
    check_options,
    pipeline_options,
    rule_ids,
)
from .progress import say_config, stage_progress

FORMATS = LINT_FORMATS


@pipeline_options
@check_options
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
    baseline: Path | None = typer.Option(
        None, "--baseline", help="Report only findings not recorded in this baseline file."
    ),
    write_baseline: Path | None = typer.Option(
        None, "--write-baseline", help="Record every current finding in FILE and exit 0."
    ),
    fix: bool = typer.Option(
        False, "--fix", help="Apply the safe fixes in place (typography, double spaces)."
    ),
    unsafe_fixes: bool = typer.Option(
        False,
        "--unsafe-fixes",
        help="With --fix or --diff, also apply unsafe fixes (glued-word splits, repeated words).",
    ),
    diff: bool = typer.Option(
        False, "--diff", help="Print the fixes as a unified diff and write nothing."
    ),
    statistics: bool = typer.Option(
        False,
        "--statistics",
        help="Text format: print the count of findings per rule instead of each.",
    ),
    *,
    pipeline: PipelineOptions,
    checks: CheckChoice,
) -> int:
    """Lint translations: omissions, additions, numbers, terms, typography.

    Exit 0 when clean, 1 when a finding is at or above --fail-on, 2 on a usage/input/config error.
    With two files the first is the source.

    Rules: RULE_IDS

    Example: [bold]bitext lint --pair 'docs/en/*.md=docs/zh/*.md' --format github[/bold]
    """
    from ..check.baseline import baseline_text
    from ..errors import UsageError
    from ..linter import failing, lint

    if output_format not in FORMATS:
        raise UsageError(f"--format must be one of {', '.join(FORMATS)}, not {output_format!r}")
    if fail_on is not None and fail_on not in FAIL_ON:
        raise UsageError(f"--fail-on must be one of {', '.join(FAIL_ON)}, not {fail_on!r}")
    given = expanded_inputs(inputs or [], pair or [], [*checks.glossaries, checks.config])
    check_output_path(output, force, (*given, *([baseline] if baseline else [])))
    check_output_path(write_baseline, force, given)
    reporter = _reporter(output_format)

    def run_lint(progress=False):  # type: ignore[no-untyped-def]
        return lint(
            inputs or [],
            pairs=pair or [],
            config=checks.config,
            isolated=checks.isolated,
            select=rule_ids(select),
            ignore=rule_ids(ignore),
            glossaries=checks.glossaries,
            baseline=baseline,
            pipeline=pipeline,
            progress=progress,
        )

    with stage_progress() as progress:
        outcome = run_lint(progress)
    say_config(outcome.config)
    for message in outcome.warnings:
        print_warning(message)
    if write_baseline is not None:
        write_output(baseline_text(outcome.all_findings), write_baseline)
        err_console.print(f"Wrote {len(outcome.all_findings)} finding(s) to {write_baseline}")
        return 0
    if diff or fix:
        outcome, done = _fix(
            outcome, diff=diff, unsafe=unsafe_fixes, encoding=pipeline.encoding, relint=run_lint
        )
        if diff:
            return done
    if statistics and output_format == "text":
        from ..report.text import statistics_text

        write_output(statistics_text(outcome.result.findings), output)
    else:
        if output_format == "html":  # the term table shows the glossaries' renderings
            from ..report.base import get_reporter

            reporter = get_reporter("html", glossaries=outcome.glossaries)
        write_output(reporter.render(outcome.result), output)
    _summary(outcome)
    _fix_hint(outcome, fix, unsafe_fixes)
    threshold = fail_on or outcome.config.fail_on
    return 1 if failing(outcome.result.findings, threshold) else 0


def _fix(outcome, *, diff: bool, unsafe: bool, encoding: str | None, relint):
    """``--diff``: print what would change (exit 1 when something would). ``--fix``: write it,
    then lint again so the findings shown are the ones left, at their new positions."""
    from ..check.fixes import apply_fixes, fixed_count, plan_fixes, unified_diff

    plans = plan_fixes(outcome.result.findings, unsafe=unsafe, encoding=encoding)
    count = fixed_count(plans)
    if diff:
        text = unified_diff(plans)
        if text:
            write_output(text, None)
        err_console.print(f"Would fix {count} finding(s)", highlight=False)
        return outcome, 1 if text else 0
    if not count:
        return outcome, 0
    apply_fixes(plans)
    files = sum(1 for p in plans if p.changed)
    err_console.print(f"Fixed {count} finding(s) in {files} file(s)", highlight=False)
    return relint(), 0


def _fix_hint(outcome, fix: bool, unsafe: bool) -> None:
    """ruff's "[*] N fixable with the --fix option" on stderr."""
    from ..check.fixes import fixable

    findings = outcome.result.findings
    safe = sum(1 for f in findings if fixable(f))
    more = sum(1 for f in findings if fixable(f, True)) - safe
    if fix and not unsafe and more:
        err_console.print(f"{more} more fixable with --unsafe-fixes", highlight=False)
    elif not fix and (safe or more):
        text = f"{safe} fixable with --fix"
        if more:
            text += f" ({more} more with --unsafe-fixes)"
        err_console.print(text, highlight=False)


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
    err_console.print(text, highlight=False, markup=False)
    err_console.print(short_signature(outcome.result.signature), style="dim", highlight=False)


def register(app: typer.Typer) -> None:
    """Add ``bitext lint`` to ``app``; its help lists every rule id (``--select``/``--ignore``)."""
    doc = lint_command.__doc__ or ""
    lint_command.__doc__ = doc.replace("RULE_IDS", ", ".join(sorted(RULES)) + ".")
    app.command("lint")(lint_command)
