"""Checks over aligned pairs. Every check returns ``Finding`` objects and nothing else.

``bitext.check`` is both this package and the public function ``bitext.check(documents, ...)``:
a function of that name in ``bitext/__init__`` would be replaced by this package the moment any
``bitext.check.*`` module is imported, so the package itself is made callable instead.
"""

from __future__ import annotations

import sys
import types
from typing import Any

from .finding import Finding, Location, Severity


class _CallableModule(types.ModuleType):
    def __call__(self, documents: Any, **options: Any) -> list[Finding]:
        """Lint aligned documents: see ``bitext.check.runner.check``."""
        from .runner import check

        return check(documents, **options)


sys.modules[__name__].__class__ = _CallableModule

__all__ = ["Finding", "Location", "Severity"]
