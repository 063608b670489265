"""Apply the fixes findings carry: plan the edits per file, show them as a diff, write atomically.

ruff's ``--fix`` / ``--diff`` / ``--unsafe-fixes`` in small. Mechanical rules (zh-typography,
en-hygiene, glued-words) attach a ``Fix`` to their finding: edits into the file text, each
inside the finding's own span. This module only moves text: it re-reads each file, checks that
every edit still finds the text the rule saw (``Edit.original``; a file changed since the lint
is left alone), drops a fix that overlaps one already taken (the next ``--fix`` gets it), and
writes with ``write_text_atomic`` in the file's own encoding, BOM and line ends. Nothing outside
an edit's span changes, so the English half of an inline ``原文:… 翻译:…`` line stays byte for
byte what it was when only Chinese typography is fixed, and a second ``--fix`` finds nothing.
"""

from __future__ import annotations

import codecs
import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..atomic import write_bytes_atomic
from ..reader import read_text
from .finding import Edit, Finding


@dataclass(frozen=True)
class FilePlan:
    """What fixing one file does: its text before and after, and which findings that fixes."""

    path: str
    encoding: str
    before: str
    after: str
    fixed: tuple[Finding, ...]
    #: fixes left out: overlapping one already taken, or stale (the file changed since)
    skipped: int = 0

    @property
    def changed(self) -> bool:
        return self.before != self.after


def fixable(finding: Finding, unsafe: bool = False) -> bool:
    """Whether ``--fix`` (``--unsafe-fixes`` when ``unsafe``) would apply this finding's fix."""
    return finding.fix is not None and (finding.fix.safe or unsafe)


def plan_fixes(
    findings: Iterable[Finding], *, unsafe: bool = False, encoding: str | None = None
) -> list[FilePlan]:
    """One ``FilePlan`` per file that has an applicable fix, in path order. Writes nothing.

    ``encoding`` is the one the lint was told (``--encoding``); otherwise each file is decoded
    the way the reader decoded it for the lint, so offsets agree.
    """
    by_path: dict[str, list[Finding]] = {}
    for finding in findings:
        if fixable(finding, unsafe):
            assert finding.fix is not None
            by_path.setdefault(finding.fix.path, []).append(finding)
    return [_plan(path, group, encoding) for path, group in sorted(by_path.items())]


def _plan(path: str, findings: Sequence[Finding], encoding: str | None) -> FilePlan:
    source = read_text(path, encoding)
    text = source.text
    taken: list[Edit] = []
    fixed: list[Finding] = []
    skipped = 0
    # earliest fix first (ruff's order); a fix is taken whole or not at all
    for finding in sorted(findings, key=lambda f: min(e.start for e in f.fix.edits)):  # type: ignore[union-attr]
        edits = finding.fix.edits  # type: ignore[union-attr]
        stale = any(text[e.start : e.end] != e.original for e in edits)
        if stale or any(_overlap(e, t) for e in edits for t in taken):
            skipped += 1
            continue
        taken.extend(edits)
        fixed.append(finding)
    out, pos = [], 0
    for edit in sorted(taken, key=lambda e: (e.start, e.end)):
        out.append(text[pos : edit.start])
        out.append(edit.replacement)
        pos = edit.end
    out.append(text[pos:])
    return FilePlan(path, source.encoding, text, "".join(out), tuple(fixed), skipped)


def _overlap(a: Edit, b: Edit) -> bool:
    """Two edits touch the same characters (or insert at the same point)."""
    if a.start == a.end and b.start == b.end:
        return a.start == b.start
    if a.start == a.end:
        return b.start < a.start < b.end
    if b.start == b.end:
        return a.start < b.start < a.end
    return a.start < b.end and b.start < a.end


def unified_diff(plans: Iterable[FilePlan]) -> str:
    """``--diff``: what fixing would change, as one unified diff over every file."""
    parts: list[str] = []
    for plan in plans:
        if not plan.changed:
            continue
        parts.extend(
            difflib.unified_diff(
                plan.before.splitlines(keepends=True),
                plan.after.splitlines(keepends=True),
                fromfile=plan.path,
                tofile=plan.path,
            )
        )
        if parts and not parts[-1].endswith("\n"):
            parts[-1] += "\n\\ No newline at end of file\n"
    return "".join(parts)


def apply_fixes(plans: Iterable[FilePlan]) -> int:
    """Write every changed file atomically; the number of findings fixed."""
    count = 0
    for plan in plans:
        if not plan.changed:
            continue
        write_bytes_atomic(plan.path, encode_like(plan.after, plan.encoding, Path(plan.path)))
        count += len(plan.fixed)
    return count


#: a BOM the reader strips, and the codec that writes the same bytes without one
_BOM_CODECS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def encode_like(text: str, encoding: str, path: Path) -> bytes:
    """``text`` in the encoding the file was read with, with the file's own BOM if it had one."""
    with path.open("rb") as handle:
        head = handle.read(4)
    for bom, codec in _BOM_CODECS:
        if head.startswith(bom):
            return bom + text.encode(codec)
    return text.encode(encoding)


def fixed_count(plans: Iterable[FilePlan]) -> int:
    """How many findings the plans fix."""
    return sum(len(plan.fixed) for plan in plans if plan.changed)


__all__ = [
    "FilePlan",
    "apply_fixes",
    "encode_like",
    "fixable",
    "fixed_count",
    "plan_fixes",
    "unified_diff",
]
