"""The choices that change what the pipeline reads, splits, embeds and aligns, as one value.

Every command that aligns (``align``, ``lint``, ``report``, ``terms``, ``corpus``) takes the same
``PipelineOptions``, so the same files give the same segments and links whichever command
reads them. The CLI declares one option per field (``bitext.cli.options``); ranges and choices
come from the library constants named here, never repeated there.
"""

from __future__ import annotations

import codecs
from dataclasses import asdict, dataclass, fields, replace
from typing import Any

from .align.params import DEFAULT_MAX_ALIGN, DEFAULT_WIDEN, MAX_ALIGN_RANGE
from .errors import UsageError
from .lang import LANGS

#: layouts of one bilingual file (``bitext.layout``); "auto" detects it.
LAYOUT_CHOICES = ("auto", "marked", "inline", "alternating", "tsv", "halves")
#: ``widen`` is accepted from 0 (off) to the largest ``max_align``.
WIDEN_RANGE = (0, MAX_ALIGN_RANGE[1])


@dataclass(frozen=True)
class PipelineOptions:
    """How to read, split, embed and align. The defaults are the CLI's defaults."""

    #: the source's language ("en"/"zh"); None: read from the text. A name that contradicts
    #: the text is an error, never a reason to swap the files.
    src_lang: str | None = None
    tgt_lang: str | None = None
    #: each line is one sentence (the form of gold data)
    presplit: bool = False
    #: the layout of one bilingual file
    layout: str = "auto"
    max_align: int = DEFAULT_MAX_ALIGN
    widen: int = DEFAULT_WIDEN
    split_semicolon: bool = False
    #: None: detect (BOM, UTF-8, GB18030)
    encoding: str | None = None
    #: None: the built-in encoder
    model: str | None = None
    cache_dir: str | None = None
    use_cache: bool = True

    def validated(self) -> PipelineOptions:
        """Check every field before any file is read; raise ``UsageError`` naming the option."""
        for name, value in (("--src-lang", self.src_lang), ("--tgt-lang", self.tgt_lang)):
            if value is not None and value not in LANGS:
                raise UsageError(f"{name} must be one of {', '.join(LANGS)}, not {value!r}")
        if self.src_lang and self.tgt_lang and self.src_lang == self.tgt_lang:
            raise UsageError("--src-lang and --tgt-lang must differ")
        if self.layout not in LAYOUT_CHOICES:
            raise UsageError(f"unknown layout {self.layout!r} (known: {', '.join(LAYOUT_CHOICES)})")
        lo, hi = MAX_ALIGN_RANGE
        if not lo <= int(self.max_align) <= hi:
            raise UsageError(f"--max-align must be between {lo} and {hi}, not {self.max_align}")
        lo, hi = WIDEN_RANGE
        if not lo <= int(self.widen) <= hi:
            raise UsageError(f"--widen must be between {lo} and {hi}, not {self.widen}")
        if self.encoding is not None:
            check_encoding(self.encoding)
        return self

    @property
    def langs(self) -> tuple[str | None, str | None]:
        """(source, target) languages as given, each completed from the other when one is."""
        src, tgt = self.src_lang, self.tgt_lang
        if src and not tgt:
            tgt = other_lang(src)
        if tgt and not src:
            src = other_lang(tgt)
        return src, tgt

    def with_defaults(self, **defaults: Any) -> PipelineOptions:
        """Fill the fields still at their default from ``defaults`` (a config file's values)."""
        base = PipelineOptions()
        changes = {
            k: v
            for k, v in defaults.items()
            if v is not None and getattr(self, k) == getattr(base, k)
        }
        return replace(self, **changes) if changes else self

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def other_lang(lang: str) -> str:
    """The other of the two languages bitext knows."""
    return "zh" if lang == "en" else "en"


def check_encoding(name: str) -> None:
    """A text encoding Python knows (``rot13`` and ``base64`` are codecs, not encodings)."""
    try:
        info = codecs.lookup(name)
    except LookupError:
        raise UsageError(f"--encoding: unknown encoding {name!r}") from None
    if not getattr(info, "_is_text_encoding", True):
        raise UsageError(f"--encoding: {name!r} is not a text encoding")


def options_from(**values: Any) -> PipelineOptions:
    """``PipelineOptions`` from keyword arguments; an unknown name is a ``UsageError``."""
    names = {f.name for f in fields(PipelineOptions)}
    unknown = sorted(set(values) - names)
    if unknown:
        raise UsageError(f"unknown pipeline option(s): {', '.join(unknown)}")
    return PipelineOptions(**values)


__all__ = [
    "LAYOUT_CHOICES",
    "WIDEN_RANGE",
    "PipelineOptions",
    "check_encoding",
    "options_from",
    "other_lang",
]
