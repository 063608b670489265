"""Checks over aligned pairs. Every check returns ``Finding`` objects and nothing else.

The public function is ``bitext.check(documents, ...)`` (``runner.check``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..lazy import lazy_exports

if TYPE_CHECKING:  # pragma: no cover
    from .finding import Finding, Location, Severity

__all__ = ["Finding", "Location", "Severity"]
# Finding and the rest load on first use (bitext/lazy.py says why)
__getattr__ = lazy_exports(__name__, "finding", __all__)
