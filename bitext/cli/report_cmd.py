"""`bitext report`: the review page, one self-contained HTML file for a translator.

Thin: load the glossaries (so a broken one fails before any text is read), align the files,
run the checks, render with the ``html`` reporter, write. Each library call sits in one small
function so the pipeline pieces (align_files, the check runner) can evolve behind it.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import typer

from ..errors import UsageError
from .console import check_output_path, err_console, write_output
from .options import (
    CacheDirOpt,
    EncodingOpt,
    ForceOpt,
    GlossaryOpt,
    ModelOpt,
    NoCacheOpt,
    OutputOpt,
)

HELP = """Write the review page: source and translation side by side, findings highlighted.

One HTML file that works offline: aligned pairs with a similarity bar, omissions and additions, \
every finding marked in the sentence, summaries, filters, and j/k to move between findings.

Example: [bold]bitext report post.en.md post.zh.md -o review.html[/bold]
"""


def register(app: typer.Typer) -> None:
    """Add this module's commands to ``app``."""
    app.command("report", help=HELP)(report)


def report(
    inputs: list[Path] = typer.Argument(
        ...,
        metavar="FILE",
        help="One bilingual file, or the source and its translation (either order).",
    ),
    output: Path | None = OutputOpt,
    force: bool = ForceOpt,
    glossary: list[str] | None = GlossaryOpt,
    model: str | None = ModelOpt,
    cache_dir: Path | None = CacheDirOpt,
    no_cache: bool = NoCacheOpt,
    encoding: str | None = EncodingOpt,
    title: str | None = typer.Option(None, "--title", help="Page title (default: the file names)."),
    open_page: bool = typer.Option(
        False, "--open", help="Open the written page in the default browser."
    ),
) -> None:
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
    check_output_path(output, force, paths)

    glossaries = _load_glossaries(glossary or ())
    documents = _align(
        paths, model=model, cache_dir=cache_dir, use_cache=not no_cache, encoding=encoding
    )
    findings = _check(documents, glossaries)
    html = _render(documents, findings, glossaries, title)
    write_output(html, output)

    if output is not None and str(output) != "-":
        err_console.print(f"Wrote {output}: {_counts(documents, findings)}", highlight=False)
        if open_page:
            import webbrowser

            webbrowser.open(output.resolve().as_uri())


def _load_glossaries(specs: tuple[str, ...] | list[str]) -> tuple[Any, ...]:
    """Glossary files or shipped names, validated before any text is read."""
    if not specs:
        return ()
    from ..check.glossary import load_glossary

    return tuple(load_glossary(spec) for spec in specs)


def _align(paths: tuple[Path, ...], **options: Any) -> Any:
    """read -> split -> embed -> align, shared with `bitext align` and `bitext lint`."""
    from ..pipeline import align_files

    return align_files(paths, **options)


def _check(documents: Any, glossaries: tuple[Any, ...]) -> tuple[Any, ...]:
    """Every enabled rule over the aligned pair (config found from the inputs, as lint does)."""
    from ..check.runner import check

    return tuple(check(documents, glossaries=glossaries))


def _render(
    documents: Any, findings: tuple[Any, ...], glossaries: tuple[Any, ...], title: str | None
) -> str:
    from ..report.base import LintResult, get_reporter

    signature = dict(getattr(documents.alignment, "signature", {}) or {})
    names = [str(getattr(g, "name", "") or getattr(g, "path", "") or g) for g in glossaries]
    if names:
        signature.setdefault("glossaries", names)
    result = LintResult(documents=(documents,), findings=findings, signature=signature)
    return get_reporter("html", title=title, glossaries=glossaries).render(result)


def _counts(documents: Any, findings: tuple[Any, ...]) -> str:
    from ..report.review_view import SEVERITIES

    by_severity: dict[str, int] = {}
    for f in findings:
        key = getattr(f.severity, "value", str(f.severity))
        by_severity[key] = by_severity.get(key, 0) + 1
    detail = ", ".join(f"{by_severity[s]} {s}" for s in SEVERITIES if by_severity.get(s))
    pairs = len(documents.alignment.links)
    return f"{pairs} pairs, {len(findings)} findings" + (f" ({detail})" if detail else "")
