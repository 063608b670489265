"""The gold sets in ../shared/data as (gold links, source lines, target lines), and an encoder
that keeps vectors in memory on top of the on-disk benchmark cache (for tuning loops)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from bench_cache import CachingEncoder

from bitext.align.evaluate import read_links
from bitext.embed import get_encoder

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data"
SETS = ("mac-dev", "academic", "political")


def read_lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def load_sets(root: Path = DATA) -> dict[str, list[tuple[list, list[str], list[str]]]]:
    out = {}
    for name in SETS:
        base = root / name
        out[name] = [
            (read_links(g), read_lines(base / "src" / g.stem), read_lines(base / "tgt" / g.stem))
            for g in sorted((base / "gold").glob("*.align"))
        ]
    return out


class MemoryEncoder:
    """Vectors kept in a dict; misses go to the sqlite benchmark cache, then the real encoder."""

    def __init__(self, inner=None) -> None:
        self.inner = inner or CachingEncoder(get_encoder())
        self.name, self.version, self.dimension = (
            self.inner.name,
            self.inner.version,
            self.inner.dimension,
        )
        self.vectors: dict[str, np.ndarray] = {}
        self.parts: dict[str, np.ndarray] = {}
        self.requested = 0

    def encode(self, texts):
        texts = list(texts)
        self.requested += len(texts)
        missing = list(dict.fromkeys(t for t in texts if t not in self.vectors))
        if missing:
            for t, v in zip(missing, self.inner.encode(missing), strict=True):
                self.vectors[t] = v
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        return np.stack([self.vectors[t] for t in texts])

    def parts_model(self):
        get = getattr(self.inner, "parts_model", None)
        return get() if get else None

    def encode_parts(self, texts):
        from bitext.embed.sentence_parts import SentenceParts

        texts = list(texts)
        self.requested += len(texts)
        missing = list(dict.fromkeys(t for t in texts if t not in self.parts))
        if missing:
            for t, r in zip(missing, self.inner.encode_parts(missing).rows, strict=True):
                self.parts[t] = r
        return SentenceParts(np.stack([self.parts[t] for t in texts]), self.parts_model())
