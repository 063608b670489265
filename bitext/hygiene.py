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


@lru_cache(maxsize=65536)  # a long document has tens of thousands of distinct words
def suggest_split(token: str) -> str | None:
    """The split of ``token`` into common words, or None when it should stay as it is."""
    if len(token) < MIN_TOKEN_LEN or re.search(r"[a-z][A-Z]", token) or token.isupper():
        return None
    if _zipf(token.lower()) > 0:
        return None
    import wordninja

    parts = wordninja.split(token)
    joined = "".join(parts).replace("'", "").lower()
    if not 2 <= len(parts) <= 4 or joined != token.replace("'", "").lower():
        return None
    for part in parts:
        if len(part) < 2 and part.lower() not in ("a", "i"):
            return None
        if _zipf(part.lower()) < PART_MIN_ZIPF:
            return None
    return " ".join(parts)


def find_glued_words(text: str, start: int = 0, end: int | None = None) -> list[GluedWord]:
    """Glued-word candidates in ``text[start:end]``, with absolute offsets."""
    end = len(text) if end is None else end
    found = []
    for m in _TOKEN.finditer(text, start, end):
        suggestion = suggest_split(m.group())
        if suggestion:
            found.append(GluedWord(m.start(), m.end(), m.group(), suggestion))
    return found


def repair_glued_words(text: str) -> str:
    """``text`` with every glued word split (for embedding, never for display or offsets)."""
    out, pos = [], 0
    for g in find_glued_words(text):
        out.append(text[pos : g.start])
        out.append(g.suggestion)
        pos = g.end
    out.append(text[pos:])
    return "".join(out)


def clean_for_embedding(text: str, lang: str) -> str:
    """What the encoder should read: no zero-width characters, plain spaces, glued words split."""
    text = _ZW.sub("", text).replace("\u3000", " ")
    text = re.sub(r"[ \t]*(?:\r\n|\r|\n)[ \t]*", " " if lang == "en" else "", text)
    if lang == "en":
        text = repair_glued_words(text)
    return text
