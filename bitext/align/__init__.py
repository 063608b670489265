"""Sentence alignment. ``model`` holds the result types every later stage consumes.

The public function is ``bitext.align(src, tgt, ...)`` (``aligner.align``).
"""

from __future__ import annotations

from .model import Alignment, Link

__all__ = ["Alignment", "Link"]
