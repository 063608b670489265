"""Numerals inside Chinese words that are not numbers: names (茅十八, 赵九章), idioms (三位一体,
七零八落, 说一千道一万), abbreviations (三中全会), places (四周围).

jieba's part-of-speech tags decide, once, for every word that holds a numeral character: a word
tagged as a numeral or measure (``m``, ``mq``, ``q``) or time (``t``) is a count; any other tag
(``nr`` person name, ``i``/``l`` idiom, ``j`` abbreviation, ``nz`` other proper noun, ...) means
its numerals only help matching. A word whose numeral run starts before it (二 + 十分 in a
mis-cut 二十分钟) is left alone. The tokenizer is private (the global jieba stays untouched),
loads lazily, and is shared under a lock since jieba is not thread-safe.
"""

from __future__ import annotations

import re
import threading
from functools import cache, lru_cache
from typing import Any

_NUMERAL = re.compile(r"[零〇一二两三四五六七八九十百千万亿\d]")
_COUNT_TAGS = frozenset({"m", "mq", "q", "t", "x", "eng"})
_lock = threading.Lock()


@cache
def _pos_tokenizer() -> Any:
    from ...jieba_setup import pos_tokenizer, private_tokenizer

    return pos_tokenizer(private_tokenizer())


@lru_cache(maxsize=4096)
def word_spans(text: str) -> list[tuple[int, int]]:
    """Spans of words in ``text`` whose numeral characters are not a count."""
    if not re.search(r"[零〇一二两三四五六七八九十百千万亿]", text):
        return []
    spans: list[tuple[int, int]] = []
    with _lock:
        pairs = [(w.word, w.flag) for w in _pos_tokenizer().cut(text)]
    offset = 0
    for word, flag in pairs:
        start, offset = offset, offset + len(word)
        if flag in _COUNT_TAGS or not _NUMERAL.search(word) or len(word) < 2:
            continue
        if (
            word[0] in "零〇一二两三四五六七八九十百千万亿"
            and start
            and _NUMERAL.match(text, start - 1)
        ):
            continue  # 二 + 十分(钟): the numeral run began before this word
        spans.append((start, offset))
    return spans
