"""`bitext glossary list|check|import|export` and `bitext terms`: thin shells over the library.

Every command calls one library function (``bitext.check.glossary``, ``glossary_io``,
``discover``); a bad glossary is a ``GlossaryError`` that ``main`` turns into one ``Error:`` line
with file:line and exit code 2.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

import typer

from .console import check_output_path, write_output
from .options import CacheDirOpt, ForceOpt, GlossaryOpt, ModelOpt, NoCacheOpt, OutputOpt

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


def terms(
    files: list[Path] = typer.Argument(
        ..., help="The source and its translation, or one bilingual file."
    ),
    glossary: list[str] | None = GlossaryOpt,
    write: Path | None = typer.Option(
        None, "--write", help="Write a starter glossary YAML with the candidates to this file."
    ),
    force: bool = typer.Option(False, "--force", help="Overwrite the --write file if it exists."),
    min_count: int = typer.Option(2, "--min-count", min=1, help="Ignore rarer candidates."),
    as_json: bool = typer.Option(False, "--json", help="Print the candidates as JSON."),
    model: str | None = ModelOpt,
    cache_dir: Path | None = CacheDirOpt,
    no_cache: bool = NoCacheOpt,
) -> None:
    """Propose glossary terms from an aligned article, with the renderings used.

    Candidates are acronyms, capitalised names, repeated phrases and Latin words kept in the
    Chinese; terms already in --glossary are left out. Example:
    [bold]bitext terms article.en.txt article.zh.txt --write my-terms.yaml[/bold]
    """
    from ..check.discover import discover_terms, starter_glossary
    from ..check.glossary import load_glossaries
    from ..check.glossary_io import glossary_to_yaml
    from ..errors import UsageError
    from ..pipeline import align_files

    if len(files) not in (1, 2):
        raise UsageError("bitext terms takes one bilingual file or two files")
    check_output_path(write, force, (*files, *(glossary or ())))
    loaded = load_glossaries(glossary or ())
    aligned = align_files(files, model=model, cache_dir=cache_dir, use_cache=not no_cache)
    candidates = discover_terms(aligned.alignment, loaded, min_count=min_count)
    if as_json:
        typer.echo(json.dumps([asdict(c) for c in candidates], ensure_ascii=False, indent=2))
    else:
        for c in candidates:
            typer.echo(_describe(c))
        if not candidates:
            typer.echo("no candidate terms found")
    if write is not None:
        starter = starter_glossary(candidates, name=write.stem)
        header = f"Starter glossary from {', '.join(f.name for f in files)}: review every entry."
        write_output(glossary_to_yaml(starter, header=header), write)


def _describe(candidate) -> str:
    found = [f"{r.text} ×{r.pairs}" for r in candidate.renderings]
    if candidate.kept:
        found.append(f"(kept in English) ×{candidate.kept}")
    flag = "  [rendered more than one way]" if candidate.inconsistent else ""
    return f"{candidate.en}\t{candidate.kind}\t×{candidate.count}\t{', '.join(found) or '-'}{flag}"


def register(app: typer.Typer) -> None:
    """Add ``bitext glossary ...`` and ``bitext terms`` to ``app``."""
    app.add_typer(glossary_app, name="glossary")
    app.command("terms")(terms)
