"""Finding glossary terms in text: English forms on word boundaries, Chinese renderings by jieba.

Word boundaries are language-aware in this one place (Vale switches ``\\b`` off for Chinese; we
use jieba there). English forms match on word boundaries with inflections of the last word
(-s/-es/-ed/-ing, with e-dropping, y->ies and doubled consonants), British/American spellings
(-ise/-ize, -isation/-ization, -yse/-yze, -tre/-ter, -our/-or), and hyphen/space/closed variants
(``open-weight``, ``open weight``; ``take-off``, ``takeoff``). Acronyms match case-sensitively
unless the term says otherwise; words do not.

Chinese is matched after full-/half-width normalisation (and Traditional -> Simplified when the
glossary's target is ``zh-Hant``), with every transformation length-preserving so that offsets
stay offsets into the user's file. A hit that does not start and end on a jieba token boundary
(代理 inside 代理人) is marked ``whole=False``; glossary renderings are added to jieba's
dictionary so that they stay whole. jieba loads lazily, on the first Chinese hit to judge.
"""

from __future__ import annotations

import bisect
import re
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import cache

from ..document import Document, Segment
from ..hygiene import repaired_with_offsets
from .glossary import Glossary, Term, is_acronym

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff]")
_SEPARATOR = re.compile(r"[\s\-\u2010\u2011\u2012\u2013]+")
_VOWELS = set("aeiou")
#: kinds of hit, in the order that wins when two hits of the same length overlap.
#: ``abbr`` is an acronym the translation introduced beside its rendering (see
#: ``introduce_acronyms``); it never competes in overlaps (it is assigned after them).
KINDS = ("zh", "forbidden", "gloss", "en", "abbr")


@dataclass(frozen=True)
class Hit:
    """One occurrence of a term (``kind="en"``) or of one of its renderings in a document.

    ``start``/``end`` are offsets into ``Document.text``; ``segment`` indexes the document's
    segments; ``rendering`` is the glossary's own spelling (the matched text is ``text``).
    """

    term: int
    kind: str
    start: int
    end: int
    text: str
    rendering: str
    segment: int
    whole: bool = True


# -- normalisation -----------------------------------------------------------------------------


def normalise_width(text: str) -> str:
    """Full-width ASCII and the ideographic space to half-width; same length as ``text``."""
    return text.translate(_WIDTH)


_WIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}


@cache
def _opencc_t2s():  # pragma: no cover - trivial
    import opencc

    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Traditional -> Simplified with opencc, character by character where lengths differ."""
    converter = _opencc_t2s()
    converted = converter.convert(text)
    if len(converted) == len(text):
        return converted
    out = []
    for ch in text:
        c = converter.convert(ch)
        out.append(c if len(c) == 1 else ch)
    return "".join(out)


def _fold(text: str) -> str:
    """Lower-case ASCII only (length-preserving), for Latin letters inside renderings."""
    return text.translate(_ASCII_LOWER)


_ASCII_LOWER = {cp: cp + 32 for cp in range(0x41, 0x5B)}


# -- English forms -----------------------------------------------------------------------------


def _spellings(word: str) -> list[str]:
    """British/American spellings of one word (only ever adds alternatives)."""
    out = {word}
    lower = word.lower()
    if len(word) >= 6:
        for a, b in (("isation", "ization"), ("ise", "ize"), ("yse", "yze"), ("our", "or")):
            if lower.endswith(a):
                out.add(word[: -len(a)] + b)
            elif lower.endswith(b):
                out.add(word[: -len(b)] + a)
    if len(word) >= 5:
        if lower.endswith("tre"):
            out.add(word[:-3] + "ter")
        elif lower.endswith("ter"):
            out.add(word[:-3] + "tre")
    return sorted(out, key=lambda s: (-len(s), s))


def _inflections(word: str, forms: str = "noun") -> list[str]:
    """The word's forms (some impossible ones too: they never match).

    ``noun``: the word and its plural. ``all``: also -ed/-ing (with e-dropping, y->ied and
    doubled consonants), and for a word that is itself an -ing/-ed form (fine-tuning), the verb
    it comes from with its forms (fine-tune, fine-tunes, fine-tuned).
    """
    if is_acronym(word):
        return [word, word + "s"] if not word.endswith("s") else [word]
    if not word.isalpha() or len(word) < 3:
        return [word]
    out = _plurals(word)
    if forms == "all":
        out |= _verb_forms(word)
        for base in _verb_bases(word):
            out |= _verb_forms(base)
    return sorted(out, key=lambda s: (-len(s), s))


def _plurals(word: str) -> set[str]:
    lower = word.lower()
    out = {word, word + "s"}
    if lower.endswith(("s", "x", "z", "ch", "sh")):
        out.add(word + "es")
    if lower.endswith("y") and lower[-2] not in _VOWELS:
        out.add(word[:-1] + "ies")
    return out


def _verb_forms(word: str) -> set[str]:
    out = {word, word + "s", word + "es", word + "ed", word + "ing"}
    lower = word.lower()
    if lower.endswith("e"):
        out |= {word[:-1] + "ing", word + "d"}
    if lower.endswith("y") and len(lower) > 1 and lower[-2] not in _VOWELS:
        out |= {word[:-1] + "ies", word[:-1] + "ied"}
    if len(lower) > 1 and lower[-1] not in _VOWELS | {"w", "x", "y"} and lower[-2] in _VOWELS:
        out |= {word + word[-1] + "ing", word + word[-1] + "ed"}
    return out


def _verb_bases(word: str) -> set[str]:
    """Verbs an -ing/-ed word may come from: tuning -> tun, tune; running -> run."""
    lower = word.lower()
    for suffix in ("ing", "ed"):
        if lower.endswith(suffix) and len(lower) - len(suffix) >= 3:
            stem = word[: -len(suffix)]
            bases = {stem, stem + "e"}
            if len(stem) > 2 and stem[-1] == stem[-2]:
                bases.add(stem[:-1])
            return bases
    return set()


def _alternation(words: Iterable[str]) -> str:
    escaped = (re.escape(w).replace("'", "['\u2019]") for w in words)
    return "(?:" + "|".join(escaped) + ")"


def form_pattern(form: str, case_sensitive: bool, forms: str = "noun") -> str:
    """A regex (no boundaries) for one English form with all its variants."""
    words = _SEPARATOR.split(form.strip())
    seps = _SEPARATOR.findall(form.strip())
    parts = []
    for i, word in enumerate(words):
        spellings = _spellings(word)
        if i == len(words) - 1:
            spellings = [inf for s in spellings for inf in _inflections(s, forms)]
            spellings = sorted(set(spellings), key=lambda s: (-len(s), s))
        parts.append(_alternation(spellings))
        if i < len(seps):
            hyphen = "-" in seps[i] or "\u2010" <= seps[i][0] <= "\u2013"
            parts.append(r"[\s\-\u2010\u2011]?" if hyphen else r"[\s\-\u2010\u2011]+")
    body = "".join(parts) + r"(?:['\u2019]s)?"
    return body if case_sensitive else f"(?i:{body})"


def term_regex(term: Term) -> re.Pattern[str]:
    """One compiled regex matching any English form of ``term`` on word boundaries."""
    forms = sorted({*term.en, *term.variants}, key=lambda f: (-len(f), f))
    return _bounded(form_pattern(f, term.is_case_sensitive(f), term.forms) for f in forms)


def forbidden_en_regex(term: Term) -> re.Pattern[str] | None:
    """The forbidden English renderings of ``term`` (their plurals too), or None."""
    if not term.forbidden_en:
        return None
    items = sorted(term.forbidden_en, key=lambda f: (-len(f), f))
    return _bounded(
        form_pattern(f, is_acronym(f) if term.case_sensitive is None else term.case_sensitive)
        for f in items
    )


def _bounded(patterns: Iterable[str]) -> re.Pattern[str]:
    body = "|".join(patterns)
    return re.compile(rf"(?<![A-Za-z0-9])(?:{body})(?![A-Za-z0-9])")


def form_of(term: Term, text: str) -> str:
    """Which of the term's English forms (or variants) ``text`` is an occurrence of.

    Patterns overlap (hyper-parameter's optional hyphen also matches hyperparameters), so of the
    forms that match, the one sharing the longest start with ``text`` wins."""
    folded = text.casefold()

    def shared(form: str) -> int:
        n = 0
        for a, b in zip(form.casefold(), folded, strict=False):
            if a != b:
                break
            n += 1
        return n

    matching = [
        f
        for f in (*term.en, *term.variants)
        if _form_regex(f, term.is_case_sensitive(f), term.forms).fullmatch(text)
    ]
    return max(matching, key=shared) if matching else term.name


@cache
def _form_regex(form: str, case_sensitive: bool, forms: str) -> re.Pattern[str]:
    return re.compile(form_pattern(form, case_sensitive, forms))


# -- jieba -------------------------------------------------------------------------------------

_jieba_lock = threading.Lock()
#: words bitext added to its jieba tokenizer (glossary renderings), as opposed to jieba's own
_ADDED: set[str] = set()


@cache
def _tokenizer():
    """A private jieba tokenizer (the global one stays untouched), cached under bitext's dir."""
    from ..jieba_setup import private_tokenizer

    return private_tokenizer()


def token_boundaries(text: str, words: Iterable[str]) -> set[int]:
    """Offsets in ``text`` where a jieba token starts or ends, with ``words`` kept whole."""
    with _jieba_lock:
        tokenizer = _tokenizer()
        for word in words:
            if word not in tokenizer.FREQ or not tokenizer.FREQ[word]:
                tokenizer.add_word(word)
                _ADDED.add(word)
        bounds = {0}
        offset = 0
        for token in tokenizer.cut(text, HMM=False):
            offset += len(token)
            bounds.add(offset)
    return bounds


def is_common_word(word: str) -> bool:
    """True when ``word`` is in jieba's own dictionary: a general word of Chinese (监督, 推理,
    幻觉, 越狱) with senses besides the glossary's, unlike a coined term (算力, 前沿模型).

    A Chinese source using such a word is weak evidence of the term: in the zh->en gold sets
    every term-missing on a correct translation came from one (越狱 "jail break" in a novel)."""
    with _jieba_lock:
        tokenizer = _tokenizer()
        tokenizer.check_initialized()
        return bool(tokenizer.FREQ.get(word)) and word not in _ADDED


# -- matching a document -----------------------------------------------------------------------


@dataclass(frozen=True)
class TermSet:
    """Terms of one or more glossaries, compiled once: regexes and folded renderings."""

    terms: tuple[Term, ...]
    glossaries: tuple[Glossary, ...]
    #: index into ``glossaries`` for every term
    owner: tuple[int, ...]

    @classmethod
    def from_glossaries(cls, glossaries: Sequence[Glossary]) -> TermSet:
        """Later glossaries override earlier terms that share an English form."""
        chosen: list[tuple[Term, int]] = []
        for g_index, glossary in enumerate(glossaries):
            for term in glossary.terms:
                forms = {f.casefold() for f in (*term.en, *term.variants)}
                chosen = [
                    (t, o)
                    for t, o in chosen
                    if not forms & {f.casefold() for f in (*t.en, *t.variants)}
                ]
                chosen.append((term, g_index))
        return cls(tuple(t for t, _ in chosen), tuple(glossaries), tuple(o for _, o in chosen))

    @property
    def traditional(self) -> bool:
        return any(g.traditional for g in self.glossaries)

    def glossary_of(self, term: int) -> Glossary:
        return self.glossaries[self.owner[term]]

    @property
    def regexes(self) -> tuple[re.Pattern[str], ...]:
        return _compiled(self.terms)

    def renderings(self) -> tuple[tuple[int, str, str, str], ...]:
        """(term, kind, glossary spelling, folded search key) for every Chinese-side string."""
        return _renderings(self.terms, self.traditional)

    def english_hits(self, doc: Document) -> list[Hit]:
        """Every English form in the segments of ``doc`` (longest match wins on overlap)."""
        hits = self._english(normalise_width(doc.text), doc.text)
        return _place(_resolve(hits), doc.segments)

    def english_target_hits(self, doc: Document) -> tuple[list[Hit], list[Hit]]:
        """An English translation (of a Chinese source): its English forms and forbidden English
        renderings, overlaps resolved, and every hit before resolving (for "is it there")."""
        text = normalise_width(doc.text)
        hits = self._english(text, doc.text)
        repaired, offsets = self._repaired(text)
        for i, regex in enumerate(_forbidden_en(self.terms)):
            if regex is None:
                continue
            for m in regex.finditer(repaired):
                start, end = offsets[m.start()], offsets[m.end()]
                hits.append(Hit(i, "forbidden", start, end, doc.text[start:end], m.group(), -1))
        return _place(_resolve(hits), doc.segments), _place(hits, doc.segments)

    def target_hits(self, doc: Document) -> list[Hit]:
        """Renderings and English forms in the segments of a Chinese ``doc``, overlaps resolved."""
        return self.chinese_hits(doc)[0]

    def chinese_hits(self, doc: Document) -> tuple[list[Hit], list[Hit]]:
        """Renderings and English forms in a Chinese ``doc``: overlaps resolved, and all of them
        before resolving (a term swallowed by a longer one is still there), both judged by jieba."""
        text = normalise_width(doc.text)
        if self.traditional:
            text = to_simplified(text)
        folded = _fold(text)
        hits = []
        for term, kind, item, key in self.renderings():
            start = folded.find(key)
            while start >= 0:
                end = start + len(key)
                if _latin_bounded(folded, start, end):
                    hits.append(Hit(term, kind, start, end, doc.text[start:end], item, -1))
                start = folded.find(key, start + 1)
        hits.extend(self._english(text, doc.text))
        every = self._judge_words(_place(hits, doc.segments), doc, text)
        kept = {(h.term, h.kind, h.start, h.end, h.rendering) for h in _resolve(every)}
        placed = [h for h in every if (h.term, h.kind, h.start, h.end, h.rendering) in kept]
        return introduce_acronyms(placed, doc.text), every

    def _english(self, text: str, original: str) -> list[Hit]:
        """Regex hits of every term whose anchors occur in ``text`` at all (a cheap prefilter
        that keeps big glossaries fast: most terms are absent from any one document).

        Matched on the repaired text (glued words split, "AIdoomersfear" -> "AI doomers fear")
        and mapped back, so a hit's offsets are offsets into the user's file."""
        repaired, offsets = self._repaired(text)
        lowered = repaired.lower()
        hits = []
        for i, (anchors, regex) in enumerate(zip(_anchors(self.terms), self.regexes, strict=True)):
            if not any(a in lowered for a in anchors):
                continue
            for m in regex.finditer(repaired):
                start, end = offsets[m.start()], offsets[m.end()]
                hits.append(Hit(i, "en", start, end, original[start:end], self.terms[i].name, -1))
        return hits

    def _repaired(self, text: str) -> tuple[str, tuple[int, ...]]:
        return _repaired(text, _known_words(self.terms))

    def _judge_words(self, hits: list[Hit], doc: Document, text: str) -> list[Hit]:
        """Mark Han hits that do not start and end on jieba token boundaries (``whole=False``).

        Only approved renderings and glosses are added to jieba's dictionary: adding a forbidden
        one (轰) would make jieba cut it out of the longer word it sits in (轰然巨响)."""
        if not any(_HAN.search(h.text) for h in hits):
            return hits
        words = _jieba_words(self.terms, self.traditional)
        bounds_of: dict[int, set[int]] = {}
        out = []
        for hit in hits:
            if _HAN.search(hit.text):
                seg = doc.segments[hit.segment]
                if hit.segment not in bounds_of:
                    bounds = token_boundaries(text[seg.start : seg.end], words)
                    bounds_of[hit.segment] = {seg.start + b for b in bounds}
                bounds = bounds_of[hit.segment]
                hit = replace(hit, whole=hit.start in bounds and hit.end in bounds)
            out.append(hit)
        return out


#: what may stand between a rendering and the acronym the translator gives it in brackets:
#: quotes and spaces, then an opening bracket ("递归式自我升级"(RSI), 通用人工智能（AGI）).
_BEFORE_ACRONYM = re.compile(
    r"[\s\"'\u201c\u201d\u2018\u2019\u300c\u300d\u300e\u300f]*[(\uff08]\s*"
)
_AFTER_ACRONYM = re.compile(r"\s*[)\uff09]")


def introduce_acronyms(hits: list[Hit], text: str) -> list[Hit]:
    """English acronym hits a translation introduced for itself become ``kind="abbr"``.

    ``"递归式自我升级"(RSI)`` introduces RSI as the translator's short form of the term; after
    that (in reading order) a bare RSI is that rendering, not English left untranslated. The
    introducing hit itself stays ``en`` (its pair has the Chinese rendering beside it).
    """
    introduced: set[tuple[int, str]] = set()
    last_rendering: dict[int, int] = {}
    out = []
    for hit in sorted(hits, key=lambda h: (h.start, h.end)):
        if hit.kind in ("zh", "forbidden") and _HAN.search(hit.text):
            last_rendering[hit.term] = hit.end
        elif hit.kind == "en" and is_acronym(hit.text):
            key = (hit.term, hit.text.rstrip("s") if len(hit.text) > 2 else hit.text)
            if key in introduced:
                hit = replace(hit, kind="abbr")
            elif hit.term in last_rendering:
                before = _BEFORE_ACRONYM.fullmatch(text, last_rendering[hit.term], hit.start)
                after = _AFTER_ACRONYM.match(text, hit.end)
                if before and after:
                    introduced.add(key)
        out.append(hit)
    return sorted(out, key=lambda h: (h.start, h.end, h.term))


@cache
def _known_words(terms: tuple[Term, ...]) -> frozenset[str]:
    """Lower-case words of every English form and their plurals: words the glued-word repair
    may split out although wordfreq rates them rare ("doomers")."""
    words: set[str] = set()
    for term in terms:
        for form in (*term.en, *term.variants):
            for word in _SEPARATOR.split(form.strip().lower()):
                if word.isalpha() and len(word) >= 3:
                    words |= {word, word + "s"}
    return frozenset(words)


_REPAIRED: dict[tuple[str, frozenset[str]], tuple[str, tuple[int, ...]]] = {}


def _repaired(text: str, known: frozenset[str]) -> tuple[str, tuple[int, ...]]:
    """The repaired copy of ``text`` and its offset map, remembered for the last few texts (a
    document is matched by several hit kinds)."""
    key = (text, known)
    if key not in _REPAIRED:
        if len(_REPAIRED) >= 4:
            _REPAIRED.pop(next(iter(_REPAIRED)))
        _REPAIRED[key] = repaired_with_offsets(text, known)
    return _REPAIRED[key]


@cache
def _jieba_words(terms: tuple[Term, ...], traditional: bool) -> tuple[str, ...]:
    keys = {key for _, kind, _, key in _renderings(terms, traditional) if kind != "forbidden"}
    return tuple(sorted(k for k in keys if _HAN.search(k)))


@cache
def _forbidden_en(terms: tuple[Term, ...]) -> tuple[re.Pattern[str] | None, ...]:
    return tuple(forbidden_en_regex(t) for t in terms)


def _latin_bounded(text: str, start: int, end: int) -> bool:
    """A rendering that begins/ends with a Latin letter or digit must not touch another one."""
    if _is_alnum(text[start]) and start > 0 and _is_alnum(text[start - 1]):
        return False
    return not (_is_alnum(text[end - 1]) and end < len(text) and _is_alnum(text[end]))


def _is_alnum(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


@cache
def _renderings(
    terms: tuple[Term, ...], traditional: bool
) -> tuple[tuple[int, str, str, str], ...]:
    out = []
    for i, term in enumerate(terms):
        for kind, items in (("zh", term.zh), ("forbidden", term.forbidden), ("gloss", term.gloss)):
            for item in items:
                key = _fold(normalise_width(item))
                out.append((i, kind, item, to_simplified(key) if traditional else key))
        for rendering, text in term.composed():
            key = _fold(normalise_width(text))
            out.append((i, "zh", rendering, to_simplified(key) if traditional else key))
    return tuple(out)


@cache
def _anchors(terms: tuple[Term, ...]) -> tuple[tuple[str, ...], ...]:
    """Per term, the lower-cased first letters of each form: one must occur for a match.

    Spelling variants and inflections only change a word's last three letters (centre/center,
    use/using), so the anchor stops before them, and is at least two letters long.
    """

    def anchor(form: str) -> str:
        word = _SEPARATOR.split(form.strip())[0].lower()
        return word[: max(2, min(4, len(word) - 3))]

    return tuple(tuple(sorted({anchor(f) for f in (*t.en, *t.variants)})) for t in terms)


@cache
def _compiled(terms: tuple[Term, ...]) -> tuple[re.Pattern[str], ...]:
    return tuple(term_regex(t) for t in terms)


def _resolve(hits: list[Hit]) -> list[Hit]:
    """Keep the longest of overlapping hits (then the earliest, then by kind and term order)."""
    order = sorted(hits, key=lambda h: (h.start - h.end, h.start, KINDS.index(h.kind), h.term))
    taken: list[tuple[int, int]] = []
    kept = []
    for hit in order:
        i = bisect.bisect_left(taken, (hit.start, hit.end))
        if i > 0 and taken[i - 1][1] > hit.start:
            continue
        if i < len(taken) and taken[i][0] < hit.end:
            continue
        taken.insert(i, (hit.start, hit.end))
        kept.append(hit)
    return sorted(kept, key=lambda h: (h.start, h.end, h.term))


def _place(hits: list[Hit], segments: Sequence[Segment]) -> list[Hit]:
    """Attach each hit to the segment containing it; drop hits outside every segment."""
    order = sorted(range(len(segments)), key=lambda i: segments[i].start)
    starts = [segments[i].start for i in order]
    out = []
    for hit in hits:
        k = bisect.bisect_right(starts, hit.start) - 1
        if k < 0:
            continue
        seg = segments[order[k]]
        if hit.end <= seg.end:
            out.append(replace(hit, segment=order[k]))
    return out


def has_han(text: str) -> bool:
    return bool(_HAN.search(text))
