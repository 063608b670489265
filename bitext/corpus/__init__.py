"""Corpus mode: thousands of document pairs aligned (and linted) on dask.distributed.

``align_corpus(pairs, client=None, **options)`` yields one ``PairResult`` per pair as it
finishes; ``resolve_pairs`` pairs two directories, ``--pair`` rules or a manifest the way
``bitext lint`` does. dask is an optional extra (``pip install 'bitext[corpus]'``): importing
this package does not need it, running a corpus does.
"""

from __future__ import annotations

from .job import CorpusJob, LintSpec, PipelineOptions
from .pairs import CorpusPair, PairPlan, resolve_pairs
from .result import PairResult
from .run import CorpusRun, align_corpus
from .termreport import CorpusTerm, TermRendering

__all__ = [
    "CorpusJob",
    "CorpusPair",
    "CorpusRun",
    "CorpusTerm",
    "LintSpec",
    "PairPlan",
    "PairResult",
    "PipelineOptions",
    "TermRendering",
    "align_corpus",
    "resolve_pairs",
]
