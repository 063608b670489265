"""The terminal end of ``bitext corpus``: the final table and the corpus term report (stderr,
so stdout stays free; the machine-readable record is OUT_DIR/summary.jsonl)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from .console import err_console

#: failed pairs listed under the table (all are in summary.jsonl).
FAILED_SHOWN = 10
#: terms listed on the terminal (all are in terms.json).
TERMS_SHOWN = 20


def print_summary(results: list[Any], seconds: float, run: Any) -> None:
    """One two-column table: counts, sentences, links by kind, scores, findings, speed."""
    from rich.table import Table

    by_status = Counter(r.status for r in results)
    links: Counter[str] = Counter()
    sentences = aligned_sentences = 0
    scores = []
    findings = [r.findings for r in results if r.findings is not None]
    for r in results:
        links.update(r.links)
        sentences += r.sentence_count
        aligned_sentences += r.sentence_count if r.status == "ok" else 0
        if r.mean_score is not None:
            scores.append(r.mean_score)
    table = Table(title="bitext corpus", show_header=False, title_justify="left")
    table.add_column(style="bold")
    table.add_column(justify="right")
    failed = by_status["failed"]
    rows = [
        ("pairs", f"{len(results):,}"),
        ("aligned now", f"{by_status['ok']:,}"),
        ("up to date (skipped)", f"{by_status['skipped']:,}"),
        ("failed", f"[red]{failed:,}[/red]" if failed else "0"),
        ("sentences", f"{sentences:,}"),
        ("links by kind", _kinds(links)),
        ("mean score", f"{sum(scores) / len(scores):.3f}" if scores else "-"),
    ]
    if findings:
        rows.append(("lint findings", f"{sum(findings):,}"))
    rate = aligned_sentences / seconds if seconds > 0 else 0.0
    rows.append(("seconds", f"{seconds:.1f} ({rate:,.0f} sentences/s)"))
    for key, value in rows:
        table.add_row(key, value)
    err_console.print(table)
    failures = [r for r in results if r.status == "failed"]
    for r in sorted(failures, key=lambda r: r.name)[:FAILED_SHOWN]:
        err_console.print(f"[red]failed[/red] {r.src}: {r.error}", highlight=False)
    if len(failures) > FAILED_SHOWN:
        err_console.print(f"... and {len(failures) - FAILED_SHOWN} more failed pairs")
    if run.summary_path is not None:
        err_console.print(f"summary: {run.summary_path}", style="dim", highlight=False)


def _kinds(links: Counter[str]) -> str:
    top = sorted(links.items(), key=lambda kv: (-kv[1], kv[0]))
    text = ", ".join(f"{k}: {n:,}" for k, n in top[:5])
    return text + (", ..." if len(top) > 5 else "") if text else "-"


def print_terms(terms: list[Any], path: Path | None) -> None:
    if not terms:
        err_console.print("terms: none found in two or more documents", style="dim")
        return
    err_console.print("[bold]Terms across documents[/bold]")
    for term in terms[:TERMS_SHOWN]:
        style = "yellow" if term.inconsistent else ""
        err_console.print(term.line(), style=style, markup=False, highlight=False)
    if len(terms) > TERMS_SHOWN:
        err_console.print(f"... {len(terms) - TERMS_SHOWN} more", style="dim")
    if path is not None:
        err_console.print(f"terms: {path}", style="dim", highlight=False)
