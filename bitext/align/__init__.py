"""Sentence alignment. ``model`` holds the result types every later stage consumes.

The public function is ``bitext.align(src, tgt, ...)`` (``aligner.align``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..lazy import lazy_exports

if TYPE_CHECKING:  # pragma: no cover
    from .model import Alignment, Link

__all__ = ["Alignment", "Link"]
# Alignment and the rest load on first use (bitext/lazy.py says why)
__getattr__ = lazy_exports(__name__, "model", __all__)
