"""Names a package re-exports from one of its modules, imported on first use.

``bitext.align`` and ``bitext.check`` re-export their result dataclasses; importing them eagerly
would make every ``import bitext`` (and with it ``bitext --help``) pay for modules it never
needs. PEP 562's module ``__getattr__`` loads them when a name is first asked for.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from typing import Any


def lazy_exports(package: str, module: str, names: Iterable[str]) -> Callable[[str], Any]:
    """A module ``__getattr__`` for ``package`` that takes ``names`` from ``package.module``."""
    wanted = frozenset(names)

    def __getattr__(name: str) -> Any:
        if name in wanted:
            return getattr(importlib.import_module(f"{package}.{module}"), name)
        raise AttributeError(f"module {package!r} has no attribute {name!r}")

    return __getattr__
