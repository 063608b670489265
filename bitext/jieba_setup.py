"""A private jieba tokenizer: jieba's global one stays untouched (glossary words added for one
check must not change how another module segments), and its dictionary cache lives under
bitext's cache directory instead of the temp dir (see ../shared/LIBRARIES.md, jieba notes).

jieba's dictionary is read once per process, whatever the number of private tokenizers: each
new tokenizer gets its own copy of the prefix dictionary (its words may be added to), and each
part-of-speech tokenizer its own copy of the tag table. Reading them is most of a warm
``bitext lint``: ~0.7 s for the prefix dictionary (from jieba's cache file) and ~0.7 s for the
tag table (from ``dict.txt``) per tokenizer, against ~0.03 s for a copy.
"""

from __future__ import annotations

import logging
from functools import lru_cache
from pathlib import Path
from typing import Any


def _new_tokenizer() -> Any:
    import jieba
    from platformdirs import user_cache_dir

    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    cache_dir = Path(user_cache_dir("bitext"))
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        tokenizer.tmp_dir = str(cache_dir)
    except OSError:  # read-only home: jieba falls back to the temp dir
        pass
    return tokenizer


@lru_cache(maxsize=1)
def _prefix_dictionary() -> tuple[dict[str, int], int]:
    """jieba's default prefix dictionary and its total count, read once."""
    tokenizer = _new_tokenizer()
    tokenizer.initialize()
    return tokenizer.FREQ, tokenizer.total


@lru_cache(maxsize=1)
def _word_tags() -> dict[str, str]:
    """jieba's part-of-speech tag of each dictionary word, read once: ``import jieba.posseg``
    reads them already, for its global tokenizer (which bitext never uses nor changes)."""
    import jieba.posseg

    return dict(jieba.posseg.dt.word_tag_tab)


def private_tokenizer() -> Any:
    """A new ``jieba.Tokenizer`` with its cache under ``user_cache_dir("bitext")``, its
    dictionary already in place (a copy: words added to it stay its own)."""
    tokenizer = _new_tokenizer()
    freq, total = _prefix_dictionary()
    with tokenizer.lock:
        tokenizer.FREQ, tokenizer.total = dict(freq), total
        tokenizer.initialized = True
    return tokenizer


def pos_tokenizer(tokenizer: Any) -> Any:
    """``jieba.posseg.POSTokenizer(tokenizer)`` with a copy of the tag table read once."""
    import jieba.posseg

    pos = jieba.posseg.POSTokenizer.__new__(jieba.posseg.POSTokenizer)
    pos.tokenizer = tokenizer
    pos.word_tag_tab = dict(_word_tags())
    return pos


__all__ = ["pos_tokenizer", "private_tokenizer"]
