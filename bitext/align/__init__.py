"""Sentence alignment. ``model`` holds the result types every later stage consumes.

``bitext.align`` is both this package and the public function ``bitext.align(src, tgt, ...)``:
importing a submodule (``bitext.align.model``) rebinds the package attribute ``bitext.align`` to
this module, so the module itself is made callable and forwards to ``aligner.align``.
"""

from __future__ import annotations

import sys
import types
from typing import Any

from .model import Alignment, Link


class _CallableModule(types.ModuleType):
    def __call__(self, src: Any, tgt: Any, **options: Any) -> Alignment:
        from .aligner import align

        return align(src, tgt, **options)


sys.modules[__name__].__class__ = _CallableModule

__all__ = ["Alignment", "Link"]
