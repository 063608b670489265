"""The work of one pair, run on a dask worker: hash, align, render, lint, count terms.

``run_pair`` never raises for a bad pair: an unreadable file, a pair in one language or one
that is too large comes back as a ``failed`` result with its error, and the run goes on.
"""

from __future__ import annotations

import functools
import time
from collections import Counter
from typing import Any

from ..errors import BitextError, InputError
from .job import CorpusJob, LintSpec, pair_hash
from .pairs import CorpusPair
from .result import PairResult


def run_pair(pair: CorpusPair, job: CorpusJob) -> PairResult:
    """Align ``pair`` with ``job``'s options and render its outputs (texts, not files)."""
    started = time.perf_counter()
    try:
        digest = pair_hash(pair.src, pair.tgt, job)
    except OSError as exc:
        return _failed(pair, None, started, f"{exc.filename}: cannot read: {exc.strerror}")
    try:
        return _align_pair(pair, job, digest, started)
    except BitextError as exc:
        return _failed(pair, digest, started, str(exc))
    except Exception as exc:  # a bug or a resource error in one pair must not stop the corpus
        return _failed(pair, digest, started, f"{type(exc).__name__}: {exc}")


def _align_pair(pair: CorpusPair, job: CorpusJob, digest: str, started: float) -> PairResult:
    from ..pipeline import align_files
    from ..report.align_formats import render

    if pair.size > job.max_bytes:
        raise InputError(
            f"too large: {pair.size:,} bytes (limit {job.max_bytes:,}; raise it with --max-bytes)"
        )
    result = align_files([pair.src, pair.tgt], job.options)
    links = result.alignment.links
    scores = [float(link.score) for link in links if link.src and link.tgt]
    confidences = [
        float(c) for link in links if (c := getattr(link, "confidence", None)) is not None
    ]
    findings: int | None = None
    errors = 0
    lint_output = None
    if job.lint is not None:
        lint_output, findings, errors = _lint(result, job.lint)
    terms = document_terms(result, job.lint) if job.terms else None
    return PairResult(
        src=pair.src,
        tgt=pair.tgt,
        name=pair.name,
        status="ok",
        hash=digest,
        seconds=round(time.perf_counter() - started, 3),
        sentences={"src": len(result.src.segments), "tgt": len(result.tgt.segments)},
        links=dict(sorted(Counter(link.kind for link in links).items())),
        mean_score=round(sum(scores) / len(scores), 4) if scores else None,
        min_score=round(min(scores), 4) if scores else None,
        mean_confidence=round(sum(confidences) / len(confidences), 4) if confidences else None,
        min_confidence=round(min(confidences), 4) if confidences else None,
        warnings=tuple(result.warnings),
        findings=findings,
        errors=errors,
        output=render(result, job.fmt).text,
        lint_output=lint_output,
        merge_part=render(result, job.merge_fmt).text if job.merge_fmt else None,
        terms=terms,
        worker=_worker_name(),
    )


def _failed(pair: CorpusPair, digest: str | None, started: float, error: str) -> PairResult:
    return PairResult(
        src=pair.src,
        tgt=pair.tgt,
        name=pair.name,
        status="failed",
        hash=digest,
        seconds=round(time.perf_counter() - started, 3),
        error=error,
        worker=_worker_name(),
    )


@functools.lru_cache(maxsize=4)
def lint_setup(spec: LintSpec) -> tuple[Any, tuple[Any, ...]]:
    """Rules and glossaries for ``spec``, loaded once per process (the worker plugin calls this
    at start-up; the client calls it first to fail fast on a bad config)."""
    from ..check.runner import load_rules
    from ..config import load_config
    from ..linter import load_glossaries

    config = load_config(spec.config) if spec.config else None
    rules = load_rules(config, select=spec.select, ignore=spec.ignore)
    names = [*(config.glossaries if config else ()), *spec.glossaries]
    return rules, load_glossaries(names)


def _lint(result: Any, spec: LintSpec) -> tuple[str, int, int]:
    from ..check.finding import Severity
    from ..check.runner import run_rules
    from ..linter import signature
    from ..report.base import LintResult, get_reporter

    rules, glossaries = lint_setup(spec)
    findings = run_rules(rules, [result], glossaries)
    names = [*spec.glossaries]
    record = LintResult((result,), tuple(findings), signature([result], rules, names))
    text = get_reporter("json").render(record)
    errors = sum(1 for f in findings if f.severity.rank >= Severity.ERROR.rank)
    return text, len(findings), errors


def document_terms(result: Any, spec: LintSpec | None) -> dict[str, dict[str, int]]:
    """{term: {rendering: occurrences}} in one aligned document pair: the map step of the
    corpus term report.

    The one place corpus mode touches term matching and discovery (``bitext.check``), so a
    rewrite of term discovery changes only this function. Glossary terms: each of its renderings
    found in the target of a link whose source has the term. Discovered terms (discovery runs
    without the glossaries, so it also sees glossary terms): each candidate's renderings,
    counted by the aligned pairs they were found in; for a glossary term they count only in a
    document where none of its glossary renderings was found (奖励破解 where the glossary says
    奖励黑客).
    """
    from ..check.discover import discover_terms
    from ..check.term_index import build_index
    from .settings import DISCOVERY_MIN_COUNT

    glossaries = lint_setup(spec)[1] if spec is not None else ()
    counts: dict[str, Counter[str]] = {}
    names: dict[str, str] = {}  # any English form, casefolded -> the glossary term's name
    if glossaries:
        index = build_index(result.alignment, result.src, result.tgt, glossaries)
        for entry in index.terms.terms:
            names.update((form.casefold(), entry.name) for form in entry.en)
        for pair in index.pairs:
            for term in pair.src_terms:
                name = index.term(term).name
                for hit in pair.tgt:
                    if hit.term == term:
                        counts.setdefault(name, Counter())[hit.rendering] += 1
    for candidate in discover_terms(result.alignment, (), min_count=DISCOVERY_MIN_COUNT):
        if candidate.kind == "kept":
            continue
        name = names.get(candidate.en.casefold(), candidate.en)
        if name in names.values() and counts.get(name):
            continue  # the glossary already saw how this document renders it
        seen = counts.setdefault(name, Counter())
        for rendering in candidate.renderings:
            seen[rendering.text] += rendering.pairs
        if candidate.kept:
            seen[candidate.en] += candidate.kept
    return {term: dict(c) for term, c in sorted(counts.items()) if c}


def _worker_name() -> str | None:
    try:
        from distributed import get_worker

        return str(get_worker().name)
    except (ImportError, ValueError):
        return None
