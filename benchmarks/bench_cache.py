"""A benchmark-only embedding cache under .bench-cache/ (git-ignored), so tuning runs are quick.

The product's own encoder cache lives in bitext/embed; this wrapper only exists so that
iterating on the aligner does not re-embed the gold sets every run. It counts the texts it is
asked for, so "texts embedded per sentence" stays measurable with the cache on.
"""

from __future__ import annotations

import hashlib
import sqlite3
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np

CACHE_DIR = Path(__file__).resolve().parent.parent / ".bench-cache"


class CachingEncoder:
    """Wraps an encoder; stores vectors in sqlite keyed by encoder name/version and text."""

    def __init__(self, encoder, path: Path | None = None) -> None:
        self.inner = encoder
        self.name = encoder.name
        self.version = encoder.version
        self.dimension = encoder.dimension
        CACHE_DIR.mkdir(exist_ok=True)
        self.db = sqlite3.connect(str(path or CACHE_DIR / "embeddings.sqlite"))
        self.db.execute("CREATE TABLE IF NOT EXISTS emb (key TEXT PRIMARY KEY, vec BLOB)")
        self.requested = 0  # texts asked for (what the aligner costs)
        self.computed = 0  # texts actually embedded (cache misses)
        self.seconds = 0.0  # time spent in the real encoder

    def _key(self, text: str) -> str:
        h = hashlib.sha1(f"{self.name}|{self.version}|{text}".encode()).hexdigest()
        return h

    def _stored(self, table: str, column: str, keys: list[str]) -> dict[str, np.ndarray]:
        """The arrays already stored under ``keys`` (500 keys per query: sqlite's limit)."""
        found: dict[str, np.ndarray] = {}
        for i in range(0, len(keys), 500):
            chunk = keys[i : i + 500]
            marks = ",".join("?" * len(chunk))
            q = f"SELECT key, {column} FROM {table} WHERE key IN ({marks})"
            for k, v in self.db.execute(q, chunk):
                found[k] = np.frombuffer(v, dtype=np.float32)
        return found

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        texts = list(texts)
        self.requested += len(texts)
        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        keys = [self._key(t) for t in texts]
        found = self._stored("emb", "vec", keys)
        missing = [i for i, k in enumerate(keys) if k not in found]
        if missing:
            t0 = time.perf_counter()
            vecs = self.inner.encode([texts[i] for i in missing])
            self.seconds += time.perf_counter() - t0
            self.computed += len(missing)
            rows = []
            for i, v in zip(missing, vecs, strict=False):
                found[keys[i]] = v
                rows.append((keys[i], np.asarray(v, dtype=np.float32).tobytes()))
            self.db.executemany("INSERT OR REPLACE INTO emb VALUES (?, ?)", rows)
            self.db.commit()
        for i, k in enumerate(keys):
            out[i] = found[k]
        return out

    def parts_model(self):
        get = getattr(self.inner, "parts_model", None)
        return get() if get else None

    def encode_parts(self, texts: Sequence[str]):
        """Sentence parts (``bitext.embed.parts``), stored beside the vectors."""
        from bitext.embed.parts import FORMAT
        from bitext.embed.sentence_parts import SentenceParts

        texts = list(texts)
        self.requested += len(texts)
        self.db.execute("CREATE TABLE IF NOT EXISTS parts (key TEXT PRIMARY KEY, row BLOB)")
        keys = [self._key(f"parts{FORMAT}|{t}") for t in texts]
        found = self._stored("parts", "row", keys)
        missing = list(dict.fromkeys(i for i, k in enumerate(keys) if k not in found))
        if missing:
            t0 = time.perf_counter()
            rows = self.inner.encode_parts([texts[i] for i in missing]).rows
            self.seconds += time.perf_counter() - t0
            self.computed += len(missing)
            for i, r in zip(missing, rows, strict=True):
                found[keys[i]] = r
            self.db.executemany(
                "INSERT OR REPLACE INTO parts VALUES (?, ?)",
                [
                    (keys[i], np.asarray(r, dtype=np.float32).tobytes())
                    for i, r in zip(missing, rows, strict=True)
                ],
            )
            self.db.commit()
        return SentenceParts(np.stack([found[k] for k in keys]), self.parts_model())
