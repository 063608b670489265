"""The one orchestrator: files in, aligned documents out (read -> lay out -> split -> embed ->
align -> sign).

Every command that aligns (``align``, ``lint``, ``report``, ``terms``, ``corpus``) calls
``align_files``, so the same files give the same segments, positions and links everywhere.

Direction: with two files the first is the source and the second the translation, whatever
their languages; in one bilingual file the layout says which side is the source (the labelled
``原文``/``Original`` side, else the first part). ``--src-lang``/``--tgt-lang`` only name the
languages: one that contradicts the text is an error, never a reason to swap.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from .align.model import Alignment
from .aligned import AlignedDocuments
from .document import Document, Segment
from .errors import InputError, UsageError
from .lang import detect_lang
from .options import PipelineOptions, options_from, other_lang

#: ``progress(stage, done, total)``: told about each stage (read, split, embed, align).
Progress = Callable[[str, int, int], None]

_NAMES = {"en": "English", "zh": "Chinese"}


@functools.lru_cache(maxsize=4)
def _encoder(model: str | None, cache_dir: str | Path | None, use_cache: bool) -> Any:
    """The encoder for ``model``; the one place that knows how caching options are passed.

    Kept for the process (a model loads once however many files a run aligns)."""
    from .embed import get_encoder

    return get_encoder(model, cache_dir=cache_dir, use_cache=use_cache)


def align_files(
    paths: Sequence[str | Path],
    options: PipelineOptions | None = None,
    *,
    progress: bool | Progress = False,
    config_path: str | None = None,
    **fields: Any,
) -> AlignedDocuments:
    """Align one bilingual file or two files (the first is the source).

    ``options`` (or the same fields as keywords: ``src_lang=``, ``presplit=``, ``max_align=`` …)
    say how; ``progress`` is a callable ``(stage, done, total)`` told about each stage (the
    library itself never draws anything); ``config_path`` is recorded in the signature.
    """
    if options is None:
        options = options_from(**fields)
    elif fields:
        options = dataclasses.replace(options, **fields)
    options = options.validated()
    report: Progress = progress if callable(progress) else (lambda stage, done, total: None)
    if not 1 <= len(paths) <= 2:
        raise UsageError("give one bilingual file or two files (source and translation)")
    if len(paths) == 2 and options.layout not in ("auto", "two-files"):
        raise UsageError(f"--layout {options.layout} is for one bilingual file, not two files")
    encoder = _LazyEncoder(options)
    report("read", 0, len(paths))
    if len(paths) == 2:
        src, tgt, blocks, unpaired, layout, notes = _two_files(paths, options, report)
    else:
        src, tgt, blocks, unpaired, layout, notes = _bilingual(paths[0], options, encoder, report)
    alignment = run_aligner(src, tgt, blocks, encoder, options, report, quiet_empty=bool(notes))
    alignment = sign(alignment, layout, options, src.lang, tgt.lang, encoder.get(), config_path)
    warnings = (*alignment.warnings, *notes)
    # the only note a layout gives is pair_halves' verdict: the halves are summaries
    summaries = layout == "halves" and bool(notes)
    if summaries:
        alignment = _forced_pairs_flagged(alignment)
    return AlignedDocuments(src, tgt, alignment, unpaired, layout, warnings, summaries)


def _forced_pairs_flagged(alignment: Alignment) -> Alignment:
    """Parallel summaries are not translations: whatever pairs the aligner made inside them
    (3-3 and 4-3 links at 0.47 on a real page, issue 18) are forced, so every link with text on
    both sides is marked ``low_confidence``; headings paired with headings are left alone."""
    links = []
    for link in alignment.links:
        headings = all(alignment.src[i].kind == "heading" for i in link.src) and all(
            alignment.tgt[i].kind == "heading" for i in link.tgt
        )
        if link.src and link.tgt and not headings:
            link = dataclasses.replace(link, low_confidence=True)
        links.append(link)
    return dataclasses.replace(alignment, links=tuple(links))


class _LazyEncoder:
    """The run's encoder, loaded on first use (a file that fails to read loads no model)."""

    def __init__(self, options: PipelineOptions) -> None:
        self._options = options
        self._encoder: Any = None

    def get(self) -> Any:
        if self._encoder is None:
            o = self._options
            self._encoder = _encoder(o.model, o.cache_dir, o.use_cache)
        return self._encoder


Laid = tuple[Document, Document, "tuple[tuple[int, int, int, int], ...] | None",
             "tuple[Segment, ...]", str, "tuple[str, ...]"]  # fmt: skip


def _two_files(paths: Sequence[str | Path], options: PipelineOptions, report: Progress) -> Laid:
    from .reader import read_text

    files = [read_text(p, options.encoding) for p in paths]
    report("read", 2, 2)
    src_l, tgt_l = file_langs(
        [detect_lang(f.text) for f in files], [f.path for f in files], options
    )
    report("split", 0, 2)
    src = make_document(files[0].text, src_l, files[0].path, files[0].encoding, options)
    tgt = make_document(files[1].text, tgt_l, files[1].path, files[1].encoding, options)
    report("split", 2, 2)
    return src, tgt, None, (), "two-files", ()


def file_langs(
    detected: Sequence[str], names: Sequence[str], options: PipelineOptions
) -> tuple[str, str]:
    """The (source, translation) languages of two files, in the order given.

    Declared languages must agree with what the text says; where the script cannot tell the two
    files apart (both read as one language), declared languages are taken as they are.
    """
    want_src, want_tgt = options.langs
    first, second = detected
    if first == second:
        if want_src and want_tgt:
            return want_src, want_tgt
        raise InputError(
            f"{names[0]} and {names[1]} are both {_NAMES[first]}; give a source and its "
            "translation (or name both languages with --src-lang and --tgt-lang)"
        )
    if want_src and want_src != first:
        given = "--src-lang" if options.src_lang else "--tgt-lang"
        raise UsageError(
            f"{given} says the source is {_NAMES[want_src]}, but the first file "
            f"({names[0]}) is {_NAMES[first]} and the second ({names[1]}) "
            f"{_NAMES[second]}; the first file is always the source: give the files in the "
            "other order, or drop the option"
        )
    return first, second


def _bilingual(path: str | Path, options: PipelineOptions, encoder: _LazyEncoder,
               report: Progress) -> Laid:  # fmt: skip
    from .layout import parse_layout
    from .layout.bilingual import lay_out
    from .reader import read_text

    tf = read_text(path, options.encoding)
    report("read", 1, 1)
    lay = parse_layout(tf.text, options.layout, path=tf.path, src_lang=options.langs[0])
    pairs, unpaired = list(lay.pairs), list(lay.unpaired)
    notes: tuple[str, ...] = ()
    if lay.name == "halves":
        from .align.halves import pair_halves

        more, left, note = pair_halves(tf.text, lay, encoder.get())
        pairs = sorted(pairs + more, key=lambda p: p.src[0].start if p.src else p.tgt[0].start)
        unpaired += left
        if note:
            notes = (f"{tf.path}: {note}",)
    report("split", 0, 1)
    laid = lay_out(
        tf.text, pairs, unpaired, lay.src_lang, lay.tgt_lang, path=tf.path,
        encoding=tf.encoding, presplit=options.presplit, split_semicolon=options.split_semicolon,
    )  # fmt: skip
    report("split", 1, 1)
    return laid.src, laid.tgt, laid.blocks, laid.unpaired, lay.name, notes


def make_document(
    text: str, lang: str, path: str, encoding: str, options: PipelineOptions
) -> Document:
    """Split one whole file (or take its lines as sentences with ``presplit``)."""
    if options.presplit:
        from .layout.lines import line_spans, trim

        segs: list[Segment] = []
        for s, e in line_spans(text):
            s, e = trim(text, s, e)
            if e > s:
                segs.append(Segment(text[s:e], s, e, lang, 0, len(segs)))
        return Document(text, tuple(segs), lang, path, encoding)
    from .split import split_text

    doc = split_text(text, lang, split_semicolon=options.split_semicolon, path=path)
    return dataclasses.replace(doc, encoding=encoding, path=path)


class _CountingEncoder:
    """The encoder, telling ``report`` how many sentences are embedded (the stage a user waits
    for on a long document). Every other attribute is the encoder's own."""

    def __init__(self, encoder: Any, total: int, report: Progress) -> None:
        self._encoder = encoder
        self._total = total
        self._report = report
        self._done = 0

    def __getattr__(self, name: str) -> Any:
        return getattr(self._encoder, name)

    def _call(self, method: str, texts: Sequence[str], *args: Any, **kwargs: Any) -> Any:
        """Run the encoder's ``method``, passing on its per-batch ticks where it has them (the
        cached encoder does), and count the call's texts as done once it returns."""
        start = self._done
        ticks = hasattr(self._encoder, "progress")

        def tick(done: int, total: int) -> None:
            share = done / total if total else 1.0
            self._report("embed", min(self._total, start + round(share * len(texts))), self._total)

        if ticks:
            self._encoder.progress = tick
        try:
            result = getattr(self._encoder, method)(texts, *args, **kwargs)
        finally:
            if ticks:
                self._encoder.progress = None
        self._done = min(self._total, start + len(texts))
        self._report("embed", self._done, self._total)
        return result

    def encode(self, texts: Sequence[str], *args: Any, **kwargs: Any) -> Any:
        return self._call("encode", texts, *args, **kwargs)

    def encode_parts(self, texts: Sequence[str], *args: Any, **kwargs: Any) -> Any:
        return self._call("encode_parts", texts, *args, **kwargs)


def run_aligner(
    src: Document,
    tgt: Document,
    blocks: Sequence[tuple[int, int, int, int]] | None,
    encoder: _LazyEncoder,
    options: PipelineOptions,
    report: Progress,
    *,
    quiet_empty: bool = False,
) -> Alignment:
    """Align with cleaned texts (no zero-width characters, glued words split), then put the
    original segments back so every position still points into the user's file.

    ``quiet_empty``: the layout already explained why a side is empty (summaries, not
    translations), so the aligner's "nothing to align" note would only contradict it.
    """
    from .align.aligner import align
    from .hygiene import clean_for_embedding, cleaning_version

    def cleaned(doc: Document) -> list[Segment]:
        texts = [
            clean_for_embedding(s.text, s.lang) if s.lang != "en" else s.text for s in doc.segments
        ]
        english = [k for k, s in enumerate(doc.segments) if s.lang == "en"]
        strings = getattr(encoder.get(), "cached_strings", None)
        if english and strings is not None:  # English cleaning reads word lists: cached
            clean = strings(
                f"clean_for_embedding|en|{cleaning_version()}",
                [texts[k] for k in english],
                lambda ts: [clean_for_embedding(t, "en") for t in ts],
            )
            for k, text in zip(english, clean, strict=True):
                texts[k] = text
        else:
            for k in english:
                texts[k] = clean_for_embedding(texts[k], "en")
        return [dataclasses.replace(s, text=t) for s, t in zip(doc.segments, texts, strict=True)]

    total = len(src.segments) + len(tgt.segments)
    report("embed", 0, total)
    counting = _CountingEncoder(encoder.get(), total, report) if total else encoder.get()
    kwargs: dict[str, Any] = {
        "encoder": counting,
        "max_align": options.max_align,
        "widen": options.widen,
    }
    if blocks is not None:
        kwargs["blocks"] = list(blocks)
    alignment = align(cleaned(src), cleaned(tgt), **kwargs)
    report("align", 1, 1)
    warnings = alignment.warnings
    if quiet_empty:
        warnings = tuple(w for w in warnings if "nothing to align" not in w)
    return dataclasses.replace(alignment, src=src.segments, tgt=tgt.segments, warnings=warnings)


def sign(
    alignment: Alignment,
    layout: str,
    options: PipelineOptions,
    src_lang: str,
    tgt_lang: str,
    encoder: Any,
    config_path: str | None = None,
) -> Alignment:
    """Add what this run did to the aligner's signature (sacrebleu's habit)."""
    from .version import __version__

    signature = {
        "version": __version__,
        "model": f"{getattr(encoder, 'name', '?')}@{getattr(encoder, 'version', '?')}",
        **alignment.signature,
        "layout": layout,
        "presplit": options.presplit,
        "split_semicolon": options.split_semicolon,
        "src_lang": src_lang,
        "tgt_lang": tgt_lang,
        "config": config_path or "none",
    }
    return dataclasses.replace(alignment, signature=signature)


__all__ = ["AlignedDocuments", "PipelineOptions", "align_files", "file_langs", "other_lang"]
