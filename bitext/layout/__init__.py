"""How a single bilingual file is laid out, and its paragraph pairs (issue 4).

``detect_layout(text)`` recognises five one-file layouts; ``parse_layout(text, name)`` cuts the
text into ``BlockPair``s (source spans, target spans) plus the spans that belong to no pair
(title, tags, a date line, a Chinese-only summary, ``解析`` notes), which are kept and reported,
never dropped. Everything here is text only: pairing the two halves of a news page by meaning
needs embeddings and happens in ``bitext.pipeline``.

Layouts: ``marked`` (原文/翻译 blocks), ``inline`` (原文:… 翻译:… on one line; both are read
by one parser because real files mix them), ``alternating`` (EN, ZH, EN, ZH paragraphs),
``tsv`` (two columns, TSV or CSV), ``halves`` (an English part followed by a Chinese part).

Which side is the source: the labelled one (``原文``/``Original``/``Source``) in either
language; with language labels only (``英文``/``中文``), the side whose label comes first; in the
unlabelled layouts the first part (first column, first paragraph of a pair, first half).
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass

from ..errors import InputError, UsageError
from ..lang import han_count
from ..options import LAYOUT_CHOICES as LAYOUTS  # one list for the library and the CLI
from .labelled import Part, count_labels, labelled_blocks
from .lines import Span, bilingual_heading, paragraph_units
from .table import is_table, table_rows

#: at least this share of adjacent EN/ZH paragraph units must switch language for the file to
#: read as alternating; below it the languages come in long runs (halves). The example files and
#: the test layouts sit at 0.8-1.0 (alternating) and 0.1-0.3 (halves).
ALTERNATION_MIN = 0.5
#: a file whose second language holds less than this share of its text (a Han character
#: weighing three Latin letters, as in ``untranslated``) is one language with a stray line, not a
#: bilingual file: an English article quoting its Chinese title once (a real article of 23
#: paragraphs with one 原文: title line sits under 0.01; examples/article.bilingual.txt at 0.44).
SECOND_LANGUAGE_MIN_SHARE = 0.05
#: ... and so is a second language that is one paragraph holding less than this share (a title
#: line above an article of several paragraphs); examples/article.bilingual.txt sits at 0.44.
LONE_PARAGRAPH_MAX_SHARE = 0.15
#: a Han character carries about as much text as three Latin letters (see ``untranslated``).
HAN_WEIGHT = 3

_NAMES = {"en": "English", "zh": "Chinese"}
#: how each layout says which side is the source (for messages).
_SOURCE_RULE = {
    "marked": "the 原文/Original side, or the side whose language label comes first",
    "inline": "the 原文/Original side, or the side whose language label comes first",
    "tsv": "the first column",
    "alternating": "the first paragraph of each pair",
    "halves": "the first half",
}


@dataclass(frozen=True)
class BlockPair:
    """One paragraph (or block, or table row) and its translation; a side may hold many spans."""

    src: tuple[Span, ...]
    tgt: tuple[Span, ...]


@dataclass(frozen=True)
class Layout:
    name: str
    pairs: tuple[BlockPair, ...]
    unpaired: tuple[Span, ...]
    src_lang: str
    tgt_lang: str
    #: ``halves`` only: paragraphs of each half, to be paired by meaning in the pipeline.
    src_paragraphs: tuple[Span, ...] = ()
    tgt_paragraphs: tuple[Span, ...] = ()


def detect_layout(text: str, path: str | None = None) -> str:
    """Name the layout of one bilingual file; raise ``InputError`` if it has one language only."""
    if is_table(text, path):
        return "tsv"
    src, tgt, inline = count_labels(text)
    if src >= 1 and tgt >= 1 and src + tgt >= 2:
        return "inline" if inline * 2 > src else "marked"
    units = [u for u in paragraph_units(text) if bilingual_heading(text, u.start, u.end) is None]
    langs = [u.lang for u in units]
    _require_two_languages(langs, path, text, units)
    switches = sum(1 for a, b in itertools.pairwise(langs) if a != b)
    if switches / max(1, len(langs) - 1) >= ALTERNATION_MIN:
        return "alternating"
    return "halves"


def _require_two_languages(
    langs: list[str], path: str | None, text: str | None = None, units: list[Span] | None = None
) -> None:
    """One diagnosis for a file that is not bilingual: one language only, or a second language
    too small to be a translation (a single quoted Chinese title in an English article)."""
    only = None
    if "en" not in langs or "zh" not in langs:
        only = "Chinese" if "zh" in langs else "English"
    elif text is not None and units is not None:
        weight = {"en": 0, "zh": 0}
        for unit in units:
            if unit.lang in weight:
                weight[unit.lang] += _weight(text[unit.start : unit.end])
        total = sum(weight.values()) or 1
        minority = min(weight, key=lambda k: weight[k])
        share = weight[minority] / total
        lone = sum(1 for unit in units if unit.lang == minority) == 1
        if share < SECOND_LANGUAGE_MIN_SHARE or (lone and share < LONE_PARAGRAPH_MAX_SHARE):
            only = _NAMES[_other(minority)]
    if only is not None:
        name = f"{path}: " if path else ""
        raise InputError(
            f"{name}only {only} text found; give the translation as a second file "
            "(bitext align SOURCE TRANSLATION)"
        )


def parse_layout(
    text: str, name: str = "auto", *, path: str | None = None, src_lang: str | None = None
) -> Layout:
    """Cut ``text`` into paragraph pairs following layout ``name`` (``auto``: detect it)."""
    if name not in LAYOUTS:
        raise UsageError(f"unknown layout {name!r} (known: {', '.join(LAYOUTS)})")
    if name == "auto":
        name = detect_layout(text, path)
    if name in ("marked", "inline"):
        layout = _labelled(text, name)
    elif name == "tsv":
        layout = _table(text, path)
    elif name == "alternating":
        layout = _alternating(text, path)
    else:
        layout = _halves(text, path)
    if src_lang and src_lang != layout.src_lang:
        where = f"{path}: " if path else ""
        raise UsageError(
            f"{where}the source side of this {name} file is {_NAMES[layout.src_lang]} "
            f"({_SOURCE_RULE[name]}), but --src-lang says {_NAMES.get(src_lang, src_lang)}"
        )
    if not layout.pairs and not layout.src_paragraphs:
        where = f"{path}: " if path else ""
        raise InputError(f"{where}no source/translation pairs found in the {name} layout")
    return layout


def _as_line(span: Span, kind: str = "line") -> Span:
    return Span(span.start, span.end, span.lang, kind)


def _labelled(text: str, name: str) -> Layout:
    """Group runs of source parts with the run of target parts that follows them."""
    parts = labelled_blocks(text)
    pairs: list[BlockPair] = []
    unpaired: list[Span] = []
    srcs: list[Part] = []
    i = 0
    while i < len(parts):
        part = parts[i]
        if part.role == "src":
            srcs.append(part)
        elif part.role == "tgt" and srcs:
            tgts = [part]
            while i + 1 < len(parts) and parts[i + 1].role == "tgt":
                i += 1
                tgts.append(parts[i])
            pairs.append(BlockPair(tuple(p.span for p in srcs), tuple(p.span for p in tgts)))
            srcs = []
        else:
            unpaired.extend(_as_line(p.span) for p in srcs)
            srcs = []
            kind = "note" if part.role == "note" else "line"
            unpaired.append(_as_line(part.span, kind))
        i += 1
    unpaired.extend(_as_line(p.span) for p in srcs)
    src_lang, tgt_lang = _side_langs(pairs)
    return Layout(
        name, tuple(pairs), tuple(sorted(unpaired, key=lambda s: s.start)), src_lang, tgt_lang
    )


def _side_langs(pairs: list[BlockPair]) -> tuple[str, str]:
    """The language of each side, by a vote over the pairs (labels say which side is which)."""
    src_en = sum(1 for p in pairs for s in p.src if s.lang == "en")
    tgt_en = sum(1 for p in pairs for s in p.tgt if s.lang == "en")
    return ("zh", "en") if tgt_en > src_en else ("en", "zh")


def _table(text: str, path: str | None) -> Layout:
    rows, unpaired = table_rows(text, path)
    pairs = [BlockPair(*row) for row in rows]
    src_lang, tgt_lang = _side_langs(pairs)
    return Layout("tsv", tuple(pairs), tuple(unpaired), src_lang, tgt_lang)


def _alternating(text: str, path: str | None) -> Layout:
    """Pair each paragraph with the next one when it is in the other language.

    The first paragraph of each pair is the source. The order (English first or Chinese first)
    is whichever makes more pairs, so a Chinese introduction before the first English paragraph
    does not shift every pair; on a tie, the language of the file's first paragraph leads.
    A paragraph with no counterpart (two English paragraphs in a row) is reported, and the
    pairing goes on.
    """
    units = paragraph_units(text)
    plain = [u for u in units if bilingual_heading(text, u.start, u.end) is None]
    langs = [u.lang for u in plain]
    _require_two_languages(langs, path, text, plain)
    lead = next((lang for lang in langs if lang in _NAMES), "en")
    tried = []
    for rank, first in enumerate((lead, _other(lead))):
        pairs, unpaired = _pair_adjacent(text, units, first)
        tried.append((-len(pairs), _ratio_spread(text, pairs), rank, pairs, unpaired, first))
    _, _, _, pairs, unpaired, first = min(tried, key=lambda t: t[:3])
    return Layout("alternating", tuple(pairs), tuple(unpaired), first, _other(first))


def _ratio_spread(text: str, pairs: list[BlockPair]) -> float:
    """How much the length ratio of paired paragraphs varies (variance of its log).

    Of two pairings with as many pairs, the one off by a paragraph (a Chinese introduction
    paired with the first English paragraph, and so on down the file) pairs texts of unrelated
    lengths; real translations keep a steady ratio.
    """
    logs = []
    for pair in pairs:
        sizes = [sum(_weight(text[s.start : s.end]) for s in side) for side in (pair.src, pair.tgt)]
        if sizes[0] and sizes[1]:
            logs.append(math.log(sizes[0] / sizes[1]))
    if len(logs) < 2:
        return 0.0
    mean = sum(logs) / len(logs)
    return sum((x - mean) ** 2 for x in logs) / len(logs)


def _weight(piece: str) -> int:
    """Text length with a Han character counted as ``HAN_WEIGHT`` Latin letters."""
    han = han_count(piece)
    return han * HAN_WEIGHT + max(0, len(piece) - han)


def _other(lang: str) -> str:
    return "zh" if lang == "en" else "en"


def _heading_pair(heading: tuple[Span, Span], src_lang: str) -> BlockPair:
    """A bilingual heading (``Hot 热度``) as a pair whose source is in ``src_lang``."""
    en, zh = heading
    return BlockPair((en,), (zh,)) if src_lang == "en" else BlockPair((zh,), (en,))


def _pair_adjacent(text: str, units: list[Span], first: str) -> tuple[list[BlockPair], list[Span]]:
    pairs: list[BlockPair] = []
    unpaired: list[Span] = []
    i = 0
    while i < len(units):
        unit = units[i]
        heading = bilingual_heading(text, unit.start, unit.end)
        if heading is not None:
            pairs.append(_heading_pair(heading, first))
        elif (
            unit.lang == first
            and i + 1 < len(units)
            and units[i + 1].lang != first
            and bilingual_heading(text, units[i + 1].start, units[i + 1].end) is None
        ):
            pairs.append(BlockPair((unit,), (units[i + 1],)))
            i += 1
        else:
            unpaired.append(_as_line(unit))
        i += 1
    return pairs, unpaired


def _halves(text: str, path: str | None) -> Layout:
    """An English part followed by a Chinese part (or the reverse); headings pair themselves.

    The cut is where the most paragraphs fall on the side of their own language; paragraphs
    before the first paragraph of the first half (a Chinese introduction) belong to no pair.
    """
    units = paragraph_units(text)
    heads = {i: bilingual_heading(text, u.start, u.end) for i, u in enumerate(units)}
    langs = [u.lang if heads[i] is None else "mixed" for i, u in enumerate(units)]
    _require_two_languages(langs, path, text, [u for i, u in enumerate(units) if heads[i] is None])
    best = (-1, 0, "en")
    for first, second in (("en", "zh"), ("zh", "en")):
        if first not in langs:
            continue
        begin = langs.index(first)
        before, after = 0, langs[begin:].count(second)  # running counts: linear in units
        for cut in range(begin + 1, len(units) + 1):
            before += langs[cut - 1] == first
            after -= langs[cut - 1] == second
            if before + after > best[0]:
                best = (before + after, cut, first)
    _, cut, first = best
    begin = langs.index(first)
    while begin > 0 and langs[begin - 1] == "mixed":  # a heading opens the first half
        begin -= 1
    pairs: list[BlockPair] = []
    unpaired: list[Span] = [_as_line(u) for u in units[:begin]]
    firsts: list[Span] = []
    seconds: list[Span] = []
    for i, unit in enumerate(units[begin:], start=begin):
        head = heads[i]
        want = first if i < cut else ("zh" if first == "en" else "en")
        if head is not None:
            pairs.append(_heading_pair(head, first))
        elif unit.lang == want:
            (firsts if i < cut else seconds).append(unit)
        else:
            unpaired.append(_as_line(unit))
    return Layout(
        "halves", tuple(pairs), tuple(unpaired), first, _other(first), tuple(firsts), tuple(seconds)
    )


__all__ = ["LAYOUTS", "BlockPair", "Layout", "Span", "detect_layout", "parse_layout"]
