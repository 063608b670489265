"""Which files to lint together: pairs, bilingual files, directories, globs, ``--pair`` rules.

Pairing rules, in order:

* ``--pair 'docs/en/*.md=docs/zh/*.md'``: each file matching the left glob is paired with the
  right pattern filled with what the wildcards matched (``*``, ``**``, ``?``, in order).
* Two directories: files with the same relative path in both form pairs.
* Files (a directory alone contributes its text files): ``name.en.md`` + ``name.zh.md`` (also
  ``_en``/``-zh``/``zh-cn``/``zh-hans``) pair up; two untagged files are one pair; any other file
  is one bilingual file.
"""

from __future__ import annotations

import glob
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError, UsageError

TEXT_SUFFIXES = (".md", ".markdown", ".txt", ".rst", ".text")
_TAG = re.compile(
    r"^(?P<stem>.+?)[._-](?P<lang>en|eng|english|zh|zh[-_](?:cn|hans|tw|hant)|cn|chs|chinese)"
    r"(?P<ext>\.[^.]+)?$",
    re.IGNORECASE,
)
_GLOB_CHARS = re.compile(r"[*?\[]")


@dataclass(frozen=True)
class LintInputs:
    """Units to align (1 path: a bilingual file; 2: a pair) and warnings for the user."""

    units: tuple[tuple[Path, ...], ...]
    warnings: tuple[str, ...] = ()


def resolve_inputs(
    inputs: Sequence[str | Path], pairs: Sequence[str] = (), src_lang: str | None = None
) -> LintInputs:
    """Turn command-line inputs into alignment units, each (source, translation) or one
    bilingual file. Raises ``InputError``/``UsageError``.

    The source of a pair is the left side of ``--pair``, the first of two directories, the
    first of two files; of two language-tagged files found together, the one tagged
    ``src_lang`` if given, else the one given (or sorted) first.
    """
    units: list[tuple[Path, ...]] = []
    warnings: list[str] = []
    for rule in pairs:
        found, missing = _pair_rule(rule)
        units += found
        warnings += [f"{left}: no translation at {right}" for left, right in missing]
    paths = [p for item in inputs for p in _expand(str(item))]
    if len(paths) == 2 and all(p.is_dir() for p in paths):
        found, lonely = _pair_directories(paths[0], paths[1])
        units += found
        warnings += [f"{p}: no file with the same name in the other directory" for p in lonely]
    else:
        files: list[Path] = []
        for path in paths:
            files += _text_files(path) if path.is_dir() else [path]
        units += _pair_files(files, src_lang)
    if not units:
        raise UsageError("nothing to lint: give files, directories, globs or --pair")
    return LintInputs(tuple(dict.fromkeys(units)), tuple(warnings))


def _expand(item: str) -> list[Path]:
    path = Path(item)
    if path.exists():
        return [path]
    if _GLOB_CHARS.search(item):
        matches = sorted(glob.glob(item, recursive=True))
        if not matches:
            raise InputError(f"{item}: no file matches this pattern")
        return [Path(m) for m in matches]
    raise InputError(f"{item}: no such file or directory")


def _text_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() in TEXT_SUFFIXES)


def _pair_directories(left: Path, right: Path) -> tuple[list[tuple[Path, ...]], list[Path]]:
    ours = {p.relative_to(left): p for p in _text_files(left)}
    theirs = {p.relative_to(right): p for p in _text_files(right)}
    units: list[tuple[Path, ...]] = [(ours[r], theirs[r]) for r in sorted(set(ours) & set(theirs))]
    lonely = [ours[r] for r in sorted(set(ours) - set(theirs))]
    lonely += [theirs[r] for r in sorted(set(theirs) - set(ours))]
    return units, lonely


def _pair_files(files: list[Path], src_lang: str | None = None) -> list[tuple[Path, ...]]:
    files = list(dict.fromkeys(files))
    groups: dict[tuple[str, str, str], dict[str, Path]] = {}
    for path in files:
        m = _TAG.match(path.name)
        if m:
            side = "en" if m.group("lang").lower() in ("en", "eng", "english") else "zh"
            key = (str(path.parent), m.group("stem"), (m.group("ext") or "").lower())
            groups.setdefault(key, {})[side] = path
    paired: dict[Path, tuple[Path, ...]] = {}
    order = {path: n for n, path in enumerate(files)}
    for group in groups.values():
        if len(group) == 2:
            # the source is the side named by --src-lang, else the file given (or sorted) first
            first = src_lang if src_lang in group else min(group, key=lambda k: order[group[k]])
            unit = (group[first], group["zh" if first == "en" else "en"])
            paired[group["en"]] = paired[group["zh"]] = unit
    rest = [p for p in files if p not in paired]
    units = list(dict.fromkeys(paired[p] for p in files if p in paired))
    if len(rest) == 2 and not units:
        return [(rest[0], rest[1])]
    return units + [(p,) for p in rest]


def _pattern_regex(pattern: str) -> re.Pattern[str]:
    out = ""
    i = 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out, i = out + "((?:.*/)?)", i + 3
        elif pattern.startswith("**", i):
            out, i = out + "(.*)", i + 2
        elif pattern[i] == "*":
            out, i = out + "([^/]*)", i + 1
        elif pattern[i] == "?":
            out, i = out + "([^/])", i + 1
        else:
            out, i = out + re.escape(pattern[i]), i + 1
    return re.compile(out + r"\Z")


def _fill(pattern: str, values: Sequence[str]) -> str:
    parts = re.split(r"(\*\*/|\*\*|\*|\?)", pattern)
    it = iter(values)
    return "".join(next(it) if part in ("**/", "**", "*", "?") else part for part in parts)


def _pair_rule(rule: str) -> tuple[list[tuple[Path, ...]], list[tuple[Path, Path]]]:
    left, sep, right = rule.partition("=")
    wild = re.compile(r"\*\*/|\*\*|\*|\?")
    if not sep or not left or not right:
        raise UsageError(f"--pair {rule!r}: expected LEFT=RIGHT, e.g. 'docs/en/*.md=docs/zh/*.md'")
    if len(wild.findall(left)) != len(wild.findall(right)):
        raise UsageError(f"--pair {rule!r}: both sides need the same wildcards")
    regex = _pattern_regex(Path(left).as_posix())
    units: list[tuple[Path, ...]] = []
    missing: list[tuple[Path, Path]] = []
    matches = sorted(glob.glob(left, recursive=True))
    if not matches:
        raise InputError(f"--pair {rule!r}: no file matches {left}")
    for match in matches:
        m = regex.match(Path(match).as_posix())
        if m is None or not Path(match).is_file():
            continue
        other = Path(_fill(right, m.groups()))
        if other.is_file():
            units.append((Path(match), other))
        else:
            missing.append((Path(match), other))
    return units, missing
