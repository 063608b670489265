"""Sentence encoders: text -> unit vectors, with an on-disk cache in front.

``get_encoder(spec, cache_dir=..., use_cache=...)`` is the entry point; ``base`` holds the
protocol and registry, ``use`` the built-in encoder, ``st`` the sentence-transformers adapter,
``cache`` the SQLite cache. Importing this package loads no model library.
"""

from __future__ import annotations

from typing import Any

from .base import (
    DEFAULT_MODEL,
    Encoder,
    EncoderBase,
    EncodeStats,
    load_encoder,
    model_spec,
)
from .factory import get_encoder

_LAZY = {
    "CacheWarning": "bitext.embed.cache",
    "CachedEncoder": "bitext.embed.cache",
    "EmbeddingCache": "bitext.embed.cache",
    "default_cache_dir": "bitext.embed.cache",
}


def __getattr__(name: str) -> Any:
    """The cache names, imported on first use (keeps ``bitext --help`` free of sqlite3)."""
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "DEFAULT_MODEL",
    "CacheWarning",
    "CachedEncoder",
    "EmbeddingCache",
    "EncodeStats",
    "Encoder",
    "EncoderBase",
    "default_cache_dir",
    "get_encoder",
    "load_encoder",
    "model_spec",
]
