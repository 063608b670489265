"""Files in, aligned documents out: read -> (layout) -> split -> embed -> align.

The one entry point that commands (align, lint, report, terms) share, so they all see the same
segments and positions. Two plain files go to the aligner whole (it finds paragraphs itself);
one bilingual file is cut into paragraph pairs by its layout (``bitext.layout``) and sentences
are aligned only inside each pair (a translator merges or splits sentences, never moves them
across paragraphs), then numbered globally in pair order.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from .align.model import Alignment
from .align.params import DEFAULT_MAX_ALIGN, DEFAULT_WIDEN
from .aligned import AlignedDocuments
from .document import Document, Segment
from .errors import InputError, UsageError
from .lang import LANGS, detect_lang

Progress = Callable[[str, int, int], None]


@functools.lru_cache(maxsize=4)
def _encoder(model: str | None, cache_dir: str | Path | None, use_cache: bool) -> Any:
    """The encoder for ``model``; the one place that knows how caching options are passed.

    Kept for the process (a model loads once however many files a run aligns)."""
    from .embed import get_encoder

    return get_encoder(model, cache_dir=cache_dir, use_cache=use_cache)


def align_files(
    paths: Sequence[str | Path],
    *,
    layout: str = "auto",
    encoding: str | None = None,
    model: str | None = None,
    cache_dir: str | Path | None = None,
    use_cache: bool = True,
    src_lang: str | None = None,
    tgt_lang: str | None = None,
    presplit: bool = False,
    max_align: int = DEFAULT_MAX_ALIGN,
    widen: int = DEFAULT_WIDEN,
    split_semicolon: bool = False,
    progress: bool | Progress = False,
) -> AlignedDocuments:
    """Align one bilingual file or two files (either may be the English one).

    ``layout``: "auto" or one of ``bitext.layout.LAYOUTS`` (one file only). ``presplit``: each
    line is one sentence. ``max_align``/``widen``: link sizes (``bitext.align.AlignParams``).
    ``progress``: a callable ``(stage, done, total)`` told about each stage; the library itself
    never draws anything.
    """
    from .layout import LAYOUTS

    report: Progress = progress if callable(progress) else (lambda stage, done, total: None)
    if not 1 <= len(paths) <= 2:
        raise UsageError("give one bilingual file or two files (source and translation)")
    if layout not in (*LAYOUTS, "two-files"):
        raise UsageError(f"unknown layout {layout!r} (known: {', '.join(LAYOUTS)})")
    for name, value in (("--src-lang", src_lang), ("--tgt-lang", tgt_lang)):
        if value is not None and value not in LANGS:
            raise UsageError(f"{name} must be one of {', '.join(LANGS)}, not {value!r}")
    if src_lang and tgt_lang and src_lang == tgt_lang:
        raise UsageError("--src-lang and --tgt-lang must differ")
    options = {"presplit": presplit, "split_semicolon": split_semicolon}
    sizes = {"max_align": max_align, "widen": widen}
    report("read", 0, len(paths))
    encoder = None

    def get_enc() -> Any:
        nonlocal encoder
        if encoder is None:
            encoder = _encoder(model, cache_dir, use_cache)
        return encoder

    if len(paths) == 2:
        if layout not in ("auto", "two-files"):
            raise UsageError(f"--layout {layout} is for one bilingual file, not two files")
        result = _two_files(paths, encoding, src_lang, tgt_lang, options, get_enc, sizes, report)
    else:
        from .layout.bilingual import align_bilingual_file

        result = align_bilingual_file(
            str(paths[0]), layout, encoding, src_lang, tgt_lang, options, get_enc, sizes, report
        )
    return result


def _two_files(paths, encoding, src_lang, tgt_lang, options, get_enc, sizes, report):
    from .reader import read_text

    files = [read_text(p, encoding) for p in paths]
    langs = [detect_lang(f.text) for f in files]
    report("read", 2, 2)
    if langs[0] == langs[1]:
        if src_lang and tgt_lang:
            langs = [src_lang, tgt_lang]
        else:
            lang = "English" if langs[0] == "en" else "Chinese"
            raise InputError(
                f"{files[0].path} and {files[1].path} are both {lang}; "
                "give a source and its translation (or force --src-lang and --tgt-lang)"
            )
    want_src = src_lang or ({"en": "zh", "zh": "en"}[tgt_lang] if tgt_lang else "en")
    src_file, tgt_file = (files[0], files[1]) if langs[0] == want_src else (files[1], files[0])
    src_l, tgt_l = (langs[0], langs[1]) if langs[0] == want_src else (langs[1], langs[0])
    report("split", 0, 2)
    src = make_document(src_file.text, src_l, src_file.path, src_file.encoding, options)
    tgt = make_document(tgt_file.text, tgt_l, tgt_file.path, tgt_file.encoding, options)
    report("split", 2, 2)
    alignment = run_aligner(src, tgt, None, get_enc, sizes, report)
    alignment = sign(alignment, "two-files", options, src_l, tgt_l, get_enc())
    return AlignedDocuments(src, tgt, alignment, (), "two-files", alignment.warnings)


def make_document(text: str, lang: str, path: str, encoding: str, options: dict) -> Document:
    """Split one whole file (or take its lines as sentences with ``presplit``)."""
    if options["presplit"]:
        from .layout.lines import line_spans, trim

        segs: list[Segment] = []
        for s, e in line_spans(text):
            s, e = trim(text, s, e)
            if e > s:
                segs.append(Segment(text[s:e], s, e, lang, 0, len(segs)))
        return Document(text, tuple(segs), lang, path, encoding)
    from .split import split_text

    doc = split_text(text, lang, split_semicolon=options["split_semicolon"], path=path)
    return dataclasses.replace(doc, encoding=encoding, path=path)


def run_aligner(
    src: Document,
    tgt: Document,
    blocks: list[tuple[int, int, int, int]] | None,
    get_enc: Callable[[], Any],
    sizes: dict[str, int],
    report: Progress,
) -> Alignment:
    """Align with cleaned texts (no zero-width characters, glued words split), then put the
    original segments back so every position still points into the user's file."""
    from .align.aligner import align
    from .hygiene import clean_for_embedding

    def cleaned(doc: Document) -> list[Segment]:
        return [
            dataclasses.replace(s, text=clean_for_embedding(s.text, s.lang)) for s in doc.segments
        ]

    report("align", 0, 1)
    kwargs: dict[str, Any] = {"encoder": get_enc(), **sizes}
    if blocks is not None:
        kwargs["blocks"] = blocks
    alignment = align(cleaned(src), cleaned(tgt), **kwargs)
    report("align", 1, 1)
    return dataclasses.replace(alignment, src=src.segments, tgt=tgt.segments)


def sign(
    alignment: Alignment, layout: str, options: dict, src_lang: str, tgt_lang: str, encoder: Any
) -> Alignment:
    """Add what this run did to the aligner's signature (sacrebleu's habit)."""
    from .version import __version__

    signature = {
        "version": __version__,
        "model": f"{getattr(encoder, 'name', '?')}@{getattr(encoder, 'version', '?')}",
        **alignment.signature,
        "layout": layout,
        "presplit": options["presplit"],
        "split_semicolon": options["split_semicolon"],
        "src_lang": src_lang,
        "tgt_lang": tgt_lang,
    }
    return dataclasses.replace(alignment, signature=signature)
