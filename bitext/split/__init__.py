"""Sentence splitting with exact character spans: text -> ``Document`` of ``Segment``s.

English uses nltk's Punkt with parameters built in code (``english.py``); Chinese uses rules
(``chinese.py``); paragraphs, Markdown structure and per-paragraph language dispatch are in
``common.py``. Invariant, tested: every segment's text is ``text[start:end]`` and the gaps
between segments are whitespace only.

Import names from here (``from bitext.split import split_text``): ``bitext.split`` itself is the
public function, so ``import bitext.split as x`` gives that function, not this package.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

from ..errors import UsageError
from ..langs import LANGS

if TYPE_CHECKING:  # pragma: no cover
    from ..document import Document, Segment

LANG_CHOICES = ("auto", *LANGS)


def split_text(
    text: str,
    lang: str = "auto",
    *,
    split_semicolon: bool = False,
    path: str | None = None,
    encoding: str = "utf-8",
) -> Document:
    """Split ``text`` into paragraphs, then sentences; return a ``Document``.

    ``lang`` is the document's language ("en", "zh") or "auto" (by script). Each paragraph is
    still split with the rules of its own script (``bitext.lang.paragraph_lang``), so an English
    quotation block inside a Chinese article is split as English; each segment's ``lang`` says
    which rules were used.
    """
    if lang not in LANG_CHOICES:
        raise UsageError(f"unknown language {lang!r}; use one of: {', '.join(LANG_CHOICES)}")
    from ..document import Document, Segment
    from ..lang import detect_lang, paragraph_lang

    doc_lang = detect_lang(text) if lang == "auto" else lang
    segments: list[Segment] = []
    from .common import paragraph_spans, split_region

    for p_index, (start, end) in enumerate(paragraph_spans(text)):
        p_lang = paragraph_lang(text[start:end], doc_lang)
        for s, e, kind in split_region(text, start, end, p_lang, split_semicolon=split_semicolon):
            segments.append(Segment(text[s:e], s, e, p_lang, p_index, len(segments), kind))
    return Document(text, tuple(segments), doc_lang, path=path, encoding=encoding)


def split_file(
    path: str | os.PathLike[str],
    lang: str = "auto",
    *,
    encoding: str | None = None,
    split_semicolon: bool = False,
) -> Document:
    """Read ``path`` (encoding detected unless given) and split it; see ``split_text``."""
    from ..reader import read_text

    source = read_text(path, encoding=encoding)
    return split_text(
        source.text,
        lang,
        split_semicolon=split_semicolon,
        path=source.path,
        encoding=source.encoding,
    )


def __getattr__(name: str) -> Any:
    """``paragraph_spans``/``split_region`` load the splitters (regex tables, Punkt) on first
    use, so that importing ``bitext`` for ``--help`` does not."""
    if name in ("paragraph_spans", "split_region"):
        from . import common

        return getattr(common, name)
    raise AttributeError(name)


__all__ = ["LANG_CHOICES", "paragraph_spans", "split_file", "split_region", "split_text"]
