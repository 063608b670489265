"""The starter glossary ``bitext terms --write`` writes: one entry per discovered term.

The dominant rendering is the entry's value; every other rendering the translation used is
written below it as a commented alternative (``# zh: 末世  ×2``), so that choosing another is
uncommenting one line. Values are written as JSON strings, which YAML reads as they are (no
quoting surprises with ``:``, ``#`` or ``yes``). Works both ways: for a Chinese source the term
goes under ``zh:`` and its English renderings under ``en:``.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from .discover import Candidate


def _q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def starter_yaml(
    candidates: Sequence[Candidate], name: str, src_lang: str, tgt_lang: str, header: str = ""
) -> str:
    """YAML text of a glossary to review, with alternatives as comments."""
    rendering_key = "zh" if src_lang == "en" else "en"
    lines = [f"# {line}" if line else "#" for line in header.splitlines()]
    lines += [
        f"name: {_q(name)}",
        'version: "0.1"',
        f"description: {_q('Starter glossary written by bitext terms: review every entry.')}",
        "source: en",
        "target: zh",
        "terms:",
    ]
    seen: set[str] = set()
    for c in candidates:
        if c.term.casefold() in seen or not c.renderings:
            continue
        seen.add(c.term.casefold())
        first, others = c.renderings[0], c.renderings[1:]
        note = f"found {c.count}x in the source; " + ", ".join(
            f"{r.text} x{r.pairs}" for r in c.renderings
        )
        if c.inconsistent:
            note += f"; rendered {c.ways} ways: choose one"
        if first.kept:
            lines.append(f"  - en: {_q(c.term)}")
            lines.append("    keep: true")
        elif src_lang == "en":
            lines.append(f"  - en: {_q(c.term)}")
            lines.append(f"    zh: {_q(first.text)}")
        else:
            lines.append(f"  - en: {_q(first.text)}")
            lines.append(f"    zh: {_q(c.term)}")
        for r in others:
            lines.append(f"    # {rendering_key}: {_q(r.text)}  x{r.pairs}")
        lines.append(f"    note: {_q(note)}")
    if lines[-1] == "terms:":
        lines[-1] = "terms: []"
    return "\n".join(lines) + "\n"
