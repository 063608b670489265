"""Baselines: adopt the linter on an existing corpus and fail only on new findings.

A fingerprint is rule + file + side + the matched text + its occurrence index among findings
with the same first four, so it survives lines being inserted above it (no line numbers in it)
while two identical problems in one file stay distinct.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from pathlib import Path

from ..errors import ConfigError
from .finding import Finding

BASELINE_VERSION = 1


def _identity(finding: Finding) -> tuple[str, str, str, str]:
    side, loc = ("src", finding.source) if finding.source else ("tgt", finding.target)
    path = Path(loc.path).as_posix() if loc else ""
    text = " ".join((finding.match or finding.message).split())
    return finding.rule, path, side, text


def fingerprints(findings: Sequence[Finding]) -> list[str]:
    """One fingerprint per finding, in the same order (findings should be sorted)."""
    seen: dict[tuple[str, str, str, str], int] = {}
    out = []
    for finding in findings:
        identity = _identity(finding)
        occurrence = seen.get(identity, 0)
        seen[identity] = occurrence + 1
        raw = "\x1f".join([*identity, str(occurrence)])
        out.append(hashlib.sha256(raw.encode("utf-8")).hexdigest()[:32])
    return out


def baseline_text(findings: Sequence[Finding]) -> str:
    """The baseline file for ``findings``: sorted JSON, readable in review diffs."""
    entries = [
        {"fingerprint": fp, "rule": f.rule, "path": _identity(f)[1], "match": _identity(f)[3]}
        for fp, f in zip(fingerprints(findings), findings, strict=False)
    ]
    entries.sort(key=lambda e: (e["path"], e["rule"], e["fingerprint"]))
    body = {"version": BASELINE_VERSION, "tool": "bitext", "findings": entries}
    return json.dumps(body, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def read_baseline(path: str | Path) -> frozenset[str]:
    """The fingerprints of a baseline file. Raises ``ConfigError`` on a malformed one."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        entries = data["findings"]
        return frozenset(str(e["fingerprint"]) for e in entries)
    except FileNotFoundError:
        raise ConfigError(f"{path}: baseline file not found") from None
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ConfigError(f"{path}: not a bitext baseline file ({exc})") from None


def new_findings(findings: Sequence[Finding], baseline: Iterable[str]) -> list[Finding]:
    """The findings whose fingerprint is not in ``baseline``."""
    known = set(baseline)
    return [f for f, fp in zip(findings, fingerprints(findings), strict=False) if fp not in known]
