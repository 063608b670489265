"""Checks over aligned pairs. Every check returns ``Finding`` objects and nothing else.

The public function is ``bitext.check(documents, ...)`` (``runner.check``).
"""

from __future__ import annotations

from .finding import Finding, Location, Severity

__all__ = ["Finding", "Location", "Severity"]
