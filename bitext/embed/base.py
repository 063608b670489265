"""The encoder protocol and a registry of lazily imported implementations.

Registries are dicts of ``'module:Class'`` strings (sacrebleu's habit) so that choosing the
built-in encoder never imports torch, and ``bitext --help`` imports neither.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Sequence
from typing import Protocol, runtime_checkable

import numpy as np

from ..errors import ModelError

DEFAULT_MODEL = "use-multilingual"

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

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Return an array of shape (len(texts), dimension), rows of unit length."""
        ...


def model_spec(spec: str | None = None) -> str:
    """The model spec in force: the argument, else ``$BITEXT_MODEL``, else the built-in one."""
    return spec or os.environ.get("BITEXT_MODEL") or DEFAULT_MODEL


def get_encoder(spec: str | None = None) -> Encoder:
    """Resolve a spec such as ``use-multilingual`` or ``st:sentence-transformers/LaBSE``."""
    spec = model_spec(spec)
    key, _, arg = spec.partition(":")
    target = ENCODERS.get(key)
    if target is None:
        known = ", ".join(sorted(k if k != "st" else "st:MODEL" for k in ENCODERS))
        raise ModelError(f"unknown model {spec!r} (known: {known})")
    module_name, _, cls_name = target.partition(":")
    cls = getattr(importlib.import_module(module_name), cls_name)
    return cls(arg) if arg else cls()
