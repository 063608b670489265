"""bitext: English <-> Chinese translation QA.

The public API (the CLI is a thin shell over it). Heavy modules load on first call, so
``import bitext`` stays fast::

    import bitext
    doc = bitext.split("第一句。第二句！", lang="zh")
    alignment = bitext.align(src_sentences, tgt_sentences)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .errors import BitextError, ConfigError, GlossaryError, InputError, ModelError, UsageError

__version__ = "0.1.0"

if TYPE_CHECKING:  # pragma: no cover
    from .align.model import Alignment
    from .document import Document


def split(text: str, lang: str = "auto", **options: Any) -> Document:
    """Split ``text`` into sentences with exact character spans. See ``bitext.split``."""
    from .split import split_text

    return split_text(text, lang=lang, **options)


def lint(inputs: Any = (), **options: Any) -> Any:
    """Lint files as ``bitext lint`` does; returns a ``LintOutcome``. See ``bitext.linter``."""
    from .linter import lint as _lint

    return _lint(inputs, **options)


def align(src: Any, tgt: Any, **options: Any) -> Alignment:
    """Align two lists of sentences (or two Documents). See ``bitext.align.aligner``."""
    from .align.aligner import align as _align

    return _align(src, tgt, **options)


# ``bitext.check(documents, glossaries=..., config=..., select=..., ignore=...)`` -> findings:
# the package is callable (see bitext/check/__init__.py). It only imports the Finding types.
from . import check  # noqa: E402

__all__ = [
    "BitextError",
    "ConfigError",
    "GlossaryError",
    "InputError",
    "ModelError",
    "UsageError",
    "__version__",
    "align",
    "check",
    "lint",
    "split",
]
