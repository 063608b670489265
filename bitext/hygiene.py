"""Input hygiene: English words glued together by HTML stripping, and invisible characters.

Web pages copied into text lose the markup between words: "thecompany'sflagship",
"debutson stock markets". wordninja proposes a split; wordfreq's frequency list decides whether
the token was a word already (see ../shared/LIBRARIES.md row 2): a token is split only when
wordfreq has never seen it (zipf 0), it is not camelCase (OpenAI, ChatGPT), and every part is a
common word. Nothing here changes the file text: the finding carries the suggestion, and
``clean_for_embedding`` gives the encoder a repaired copy so glued words never derail alignment.
"""

from __future__ import annotations

import gzip
import importlib.util
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .layout.lines import ZERO_WIDTH

#: every part of an accepted split must be at least this common (zipf scale, 3 = once per million
#: words). LIBRARIES.md: at 3.0 "isbeloved"/"debutson"/"thecompany'sflagship" split and no
#: legitimate word in the test vocabulary (superintelligence, interpretability, jailbreak) does.
PART_MIN_ZIPF = 3.0
#: shorter tokens are too often abbreviations or names to second-guess.
MIN_TOKEN_LEN = 6

_TOKEN = re.compile(r"(?<![\w/@.\-])[A-Za-z]+(?:'[A-Za-z]+)*(?![\w/@\-])")
_ZW = re.compile(f"[{ZERO_WIDTH}]")


@dataclass(frozen=True)
class GluedWord:
    """``text[start:end]`` looks like several words glued together; ``suggestion`` splits them."""

    start: int
    end: int
    word: str
    suggestion: str


#: what ``_TOKEN`` finds, lowercased: wordfreq's tokenizer keeps it as one token (apostrophes
#: included: "company's", "rock'n'roll"), so its frequency is the list's entry
_PLAIN = re.compile(r"[a-z]+(?:'[a-z]+)*")


@lru_cache(maxsize=8192)
def _zipf(word: str) -> float:
    """wordfreq's ``zipf_frequency(word, "en")``. A lowercase word (``_PLAIN``) is looked up in
    wordfreq's own English list, read straight from its file (~0.1 s): ``import wordfreq``
    (ftfy, langcodes, regex) and its first look-up cost ~0.6 s, most of a warm re-run of the
    bundled example. Anything else goes through wordfreq itself.
    ``tests/test_embed_warm.py`` checks both give the same numbers."""
    buckets = _english_buckets() if _PLAIN.fullmatch(word) else None
    if buckets is None:
        from wordfreq import zipf_frequency

        return zipf_frequency(word, "en")
    index = buckets.get(word)
    return 0.0 if index is None else _bucket_zipf(index)


@lru_cache(maxsize=1)
def _english_buckets() -> dict[str, int] | None:
    """{word: frequency bucket} of wordfreq's large English list (its "best" for English);
    None where the file or its format is not the one this was written against."""
    spec = importlib.util.find_spec("wordfreq")
    if spec is None or spec.origin is None:
        return None
    path = Path(spec.origin).parent / "data" / "large_en.msgpack.gz"
    try:
        import msgpack  # a dependency of wordfreq

        with gzip.open(path, "rb") as fh:
            pack = msgpack.unpackb(fh.read(), raw=False)
    except (ImportError, OSError, ValueError):
        return None
    if not pack or pack[0] != {"format": "cB", "version": 1}:
        return None
    index: dict[str, int] = {}
    for i, bucket in enumerate(pack[1:]):
        index.update(dict.fromkeys(bucket, i))
    return index


@lru_cache(maxsize=1024)
def _bucket_zipf(index: int) -> float:
    """The Zipf value wordfreq gives a word of bucket ``index`` (-index centibels), with its
    rounding: frequency to 3 significant digits, Zipf to 2 decimals."""
    freq = 10 ** (-index / 100)
    freq = round(freq, math.floor(-math.log(freq, 10)) + 3)
    return round(math.log(freq, 10) + 9, 2)


#: a leading acronym glued to lower-case words ("AIdoomersfear", "LLMsare"): 2-6 capitals, an
#: optional plural s, then the rest (which must itself be common words).
_ACRONYM_HEAD = re.compile(r"([A-Z]{2,6})(s?)([a-z].*)")


def suggest_split(token: str, known: frozenset[str] = frozenset()) -> str | None:
    """The split of ``token`` into common words, or None when it should stay as it is.

    ``known`` (lower-case) adds words that count as common although wordfreq rates them rare
    (a glossary's "doomers"); the term matcher passes its glossary forms.
    """
    return _suggest(token, known)


@lru_cache(maxsize=65536)  # a long document has tens of thousands of distinct words
def _suggest(token: str, known: frozenset[str]) -> str | None:
    if len(token) < MIN_TOKEN_LEN or re.search(r"[a-z][A-Z]", token) or token.isupper():
        return None
    if _zipf(token.lower()) > 0 or token.lower() in known:
        return None
    head = _ACRONYM_HEAD.fullmatch(token)
    if head:
        return _acronym_split(head, known)
    return _split_words(token, known)


def _acronym_split(head: re.Match[str], known: frozenset[str]) -> str | None:
    """``AIdoomersfear`` -> ``AI doomers fear``; ``LLMsare`` -> ``LLMs are``."""
    caps, plural, rest = head.groups()
    options = [(caps + plural, rest), (caps, plural + rest)] if plural else [(caps, rest)]
    for acronym, tail in options:
        if _is_word(tail, known):
            return f"{acronym} {tail}"
    for acronym, tail in options:
        split = _split_words(tail, known) if len(tail) >= MIN_TOKEN_LEN else None
        if split:
            return f"{acronym} {split}"
    return None


#: two-letter parts wordfreq rates common are mostly noise inside a glued token ("rt", "ho");
#: the known-word splitter accepts only these.
_SHORT_WORDS = frozenset(
    {"a", "i", "an", "as", "at", "be", "by", "do", "go", "he", "if", "in", "is", "it", "me"}
    | {"my", "no", "of", "on", "or", "so", "to", "up", "us", "we"}
)


def _is_word(part: str, known: frozenset[str]) -> bool:
    lower = part.lower()
    if len(part) < 2 and lower not in ("a", "i"):
        return False
    return lower in known or _zipf(lower) >= PART_MIN_ZIPF


def _split_words(token: str, known: frozenset[str]) -> str | None:
    import wordninja

    parts = wordninja.split(token)
    joined = "".join(parts).replace("'", "").lower()
    ninja = None
    same = joined == token.replace("'", "").lower()
    if 2 <= len(parts) <= 4 and same and all(_is_word(part, known) for part in parts):
        ninja = parts
    with_known = _split_known(token, known) if known else None
    if with_known and (ninja is None or len(with_known) <= len(ninja)):
        return " ".join(with_known)
    return " ".join(ninja) if ninja else None


def _split_known(token: str, known: frozenset[str]) -> list[str] | None:
    """Two or three parts, one of them a ``known`` word, each a word (wordninja lacks "doomers")."""

    def word(part: str) -> bool:
        if len(part) <= 2:
            return part.lower() in _SHORT_WORDS
        return _is_word(part, known)

    n = len(token)
    for count in (2, 3):
        for i in range(1, n):
            if not word(token[:i]):
                continue
            cuts = (
                [[token[:i], token[i:]]]
                if count == 2
                else [[token[:i], token[i:j], token[j:]] for j in range(i + 1, n)]
            )
            for parts in cuts:
                if all(word(p) for p in parts) and any(p.lower() in known for p in parts):
                    return parts
    return None


def find_glued_words(
    text: str, start: int = 0, end: int | None = None, known: frozenset[str] = frozenset()
) -> list[GluedWord]:
    """Glued-word candidates in ``text[start:end]``, with absolute offsets."""
    end = len(text) if end is None else end
    found = []
    for m in _TOKEN.finditer(text, start, end):
        suggestion = suggest_split(m.group(), known)
        if suggestion:
            found.append(GluedWord(m.start(), m.end(), m.group(), suggestion))
    return found


def repair_glued_words(text: str) -> str:
    """``text`` with every glued word split (for embedding, never for display or offsets)."""
    return repaired_with_offsets(text)[0]


def repaired_with_offsets(
    text: str, known: frozenset[str] = frozenset()
) -> tuple[str, tuple[int, ...]]:
    """``text`` with glued words split, and for every character of it its offset in ``text``.

    A split only inserts spaces, so each inserted space maps to the offset of the letter after
    it; the map has one extra entry (``len(text)``) so that an end offset maps too. Matching on
    the repaired copy and mapping spans back keeps findings pointing into the user's file.
    """
    out: list[str] = []
    offsets: list[int] = []
    pos = 0
    for g in find_glued_words(text, known=known):
        if g.suggestion.replace(" ", "") != g.word:
            continue  # not a pure insertion of spaces: leave the token as it is
        out.append(text[pos : g.start])
        offsets.extend(range(pos, g.start))
        i = g.start
        for ch in g.suggestion:
            out.append(ch)
            if ch == " " and (i >= g.end or text[i] != " "):
                offsets.append(i)  # an inserted space: the next letter's offset
            else:
                offsets.append(i)
                i += 1
        pos = g.end
    out.append(text[pos:])
    offsets.extend(range(pos, len(text) + 1))
    return "".join(out), tuple(offsets)


@lru_cache(maxsize=1)
def cleaning_version() -> str:
    """What ``clean_for_embedding`` of English depends on, as a short hash: this module's
    source and the sizes of wordfreq's English list and wordninja's model. Cleaned texts are
    cached under it (``pipeline.run_aligner``), so a warm run loads no word list, and a change
    to any of the three makes them again."""
    import hashlib

    digest = hashlib.sha256(Path(__file__).read_bytes())
    for package, member in (("wordfreq", "data/large_en.msgpack.gz"), ("wordninja", "")):
        spec = importlib.util.find_spec(package)
        origin = Path(spec.origin).parent if spec and spec.origin else None
        files = (
            [origin / member]
            if origin and member
            else sorted(origin.glob("*.gz"))
            if origin
            else []
        )
        for f in files:
            digest.update(f"{package}:{f.name}:{f.stat().st_size if f.exists() else -1}".encode())
    return digest.hexdigest()[:16]


def clean_for_embedding(text: str, lang: str) -> str:
    """What the encoder should read: no zero-width characters, plain spaces, glued words split."""
    text = _ZW.sub("", text).replace("\u3000", " ")
    text = re.sub(r"[ \t]*(?:\r\n|\r|\n)[ \t]*", " " if lang == "en" else "", text)
    if lang == "en":
        text = repair_glued_words(text)
    return text
