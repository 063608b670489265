"""bitext: English <-> Chinese translation QA.

The public API (the CLI is a thin shell over it). Heavy modules load on first call, so
``import bitext`` stays fast::

    import bitext
    doc = bitext.split("第一句。第二句！", lang="zh")
    alignment = bitext.align(src_sentences, tgt_sentences)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

# The subpackages that share a name with a public function below are imported FIRST: importing
# a package sets it as an attribute of its parent, so a later first import of, say,
# ``bitext.align.model`` would replace the function ``bitext.align`` with the package. Imported
# here, before the functions are defined, the functions win for good. All three are cheap
# (dataclasses only; models, nltk and jieba load on first use).
from . import align as _align_package  # noqa: F401
from . import check as _check_package  # noqa: F401
from . import split as _split_package  # noqa: F401
from .errors import (
    BitextError,
    ConfigError,
    GlossaryError,
    InputError,
    ModelError,
    OutputError,
    UsageError,
)
from .version import __version__

if TYPE_CHECKING:  # pragma: no cover
    from collections.abc import Iterable
    from pathlib import Path

    from .align.model import Alignment
    from .check.finding import Finding
    from .check.glossary import Glossary
    from .document import Document


def split(text: str, lang: str = "auto", **options: Any) -> Document:
    """Split ``text`` into sentences with exact character spans. See ``bitext.split.split_text``."""
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


def load_glossary(path_or_name: str | Path) -> Glossary:
    """Load and validate a glossary file or a shipped one by name (``"ai-safety"``).

    Raises ``GlossaryError`` with file:line for anything wrong. See ``bitext.check.glossary``.
    """
    from .check.glossary import load_glossary as _load_glossary

    return _load_glossary(path_or_name)


def check_terms(
    alignment: Alignment,
    src_doc: Document,
    tgt_doc: Document,
    glossaries: Iterable[Glossary | str | Path],
    *,
    rules: Iterable[str] | None = None,
) -> list[Finding]:
    """Run the glossary term rules on an aligned pair. See ``bitext.check.term_index``."""
    from .check.term_index import check_terms as _check_terms

    return _check_terms(alignment, src_doc, tgt_doc, glossaries, rules=rules)


def check(documents: Any, **options: Any) -> list[Finding]:
    """Run the lint rules on aligned documents. See ``bitext.check.runner.check``."""
    from .check.runner import check as _check

    return _check(documents, **options)


__all__ = [
    "BitextError",
    "ConfigError",
    "GlossaryError",
    "InputError",
    "ModelError",
    "OutputError",
    "UsageError",
    "__version__",
    "align",
    "check",
    "check_terms",
    "lint",
    "load_glossary",
    "split",
]
