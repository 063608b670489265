"""Reading a glossary file: YAML with the line of every key and item, and the JSON Schema check.

Line numbers come from the YAML node marks (``yaml.compose``), so every message can name the
line a translator must fix. Reading is bounded before anything is built: a size cap, a budget
for YAML aliases (a 300-byte "billion laughs" file otherwise expands to gigabytes), recursive
aliases and absurd nesting refused, and a file that is not a glossary at all (``extends:
/etc/shadow``) is refused without quoting a byte of it. The schema (``glossary.schema.json``,
beside this module so editors and CI can use it too) is checked with jsonschema, and its
errors are reworded for people.
"""

from __future__ import annotations

import json
import os
import stat
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from ..errors import GlossaryError

# -- reading YAML with line numbers ------------------------------------------------------------

Lines = dict[tuple[Any, ...], int]

#: Largest glossary file read (bytes). 2 MB is ~20,000 terms at the ~100 bytes a term of the
#: shipped ai-safety.yaml (56 terms, 5.8 KB); PyYAML's pure-Python reader takes ~3 s a MB just
#: to parse (measured on a 0.9 MB glossary), so above this a run waits minutes (a 50 MB file
#: took 8 minutes and 3.7 GB), and no real termbase comes near it.
MAX_GLOSSARY_BYTES = 2_000_000
#: Most nodes that YAML aliases (``*name``) may add by repeating an anchored node. A real use
#: (one shared ``forbidden:`` list aliased from a few hundred terms) adds thousands; 100,000
#: converts in well under a second. A "billion laughs" bomb of 9 levels would add 9^9.
MAX_ALIAS_NODES = 100_000
#: A glossary is 5 levels deep (root, terms, a term, a key, a list); deeper is not a glossary.
MAX_DEPTH = 16


class _Composer:
    """Turns a YAML node tree into plain data plus a map ``path -> line`` (1-based).

    An alias is the same node object reached twice, so every node entered again counts
    against ``MAX_ALIAS_NODES``, and a node entered while it is still being converted is a
    recursive alias (``&t [ *t ]``), which would otherwise recurse until RecursionError.
    """

    def __init__(self, where: str) -> None:
        self.where = where
        self.lines: Lines = {}
        self.constructor = yaml.constructor.SafeConstructor()
        self.seen: set[int] = set()
        self.active: set[int] = set()
        self.repeated = 0

    def _enter(self, node: yaml.Node, path: tuple[Any, ...]) -> None:
        line = node.start_mark.line + 1
        key = id(node)
        if key in self.active:
            raise GlossaryError(f"{self.where}:{line}: a YAML alias refers to a node it is inside")
        if key in self.seen:
            self.repeated += 1
            if self.repeated > MAX_ALIAS_NODES:
                raise GlossaryError(
                    f"{self.where}:{line}: YAML aliases expand to more than {MAX_ALIAS_NODES:,} "
                    "repeated nodes; write the entries out instead"
                )
        self.seen.add(key)
        if len(path) > MAX_DEPTH:
            raise GlossaryError(f"{self.where}:{line}: nested deeper than a glossary can be")

    def convert(self, node: yaml.Node, path: tuple[Any, ...]) -> Any:
        self._enter(node, path)
        self.lines[path] = node.start_mark.line + 1
        if isinstance(node, yaml.ScalarNode):
            return self.constructor.construct_object(node, deep=True)
        self.active.add(id(node))
        try:
            return self._convert_collection(node, path)
        finally:
            self.active.discard(id(node))

    def _convert_collection(self, node: yaml.Node, path: tuple[Any, ...]) -> Any:
        if isinstance(node, yaml.MappingNode):
            result: dict[str, Any] = {}
            for key_node, value_node in node.value:
                line = key_node.start_mark.line + 1
                if not isinstance(key_node, yaml.ScalarNode):
                    raise GlossaryError(f"{self.where}:{line}: keys must be text")
                key = self.constructor.construct_object(key_node, deep=True)
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


def _read_capped(path: Path) -> str:
    """The file's text, if it is a regular file of at most ``MAX_GLOSSARY_BYTES``."""
    where = str(path)
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            raise GlossaryError(f"{where}: not a regular file, so not a glossary")
        too_big = GlossaryError(
            f"{where}: larger than {MAX_GLOSSARY_BYTES // 1_000_000} MB, the most a glossary "
            "file may be; split it into files that extend each other"
        )
        if info.st_size > MAX_GLOSSARY_BYTES:
            raise too_big
        with open(path, "rb") as handle:
            data = handle.read(MAX_GLOSSARY_BYTES + 1)
    except OSError as exc:
        raise GlossaryError(f"{where}: cannot read ({exc.strerror or exc})") from None
    if len(data) > MAX_GLOSSARY_BYTES:
        raise too_big
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise GlossaryError(f"{where}: not UTF-8 text ({exc.reason})") from None


def _looks_like_glossary(node: yaml.Node) -> bool:
    """A mapping with a ``name`` or ``terms`` key: anything else is refused unquoted."""
    if not isinstance(node, yaml.MappingNode):
        return False
    keys = {k.value for k, _ in node.value if isinstance(k, yaml.ScalarNode)}
    return bool(keys & {"name", "terms"})


def read_yaml(path: Path) -> tuple[Any, Lines]:
    where = str(path)
    text = _read_capped(path)
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except RecursionError:
        raise GlossaryError(f"{where}: nested deeper than a glossary can be") from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        at = f":{mark.line + 1}" if mark else ""
        problem = exc.problem or exc.context or "malformed YAML"
        raise GlossaryError(f"{where}{at}: malformed YAML: {problem}") from exc
    except yaml.YAMLError as exc:
        raise GlossaryError(f"{where}: malformed YAML: {exc}") from exc
    if node is None:
        raise GlossaryError(f"{where}:1: the glossary is empty")
    if not _looks_like_glossary(node):
        raise GlossaryError(
            f"{where}:1: not a glossary: a glossary is a mapping with name: and terms:"
        )
    composer = _Composer(where)
    try:
        data = composer.convert(node, ())
    except RecursionError:
        raise GlossaryError(f"{where}: nested deeper than a glossary can be") from None
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


def line_of(lines: Lines, path: tuple[Any, ...]) -> int:
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


def validate(data: Any, lines: Lines, where: str) -> None:
    from jsonschema import Draft202012Validator

    validator = Draft202012Validator(glossary_schema())
    errors = sorted(
        validator.iter_errors(data), key=lambda e: (line_of(lines, tuple(e.path)), e.path)
    )
    if errors:
        path, message = _schema_problem(errors[0])
        raise GlossaryError(f"{where}:{line_of(lines, path)}: {message}")
