"""Which document pairs a corpus run aligns, and the name each one's output takes.

The pairing rules are ``bitext lint``'s (``bitext.check.inputs``): two directories pair files by
relative path, ``--pair 'en/**/*.md=zh/**/*.md'`` fills the right pattern with what the left
one's wildcards matched. A manifest (``source<TAB>target`` per line, ``#`` comments) names pairs
one by one; relative paths in it are relative to the manifest's folder.

The output name is the source's path relative to its root (the source directory, the fixed part
of a ``--pair`` pattern, or the manifest's folder), so ``en/guide/intro.md`` becomes
``OUT_DIR/guide/intro.align`` with ``--format links``.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..check.inputs import resolve_inputs
from ..errors import InputError, UsageError

_WILDCARD = re.compile(r"[*?\[]")


@dataclass(frozen=True)
class CorpusPair:
    """One source file and its translation; ``name`` is the source's relative path."""

    src: str
    tgt: str
    name: str
    #: both files' sizes in bytes: the largest pairs are scheduled first
    size: int = 0


@dataclass(frozen=True)
class PairPlan:
    pairs: tuple[CorpusPair, ...]
    #: e.g. a source with no translation in the other directory
    warnings: tuple[str, ...] = ()


def resolve_pairs(
    src_dir: str | Path | None = None,
    tgt_dir: str | Path | None = None,
    *,
    pair_rules: Sequence[str] = (),
    manifest: str | Path | None = None,
) -> PairPlan:
    """Pairs from two directories, ``--pair`` rules and a manifest (any mix). Raises
    ``UsageError`` when nothing pairs up or two sources would share an output name."""
    pairs: list[CorpusPair] = []
    warnings: list[str] = []
    if (src_dir is None) != (tgt_dir is None):
        raise UsageError("give a source directory AND a target directory (or --pair/--manifest)")
    if src_dir is not None and tgt_dir is not None:
        for path in (Path(src_dir), Path(tgt_dir)):
            if not path.is_dir():
                raise InputError(f"{path}: not a directory")
        plan = resolve_inputs([src_dir, tgt_dir])
        pairs += [_pair(u[0], u[1], Path(src_dir)) for u in plan.units if len(u) == 2]
        warnings += plan.warnings
    for rule in pair_rules:
        plan = resolve_inputs([], [rule])
        root = _fixed_root(rule.partition("=")[0])
        pairs += [_pair(u[0], u[1], root) for u in plan.units if len(u) == 2]
        warnings += plan.warnings
    if manifest is not None:
        pairs += read_manifest(manifest)
    if not pairs:
        raise UsageError("no document pairs: give SRC_DIR TGT_DIR, --pair or --manifest")
    return PairPlan(_unique(pairs), tuple(warnings))


def read_manifest(path: str | Path) -> list[CorpusPair]:
    """``source<TAB>target`` rows; blank lines and ``#`` comments are skipped."""
    manifest = Path(path)
    try:
        text = manifest.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise InputError(f"{manifest}: cannot read the manifest: {exc.strerror}") from None
    base = manifest.parent
    pairs = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) != 2 or not all(c.strip() for c in cells):
            raise UsageError(f"{manifest}:{number}: expected 'source<TAB>target'")
        src, tgt = (base / c.strip() for c in cells)
        for side in (src, tgt):
            if not side.is_file():
                raise InputError(f"{manifest}:{number}: {side}: no such file")
        rel = Path(cells[0].strip())
        root = base if not rel.is_absolute() else Path(rel.anchor)
        pairs.append(_pair(src, tgt, root))
    return pairs


def output_name(name: str, suffix: str) -> str:
    """``guide/intro.md`` + ``.align`` -> ``guide/intro.align`` (a name with no suffix keeps
    its dots: ``001`` -> ``001.align``)."""
    path = Path(name)
    return str(path.with_suffix(suffix)) if path.suffix else name + suffix


def _pair(src: Path, tgt: Path, root: Path) -> CorpusPair:
    try:
        name = src.relative_to(root).as_posix()
    except ValueError:
        name = Path(os.path.relpath(src, root)).as_posix().lstrip("./") or src.name
    size = _size(src) + _size(tgt)
    return CorpusPair(str(src), str(tgt), name, size)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0  # reported when the pair is read, as this pair's own error


def _fixed_root(pattern: str) -> Path:
    """The folder before the first wildcard: ``docs/en/**/*.md`` -> ``docs/en``."""
    parts = Path(pattern).parts
    fixed = []
    for part in parts[:-1]:
        if _WILDCARD.search(part):
            break
        fixed.append(part)
    return Path(*fixed) if fixed else Path(".")


def _unique(pairs: list[CorpusPair]) -> tuple[CorpusPair, ...]:
    seen: dict[str, CorpusPair] = {}
    by_source: dict[str, CorpusPair] = {}
    for pair in pairs:
        key = str(Path(pair.src).resolve())
        if key in by_source:
            continue
        stem = str(Path(pair.name).with_suffix("")) if Path(pair.name).suffix else pair.name
        if stem in seen:
            raise UsageError(
                f"{seen[stem].src} and {pair.src} would write the same output "
                f"({stem}.*); rename one or align them in separate runs"
            )
        seen[stem] = by_source[key] = pair
    return tuple(by_source.values())


__all__ = ["CorpusPair", "PairPlan", "output_name", "read_manifest", "resolve_pairs"]
