"""Glossaries: the YAML format, its loader (with ``extends:``) and every load-time check.

A glossary fails at load time, pointing at ``file:line`` (Vale's coded load errors), never
halfway through a run. The structure is checked against ``glossary.schema.json`` (kept beside
this module, so editors and CI can use it too); what a schema cannot say (duplicate terms, a
rendering both approved and forbidden, ``gloss`` without ``keep``) is checked here. Line numbers
come from the YAML node marks (``glossary_yaml``), so every message names the line to fix.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from ..errors import GlossaryError
from .finding import Severity
from .glossary_yaml import Lines, line_of, read_yaml, validate

#: where shipped glossaries live in a source checkout (top-level ``glossaries/``); an installed
#: wheel carries the same files in ``bitext/glossaries/`` (copied there by setup.py).
_CHECKOUT_DIR = Path(__file__).resolve().parents[2] / "glossaries"
_PACKAGED_DIR = Path(__file__).resolve().parents[1] / "glossaries"
_SUFFIXES = (".yaml", ".yml")
_TRADITIONAL = {"zh-Hant", "zh-TW", "zh-HK", "zh-MO"}
_ACRONYM = re.compile(r"[A-Z0-9][A-Z0-9&.\-]*[A-Z0-9]s?")


def is_acronym(form: str) -> bool:
    """``RSI``, ``LLMs``, ``R&D``: at least two capitals and no lower-case letter but a plural s."""
    return bool(_ACRONYM.fullmatch(form)) and sum(c.isupper() for c in form) >= 2


@dataclass(frozen=True)
class Term:
    """One glossary entry. ``en[0]`` is the term's name in findings; ``zh[0]`` is preferred."""

    en: tuple[str, ...]
    zh: tuple[str, ...] = ()
    forbidden: tuple[str, ...] = ()
    keep: bool = False
    gloss: tuple[str, ...] = ()
    variants: tuple[str, ...] = ()
    #: None: acronyms match case-sensitively, words do not.
    case_sensitive: bool | None = None
    single: bool = False
    note: str = ""
    severity: Severity | None = None
    #: ``file:line`` where the term is defined, for messages.
    origin: str = ""
    #: English renderings a translation from Chinese must not use (``doomsayer`` for 末日论者).
    forbidden_en: tuple[str, ...] = ()
    #: which word forms of the last English word match: ``noun`` (the word, its plural and
    #: possessive: "compute" never matches "computing power") or ``all`` (verb forms too:
    #: benchmarked, benchmarking; and for an -ing term, fine-tune/fine-tuned for fine-tuning).
    forms: str = "noun"
    #: (English part, the Chinese it stands for): a part of the term that may stay in English
    #: inside a rendering ("AI safety": ("AI", "人工智能") accepts AI安全 for 人工智能安全).
    keep_parts: tuple[tuple[str, str], ...] = ()

    @property
    def name(self) -> str:
        return self.en[0]

    @property
    def preferred(self) -> str:
        return self.zh[0] if self.zh else ""

    def is_case_sensitive(self, form: str) -> bool:
        return is_acronym(form) if self.case_sensitive is None else self.case_sensitive

    def composed(self) -> tuple[tuple[str, str], ...]:
        """(approved rendering, the same with a kept English part) for every ``keep_parts``
        entry, with and without a space between the Latin and the Han text (AI安全, AI 安全)."""
        out: dict[tuple[str, str], None] = {}
        for part, chinese in self.keep_parts:
            for rendering in self.zh:
                if chinese not in rendering:
                    continue
                for space in ("", " "):
                    text = _join_kept(rendering, chinese, part, space)
                    out.setdefault((rendering, text), None)
        return tuple(out)


def _join_kept(rendering: str, chinese: str, part: str, space: str) -> str:
    """``rendering`` with ``chinese`` replaced by ``part``, ``space`` between it and Han text."""
    before, _, after = rendering.partition(chinese)
    left = space if before and not before[-1].isspace() else ""
    right = space if after and not after[0].isspace() else ""
    return f"{before}{left}{part}{right}{after}"


@dataclass(frozen=True)
class Glossary:
    """A loaded glossary with the terms of everything it extends already merged in."""

    name: str
    terms: tuple[Term, ...]
    version: str = ""
    description: str = ""
    source: str = "en"
    target: str = "zh"
    single_rendering: bool = False
    path: str | None = None

    @property
    def traditional(self) -> bool:
        """True when the target is written in Traditional characters (matched after t2s)."""
        return self.target in _TRADITIONAL

    @property
    def digest(self) -> str:
        """A short hash of the content, for the reproducibility signature."""
        data = {k: v for k, v in asdict(self).items() if k != "path"}
        for term in data["terms"]:
            term.pop("origin", None)
        blob = json.dumps(data, sort_keys=True, ensure_ascii=False, default=str)
        return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:12]


# -- finding glossaries ------------------------------------------------------------------------


def _shipped_dirs() -> list[Path]:
    """``bitext/glossaries`` in an installed wheel, then ``glossaries/`` of a source checkout."""
    return [d for d in (_PACKAGED_DIR, _CHECKOUT_DIR) if d.is_dir()]


def shipped_glossaries() -> dict[str, Path]:
    """Name -> file of every glossary shipped with bitext, sorted by name."""
    found: dict[str, Path] = {}
    for directory in _shipped_dirs():
        for path in sorted(directory.iterdir()):
            if path.suffix in _SUFFIXES and path.stem not in found:
                found[path.stem] = path
    return dict(sorted(found.items()))


def resolve_glossary(path_or_name: str | Path, base: Path | None = None) -> Path:
    """A glossary file from a path (relative to ``base``) or the name of a shipped glossary."""
    path = Path(path_or_name)
    candidates = [base / path, path] if base is not None and not path.is_absolute() else [path]
    for candidate in candidates:
        if candidate.is_file():
            return candidate
        if candidate.is_dir():
            raise GlossaryError(f"{candidate}: is a directory, not a glossary file")
    shipped = shipped_glossaries()
    name = path.stem if path.suffix in _SUFFIXES and len(path.parts) == 1 else str(path_or_name)
    if name in shipped:
        return shipped[name]
    names = ", ".join(shipped) or "none"
    raise GlossaryError(
        f"{path_or_name}: no such glossary file, and no shipped glossary of that name "
        f"(shipped: {names})"
    )


def _texts(value: Any) -> tuple[str, ...]:
    items = [value] if isinstance(value, str) else list(value or ())
    seen: dict[str, None] = {}
    for item in items:
        seen.setdefault(str(item).strip(), None)
    return tuple(seen)


def _build_term(raw: dict[str, Any], index: int, lines: Lines, where: str) -> Term:
    path = ("terms", index)
    term = Term(
        en=_texts(raw["en"]),
        zh=_texts(raw.get("zh")),
        forbidden=_texts(raw.get("forbidden")),
        keep=bool(raw.get("keep", False)),
        gloss=_texts(raw.get("gloss")),
        variants=_texts(raw.get("variants")),
        case_sensitive=raw.get("case_sensitive"),
        single=bool(raw.get("single", False)),
        note=str(raw.get("note", "")).strip(),
        severity=Severity(raw["severity"]) if raw.get("severity") else None,
        origin=f"{where}:{line_of(lines, path)}",
        forbidden_en=_texts(raw.get("forbidden_en")),
        forms=str(raw.get("forms", "noun")),
        keep_parts=tuple(
            (str(k).strip(), str(v).strip()) for k, v in (raw.get("keep_parts") or {}).items()
        ),
    )

    def fail(key: str, message: str) -> GlossaryError:
        at = line_of(lines, (*path, key))
        return GlossaryError(f"{where}:{at}: {message}")

    if term.keep and term.zh:
        raise fail("zh", f"term {term.name!r} has keep: true, so it takes gloss:, not zh:")
    if term.gloss and not term.keep:
        raise fail("gloss", f"term {term.name!r}: gloss: is only for keep: true terms")
    if not (term.zh or term.forbidden or term.keep):
        raise fail("en", f"term {term.name!r} has no zh:, forbidden: or keep: true")
    both = [r for r in term.forbidden if r in term.zh]
    if both:
        raise fail("forbidden", f"term {term.name!r}: {both[0]!r} is both approved and forbidden")
    approved_en = {f.casefold() for f in (*term.en, *term.variants)}
    both = [r for r in term.forbidden_en if r.casefold() in approved_en]
    if both:
        raise fail(
            "forbidden_en", f"term {term.name!r}: {both[0]!r} is both an English form and forbidden"
        )
    han = [r for r in term.forbidden_en if _HAN.search(r)]
    if han:
        raise fail(
            "forbidden_en",
            f"term {term.name!r}: forbidden_en lists English renderings; {han[0]!r} is Chinese "
            "(Chinese ones go in forbidden:)",
        )
    _check_keep_parts(term, lines, path, where)
    return term


_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def _check_keep_parts(term: Term, lines: Lines, path: tuple[Any, ...], where: str) -> None:
    """Each kept part is a word of an English form, and stands for Chinese in a rendering."""
    for part, chinese in term.keep_parts:
        at = line_of(lines, (*path, "keep_parts", part))
        word = re.compile(rf"(?<![A-Za-z0-9]){re.escape(part)}(?![A-Za-z0-9])")
        if not any(word.search(form) for form in (*term.en, *term.variants)):
            raise GlossaryError(
                f"{where}:{at}: term {term.name!r}: keep_parts {part!r} is not a word of its "
                f"English form ({' / '.join(term.en)})"
            )
        if not any(chinese in r for r in term.zh):
            raise GlossaryError(
                f"{where}:{at}: term {term.name!r}: keep_parts {part!r} stands for {chinese!r}, "
                f"which is in none of its zh: renderings ({' / '.join(term.zh) or 'none'})"
            )
        clash = [text for _, text in term.composed() if text in term.forbidden]
        if clash:
            raise GlossaryError(
                f"{where}:{at}: term {term.name!r}: keep_parts makes {clash[0]!r}, which is "
                "forbidden"
            )


def _build(data: dict[str, Any], lines: Lines, path: Path) -> tuple[Glossary, list[str]]:
    where = str(path)
    terms: list[Term] = []
    first_seen: dict[str, int] = {}
    for i, raw in enumerate(data.get("terms") or []):
        term = _build_term(raw, i, lines, where)
        for form in (*term.en, *term.variants):
            key = form.casefold()
            line = line_of(lines, ("terms", i))
            if key in first_seen:
                raise GlossaryError(
                    f"{where}:{line}: duplicate term {form!r} (first defined at line "
                    f"{first_seen[key]})"
                )
            first_seen[key] = line
        terms.append(term)
    glossary = Glossary(
        name=str(data["name"]).strip(),
        terms=tuple(terms),
        version=str(data.get("version", "")),
        description=str(data.get("description", "")).strip(),
        source=str(data.get("source", "en")),
        target=str(data.get("target", "zh")),
        single_rendering=bool(data.get("single_rendering", False)),
        path=where,
    )
    return glossary, list(_texts(data.get("extends")))


def _merge(base: Glossary, child: Glossary) -> Glossary:
    """Child terms replace base terms sharing any English form; the rest are kept in order."""
    overridden = {f.casefold() for t in child.terms for f in (*t.en, *t.variants)}
    kept = tuple(
        t for t in base.terms if not overridden & {f.casefold() for f in (*t.en, *t.variants)}
    )
    return Glossary(
        name=child.name,
        terms=kept + child.terms,
        version=child.version,
        description=child.description,
        source=child.source,
        target=child.target,
        single_rendering=child.single_rendering,
        path=child.path,
    )


def parse_glossary_data(
    data: Any, where: str | Path, lines: dict[tuple[Any, ...], int] | None = None
) -> tuple[Glossary, list[str]]:
    """Validate plain data (as read from YAML or a table) into a ``Glossary`` and its extends.

    ``lines`` maps data paths such as ``("terms", 3, "zh")`` to 1-based line numbers of
    ``where``, for the error messages.
    """
    lines = lines or {}
    if not isinstance(data, dict):
        raise GlossaryError(f"{where}:1: a glossary is a mapping with name: and terms:")
    validate(data, lines, str(where))
    return _build(data, lines, Path(where))


#: Longest ``extends:`` chain followed. Real glossaries extend one or two others (a team's
#: terms on top of a shipped one); a chain this long is a mistake or a trap.
MAX_EXTENDS_DEPTH = 16


def _load(path: Path, stack: tuple[Path, ...], memo: dict[Path, Glossary]) -> Glossary:
    """Load ``path`` and what it extends; ``memo`` holds every file already loaded in this
    call by resolved path, so one file named six ways, six levels deep, is read once (it was
    read 6^5 times, for two minutes), and ``stack`` the chain above, so a cycle is an error."""
    resolved = path.resolve()
    if resolved in memo:
        return memo[resolved]
    data, lines = read_yaml(path)
    glossary, extends = parse_glossary_data(data, path, lines)
    merged: Glossary | None = None
    done: set[Path] = set()
    for ref in extends:
        line = line_of(lines, ("extends",))
        try:
            base_path = resolve_glossary(ref, path.parent)
        except GlossaryError as exc:
            raise GlossaryError(f"{path}:{line}: extends {exc}") from None
        base_resolved = base_path.resolve()
        if base_resolved in stack:
            raise GlossaryError(f"{path}:{line}: extends {ref!r}, which extends this file again")
        if base_resolved in done:
            continue  # the same file under another spelling: merging it again changes nothing
        done.add(base_resolved)
        if len(stack) >= MAX_EXTENDS_DEPTH:
            raise GlossaryError(
                f"{path}:{line}: extends: chain longer than {MAX_EXTENDS_DEPTH} files"
            )
        base = _load(base_path, (*stack, base_resolved), memo)
        if base.traditional != glossary.traditional:
            raise GlossaryError(
                f"{path}:{line}: extends {ref!r}, whose target is {base.target}, not "
                f"{glossary.target}"
            )
        merged = base if merged is None else _merge(merged, base)
    result = glossary if merged is None else _merge(merged, glossary)
    memo[resolved] = result
    return result


def load_glossary(path_or_name: str | Path | Glossary) -> Glossary:
    """Load and validate a glossary file, or a shipped one by name (``"ai-safety"``).

    Raises ``GlossaryError`` naming ``file:line`` for anything wrong with it.
    """
    if isinstance(path_or_name, Glossary):
        return path_or_name
    path = resolve_glossary(path_or_name)
    return _load(path, (path.resolve(),), {})


def load_glossaries(items: Iterable[Glossary | str | Path]) -> tuple[Glossary, ...]:
    """Load each item (file, shipped name) unless it is a ``Glossary`` already."""
    return tuple(load_glossary(item) for item in items)
