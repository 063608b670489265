"""The starter glossary ``bitext terms --write`` writes: one entry per discovered term.

The dominant rendering is the entry's value; every other rendering the translation used is
written below it as a commented list item (``# - "末世"  x2``), so that accepting another is
uncommenting one line and preferring it is moving it to the top. Values are written as JSON
strings, which YAML reads as they are (no quoting surprises with ``:``, ``#`` or ``yes``).

The glossary format is always written English -> Chinese (``source: en``; it checks either
direction), so the document's direction decides which side holds what: from an English source
the term goes under ``en:`` and its renderings under ``zh:``; from a Chinese source the term
goes under ``zh:`` and its English renderings under ``en:``. English forms are a glossary's
keys and must be unique, so Chinese terms that share their English rendering (人民 and 群众,
both "people") become one entry with both under ``zh:``, not two entries a load refuses.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .glossary import Glossary, Term

if TYPE_CHECKING:  # discover's starter_glossary calls this module
    from .discover import Candidate

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


@dataclass
class StarterEntry:
    """One glossary entry to write: its English forms and Chinese renderings, first preferred."""

    en: list[str]
    zh: list[str] = field(default_factory=list)
    keep: bool = False
    #: other renderings the translation used, on the rendering side: (text, pairs, term)
    alternatives: list[tuple[str, int, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def source_lang_of(candidates: Sequence[Candidate]) -> str:
    """The source language the terms were read from: zh when the terms are mostly Han."""
    han = sum(1 for c in candidates if _HAN.search(c.term))
    return "zh" if han * 2 > len(candidates) else "en"


def starter_entries(candidates: Sequence[Candidate], src_lang: str) -> list[StarterEntry]:
    """The entries of a starter glossary for terms read from a ``src_lang`` source."""
    entries: list[StarterEntry] = []
    by_english: dict[str, StarterEntry] = {}
    seen: set[str] = set()
    for c in candidates:
        if c.term.casefold() in seen or not c.renderings:
            continue
        seen.add(c.term.casefold())
        first, others = c.renderings[0], c.renderings[1:]
        note = f"{c.term}: found {c.count}x in the source; " + ", ".join(
            f"{r.text} x{r.pairs}" for r in c.renderings
        )
        if c.inconsistent:
            note += f"; rendered {c.ways} ways: choose one"
        alternatives = [(r.text, r.pairs, c.term) for r in others]
        if first.kept:
            english, chinese, keep = c.term, "", True
        elif src_lang == "en":
            english, chinese, keep = c.term, first.text, False
        else:
            english, chinese, keep = first.text, c.term, False
        entry = by_english.get(english.casefold())
        if entry is None:
            entry = StarterEntry(en=[english], keep=keep)
            by_english[english.casefold()] = entry
            entries.append(entry)
        elif keep:
            continue  # the English form already has its entry (rendered there)
        entry.keep = entry.keep and keep
        if chinese and chinese not in entry.zh:
            entry.zh.append(chinese)
        known = {x.casefold() for x in (*entry.en, *entry.zh)}
        entry.alternatives += [a for a in alternatives if a[0].casefold() not in known]
        entry.notes.append(note)
    return entries


def _q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def _block(
    key: str,
    values: list[str],
    alternatives: list[tuple[str, int, str]],
    entries: frozenset[str] = frozenset(),
) -> list[str]:
    """``key: "one"`` alone, else a block list with the alternatives as commented items
    (``# - "末世"  # x2``: taking the first ``# `` away leaves a valid item and its comment)."""
    if not alternatives and len(values) == 1:
        return [f"    {key}: {_q(values[0])}"]
    lines = [f"    {key}:" if values else f"    # {key}:"]
    lines += [f"      - {_q(v)}" for v in values]
    several = len({term for _, _, term in alternatives}) > 1
    lines += [
        f"      # - {_q(text)}  # x{pairs}"
        + (f" for {term}" if several else "")
        + ("; it has an entry of its own" if text.casefold() in entries else "")
        for text, pairs, term in alternatives
    ]
    return lines


def starter_yaml(
    candidates: Sequence[Candidate], name: str, src_lang: str, tgt_lang: str, header: str = ""
) -> str:
    """YAML text of a glossary to review, with alternatives as comments."""
    rendering_key = "zh" if src_lang == "en" else "en"
    lines = [f"# {line}" if line else "#" for line in header.splitlines()]
    if src_lang != "en":
        lines += [
            f"# Read from a {src_lang} -> {tgt_lang} document: each Chinese source term is under",
            "# zh: and the English the translation used for it under en: (a glossary is always",
            "# written English -> Chinese, source: en, and checks either direction).",
        ]
    lines += [
        f"name: {_q(name)}",
        'version: "0.1"',
        f"description: {_q('Starter glossary written by bitext terms: review every entry.')}",
        "source: en",
        "target: zh",
        "terms:",
    ]
    entries = starter_entries(candidates, src_lang)
    # an English alternative that another entry has: uncommenting it would be a duplicate term
    keys = frozenset(e.en[0].casefold() for e in entries)
    for entry in entries:
        alternatives = entry.alternatives if rendering_key == "en" else []
        english = _block("en", entry.en, alternatives, keys)
        lines.append("  - " + english[0].lstrip())
        lines += english[1:]
        if entry.keep:
            lines.append("    keep: true")
        if entry.zh or (rendering_key == "zh" and entry.alternatives):
            lines += _block("zh", entry.zh, entry.alternatives if rendering_key == "zh" else [])
        lines.append(f"    note: {_q('; '.join(entry.notes))}")
    if lines[-1] == "terms:":
        lines[-1] = "terms: []"
    return "\n".join(lines) + "\n"


def starter_glossary(
    candidates: Sequence[Candidate], name: str, src_lang: str | None = None
) -> Glossary:
    """The same starter as a ``Glossary`` (``src_lang`` read from the terms when not given)."""
    lang = src_lang or source_lang_of(candidates)
    terms = tuple(
        Term(en=tuple(e.en), zh=tuple(e.zh), keep=e.keep, note="; ".join(e.notes))
        for e in starter_entries(candidates, lang)
    )
    return Glossary(
        name=name,
        terms=terms,
        version="0.1",
        description="Starter glossary written by bitext terms: review every entry.",
    )
