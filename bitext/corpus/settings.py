"""Every tunable number of corpus mode, with where its value came from."""

from __future__ import annotations

#: extra tries dask gives a pair whose task raised outside our own error handling (a failed
#: deserialisation, a lost connection). A killed worker is handled by the scheduler itself
#: (``distributed.scheduler.allowed-failures``, default 3), not by this.
TASK_RETRIES = 1
#: a pair whose two files hold more than this many bytes is recorded as failed ("too large")
#: instead of being aligned: the biggest gold document pair (academic) is ~60 KB and aligns in
#: ~2 s with ~300 MB per worker; 16 MB is ~250x that, far beyond a book chapter, and keeps one
#: runaway file from taking a worker's memory. Override with ``max_bytes`` / ``--max-bytes``.
MAX_PAIR_BYTES = 16_000_000
#: how many per-pair term counts one reduce task merges (a tree of fan-in 32: 1 million pairs
#: need 4 levels, ~32,000 small tasks, ~3% more tasks than pairs).
REDUCE_FANOUT = 32
#: a discovered term (not from a glossary) is reported only when it is seen in at least this
#: many documents: one document's candidates are mostly its own names.
TERM_MIN_DOCUMENTS = 2
#: terms listed in the terminal's term report (terms.json has them all).
TERM_REPORT_SHOWN = 20
#: discovery per document: a candidate must occur this often in one document. 1 was tried on
#: a three-document test corpus: every single-use phrase came back with a sentence-long
#: "rendering" (团队研究了小模型 for "small models"); 2 is term discovery's own default.
DISCOVERY_MIN_COUNT = 2
#: dask's statistical profiler samples every worker's stack every 10 ms. It feeds only the
#: dashboard's profile page, and cost ~6% of each pair's time (60 pairs on one worker: 208 ->
#: 196 ms/pair with it off), so a local cluster runs without it unless ``--dashboard`` is given.
#: (Workers of an existing cluster keep their own ``distributed.worker.profile`` setting.)
WORKER_PROFILE_WITHOUT_DASHBOARD = False
