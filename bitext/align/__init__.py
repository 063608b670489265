"""Sentence alignment. ``model`` holds the result types every later stage consumes.

The public function is ``bitext.align(src, tgt, ...)`` (``aligner.align``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from .model import Alignment, Link


def __getattr__(name: str) -> Any:
    """``Alignment`` and the rest load on first use, so ``import bitext`` (and with it
    ``bitext --help``) does not import the dataclasses it never needs."""
    if name in __all__:
        from . import model

        return getattr(model, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["Alignment", "Link"]
