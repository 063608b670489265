"""dask.distributed as the engine: the cluster, the worker plugin, scheduling, the reduce tree.

Nothing home-made: dask's scheduler hands out the pairs (largest first, by task priority),
re-runs the pairs of a worker that died (``distributed.scheduler.allowed-failures``), and runs the
term report's reduce tasks next to their inputs.
"""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Iterator, Sequence
from typing import Any

from ..errors import UsageError
from .job import CorpusJob
from .pairs import CorpusPair
from .result import PairResult
from .settings import REDUCE_FANOUT, TASK_RETRIES, WORKER_PROFILE_WITHOUT_DASHBOARD

INSTALL_HINT = "bitext corpus needs dask.distributed: pip install 'bitext[corpus]'"
#: each worker process runs one task at a time with one BLAS thread: several BLAS threads per
#: worker fight over the same cores (LIBRARIES.md row 12: ~15x slower when oversubscribed).
WORKER_ENV = {
    "OMP_NUM_THREADS": "1",
    "OPENBLAS_NUM_THREADS": "1",
    "MKL_NUM_THREADS": "1",
    "BITEXT_THREADS": "1",
}


def require_distributed() -> Any:
    """The ``distributed`` module, or a ``UsageError`` that says how to install it."""
    try:
        import distributed
    except ImportError:
        raise UsageError(INSTALL_HINT) from None
    return distributed


def scheduler_address(given: str | None) -> str | None:
    """``--scheduler``, else ``$DASK_SCHEDULER_ADDRESS``, else None (start a LocalCluster)."""
    return given or os.environ.get("DASK_SCHEDULER_ADDRESS") or None


@contextlib.contextmanager
def open_client(
    workers: int | None = None, scheduler: str | None = None, dashboard: bool = False
) -> Iterator[Any]:
    """A client on ``scheduler``, or on a new ``LocalCluster`` of ``workers`` processes (default:
    one per usable core), one thread each, no dashboard unless asked; closed on exit."""
    distributed = require_distributed()
    address = scheduler_address(scheduler)
    if address:
        if workers is not None:
            raise UsageError(
                "--workers starts a local cluster; with --scheduler start workers there"
            )
        try:
            client = distributed.Client(address, timeout="20s")
        except OSError as exc:
            raise UsageError(f"cannot reach the dask scheduler at {address}: {exc}") from None
        with client:
            yield client
        return
    import dask.config

    from ..embed.use import usable_cores

    profile = dashboard or WORKER_PROFILE_WITHOUT_DASHBOARD
    with dask.config.set({"distributed.worker.profile.enabled": profile}):
        cluster = _local_cluster(distributed, workers or usable_cores(), dashboard)
    with cluster, distributed.Client(cluster) as client:
        yield client


def _local_cluster(distributed: Any, workers: int, dashboard: bool) -> Any:
    return distributed.LocalCluster(
        n_workers=workers,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        # without --dashboard: no dashboard, and the scheduler's small HTTP server (health,
        # metrics) on a free port instead of taking 8787 from someone else's cluster
        dashboard_address=":8787" if dashboard else ":0",
        scheduler_kwargs={"dashboard": dashboard},
        silence_logs=logging.ERROR,
        env=WORKER_ENV,
    )


def worker_plugin(job: CorpusJob) -> Any:
    """A plugin that loads ``job``'s encoder (and lint rules) once in each worker process."""
    from distributed.diagnostics.plugin import WorkerPlugin

    class BitextCorpusPlugin(WorkerPlugin):
        name = f"bitext-corpus-{job.key()}"

        def __init__(self, job: CorpusJob) -> None:
            self.job = job

        def setup(self, worker: Any) -> None:
            warm_worker(self.job)

    return BitextCorpusPlugin(job)


def warm_worker(job: CorpusJob) -> None:
    """Load the encoder (and the model itself) and the lint setup into this process."""
    for key, value in WORKER_ENV.items():
        os.environ.setdefault(key, value)
    from ..pipeline import _encoder
    from ..threads import blas_threads

    options = job.options
    encoder = _encoder(options.model, options.cache_dir, options.use_cache)
    with blas_threads(1):
        encoder.encode(["warm up"])
    if job.lint is not None:
        from .task import lint_setup

        lint_setup(job.lint)


def run_pairs(
    client: Any, pairs: Sequence[CorpusPair], job: CorpusJob
) -> tuple[Iterator[PairResult], Any]:
    """Submit every pair (largest first) and the term reduce tree.

    Returns an iterator of results as they finish, and the future of the merged term counts
    (None without the term report)."""
    from distributed import as_completed

    from .task import run_pair
    from .termreport import merge_term_counts

    client.register_plugin(worker_plugin(job))
    ordered = sorted(pairs, key=lambda p: (-p.size, p.name))
    futures = {
        client.submit(
            run_pair,
            pair,
            job,
            key=f"bitext-pair-{job.key()}-{n}",
            priority=pair.size,
            retries=TASK_RETRIES,
            pure=False,
        ): pair
        for n, pair in enumerate(ordered)
    }
    terms = _reduce_tree(client, list(futures), merge_term_counts) if job.terms else None

    def results() -> Iterator[PairResult]:
        for future in as_completed(futures):
            pair = futures[future]
            try:
                result = future.result()
            except Exception as exc:  # KilledWorker after allowed-failures, a lost scheduler
                result = PairResult(
                    pair.src, pair.tgt, pair.name, "failed", error=f"{type(exc).__name__}: {exc}"
                )
            future.release()
            yield result

    return results(), terms


def _reduce_tree(client: Any, futures: list[Any], merge: Any) -> Any:
    level = 0
    while len(futures) > 1 or level == 0:
        futures = [
            client.submit(merge, *futures[i : i + REDUCE_FANOUT], priority=-1 - level, pure=False)
            for i in range(0, max(len(futures), 1), REDUCE_FANOUT)
        ]
        level += 1
    return futures[0]
