"""Glossaries to and from other shapes: YAML text, CSV/TSV tables (import/export).

Tables have a header row naming any of the term keys (``en`` is required); several values in one
cell are separated by ``|``. Everything imported goes through the same validation as a YAML
file, with the table's line numbers in the messages.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import yaml

from ..errors import GlossaryError
from .glossary import Glossary, Term, parse_glossary_data

#: column order of exported tables (and the columns an import accepts).
COLUMNS = (
    "en",
    "zh",
    "forbidden",
    "keep",
    "gloss",
    "variants",
    "case_sensitive",
    "single",
    "severity",
    "forbidden_en",
    "forms",
    "keep_parts",
    "note",
)
_LISTS = {"en", "zh", "forbidden", "forbidden_en", "gloss", "variants"}
_BOOLS = {"keep", "case_sensitive", "single"}
_TRUE = {"true", "yes", "1", "y"}
_FALSE = {"false", "no", "0", "n", ""}
SEPARATOR = "|"


def term_data(term: Term) -> dict[str, Any]:
    """A term as the plain mapping written to YAML (only keys that differ from the default)."""

    def one_or_list(items: tuple[str, ...]) -> Any:
        return items[0] if len(items) == 1 else list(items)

    data: dict[str, Any] = {"en": one_or_list(term.en)}
    for key in ("variants", "zh", "forbidden", "forbidden_en"):
        if getattr(term, key):
            data[key] = one_or_list(getattr(term, key))
    if term.keep:
        data["keep"] = True
    if term.gloss:
        data["gloss"] = one_or_list(term.gloss)
    if term.case_sensitive is not None:
        data["case_sensitive"] = term.case_sensitive
    if term.single:
        data["single"] = True
    if term.severity is not None:
        data["severity"] = term.severity.value
    if term.forms != "noun":
        data["forms"] = term.forms
    if term.keep_parts:
        data["keep_parts"] = dict(term.keep_parts)
    if term.note:
        data["note"] = term.note
    return data


def glossary_data(glossary: Glossary) -> dict[str, Any]:
    data: dict[str, Any] = {"name": glossary.name}
    if glossary.version:
        data["version"] = glossary.version
    if glossary.description:
        data["description"] = glossary.description
    data["source"] = glossary.source
    data["target"] = glossary.target
    if glossary.single_rendering:
        data["single_rendering"] = True
    data["terms"] = [term_data(t) for t in glossary.terms]
    return data


def glossary_to_yaml(glossary: Glossary, header: str = "") -> str:
    """Deterministic YAML for ``glossary`` (terms of what it extends are written out)."""
    text = yaml.safe_dump(
        glossary_data(glossary), allow_unicode=True, sort_keys=False, width=100, indent=2
    )
    comment = "".join(f"# {line}\n" if line else "#\n" for line in header.splitlines())
    return comment + text


def glossary_to_table(glossary: Glossary, delimiter: str = ",") -> str:
    """CSV (``,``) or TSV (``\\t``) text with a header row, one term a row."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    writer.writerow(COLUMNS)
    for term in glossary.terms:
        data = term_data(term)
        row = []
        for column in COLUMNS:
            value = data.get(column, "")
            if isinstance(value, list):
                value = SEPARATOR.join(value)
            elif isinstance(value, dict):
                value = SEPARATOR.join(f"{k}={v}" for k, v in value.items())
            elif isinstance(value, bool):
                value = "true" if value else "false"
            row.append(str(value))
        writer.writerow(row)
    return out.getvalue()


def _cell(column: str, value: str, where: str) -> Any:
    value = value.strip()
    if column in _LISTS:
        return [v.strip() for v in value.split(SEPARATOR)] if value else None
    if column == "keep_parts":
        if not value:
            return None
        pairs = [item.partition("=") for item in value.split(SEPARATOR)]
        bad = [k for k, eq, v in pairs if not eq or not k.strip() or not v.strip()]
        if bad:
            raise GlossaryError(
                f"{where}: keep_parts cells are ENGLISH=中文 items separated by |, not {value!r}"
            )
        return {k.strip(): v.strip() for k, _, v in pairs}
    if column in _BOOLS:
        if value.lower() in _TRUE:
            return True
        if value.lower() in _FALSE:
            return None
        raise GlossaryError(f"{where}: {column} must be true or false, not {value!r}")
    return value or None


def glossary_from_table(
    text: str, where: str | Path, *, name: str, delimiter: str | None = None
) -> Glossary:
    """Parse a CSV/TSV table (header row first) into a validated ``Glossary``."""
    where = str(where)
    if delimiter is None:
        first = text.split("\n", 1)[0]
        delimiter = "\t" if "\t" in first else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        header = [h.strip().lower() for h in next(reader)]
    except StopIteration:
        raise GlossaryError(f"{where}:1: the table is empty") from None
    unknown = [h for h in header if h not in COLUMNS]
    if unknown:
        raise GlossaryError(
            f"{where}:1: unknown column {unknown[0]!r} (allowed: {', '.join(COLUMNS)})"
        )
    if "en" not in header:
        raise GlossaryError(f"{where}:1: the header row has no 'en' column")
    terms: list[dict[str, Any]] = []
    lines: dict[tuple[Any, ...], int] = {(): 1}
    for row in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        if len(row) > len(header):
            raise GlossaryError(f"{where}:{line}: {len(row)} cells, but {len(header)} columns")
        term: dict[str, Any] = {}
        for column, cell in zip(header, row, strict=False):
            value = _cell(column, cell, f"{where}:{line}")
            if value is not None:
                term[column] = value
        lines[("terms", len(terms))] = line
        terms.append(term)
    data = {"name": name, "source": "en", "target": "zh", "terms": terms}
    glossary, _ = parse_glossary_data(data, where, lines)
    return glossary
