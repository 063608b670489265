"""OUT_DIR: each pair's outputs, the run journal, summary.jsonl, the merged corpus file.

Every output is written by the client with ``bitext.atomic`` (whole or not at all), once per
finished pair. The journal (``.bitext-corpus/journal.jsonl``) gets one line per finished pair,
appended and flushed as it finishes: it is what lets an interrupted run resume (a line torn by a
crash is ignored). ``summary.jsonl`` is written from it at the end, sorted by source path.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..atomic import write_text_atomic
from ..errors import OutputError
from .job import LINT_SUFFIX, CorpusJob, pair_hash
from .pairs import CorpusPair, output_name
from .result import PairResult

STATE_DIR = ".bitext-corpus"
SUMMARY = "summary.jsonl"
TERMS = "terms.json"


class CorpusStore:
    """The files of one run in ``root``."""

    def __init__(self, root: str | Path, job: CorpusJob) -> None:
        self.root = Path(root)
        self.job = job
        self.state = self.root / STATE_DIR
        self.journal_path = self.state / "journal.jsonl"
        self._journal: Any = None

    # -- paths ------------------------------------------------------------------------------
    def output_path(self, pair: CorpusPair | PairResult) -> Path:
        return self.root / output_name(pair.name, self.job.suffix)

    def lint_path(self, pair: CorpusPair | PairResult) -> Path:
        return self.root / output_name(pair.name, LINT_SUFFIX)

    def merge_part_path(self, pair: CorpusPair | PairResult) -> Path:
        return self.state / "merge" / output_name(pair.name, f".{self.job.merge_fmt}")

    # -- resume -----------------------------------------------------------------------------
    def previous_rows(self) -> dict[str, dict[str, Any]]:
        """The last journal row of each source path (an empty dict on a first run)."""
        rows: dict[str, dict[str, Any]] = {}
        try:
            lines = self.journal_path.read_text(encoding="utf-8").splitlines()
        except OSError:
            return rows
        for line in lines:
            try:
                row = json.loads(line)
            except json.JSONDecodeError:
                continue  # the line a crash cut short
            if isinstance(row, dict) and "src" in row:
                rows[row["src"]] = row
        return rows

    def resumable(self, pair: CorpusPair, row: dict[str, Any] | None) -> bool:
        """Whether ``pair``'s outputs exist and were made from these inputs with these options."""
        if row is None or row.get("status") not in ("ok", "skipped") or not row.get("hash"):
            return False
        needed = [self.output_path(pair)]
        if self.job.lint is not None:
            needed.append(self.lint_path(pair))
        if self.job.merge_fmt:
            needed.append(self.merge_part_path(pair))
        if not all(p.is_file() for p in needed):
            return False
        try:
            return pair_hash(pair.src, pair.tgt, self.job) == row["hash"]
        except OSError:
            return False

    # -- writing ----------------------------------------------------------------------------
    def write(self, result: PairResult) -> None:
        """Write a finished pair's outputs, then its journal line (in that order: a pair is in
        the journal only once its files are whole)."""
        if result.status == "ok":
            write_text_atomic(self.output_path(result), result.output or "")
            if result.lint_output is not None:
                write_text_atomic(self.lint_path(result), result.lint_output)
            if result.merge_part is not None:
                write_text_atomic(self.merge_part_path(result), result.merge_part)
        self.journal({**self.row(result), "errors": result.errors, "terms": result.terms})

    def row(self, result: PairResult) -> dict[str, Any]:
        output = None if result.status == "failed" else str(self.output_path(result))
        return result.summary_row(output)

    def journal(self, row: dict[str, Any]) -> None:
        try:
            if self._journal is None:
                self.state.mkdir(parents=True, exist_ok=True)
                self._journal = self.journal_path.open("a", encoding="utf-8")
            self._journal.write(json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n")
            self._journal.flush()
            os.fsync(self._journal.fileno())
        except OSError as exc:
            raise OutputError(f"{self.journal_path}: cannot write: {exc.strerror}") from None

    def close(self) -> None:
        if self._journal is not None:
            self._journal.close()
            self._journal = None

    def write_summary(self, rows: Iterable[dict[str, Any]]) -> Path:
        """``summary.jsonl``: one row per pair, sorted by source path."""
        ordered = sorted(rows, key=lambda r: (r["name"], r["src"]))
        text = "".join(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n" for r in ordered)
        path = self.root / SUMMARY
        write_text_atomic(path, text)
        return path

    def write_terms(self, text: str) -> Path:
        path = self.root / TERMS
        write_text_atomic(path, text)
        return path

    def write_merge(self, target: str | Path, pairs: Iterable[CorpusPair]) -> Path:
        """One corpus file from the pairs' parts, in name order (CAT tools import one TMX)."""
        from .merge import merge_jsonl, merge_tmx

        parts = []
        for pair in sorted(pairs, key=lambda p: p.name):
            path = self.merge_part_path(pair)
            if path.is_file():
                parts.append(path.read_text(encoding="utf-8"))
        merged = merge_tmx(parts) if self.job.merge_fmt == "tmx" else merge_jsonl(parts)
        write_text_atomic(target, merged)
        return Path(target)
