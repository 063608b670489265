"""A private jieba tokenizer: jieba's global one stays untouched (glossary words added for one
check must not change how another module segments), and its dictionary cache lives under
bitext's cache directory instead of the temp dir (see ../shared/LIBRARIES.md, jieba notes)."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any


def private_tokenizer() -> Any:
    """A new ``jieba.Tokenizer`` with its cache under ``user_cache_dir("bitext")``."""
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


__all__ = ["private_tokenizer"]
