"""Which source terms to look for: repeated noun phrases, acronyms, names, words kept in English.

English sources are read from the repaired text: a glued word ("thelarge language model") is
split by ``bitext.hygiene`` and each part keeps the glued token's span, so the term inside is
found and still points at the user's characters. Forms are grouped (LLM/LLMs; a plural and its
singular; "large language model (LLM)" defines the acronym, and the long form then counts as
the acronym); different words stay apart (doom, doomer). Function words, adverbs and everyday
words are not terms. Chinese sources are read with jieba's part-of-speech tagger: nouns, names,
verbal nouns (改革, 发展) and Latin words. Which side is the source comes from the documents'
``lang``, never from which language is English.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

from ..align.model import Alignment
from ..document import Segment
from .glossary import is_acronym
from .term_lexicon import (
    EN_STOPWORDS,
    TITLES,
    ZH_GENERIC_NOUNS,
    ZH_SINGLE_CHAR_TERMS,
    english_key,
    jieba_words,
    zipf,
)
from .term_params import MIN_HAN_CHARS, NAME_START_MAX_ZIPF, PHRASE_SIZES, WORD_MAX_ZIPF

_WORD = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:(?:['’\-&]|\.(?=[A-Za-z0-9]))[A-Za-z0-9]+)*")
_SENTENCE_END = re.compile(r"[.!?:;。！？：；]\s*[\"'“‘(（]*\s*$")
_DEFINITION = re.compile(r"\(\s*([A-Z][A-Za-z&]*[A-Z]s?)\s*\)|（\s*([A-Z][A-Za-z&]*[A-Z]s?)\s*）")
#: part-of-speech flags of jieba that make a Chinese term: nouns, names, places, organisations,
#: other proper nouns, verbal nouns (改革 reform), English words.
_ZH_TERM_FLAGS = ("n", "nr", "nrt", "nrfg", "ns", "nt", "nz", "nw", "vn", "eng")
_ZH_NAME_FLAGS = ("nr", "nrt", "nrfg", "ns", "nt", "nz")
_ZH_NOUN_SUFFIXES = frozenset({"论", "者", "派", "家", "界", "主义", "主义者"})
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]+")


@dataclass(frozen=True)
class Occurrence:
    """One place a term occurs: the link index and the span in the source document's text."""

    pair: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class SourceTerm:
    """A term of the source, every place it occurs, and the text its meaning is embedded from."""

    key: str
    form: str
    kind: str  # "acronym" | "name" | "phrase" | "word"
    occurrences: tuple[Occurrence, ...]
    #: what the encoder reads for the term: a defined acronym's long form, else ``form``
    meaning: str

    @property
    def pairs(self) -> tuple[int, ...]:
        return tuple(sorted({o.pair for o in self.occurrences}))


@dataclass(frozen=True)
class _Token:
    word: str
    start: int
    end: int
    sentence_start: bool
    glued: bool = False


# -- English ---------------------------------------------------------------------------------


def _english_tokens(seg: Segment) -> list[_Token]:
    """Word tokens of one segment, offsets into its document; glued words split in place."""
    from ..hygiene import find_glued_words

    text = seg.text
    glued = find_glued_words(text)
    tokens: list[_Token] = []
    g = 0
    last_end = 0
    for m in _WORD.finditer(text):
        while g < len(glued) and glued[g].end <= m.start():
            g += 1
        start_of_sentence = not tokens or bool(_SENTENCE_END.search(text[last_end : m.start()]))
        if g < len(glued) and glued[g].start < m.end() and m.start() < glued[g].end:
            part = glued[g]
            if tokens and tokens[-1].glued and tokens[-1].start == seg.start + part.start:
                continue  # the glued span was already expanded
            for k, word in enumerate(part.suggestion.split()):
                start, end = seg.start + part.start, seg.start + part.end
                tokens.append(_Token(word, start, end, start_of_sentence and k == 0, True))
        else:
            start, end = seg.start + m.start(), seg.start + m.end()
            tokens.append(_Token(m.group(), start, end, start_of_sentence))
        last_end = m.end()
    return tokens


def _is_content(word: str) -> bool:
    lower = word.lower()
    return (
        word.isalpha()
        and len(word) >= 3
        and lower not in EN_STOPWORDS
        and not (lower.endswith("ly") and len(lower) > 4)
    )


def _english_occurrences(seg: Segment) -> Iterator[tuple[str, str, str, int, int]]:
    """(key, form, kind, start, end) for every candidate occurrence in one source segment."""
    tokens = _english_tokens(seg)
    shouting = sum(1 for t in tokens if t.word.isupper()) * 2 > len(tokens) >= 4  # a heading
    for t in tokens:
        if is_acronym(t.word) and not shouting and t.word.lower() not in EN_STOPWORDS:
            form = t.word[:-1] if t.word.endswith("s") and len(t.word) > 2 else t.word
            yield form, form, "acronym", t.start, t.end
    yield from _names(tokens)
    lowered = [t.word.lower() for t in tokens]
    plain = [t.word.islower() or (t.sentence_start and not t.word.isupper()) for t in tokens]
    content = [_is_content(t.word) for t in tokens]
    for k, t in enumerate(tokens):
        word = lowered[k]
        if plain[k] and content[k] and zipf(english_key(word)) <= WORD_MAX_ZIPF:
            yield english_key(word), word, "word", t.start, t.end
    for n in PHRASE_SIZES:
        for k in range(len(tokens) - n + 1):
            if all(plain[k : k + n]) and all(content[k : k + n]):
                words = lowered[k : k + n]
                key = " ".join([*words[:-1], english_key(words[-1])])
                yield key, " ".join(words), "phrase", tokens[k].start, tokens[k + n - 1].end


def _names(tokens: Sequence[_Token]) -> Iterator[tuple[str, str, str, int, int]]:
    """Runs of capitalised words; of/for/and/the may join two capitals (Bank of England)."""
    run: list[_Token] = []

    def flush() -> Iterator[tuple[str, str, str, int, int]]:
        words = list(run)
        while words and (words[-1].word.lower() in EN_STOPWORDS or words[-1].word in TITLES):
            words.pop()
        while words and words[0].word.lower() in EN_STOPWORDS and words[0].word not in TITLES:
            words.pop(0)  # a title stays: "Dr Karpathy" is how the name is written
        if not words or (len(words) == 1 and (len(words[0].word) < 3 or is_acronym(words[0].word))):
            return
        form = " ".join(w.word for w in words)
        yield form.casefold(), form, "name", words[0].start, words[-1].end

    for k, t in enumerate(tokens):
        following = k + 1 < len(tokens) and tokens[k + 1].word[0].isupper()
        capital = (
            (t.word[0].isupper() and not t.word.isupper())
            or t.word in TITLES
            or (is_acronym(t.word) and following)
        )
        starts_name = not t.sentence_start or (
            capital and (following or zipf(t.word.lower()) <= NAME_START_MAX_ZIPF)
        )
        if (capital and starts_name) or (run and is_acronym(t.word)):
            run.append(t)
            continue
        if run and t.word in ("of", "for", "and", "the") and following:
            run.append(t)
            continue
        yield from flush()
        run = []
    yield from flush()


def _definitions(seg: Segment) -> Iterator[tuple[str, str]]:
    """(long-form key, acronym) for "large language model (LLM)" in one segment."""
    body = seg.text
    for m in _DEFINITION.finditer(body):
        acronym = m.group(1) or m.group(2)
        letters = [c for c in acronym.rstrip("s") if c.isupper()]
        words = re.findall(r"[A-Za-z]+", body[: m.start()])[-len(letters) * 2 :]
        for size in range(len(letters), 0, -1):
            tail = words[-size:] if size <= len(words) else []
            initials = [w[0].upper() for part in tail for w in part.split("-")]
            if tail and initials == letters:
                lowered = [w.lower() for w in tail]
                yield " ".join([*lowered[:-1], english_key(lowered[-1])]), acronym.rstrip("s")
                break


# -- Chinese ---------------------------------------------------------------------------------


def _chinese_occurrences(seg: Segment) -> Iterator[tuple[str, str, str, int, int]]:
    offset = seg.start
    words = list(_pos_words(seg.text))
    k = 0
    while k < len(words):
        word, flag = words[k]
        k += 1
        # 末日 + 论, 实证 + 主义者: a suffix that makes a noun of what comes before stays with it
        while k < len(words) and words[k][0] in _ZH_NOUN_SUFFIXES and _HAN.fullmatch(word):
            word, flag = word + words[k][0], "n"
            k += 1
        start, offset = offset, offset + len(word)
        if flag == "eng" or re.fullmatch(r"[A-Za-z][\w.\-&]*", word):
            if is_acronym(word):
                form = word[:-1] if word.endswith("s") and len(word) > 2 else word
                yield form, form, "acronym", start, offset
            elif len(word) >= 3 and word.lower() not in EN_STOPWORDS:
                yield word.casefold(), word, "name", start, offset
            continue
        if not flag.startswith(_ZH_TERM_FLAGS) and not (flag == "t" and len(word) >= 2):
            continue
        if word in ZH_GENERIC_NOUNS:
            continue
        if len(word) < MIN_HAN_CHARS and word not in ZH_SINGLE_CHAR_TERMS:
            continue
        kind = "name" if flag in _ZH_NAME_FLAGS else "word"
        yield word, word, kind, start, offset


@lru_cache(maxsize=4096)
def _pos_words(sentence: str) -> tuple[tuple[str, str], ...]:
    return tuple(jieba_words(sentence, pos=True))  # type: ignore[arg-type]


# -- grouping --------------------------------------------------------------------------------


def find_source_terms(alignment: Alignment, lang: str) -> list[SourceTerm]:
    """Every candidate term of the source side of ``alignment`` (in ``lang``), grouped by form.

    Occurrence offsets index the source document's text, like the segments' own.
    """
    found: dict[str, list[Occurrence]] = defaultdict(list)
    forms: dict[str, Counter[str]] = defaultdict(Counter)
    kinds: dict[str, Counter[str]] = defaultdict(Counter)
    aliases: dict[str, str] = {}
    read = _english_occurrences if lang == "en" else _chinese_occurrences
    for p, link in enumerate(alignment.links):
        for i in link.src:
            seg = alignment.src[i]
            for key, form, kind, start, end in read(seg):
                found[key].append(Occurrence(p, start, end, _span_text(seg, start, end)))
                forms[key][form] += 1
                kinds[key][kind] += 1
            if lang == "en":
                aliases.update(_definitions(seg))
    meaning: dict[str, str] = {}
    for long_key, acronym in aliases.items():
        if acronym not in found or long_key == acronym:
            continue
        meaning[acronym] = long_key
        if long_key in found:
            found[acronym].extend(found.pop(long_key))
    terms = []
    for key, occurrences in found.items():
        unique = {(o.start, o.end): o for o in occurrences}
        occ = tuple(sorted(unique.values(), key=lambda o: (o.start, o.end)))
        form = _display(forms[key])
        kind = kinds[key].most_common(1)[0][0]
        terms.append(SourceTerm(key, form, kind, occ, meaning.get(key, form)))
    return terms


def _display(forms: Counter[str]) -> str:
    """The most used spelling; the shorter, then alphabetical, among equals (LLM before LLMs)."""
    return min(forms, key=lambda f: (-forms[f], len(f), f))


def _span_text(seg: Segment, start: int, end: int) -> str:
    return seg.text[start - seg.start : end - seg.start]
