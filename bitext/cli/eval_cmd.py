"""`bitext eval GOLD TEST`: strict and lax precision, recall and F1 of an alignment.

A thin shell over ``bitext.align.evaluate.score_paths``; the scoring rules are documented there.
"""

from __future__ import annotations

import json
from pathlib import Path

import typer

from ..errors import UsageError

FORMATS = ("text", "json")


def eval_command(
    gold: Path = typer.Argument(..., help="Gold .align file, or a directory of NNN.align files."),
    test: Path = typer.Argument(..., help="Test .align file, or a directory matching GOLD."),
    fmt: str = typer.Option("text", "--format", "-f", help="Output format: text or json."),
) -> None:
    """Score an alignment against a gold one (links format \\[i,j]:\\[k]).

    The format is what `bitext align -f links` writes.
    Strict: a link counts only if identical to a gold link.
    Lax: it shares a source and a target sentence with one.

    Example: [bold]bitext eval gold/ ours/ --format json[/bold]
    """
    from ..align.evaluate import score_paths

    if fmt not in FORMATS:
        raise UsageError(f"unknown --format {fmt!r} (choose text or json)")
    scores = score_paths(gold, test)
    if fmt == "json":
        typer.echo(json.dumps(scores.as_dict(), sort_keys=True, indent=2))
        return
    s = scores
    typer.echo(f"documents: {s.documents}  test links: {s.test_links}  gold links: {s.gold_links}")
    typer.echo(f"{'':8}{'precision':>10}{'recall':>10}{'F1':>10}")
    typer.echo(
        f"{'strict':8}{s.strict_precision:>10.4f}{s.strict_recall:>10.4f}{s.strict_f1:>10.4f}"
    )
    typer.echo(f"{'lax':8}{s.lax_precision:>10.4f}{s.lax_recall:>10.4f}{s.lax_f1:>10.4f}")


def register(app: typer.Typer) -> None:
    """Add this module's commands to ``app``."""
    app.command("eval")(eval_command)
