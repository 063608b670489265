"""The encoder protocol, a template base class, and a registry of lazily imported encoders.

Registries are dicts of ``'module:Class'`` strings (sacrebleu's habit) so that choosing the
built-in encoder never imports torch, and ``bitext --help`` imports neither. ``EncoderBase``
does the work every encoder shares (input checks, embedding identical strings once, unit-length
rows, counters) in one concrete ``encode``; an encoder only supplies ``_embed`` for a batch.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar, runtime_checkable

import numpy as np

from ..errors import ModelError
from ..model_names import DEFAULT_MODEL

T = TypeVar("T")

#: spec prefix (or whole spec) -> "module:Class"; the class takes the rest of the spec.
ENCODERS: dict[str, str] = {
    "use-multilingual": "bitext.embed.use:USEEncoder",
    "st": "bitext.embed.st:SentenceTransformerEncoder",
}


@runtime_checkable
class Encoder(Protocol):
    """Anything that turns sentences into L2-normalised float32 vectors."""

    name: str
    version: str
    dimension: int

    @property
    def signature(self) -> dict[str, Any]:
        """``{"name", "version", "parameters"}``: what a result records to be reproducible."""
        ...

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Return an array of shape (len(texts), dimension), rows of unit length."""
        ...


@dataclass
class EncodeStats:
    """Running counters of one encoder object, for benchmarks and ``--verbose`` summaries.

    ``requested`` counts every text passed to ``encode``; ``unique`` the distinct ones per call;
    ``cache_hits`` those found in the on-disk cache; ``embedded`` those the model actually ran on.
    So ``requested - unique`` were duplicates within a call, and ``unique = cache_hits + embedded``.
    """

    requested: int = 0
    unique: int = 0
    cache_hits: int = 0
    embedded: int = 0
    calls: int = 0

    def as_dict(self) -> dict[str, int]:
        return {
            "requested": self.requested,
            "unique": self.unique,
            "cache_hits": self.cache_hits,
            "embedded": self.embedded,
            "calls": self.calls,
        }


def _checked_texts(texts: Sequence[str]) -> list[str]:
    """A list of the input strings; a bare string or a non-string item is a programming error."""
    if isinstance(texts, str):
        raise TypeError("encode() takes a sequence of strings, not a single string")
    items = list(texts)
    for item in items:
        if not isinstance(item, str):
            raise TypeError(f"encode() takes strings, got {type(item).__name__}")
    return items


def unit_rows(vectors: np.ndarray) -> np.ndarray:
    """float32 copy of ``vectors`` with every non-zero row scaled to length 1."""
    vectors = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.maximum(norms, np.float32(1e-12))


def batches(items: Sequence[T], size: int) -> Iterator[Sequence[T]]:
    """Consecutive slices of ``items`` of at most ``size`` elements."""
    for start in range(0, len(items), size):
        yield items[start : start + size]


class EncoderBase:
    """Template method for encoders: ``encode`` is concrete, subclasses fill in the hooks.

    Hooks: ``_embed(texts)`` embeds one batch of distinct strings (any float dtype, any norm);
    ``parameters`` lists whatever besides name and version changes the vectors. ``batch_size``
    bounds how many strings reach ``_embed`` at once (the cache writes after each batch, so an
    interrupted run keeps what it finished).
    """

    name: str
    version: str
    dimension: int
    batch_size: int = 256

    def __init__(self) -> None:
        self.stats = EncodeStats()
        #: told ``(done, total)`` texts after each batch, so a long run can show its progress
        #: (``bitext align``'s bar counts "embed n/N" with or without the cache)
        self.progress: Callable[[int, int], None] | None = None

    def _tick(self, done: int, total: int) -> None:
        if self.progress is not None:
            self.progress(done, total)

    @property
    def parameters(self) -> dict[str, Any]:
        return {}

    @property
    def signature(self) -> dict[str, Any]:
        return {"name": self.name, "version": self.version, "parameters": dict(self.parameters)}

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Embed ``texts``: shape (len(texts), dimension), float32, unit rows, input order.

        Identical strings are embedded once and their row is repeated.
        """
        items = _checked_texts(texts)
        unique = list(dict.fromkeys(items))
        self.stats.calls += 1
        self.stats.requested += len(items)
        self.stats.unique += len(unique)
        vectors = self._embed_unique(unique)
        if len(unique) == len(items):
            return vectors
        row = {text: i for i, text in enumerate(unique)}
        return vectors[[row[text] for text in items]]

    def _embed_unique(self, texts: list[str]) -> np.ndarray:
        """Embed distinct strings batch by batch; override to put a cache in front."""
        out = np.empty((len(texts), self.dimension), dtype=np.float32)
        done = 0
        for batch in batches(texts, self.batch_size):
            out[done : done + len(batch)] = self.embed_batch(batch)
            done += len(batch)
            self._tick(done, len(texts))
        return out

    def embed_batch(self, texts: Sequence[str]) -> np.ndarray:
        """Run the model on one batch of distinct strings (no cache); unit float32 rows."""
        self.stats.embedded += len(texts)
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        return unit_rows(self._embed(list(texts)))

    def _embed(self, texts: list[str]) -> np.ndarray:
        raise NotImplementedError

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.name} {self.version}>"


def model_spec(spec: str | None = None) -> str:
    """The model spec in force: the argument, else ``$BITEXT_MODEL``, else the built-in one."""
    return spec or os.environ.get("BITEXT_MODEL") or DEFAULT_MODEL


def load_encoder(spec: str | None = None) -> EncoderBase:
    """The bare encoder for ``spec``, without a cache. Weights load on its first ``encode``."""
    spec = model_spec(spec).strip()
    key, sep, arg = spec.partition(":")
    target = ENCODERS.get(key)
    if target is None:
        known = ", ".join(sorted(k if k != "st" else "st:MODEL" for k in ENCODERS))
        raise ModelError(f"unknown model {spec!r} (known: {known})")
    module_name, _, cls_name = target.partition(":")
    cls = getattr(importlib.import_module(module_name), cls_name)
    if key == "st":
        if not arg.strip():
            raise ModelError(
                "'st:' needs a model after the colon, e.g. st:sentence-transformers/LaBSE "
                "or st:/path/to/model"
            )
        return cls(arg.strip())
    if sep:
        raise ModelError(f"model {key!r} takes no argument after ':' (got {spec!r})")
    return cls()
