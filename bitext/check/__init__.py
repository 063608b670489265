"""Checks over aligned pairs. Every check returns ``Finding`` objects and nothing else.

The public function is ``bitext.check(documents, ...)`` (``runner.check``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from .finding import Finding, Location, Severity


def __getattr__(name: str) -> Any:
    """``Finding`` and the rest load on first use, so ``import bitext`` (and with it
    ``bitext --help``) does not import the dataclasses it never needs."""
    if name in __all__:
        from . import finding

        return getattr(finding, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["Finding", "Location", "Severity"]
