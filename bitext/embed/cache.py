"""An on-disk embedding cache: one SQLite file, safe for several bitext processes at once.

Why SQLite in WAL mode: two CI jobs aligning at the same time must not tear each other's
entries, and a reader must never wait for a writer. ``connect(timeout=30)`` queues writers;
each batch is one ``BEGIN IMMEDIATE`` transaction (../shared/LIBRARIES.md row 7: two processes
x 5,000 vectors, no errors). Keys are (encoder identity, SHA-256 of the text); the encoder
identity is a hash of its signature (name, version, parameters), so a new model version never
reads an old vector. Vectors are stored as raw little-endian float32, exactly what the encoder
returned, so a cached run gives the same bytes as the run that filled the cache.

A cache that cannot be used (corrupt file, no permission, full disk) is reported once with a
``CacheWarning`` and then bypassed: embedding still works, only slower.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sqlite3
import threading
import time
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import BitextWarning
from .base import EncoderBase, batches

CACHE_FILENAME = "embeddings.sqlite3"
SCHEMA_VERSION = 1
#: SQLite's default limit on ``?`` parameters was 999 before 3.32; stay under it.
_LOOKUP_CHUNK = 900
_BUSY_TIMEOUT_S = 30.0
_PAGE_SIZE = 16384

_SCHEMA = """
CREATE TABLE IF NOT EXISTS models (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,
    signature TEXT NOT NULL,
    dimension INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS embeddings (
    model_id INTEGER NOT NULL REFERENCES models(id),
    text_hash BLOB NOT NULL,
    vector BLOB NOT NULL,
    PRIMARY KEY (model_id, text_hash)
);
"""


class CacheWarning(BitextWarning):
    """The embedding cache could not be used; bitext carried on without it."""


def default_cache_dir() -> Path:
    """``$BITEXT_CACHE_DIR`` if set, else the platform's user cache dir (~/.cache/bitext)."""
    env = os.environ.get("BITEXT_CACHE_DIR")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("bitext"))


def encoder_key(signature: dict[str, Any]) -> str:
    """A stable identity for an encoder: the hash of its signature with sorted keys."""
    blob = json.dumps(signature, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:32]


def text_hash(text: str) -> bytes:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).digest()


@dataclass(frozen=True)
class ModelEntries:
    """One encoder's share of the cache."""

    signature: dict[str, Any]
    dimension: int
    entries: int


@dataclass(frozen=True)
class CacheInfo:
    """What ``bitext cache info`` shows. ``error`` is set when the file cannot be read."""

    path: Path
    exists: bool
    size_bytes: int
    entries: int
    models: tuple[ModelEntries, ...]
    error: str | None = None


class EmbeddingCache:
    """The cache file in ``directory`` (None: ``default_cache_dir()``), opened on first use."""

    def __init__(self, directory: str | Path | None = None) -> None:
        self.directory = Path(directory).expanduser() if directory else default_cache_dir()
        self.path = self.directory / CACHE_FILENAME
        self.disabled_reason: str | None = None
        self._conn: sqlite3.Connection | None = None
        self._pid = 0
        self._model_ids: dict[str, tuple[int, int]] = {}  # key -> (row id, dimension)
        self._lock = threading.Lock()

    # -- public -------------------------------------------------------------------------
    def get(
        self, key: str, texts: Sequence[str], dimension: int | None = None
    ) -> dict[int, np.ndarray]:
        """Cached vectors for ``texts`` under encoder ``key``: {index in texts: vector}.

        ``dimension`` None trusts the one recorded for ``key``, so a fully cached run never
        has to load the model just to learn it.
        """
        if self.disabled_reason or not texts or not self.path.exists():
            return {}
        try:
            with self._lock:
                conn = self._connection()
                model = self._model_id(conn, key)
                if model is None or (dimension is not None and dimension != model[1]):
                    return {}
                return self._lookup(conn, model[0], model[1], texts)
        except (sqlite3.Error, OSError) as exc:
            self._disable(exc)
            return {}

    def put(
        self, key: str, signature: dict[str, Any], texts: Sequence[str], vectors: np.ndarray
    ) -> None:
        """Store one batch in one transaction (all or nothing, even with other writers)."""
        if self.disabled_reason or not texts:
            return
        dimension = int(vectors.shape[1])
        rows = [
            (text_hash(t), np.ascontiguousarray(v, dtype="<f4").tobytes())
            for t, v in zip(texts, vectors, strict=True)
        ]
        try:
            with self._lock:
                conn = self._connection(create=True)
                conn.execute("BEGIN IMMEDIATE")
                try:
                    model_id = self._register_model(conn, key, signature, dimension)
                    conn.executemany(
                        "INSERT OR REPLACE INTO embeddings (model_id, text_hash, vector) "
                        "VALUES (?, ?, ?)",
                        [(model_id, h, v) for h, v in rows],
                    )
                    conn.execute("COMMIT")
                except BaseException:
                    if conn.in_transaction:
                        conn.execute("ROLLBACK")
                    self._model_ids.pop(key, None)
                    raise
        except (sqlite3.Error, OSError) as exc:
            self._disable(exc)

    def info(self) -> CacheInfo:
        """Location, number of vectors and bytes on disk, per encoder. Never raises."""
        size = 0
        for path in self._files():
            with contextlib.suppress(OSError):
                size += path.stat().st_size
        if not self.path.exists():
            return CacheInfo(self.path, False, size, 0, ())
        try:
            with self._lock:
                conn = self._connection()
                rows = conn.execute(
                    "SELECT m.signature, m.dimension, COUNT(e.model_id) FROM models m "
                    "LEFT JOIN embeddings e ON e.model_id = m.id GROUP BY m.id ORDER BY m.id"
                ).fetchall()
            models = tuple(ModelEntries(json.loads(sig), dim, n) for sig, dim, n in rows)
        except (sqlite3.Error, OSError, ValueError) as exc:
            return CacheInfo(self.path, True, size, 0, (), error=_describe(exc))
        return CacheInfo(self.path, True, size, sum(m.entries for m in models), models)

    def clear(self) -> CacheInfo:
        """Delete the cache file (and its WAL files); return what was there before.

        Deleting the files, not the rows, also gets rid of a corrupt cache. Only files this
        cache created are touched, never the directory or anything else in it.
        """
        before = self.info()
        self.close()
        for path in self._files():
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
        self.disabled_reason = None
        return before

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                try:
                    self._conn.close()
                finally:
                    self._conn = None
                    self._model_ids.clear()

    # -- internals ----------------------------------------------------------------------
    def _files(self) -> list[Path]:
        return [self.path, Path(f"{self.path}-wal"), Path(f"{self.path}-shm")]

    def _connection(self, create: bool = False) -> sqlite3.Connection:
        if self._conn is not None and self._pid != os.getpid():
            self._conn = None  # inherited across fork: never share a SQLite handle
            self._model_ids.clear()
        if self._conn is None:
            if create:
                self.directory.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(
                self.path, timeout=_BUSY_TIMEOUT_S, isolation_level=None, check_same_thread=False
            )
            try:
                _prepare(conn)
            except BaseException:
                conn.close()
                raise
            self._conn, self._pid = conn, os.getpid()
        return self._conn

    def _model_id(self, conn: sqlite3.Connection, key: str) -> tuple[int, int] | None:
        if key not in self._model_ids:
            row = conn.execute("SELECT id, dimension FROM models WHERE key = ?", (key,)).fetchone()
            if row is None:
                return None
            self._model_ids[key] = (int(row[0]), int(row[1]))
        return self._model_ids[key]

    def _register_model(
        self, conn: sqlite3.Connection, key: str, signature: dict[str, Any], dimension: int
    ) -> int:
        conn.execute(
            "INSERT OR IGNORE INTO models (key, signature, dimension) VALUES (?, ?, ?)",
            (key, json.dumps(signature, sort_keys=True, ensure_ascii=False), dimension),
        )
        model = self._model_id(conn, key)
        if model is None or model[1] != dimension:
            raise sqlite3.IntegrityError(f"encoder {key} is recorded with another dimension")
        return model[0]

    @staticmethod
    def _lookup(
        conn: sqlite3.Connection, model_id: int, dimension: int, texts: Sequence[str]
    ) -> dict[int, np.ndarray]:
        wanted: dict[bytes, list[int]] = {}
        for i, text in enumerate(texts):
            wanted.setdefault(text_hash(text), []).append(i)
        found: dict[int, np.ndarray] = {}
        size = 4 * dimension
        keys = list(wanted)
        for start in range(0, len(keys), _LOOKUP_CHUNK):
            chunk = keys[start : start + _LOOKUP_CHUNK]
            marks = ",".join("?" * len(chunk))
            for digest, blob in conn.execute(
                "SELECT text_hash, vector FROM embeddings "
                f"WHERE model_id = ? AND text_hash IN ({marks})",
                (model_id, *chunk),
            ):
                if len(blob) != size:  # a foreign or damaged row: embed again, overwrite it
                    continue
                vector = np.frombuffer(blob, dtype="<f4")
                for i in wanted[digest]:
                    found[i] = vector
        return found

    def _disable(self, exc: BaseException) -> None:
        self.disabled_reason = _describe(exc)
        warnings.warn(
            f"embedding cache {self.path} cannot be used ({self.disabled_reason}); "
            "carrying on without it. `bitext cache clear` deletes it.",
            CacheWarning,
            stacklevel=5,
        )
        with contextlib.suppress(sqlite3.Error):
            self.close()


def _describe(exc: BaseException) -> str:
    return str(exc) or type(exc).__name__


def _prepare(conn: sqlite3.Connection) -> None:
    """WAL mode and the schema. Retries while another process is doing the same right now."""
    deadline = time.monotonic() + _BUSY_TIMEOUT_S
    while True:
        try:
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                raise sqlite3.DatabaseError(
                    f"written by a newer bitext (cache schema {version}, this one reads "
                    f"{SCHEMA_VERSION})"
                )
            if version == 0:
                # Before any table exists (it cannot change later in WAL mode): a 2 KB vector
                # and its key do not fit twice in the default 4 KB page, so half of every page
                # would stay empty. 16 KB pages hold 7 (5,000 vectors: 11.5 MiB, not 19.8 MiB).
                conn.execute(f"PRAGMA page_size={_PAGE_SIZE}")
            if conn.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
                conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")  # safe in WAL; a cache can lose a commit
            if version < SCHEMA_VERSION:
                conn.executescript(
                    f"BEGIN IMMEDIATE; {_SCHEMA} PRAGMA user_version={SCHEMA_VERSION}; COMMIT;"
                )
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            time.sleep(0.05)


class CachedEncoder(EncoderBase):
    """An encoder with the embedding cache in front: only strings never seen are embedded.

    It has the wrapped encoder's name, version, dimension and signature, so results record the
    model, not the cache. ``stats.cache_hits`` and ``stats.embedded`` show what the cache saved.
    """

    def __init__(self, encoder: EncoderBase, cache: EmbeddingCache) -> None:
        super().__init__()
        self.encoder = encoder
        self.cache = cache
        self._key: str | None = None

    name = property(lambda self: self.encoder.name)  # type: ignore[assignment]
    version = property(lambda self: self.encoder.version)  # type: ignore[assignment]
    dimension = property(lambda self: self.encoder.dimension)  # type: ignore[assignment]
    batch_size = property(lambda self: self.encoder.batch_size)  # type: ignore[assignment]

    @property
    def parameters(self) -> dict[str, Any]:
        return self.encoder.parameters

    @property
    def signature(self) -> dict[str, Any]:
        return self.encoder.signature

    @property
    def key(self) -> str:
        if self._key is None:
            self._key = encoder_key(self.signature)
        return self._key

    def _embed_unique(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        hits = self.cache.get(self.key, texts)
        self.stats.cache_hits += len(hits)
        missing = [i for i in range(len(texts)) if i not in hits]
        computed: list[tuple[Sequence[int], np.ndarray]] = []
        for chunk in batches(missing, self.batch_size):
            batch = [texts[i] for i in chunk]
            vectors = self.encoder.embed_batch(batch)
            self.stats.embedded += len(batch)
            computed.append((chunk, vectors))
            self.cache.put(self.key, self.signature, batch, vectors)
        # Learn the width from the data: with every vector cached, the model never loads.
        width = computed[0][1].shape[1] if computed else len(next(iter(hits.values())))
        out = np.empty((len(texts), width), dtype=np.float32)
        for i, vector in hits.items():
            out[i] = vector
        for chunk, vectors in computed:
            out[list(chunk)] = vectors
        return out

    def embed_batch(self, texts: Sequence[str]) -> np.ndarray:
        return self._embed_unique(list(texts))

    def parts_model(self) -> Any:
        """The wrapped encoder's parts model (``embed.parts``), None if it has none."""
        get = getattr(self.encoder, "parts_model", None)
        return get() if get else None

    def encode_parts(self, texts: Sequence[str]) -> Any:
        """Sentence parts, cached like vectors under the encoder's identity plus "parts"."""
        from .parts import FORMAT, SentenceParts

        model = self.parts_model()
        items = list(texts)
        unique = list(dict.fromkeys(items))
        signature = {**self.signature, "parts": FORMAT}
        key = encoder_key(signature)
        hits = self.cache.get(key, unique)
        self.stats.cache_hits += len(hits)
        missing = [unique[i] for i in range(len(unique)) if i not in hits]
        rows: dict[str, np.ndarray] = {unique[i]: v for i, v in hits.items()}
        for batch in batches(missing, self.batch_size):
            computed = self.encoder.encode_parts(batch).rows  # type: ignore[attr-defined]
            self.stats.embedded += len(batch)
            self.cache.put(key, signature, batch, computed)
            rows.update(zip(batch, computed, strict=True))
        out = np.stack([rows[t] for t in items]) if items else np.zeros((0, 0), np.float32)
        return SentenceParts(out, model)

    def __repr__(self) -> str:
        return f"<CachedEncoder {self.encoder!r} at {self.cache.path}>"
