"""``align_corpus``: many document pairs aligned on a dask cluster, results as they finish.

The library call behind ``bitext corpus``. It validates everything it can before the cluster
starts (options, lint config, glossaries, output names), skips pairs whose outputs are already
up to date (resume), then yields each pair's ``PairResult`` the moment it is written.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

from ..errors import UsageError
from .job import MERGE_FORMATS, CorpusJob, LintSpec, PipelineOptions
from .pairs import CorpusPair
from .result import PairResult
from .store import CorpusStore
from .termreport import CorpusTerm, merge_term_counts, report_json, term_report


class CorpusRun:
    """Iterate for per-pair results as they finish; afterwards ``rows`` (one summary row per
    pair), ``terms`` (the corpus term report, with ``lint``) and the written paths are set."""

    def __init__(
        self,
        pairs: Iterable[CorpusPair],
        job: CorpusJob,
        *,
        client: Any = None,
        out_dir: str | Path | None = None,
        merge: str | Path | None = None,
        force: bool = False,
        workers: int | None = None,
        scheduler: str | None = None,
        dashboard: bool = False,
    ) -> None:
        self.pairs = tuple(pairs)
        self.job = job
        self.client = client
        self.store = CorpusStore(out_dir, job) if out_dir is not None else None
        self.merge = Path(merge) if merge is not None else None
        self.force = force
        self.cluster_options: dict[str, Any] = {
            "workers": workers,
            "scheduler": scheduler,
            "dashboard": dashboard,
        }
        self.rows: list[dict[str, Any]] = []
        self.terms: list[CorpusTerm] | None = None
        self.summary_path: Path | None = None
        self.terms_path: Path | None = None
        if self.merge is not None and self.store is None:
            raise UsageError("--merge needs an output directory")

    @property
    def total(self) -> int:
        return len(self.pairs)

    def __iter__(self) -> Iterator[PairResult]:
        from .engine import open_client, require_distributed, run_pairs

        require_distributed()
        todo, done = self._plan()
        yield from done
        counts: list[Any] = [r for r in done if r.terms]
        if todo:
            client_cm = _given(self.client) if self.client is not None else None
            with client_cm or open_client(**self.cluster_options) as client:
                results, terms_future = run_pairs(client, todo, self.job)
                for result in results:
                    self._record(result)
                    yield _light(result)
                if terms_future is not None:
                    try:
                        counts.append(terms_future.result())
                    except Exception:  # a pair lost with its worker: merge what came back
                        counts = [*counts, *self._kept_terms]
        self._finish(counts)

    # -- steps ------------------------------------------------------------------------------
    def _plan(self) -> tuple[list[CorpusPair], list[PairResult]]:
        self._kept_terms: list[PairResult] = []
        if self.store is None or self.force:
            return list(self.pairs), []
        previous = self.store.previous_rows()
        todo, done = [], []
        for pair in self.pairs:
            row = previous.get(pair.src)
            if self.store.resumable(pair, row):
                assert row is not None
                skipped = _from_row(pair, row)
                self.rows.append(self.store.row(skipped))
                done.append(skipped)
            else:
                todo.append(pair)
        return todo, done

    def _record(self, result: PairResult) -> None:
        if self.store is not None:
            self.store.write(result)
            self.rows.append(self.store.row(result))
        else:
            self.rows.append(result.summary_row(None))
        if result.terms:
            self._kept_terms.append(PairResult(result.src, result.tgt, result.name, "ok",
                                               terms=result.terms))  # fmt: skip

    def _finish(self, counts: list[Any]) -> None:
        if self.store is not None:
            # rows of skipped pairs carry their old terms in the journal
            self.store.close()
            self.summary_path = self.store.write_summary(self.rows)
            if self.merge is not None:
                self.store.write_merge(self.merge, self.pairs)
        if self.job.terms:
            names = frozenset(_glossary_terms(self.job.lint))
            self.terms = term_report(merge_term_counts(*counts), names)
            if self.store is not None:
                self.terms_path = self.store.write_terms(report_json(self.terms))


def align_corpus(
    pairs: Iterable[CorpusPair | tuple[str | Path, str | Path]],
    *,
    client: Any = None,
    out_dir: str | Path | None = None,
    fmt: str = "tsv",
    merge: str | Path | None = None,
    lint: bool = False,
    config: str | Path | None = None,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
    glossaries: Iterable[str] = (),
    force: bool = False,
    workers: int | None = None,
    scheduler: str | None = None,
    dashboard: bool = False,
    max_bytes: int | None = None,
    **options: Any,
) -> CorpusRun:
    """Align every pair; iterate the returned ``CorpusRun`` for ``PairResult``s as they finish.

    ``pairs``: ``CorpusPair``s (``bitext.corpus.resolve_pairs``) or ``(source, target)`` tuples.
    ``client``: a ``distributed.Client`` to run on (default: ``scheduler``, else
    ``$DASK_SCHEDULER_ADDRESS``, else a new ``LocalCluster`` of ``workers`` processes).
    ``options``: the keyword arguments of ``bitext.pipeline.align_files`` (``src_lang``,
    ``presplit``, ``max_align``, ``model``, ``cache_dir``, ...). With ``out_dir`` each pair's
    output, ``summary.jsonl`` (and with ``lint`` the findings and ``terms.json``) are written there.
    """
    pipeline = options.pop("pipeline", None) or PipelineOptions()
    pipeline = (replace(pipeline, **options) if options else pipeline).validated()
    merge_fmt = None
    if merge is not None:
        merge_fmt = MERGE_FORMATS.get(Path(merge).suffix.lower())
        if merge_fmt is None:
            raise UsageError(f"--merge {merge}: the file must end in {' or '.join(MERGE_FORMATS)}")
    spec = None
    if lint:
        spec = _lint_spec(config, select, ignore, tuple(glossaries))
    job = CorpusJob(pipeline, fmt, merge_fmt, spec, terms=lint)
    if max_bytes is not None:
        job = replace(job, max_bytes=max_bytes)
    return CorpusRun(
        [_as_pair(p) for p in pairs],
        job,
        client=client,
        out_dir=out_dir,
        merge=merge,
        force=force,
        workers=workers,
        scheduler=scheduler,
        dashboard=dashboard,
    )


def _lint_spec(config: Any, select: Any, ignore: Any, glossaries: tuple[str, ...]) -> LintSpec:
    """Load rules and glossaries here first: a typo fails before any cluster starts."""
    from .task import lint_setup

    spec = LintSpec(
        str(config) if config is not None else None,
        tuple(select) if select is not None else None,
        tuple(ignore) if ignore is not None else None,
        glossaries,
    )
    _, loaded = lint_setup(spec)
    return replace(spec, digests=tuple(g.digest for g in loaded))


def _glossary_terms(spec: LintSpec | None) -> list[str]:
    if spec is None:
        return []
    from .task import lint_setup

    return [t.name for g in lint_setup(spec)[1] for t in g.terms]


def _as_pair(item: CorpusPair | tuple[str | Path, str | Path]) -> CorpusPair:
    if isinstance(item, CorpusPair):
        return item
    src, tgt = (Path(p) for p in item)
    size = sum(p.stat().st_size for p in (src, tgt) if p.is_file())
    return CorpusPair(str(src), str(tgt), src.name, size)


def _from_row(pair: CorpusPair, row: dict[str, Any]) -> PairResult:
    return PairResult(
        src=pair.src,
        tgt=pair.tgt,
        name=pair.name,
        status="skipped",
        hash=row.get("hash"),
        seconds=row.get("seconds") or 0.0,
        sentences=row.get("sentences") or {},
        links=row.get("links") or {},
        mean_score=row.get("mean_score"),
        min_score=row.get("min_score"),
        mean_confidence=row.get("mean_confidence"),
        min_confidence=row.get("min_confidence"),
        warnings=tuple(row.get("warnings") or ()),
        findings=row.get("findings"),
        errors=row.get("errors") or 0,
        terms=row.get("terms"),
    )


def _light(result: PairResult) -> PairResult:
    """The result without its rendered texts (written already; a corpus would fill memory)."""
    return replace(result, output=None, lint_output=None, merge_part=None)


class _given:
    """A client the caller owns: used, not closed."""

    def __init__(self, client: Any) -> None:
        self.client = client

    def __enter__(self) -> Any:
        return self.client

    def __exit__(self, *exc: Any) -> None:
        return None
