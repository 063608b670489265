"""`bitext corpus SRC_DIR TGT_DIR -o OUT_DIR`: align (and lint) many pairs on dask.distributed.

A thin shell over ``bitext.corpus.align_corpus``: parse options, draw a progress bar while the
results come in, print the final table (and the term report with ``--lint``), decide the exit:
0 all pairs done, 1 a pair failed (or, with ``--lint``, an error finding), 2 a usage error.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import typer

from ..errors import UsageError
from ..options import PipelineOptions
from .console import err_console, print_warning
from .options import CheckChoice, check_options, pipeline_options, rule_ids
from .progress import say_config

CORPUS_FORMATS = ("links", "jsonl", "tsv", "tmx")


@pipeline_options
@check_options
def corpus_command(
    src_dir: Path | None = typer.Argument(
        None, help="Folder of source documents.", show_default=False
    ),
    tgt_dir: Path | None = typer.Argument(
        None, help="Folder of translations, same relative paths.", show_default=False
    ),
    out_dir: Path = typer.Option(
        ..., "-o", "--output", help="Folder for the outputs and summary.jsonl.", file_okay=False
    ),
    pair: list[str] = typer.Option(
        None, "--pair", help="Pairing rule LEFT=RIGHT, e.g. 'en/**/*.md=zh/**/*.md' (repeatable)."
    ),
    manifest: Path | None = typer.Option(
        None, "--manifest", help="TSV file of source<TAB>target rows.", dir_okay=False
    ),
    fmt: str = typer.Option(
        "tsv", "--format", "-f", help="Per-pair output: links (.align) | jsonl | tsv | tmx."
    ),
    merge: Path | None = typer.Option(
        None, "--merge", help="Also write one corpus file: FILE.tmx or FILE.jsonl.", dir_okay=False
    ),
    lint: bool = typer.Option(
        False, "--lint", help="Lint each pair (OUT_DIR/*.lint.json) and report terms corpus-wide."
    ),
    select: str | None = typer.Option(None, "--select", help="Comma-separated rule ids to run."),
    ignore: str | None = typer.Option(None, "--ignore", help="Comma-separated rule ids to skip."),
    force: bool = typer.Option(False, "--force", help="Redo pairs whose outputs are up to date."),
    workers: int | None = typer.Option(
        None, "--workers", min=1, help="Local worker processes (default: one per usable core)."
    ),
    scheduler: str | None = typer.Option(
        None,
        "--scheduler",
        envvar="DASK_SCHEDULER_ADDRESS",
        help="Run on an existing dask cluster, e.g. tcp://10.0.0.5:8786.",
    ),
    dashboard: bool = typer.Option(
        False, "--dashboard", help="Serve the dask dashboard on :8787 (local cluster)."
    ),
    max_bytes: int | None = typer.Option(
        None, "--max-bytes", min=1, help="Record pairs larger than this as failed."
    ),
    *,
    pipeline: PipelineOptions,
    checks: CheckChoice,
) -> int:
    """Align thousands of document pairs on this machine's cores or a dask cluster.

    Each pair's output is what [bold]bitext align[/bold] writes; a re-run skips what is done.

    Exit 0: all aligned; 1: a pair failed (or an error finding with --lint); 2: usage error.

    On a cluster, --cache-dir must be on each node's local disk (SQLite is unsafe on NFS).

    Example: [bold]bitext corpus en/ zh/ -o aligned/ --format tmx --merge aligned/all.tmx[/bold]
    """
    from ..config import resolve_config
    from ..corpus import align_corpus, resolve_pairs
    from ..corpus.engine import require_distributed

    require_distributed()
    if fmt not in CORPUS_FORMATS:
        raise UsageError(f"--format must be one of {', '.join(CORPUS_FORMATS)}, not {fmt!r}")
    if out_dir.exists() and not out_dir.is_dir():
        raise UsageError(f"{out_dir}: is not a directory")
    plan = resolve_pairs(src_dir, tgt_dir, pair_rules=pair or [], manifest=manifest)
    # the config exactly as `bitext lint` finds it: named, none with --isolated, else upwards
    # from the first input (the source folder, the manifest, or here for --pair rules)
    first = [p for p in (src_dir, manifest) if p is not None][:1]
    config = resolve_config(first, checks.config, isolated=checks.isolated)
    pipeline = pipeline.with_defaults(model=config.model).validated()
    say_config(config)
    for message in plan.warnings:
        print_warning(message)
    run = align_corpus(
        plan.pairs,
        out_dir=out_dir,
        fmt=fmt,
        merge=merge,
        lint=lint,
        config=config.path,
        select=rule_ids(select),
        ignore=rule_ids(ignore),
        glossaries=checks.glossaries,
        force=force,
        workers=workers,
        scheduler=scheduler,
        dashboard=dashboard,
        max_bytes=max_bytes,
        pipeline=pipeline,
    )
    started = time.perf_counter()
    results = _consume(run)
    seconds = time.perf_counter() - started
    from .corpus_view import print_summary, print_terms

    print_summary(results, seconds, run)
    if run.terms is not None:
        print_terms(run.terms, run.terms_path)
    failed = any(not r.ok for r in results)
    return 1 if failed or any(r.errors for r in results) else 0


def _consume(run: Any) -> list[Any]:
    """Collect the results, with a progress bar on a terminal (pairs, sentences/s, ETA)."""
    if not err_console.is_terminal:
        return list(run)
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    results = []
    sentences = 0
    started = time.perf_counter()
    with Progress(
        TextColumn("aligning"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rate]} sentences/s"),
        TextColumn("{task.fields[failed]}"),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        console=err_console,
        transient=True,
    ) as bar:
        task = bar.add_task("pairs", total=run.total, rate="-", failed="")
        failed = 0
        for result in run:
            results.append(result)
            if result.status == "ok":
                sentences += result.sentence_count
            failed += not result.ok
            elapsed = max(time.perf_counter() - started, 1e-6)
            bar.update(
                task,
                advance=1,
                rate=f"{sentences / elapsed:,.0f}",
                failed=f"[red]{failed} failed[/red]" if failed else "",
            )
    return results


def register(app: typer.Typer) -> None:
    """Add ``bitext corpus`` to ``app``."""
    app.command("corpus")(corpus_command)
