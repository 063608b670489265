"""`bitext glossary list|check|import|export` and `bitext terms`: thin shells over the library.

Every command calls one library function (``bitext.check.glossary``, ``glossary_io``,
``discover``); a bad glossary is a ``GlossaryError`` that ``main`` turns into one ``Error:`` line
with file:line and exit code 2.
"""

from __future__ import annotations

import json
from pathlib import Path

import typer

from ..options import PipelineOptions
from .console import check_output_path, expanded_inputs, write_output
from .options import (
    CheckChoice,
    ForceOpt,
    OutputOpt,
    check_options,
    pipeline_options,
)
from .progress import say_config, stage_progress

glossary_app = typer.Typer(
    help="List, validate, import and export glossaries.",
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)

_TABLE_FORMATS = {".csv": ",", ".tsv": "\t", ".tab": "\t", ".txt": "\t"}


@glossary_app.command("list")
def list_glossaries() -> None:
    """Show the glossaries shipped with bitext (use them as --glossary NAME).

    Example: [bold]bitext glossary list[/bold]
    """
    from ..check.glossary import load_glossary, shipped_glossaries

    for name, path in shipped_glossaries().items():
        glossary = load_glossary(path)
        about = f"  {glossary.description}" if glossary.description else ""
        typer.echo(
            f"{name}\tv{glossary.version or '?'}\t{len(glossary.terms)} terms\t"
            f"{glossary.source}->{glossary.target}{about}"
        )


@glossary_app.command("check")
def check(
    glossaries: list[str] = typer.Argument(..., help="Glossary files or shipped names."),
) -> None:
    """Validate glossary files; the first problem is reported as file:line (exit 2).

    Example: [bold]bitext glossary check my-terms.yaml[/bold]
    """
    from ..check.glossary import load_glossary

    for item in glossaries:
        glossary = load_glossary(item)
        typer.echo(f"{glossary.path}: ok, {len(glossary.terms)} terms ({glossary.digest})")


@glossary_app.command("import")
def import_table(
    table: Path = typer.Argument(..., help="CSV or TSV file with a header row (en, zh, ...)."),
    output: Path | None = OutputOpt,
    name: str | None = typer.Option(None, "--name", help="Glossary name (default: file stem)."),
    force: bool = ForceOpt,
) -> None:
    """Turn a CSV/TSV table into a glossary YAML file (several values in a cell: a|b).

    Example: [bold]bitext glossary import terms.csv -o terms.yaml[/bold]
    """
    from ..check.glossary_io import glossary_from_table, glossary_to_yaml
    from ..reader import read_text

    check_output_path(output, force, (table,))
    text = read_text(table).text
    delimiter = _TABLE_FORMATS.get(table.suffix.lower())
    glossary = glossary_from_table(text, table, name=name or table.stem, delimiter=delimiter)
    write_output(glossary_to_yaml(glossary, header=f"Imported from {table.name}."), output)


@glossary_app.command("export")
def export_table(
    glossary_ref: str = typer.Argument(..., metavar="GLOSSARY", help="Glossary file or name."),
    output: Path | None = OutputOpt,
    table_format: str | None = typer.Option(
        None, "--format", help="csv or tsv (default: from the -o suffix, else csv)."
    ),
    force: bool = ForceOpt,
) -> None:
    """Write a glossary (with everything it extends) as a CSV or TSV table.

    Example: [bold]bitext glossary export ai-safety -o ai-safety.csv[/bold]
    """
    from ..check.glossary import load_glossary
    from ..check.glossary_io import glossary_to_table
    from ..errors import UsageError

    if table_format is not None and table_format not in ("csv", "tsv"):
        raise UsageError(f"--format {table_format}: choose csv or tsv")
    check_output_path(output, force, (glossary_ref,))
    glossary = load_glossary(glossary_ref)
    if table_format:
        delimiter = "," if table_format == "csv" else "\t"
    else:
        delimiter = _TABLE_FORMATS.get(output.suffix.lower(), ",") if output else ","
    write_output(glossary_to_table(glossary, delimiter), output)


@pipeline_options
@check_options
def terms(
    files: list[Path] = typer.Argument(
        ..., help="The source and its translation (source first), or one bilingual file."
    ),
    write: Path | None = typer.Option(
        None, "--write", help="Write a starter glossary YAML with the terms to this file."
    ),
    force: bool = typer.Option(False, "--force", help="Overwrite the --write file if it exists."),
    min_count: int = typer.Option(2, "--min-count", min=1, help="Ignore rarer terms."),
    limit: int = typer.Option(100, "--limit", min=1, help="Show at most this many terms."),
    as_json: bool = typer.Option(False, "--json", help="Print the terms as JSON."),
    *,
    pipeline: PipelineOptions,
    checks: CheckChoice,
) -> None:
    """List the source's terms with the renderings the translation actually used.

    Terms are repeated noun phrases, acronyms, names and words kept in English (or, for a
    Chinese source, its nouns and names); each rendering comes with the pairs that used it and
    a confidence, and "[rendered N ways]" marks a term translated inconsistently. Terms already
    in --glossary are left out. Example:
    [bold]bitext terms article.en.txt article.zh.txt --write my-terms.yaml[/bold]
    """
    from ..check.discover import discover_terms
    from ..check.glossary import load_glossaries
    from ..check.starter import starter_yaml
    from ..config import resolve_config
    from ..errors import UsageError
    from ..pipeline import align_files

    if len(files) not in (1, 2):
        raise UsageError("bitext terms takes one bilingual file or two files")
    check_output_path(write, force, expanded_inputs(files, (), [*checks.glossaries, checks.config]))
    # the config and glossaries exactly as `bitext lint` reads them
    config = resolve_config(files[:1], checks.config, isolated=checks.isolated)
    pipeline = pipeline.with_defaults(model=config.model).validated()
    loaded = load_glossaries([*config.glossaries, *checks.glossaries])
    say_config(config)
    with stage_progress() as progress:
        aligned = align_files(files, pipeline, progress=progress, config_path=config.path)
    candidates = discover_terms(aligned.alignment, loaded, min_count=min_count, limit=limit)
    if as_json:
        typer.echo(json.dumps([_as_json(c) for c in candidates], ensure_ascii=False, indent=2))
    else:
        typer.echo(_table(candidates, aligned.src.lang, aligned.tgt.lang))
    if write is not None:
        header = f"Starter glossary from {', '.join(f.name for f in files)}: review every entry."
        text = starter_yaml(candidates, write.stem, aligned.src.lang, aligned.tgt.lang, header)
        from ..atomic import write_text_atomic

        write_text_atomic(write, text)


def _as_json(c) -> dict:
    return {
        "term": c.term,
        "kind": c.kind,
        "count": c.count,
        "pairs": len(c.pairs),
        "renderings": [
            {"text": r.text, "pairs": r.pairs, "confidence": r.confidence, "kept": r.kept}
            for r in c.renderings
        ],
        "ways": c.ways,
        "inconsistent": c.inconsistent,
    }


def _table(candidates, src_lang: str, tgt_lang: str) -> str:
    if not candidates:
        return "no terms found"
    rows = [("term", "kind", "count", f"renderings in the translation ({src_lang}->{tgt_lang})")]
    for c in candidates:
        found = ", ".join(f"{r.text} ×{r.pairs} ({r.confidence:.2f})" for r in c.renderings)
        flag = f"  [rendered {c.ways} ways]" if c.inconsistent else ""
        rows.append((c.term, c.kind, str(c.count), (found or "-") + flag))
    width = [max(_width(r[k]) for r in rows) for k in range(3)]
    return "\n".join(
        "  ".join(cell + " " * (width[k] - _width(cell)) for k, cell in enumerate(r[:3]))
        + "  "
        + r[3]
        for r in rows
    )


def _width(text: str) -> int:
    """Terminal columns: a Han character takes two."""
    return sum(2 if "\u2e80" <= ch <= "\u9fff" or "\uf900" <= ch <= "\uffef" else 1 for ch in text)


def register(app: typer.Typer) -> None:
    """Add ``bitext glossary ...`` and ``bitext terms`` to ``app``."""
    app.add_typer(glossary_app, name="glossary")
    app.command("terms")(terms)
