"""Glossaries: the YAML format, its loader (with ``extends:``) and every load-time check.

A glossary fails at load time, pointing at ``file:line`` (Vale's coded load errors), never
halfway through a run. The structure is checked against ``glossary.schema.json`` (kept beside
this module, so editors and CI can use it too); what a schema cannot say (duplicate terms, a
rendering both approved and forbidden, ``gloss`` without ``keep``) is checked here. Line numbers
come from the YAML node marks, so every message names the line the translator must fix.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from ..errors import GlossaryError
from .finding import Severity

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

    @property
    def name(self) -> str:
        return self.en[0]

    @property
    def preferred(self) -> str:
        return self.zh[0] if self.zh else ""

    def is_case_sensitive(self, form: str) -> bool:
        return is_acronym(form) if self.case_sensitive is None else self.case_sensitive


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
    if str(path_or_name) in shipped:
        return shipped[str(path_or_name)]
    names = ", ".join(shipped) or "none"
    raise GlossaryError(
        f"{path_or_name}: no such glossary file, and no shipped glossary of that name "
        f"(shipped: {names})"
    )


# -- reading YAML with line numbers ------------------------------------------------------------

_Lines = dict[tuple[Any, ...], int]


class _Composer:
    """Turns a YAML node tree into plain data plus a map ``path -> line`` (1-based)."""

    def __init__(self, where: str) -> None:
        self.where = where
        self.lines: _Lines = {}
        self.constructor = yaml.constructor.SafeConstructor()

    def convert(self, node: yaml.Node, path: tuple[Any, ...]) -> Any:
        self.lines[path] = node.start_mark.line + 1
        if isinstance(node, yaml.MappingNode):
            result: dict[str, Any] = {}
            for key_node, value_node in node.value:
                key = self.constructor.construct_object(key_node, deep=True)
                line = key_node.start_mark.line + 1
                if not isinstance(key, str):
                    raise GlossaryError(f"{self.where}:{line}: keys must be text, not {key!r}")
                child = (*path, key)
                if key in result:
                    first = self.lines[child]
                    raise GlossaryError(
                        f"{self.where}:{line}: key {key!r} appears twice (first at line {first})"
                    )
                result[key] = self.convert(value_node, child)
                self.lines[child] = line  # the key's line, not its value's
            return result
        if isinstance(node, yaml.SequenceNode):
            return [self.convert(item, (*path, i)) for i, item in enumerate(node.value)]
        return self.constructor.construct_object(node, deep=True)


def _read_yaml(path: Path) -> tuple[Any, _Lines]:
    where = str(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise GlossaryError(f"{where}: not UTF-8 text ({exc.reason})") from exc
    except OSError as exc:
        raise GlossaryError(f"{where}: cannot read ({exc.strerror})") from exc
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        at = f":{mark.line + 1}" if mark else ""
        problem = exc.problem or exc.context or "malformed YAML"
        raise GlossaryError(f"{where}{at}: malformed YAML: {problem}") from exc
    except yaml.YAMLError as exc:
        raise GlossaryError(f"{where}: malformed YAML: {exc}") from exc
    if node is None:
        raise GlossaryError(f"{where}:1: the glossary is empty")
    composer = _Composer(where)
    try:
        data = composer.convert(node, ())
    except yaml.constructor.ConstructorError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else 1
        raise GlossaryError(f"{where}:{line}: {exc.problem}") from exc
    return data, composer.lines


# -- validation --------------------------------------------------------------------------------


@cache
def glossary_schema() -> dict[str, Any]:
    """The JSON Schema of the glossary format (``bitext/check/glossary.schema.json``)."""
    text = resources.files("bitext.check").joinpath("glossary.schema.json").read_text("utf-8")
    return json.loads(text)


def _line(lines: _Lines, path: tuple[Any, ...]) -> int:
    while path not in lines and path:
        path = path[:-1]
    return lines.get(path, 1)


def _dotted(path: tuple[Any, ...]) -> str:
    out = ""
    for part in path:
        out += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "the glossary"


def _schema_problem(error: Any) -> tuple[tuple[Any, ...], str]:
    """A translator-readable message for one jsonschema error, and the path it is about."""
    path = tuple(error.absolute_path)
    where = _dotted(path)
    instance = error.instance
    kind = error.validator
    if kind == "additionalProperties":
        allowed = sorted(error.schema.get("properties", {}))
        extra = sorted(set(instance) - set(allowed))
        return (*path, extra[0]), (
            f"unknown key {extra[0]!r} in {where} (allowed: {', '.join(allowed)})"
        )
    if kind == "required":
        missing = [k for k in error.validator_value if k not in instance]
        return path, f"{where} has no {missing[0]!r}"
    if kind in ("minLength", "pattern") or (kind == "oneOf" and _blank(instance)):
        return path, f"{where} is empty"
    if kind == "oneOf" and isinstance(instance, list):
        if not instance:
            return path, f"{where} is an empty list"
        for i, item in enumerate(instance):
            if _blank(item):
                return (*path, i), f"{where}[{i + 1}] is empty"
        return path, f"{where} must be a text or a list of texts (quote values such as yes/no)"
    if kind == "oneOf":
        return path, f"{where} must be a text or a list of texts, not {instance!r}"
    if kind == "enum":
        choices = ", ".join(str(c) for c in error.validator_value)
        return path, f"{where} is {instance!r}; expected one of: {choices}"
    if kind == "type":
        expected = error.validator_value
        expected = " or ".join(expected) if isinstance(expected, list) else expected
        names = {"object": "a mapping (key: value)", "array": "a list", "boolean": "true or false"}
        return path, f"{where} must be {names.get(expected, expected)}, not {instance!r}"
    return path, f"{where}: {error.message}"


def _blank(value: Any) -> bool:
    return isinstance(value, str) and not value.strip()


def _validate(data: Any, lines: _Lines, where: str) -> None:
    from jsonschema import Draft202012Validator

    validator = Draft202012Validator(glossary_schema())
    errors = sorted(
        validator.iter_errors(data), key=lambda e: (_line(lines, tuple(e.path)), e.path)
    )
    if errors:
        path, message = _schema_problem(errors[0])
        raise GlossaryError(f"{where}:{_line(lines, path)}: {message}")


def _texts(value: Any) -> tuple[str, ...]:
    items = [value] if isinstance(value, str) else list(value or ())
    seen: dict[str, None] = {}
    for item in items:
        seen.setdefault(str(item).strip(), None)
    return tuple(seen)


def _build_term(raw: dict[str, Any], index: int, lines: _Lines, where: str) -> Term:
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
        origin=f"{where}:{_line(lines, path)}",
    )

    def fail(key: str, message: str) -> GlossaryError:
        at = _line(lines, (*path, key))
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
    return term


def _build(data: dict[str, Any], lines: _Lines, path: Path) -> tuple[Glossary, list[str]]:
    where = str(path)
    terms: list[Term] = []
    first_seen: dict[str, int] = {}
    for i, raw in enumerate(data.get("terms") or []):
        term = _build_term(raw, i, lines, where)
        for form in (*term.en, *term.variants):
            key = form.casefold()
            line = _line(lines, ("terms", i))
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
    _validate(data, lines, str(where))
    return _build(data, lines, Path(where))


def _load(path: Path, stack: tuple[Path, ...]) -> Glossary:
    data, lines = _read_yaml(path)
    glossary, extends = parse_glossary_data(data, path, lines)
    merged: Glossary | None = None
    for ref in extends:
        line = _line(lines, ("extends",))
        try:
            base_path = resolve_glossary(ref, path.parent)
        except GlossaryError as exc:
            raise GlossaryError(f"{path}:{line}: extends {exc}") from None
        if base_path.resolve() in stack:
            raise GlossaryError(f"{path}:{line}: extends {ref!r}, which extends this file again")
        base = _load(base_path, (*stack, base_path.resolve()))
        if base.traditional != glossary.traditional:
            raise GlossaryError(
                f"{path}:{line}: extends {ref!r}, whose target is {base.target}, not "
                f"{glossary.target}"
            )
        merged = base if merged is None else _merge(merged, base)
    return glossary if merged is None else _merge(merged, glossary)


def load_glossary(path_or_name: str | Path | Glossary) -> Glossary:
    """Load and validate a glossary file, or a shipped one by name (``"ai-safety"``).

    Raises ``GlossaryError`` naming ``file:line`` for anything wrong with it.
    """
    if isinstance(path_or_name, Glossary):
        return path_or_name
    path = resolve_glossary(path_or_name)
    return _load(path, (path.resolve(),))


def load_glossaries(items: Iterable[Glossary | str | Path]) -> tuple[Glossary, ...]:
    """Load each item (file, shipped name) unless it is a ``Glossary`` already."""
    return tuple(load_glossary(item) for item in items)
