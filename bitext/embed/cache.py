"""An on-disk embedding cache: one SQLite file, safe for several bitext processes at once.

Why SQLite in WAL mode: two CI jobs aligning at the same time must not tear each other's
entries, and a reader must never wait for a writer. ``connect(timeout=30)`` queues writers;
each batch is one ``BEGIN IMMEDIATE`` transaction (../shared/LIBRARIES.md row 7: two processes
x 5,000 vectors, no errors). Keys are (encoder identity, SHA-256 of the text); the encoder
identity is a hash of its signature (name, version, parameters), so a new model version never
reads an old vector. Values are stored as raw little-endian float32, exactly what the encoder
returned, so a cached run gives the same bytes as the run that filled the cache. Sentence parts
(``embed.parts``) are stored the same way under the identity plus ``"parts"``.

**Only our own file is touched.** The file is marked with ``PRAGMA application_id``
(``APPLICATION_ID``) and its 100-byte header is read with a plain ``open`` before SQLite opens
it for writing: a file with another mark, or not SQLite at all, is left byte-identical (no WAL
switch, no table, no ``user_version``), reported once with a ``CacheWarning``, and the run goes
on without a cache; ``clear`` refuses to delete it. A file of the previous bitext (schema 1, no
mark yet) is recognised by its exact schema, read through an ``immutable`` connection that
writes nothing, and adopted: marked, given the ``used`` table, ``user_version`` 2.

**Bounded size.** Every entry has a last-used time (a small table of its own, so that marking a
hit never rewrites the page holding a 6-10 KB row; refreshed at most once an hour, so a warm
re-run writes nothing). When the file grows past the cap (``DEFAULT_MAX_BYTES``, or
``$BITEXT_CACHE_MAX_SIZE``), the least recently used entries are deleted down to
``PRUNE_TO`` of it; ``bitext cache prune`` does the same and gives the space back to the disk.

A cache that cannot be used (corrupt file, no permission, full disk) is reported once with a
``CacheWarning`` and then bypassed: embedding still works, only slower.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import sqlite3
import threading
import time
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

import numpy as np

from ..errors import BitextError, BitextWarning
from .base import EncoderBase, batches

CACHE_FILENAME = "embeddings.sqlite3"
#: ``PRAGMA application_id`` of a bitext cache: "BTXT" as a big-endian 32-bit integer.
APPLICATION_ID = 0x42545854
#: 1: models + embeddings (bitext <= this change, no application_id); 2: + used, marked.
SCHEMA_VERSION = 2
#: default cap on the file's size. Measured (benchmarks/warm_runs.py, 11,371 distinct gold
#: sentences aligned): 9.8 KB a sentence on disk (its parts: 6.2 KB for a sentence of one
#: clause, 10.3 KB with a clause split, which 2 in 3 gold sentences have; 10% page overhead),
#: so 1 GiB holds ~110,000 sentences.
DEFAULT_MAX_BYTES = 1 << 30
#: pruning deletes least recently used entries until the live data is this share of the cap,
#: so that a cache at its cap is not pruned again after every batch.
PRUNE_TO = 0.9
#: a hit refreshes its entry's last-used time only when it is older than this: a warm re-run
#: within the hour writes nothing (LRU order at one-hour resolution is plenty for a cache).
TOUCH_AFTER_S = 3600
#: the file's size is checked against the cap after this many bytes were written (and at the
#: first write of a process): a stat per batch would be cheap too, but this bounds overshoot.
_CHECK_EVERY_BYTES = 32 << 20
#: SQLite's default limit on ``?`` parameters was 999 before 3.32; stay under it.
_LOOKUP_CHUNK = 900
_BUSY_TIMEOUT_S = 30.0
#: 64 KB pages (SQLite's largest): a parts row is 6.2 KB (one clause) or 10.3 KB, and rows do
#: not span pages; in 16 KB pages a 10.3 KB row left 6 KB of its page empty (issue 19 measured
#: 8-14 KB a sentence). Must be set before the first table exists.
_PAGE_SIZE = 65536
#: WAL pages between checkpoints (see ``_prepare``)
_WAL_PAGES = 64
_SQLITE_MAGIC = b"SQLite format 3\x00"

_SCHEMA_V1 = """
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
_SCHEMA_V2 = """
CREATE TABLE IF NOT EXISTS used (
    model_id INTEGER NOT NULL,
    text_hash BLOB NOT NULL,
    at INTEGER NOT NULL,
    PRIMARY KEY (model_id, text_hash)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS used_at ON used (at);
"""
#: sqlite_master of a schema-1 file as bitext wrote it: (type, name) -> normalised SQL
_V1_OBJECTS = {
    ("table", "models"),
    ("table", "embeddings"),
    ("index", "sqlite_autoindex_models_1"),
    ("index", "sqlite_autoindex_embeddings_1"),
}


class CacheWarning(BitextWarning):
    """The embedding cache could not be used; bitext carried on without it."""


class CacheError(BitextError):
    """A cache command that cannot do what was asked (a foreign file, a file as the folder)."""


class ForeignFile(Exception):
    """The cache path holds a file bitext did not write; the message says what it is."""


def default_cache_dir() -> Path:
    """``$BITEXT_CACHE_DIR`` if set, else the platform's user cache dir (~/.cache/bitext)."""
    env = os.environ.get("BITEXT_CACHE_DIR")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("bitext"))


_UNITS = {"": 1, "b": 1, "k": 1 << 10, "m": 1 << 20, "g": 1 << 30, "t": 1 << 40}


def parse_size(text: str) -> int:
    """Bytes in ``text`` such as ``500MB``, ``2G``, ``1.5 GiB`` or ``1048576`` (binary units)."""
    found = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([kmgt]?)(?:i?b)?\s*", text.lower())
    if not found:
        raise CacheError(f"cannot read {text!r} as a size (e.g. 500MB, 2GB)")
    return int(float(found.group(1)) * _UNITS[found.group(2)])


def default_max_bytes() -> int:
    """The cap in force: ``$BITEXT_CACHE_MAX_SIZE`` if set, else ``DEFAULT_MAX_BYTES``."""
    env = os.environ.get("BITEXT_CACHE_MAX_SIZE", "").strip()
    return parse_size(env) if env else DEFAULT_MAX_BYTES


def encoder_key(signature: dict[str, Any]) -> str:
    """A stable identity for an encoder: the hash of its signature with sorted keys."""
    blob = json.dumps(signature, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:32]


def text_hash(text: str) -> bytes:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).digest()


def classify_file(path: Path) -> str:
    """What the file at ``path`` is, read without SQLite and without writing anything:
    ``"missing"``, ``"new"`` (zero bytes: SQLite's empty database), ``"ours"``, ``"legacy"``
    (bitext's schema 1) or ``"foreign"`` (raises nothing; ``foreign_reason`` says why)."""
    return _classify(path)[0]


def _classify(path: Path) -> tuple[str, str]:
    try:
        with open(path, "rb") as fh:
            header = fh.read(100)
    except FileNotFoundError:
        return "missing", ""
    except IsADirectoryError:
        return "foreign", "it is a folder"
    except OSError as exc:
        return "unreadable", _describe(exc)
    if not header:
        return "new", ""
    if len(header) < 100 or not header.startswith(_SQLITE_MAGIC):
        return "foreign", "it is not an SQLite database"
    app_id = int.from_bytes(header[68:72], "big")
    if app_id == APPLICATION_ID:
        return "ours", ""
    if app_id != 0:
        return "foreign", f"an SQLite database of another program (application_id {app_id:#x})"
    if int.from_bytes(header[60:64], "big") == 1 and _has_v1_schema(path):
        return "legacy", ""
    return "foreign", "an SQLite database that bitext did not write"


def _has_v1_schema(path: Path) -> bool:
    """Whether ``path`` has exactly the tables of a schema-1 bitext cache. ``immutable=1``:
    SQLite takes no lock and writes nothing (no -wal, no -shm), it only reads the file."""
    uri = f"file:{quote(str(path.resolve()))}?mode=ro&immutable=1"
    try:
        conn = sqlite3.connect(uri, uri=True)
    except sqlite3.Error:
        return False
    try:
        rows = conn.execute("SELECT type, name, sql FROM sqlite_master").fetchall()
        columns = {
            table: [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]
            for table in ("models", "embeddings")
        }
    except sqlite3.Error:
        return False
    finally:
        conn.close()
    return {(t, n) for t, n, _ in rows} == _V1_OBJECTS and columns == {
        "models": ["id", "key", "signature", "dimension"],
        "embeddings": ["model_id", "text_hash", "vector"],
    }


@dataclass(frozen=True)
class ModelEntries:
    """One encoder's share of the cache."""

    signature: dict[str, Any]
    dimension: int
    entries: int


@dataclass(frozen=True)
class CacheInfo:
    """What ``bitext cache info`` shows. ``error`` is set when the file cannot be read;
    ``foreign`` when it is not a bitext cache at all (then it is never touched)."""

    path: Path
    exists: bool
    size_bytes: int
    entries: int
    models: tuple[ModelEntries, ...]
    error: str | None = None
    foreign: str | None = None
    max_bytes: int = DEFAULT_MAX_BYTES


@dataclass(frozen=True)
class PruneResult:
    """What ``prune`` did: entries deleted, file size before and after."""

    path: Path
    removed: int
    size_before: int
    size_after: int
    max_bytes: int


Decoder = Callable[[bytes], "np.ndarray | None"]


class EmbeddingCache:
    """The cache file in ``directory`` (None: ``default_cache_dir()``), opened on first use.

    ``max_bytes`` None: ``default_max_bytes()``."""

    def __init__(self, directory: str | Path | None = None, max_bytes: int | None = None) -> None:
        self.directory = Path(directory).expanduser() if directory else default_cache_dir()
        self.path = self.directory / CACHE_FILENAME
        self.max_bytes = default_max_bytes() if max_bytes is None else int(max_bytes)
        self.disabled_reason: str | None = None
        self._conn: sqlite3.Connection | None = None
        self._pid = 0
        self._model_ids: dict[str, tuple[int, int]] = {}  # key -> (row id, dimension)
        self._lock = threading.Lock()
        self._written = 0  # bytes written since the size was last checked
        self._checked = False

    # -- public -------------------------------------------------------------------------
    def get(
        self,
        key: str,
        texts: Sequence[str],
        dimension: int | None = None,
        decode: Decoder | None = None,
    ) -> dict[int, np.ndarray]:
        """Cached values for ``texts`` under encoder ``key``: {index in texts: vector}.

        ``dimension`` None trusts the one recorded for ``key``, so a fully cached run never
        has to load the model just to learn it. ``decode`` turns a stored blob into its array
        (None for a damaged blob); the default reads ``dimension`` float32 values.
        """
        found: dict[int, np.ndarray] = {}

        def take(indices: list[int], blob: bytes, recorded: int) -> bool:
            if decode is not None:
                vector = decode(blob)
                if vector is None:  # a foreign or damaged row: embed again, overwrite it
                    return False
            elif len(blob) != 4 * recorded:
                return False
            else:
                vector = np.frombuffer(blob, dtype="<f4")
            for i in indices:
                found[i] = vector
            return True

        self.fill(key, texts, dimension, take)
        return found

    def fill(
        self,
        key: str,
        texts: Sequence[str],
        dimension: int | None,
        take: Callable[[list[int], bytes, int], bool],
    ) -> set[int]:
        """``get`` without building arrays: ``take(indices in texts, blob, dimension recorded)``
        is called for each stored text and says whether the blob was usable; returns the
        indices taken. (The
        aligner's parts go straight into their compact layout this way, never held twice.)"""
        if self.disabled_reason or not texts or not self.path.exists():
            return set()
        try:
            with self._lock:
                conn = self._connection()
                model = self._model_id(conn, key)
                if model is None or (dimension is not None and dimension != model[1]):
                    return set()
                return self._lookup(conn, model[0], model[1], texts, take)
        except ForeignFile as exc:
            self._disable_foreign(str(exc))
            return set()
        except (sqlite3.Error, OSError) as exc:
            self._disable(exc)
            return set()

    def put(
        self, key: str, signature: dict[str, Any], texts: Sequence[str], vectors: np.ndarray
    ) -> None:
        """Store one batch of vectors in one transaction (all or nothing, even with other
        writers)."""
        blobs = [np.ascontiguousarray(v, dtype="<f4").tobytes() for v in vectors]
        self.put_blobs(key, signature, int(vectors.shape[1]), texts, blobs)

    def put_blobs(
        self,
        key: str,
        signature: dict[str, Any],
        dimension: int,
        texts: Sequence[str],
        blobs: Sequence[bytes],
    ) -> None:
        """``put`` for values already encoded (``embed.parts.pack_row``)."""
        if self.disabled_reason or not texts:
            return
        now = int(time.time())
        hashes = [text_hash(t) for t in texts]
        try:
            with self._lock:
                conn = self._connection(create=True)
                conn.execute("BEGIN IMMEDIATE")
                try:
                    model_id = self._register_model(conn, key, signature, dimension)
                    conn.executemany(
                        "INSERT INTO embeddings (model_id, text_hash, vector) VALUES (?, ?, ?) "
                        "ON CONFLICT (model_id, text_hash) DO UPDATE SET vector = excluded.vector",
                        [(model_id, h, b) for h, b in zip(hashes, blobs, strict=True)],
                    )
                    conn.executemany(
                        "INSERT OR REPLACE INTO used (model_id, text_hash, at) VALUES (?, ?, ?)",
                        [(model_id, h, now) for h in hashes],
                    )
                    conn.execute("COMMIT")
                except BaseException:
                    if conn.in_transaction:
                        conn.execute("ROLLBACK")
                    self._model_ids.pop(key, None)
                    raise
                self._written += sum(len(b) for b in blobs)
                every = min(_CHECK_EVERY_BYTES, self.max_bytes // 16)
                if not self._checked or self._written >= every:
                    self._checked, self._written = True, 0
                    self._prune_if_over(conn)
        except ForeignFile as exc:
            self._disable_foreign(str(exc))
        except (sqlite3.Error, OSError) as exc:
            self._disable(exc)

    def info(self) -> CacheInfo:
        """Location, number of entries and bytes on disk, per encoder. Never raises; never
        opens a file that is not a bitext cache."""
        size = self._size_on_disk()
        kind, reason = _classify(self.path)

        def made(
            models: tuple[ModelEntries, ...] = (),
            error: str | None = None,
            foreign: str | None = None,
        ) -> CacheInfo:
            entries = sum(m.entries for m in models)
            exists = kind != "missing"
            return CacheInfo(
                self.path, exists, size, entries, models, error, foreign, self.max_bytes
            )

        if kind == "missing":
            return made()
        if kind == "foreign":
            return made(foreign=reason)
        try:
            with self._lock:
                conn = self._connection()
                rows = conn.execute(
                    "SELECT m.signature, m.dimension, COUNT(e.model_id) FROM models m "
                    "LEFT JOIN embeddings e ON e.model_id = m.id GROUP BY m.id ORDER BY m.id"
                ).fetchall()
            return made(tuple(ModelEntries(json.loads(sig), dim, n) for sig, dim, n in rows))
        except ForeignFile as exc:
            return made(foreign=str(exc))
        except (sqlite3.Error, OSError, ValueError) as exc:
            return made(error=_describe(exc))

    def clear(self) -> CacheInfo:
        """Delete the cache file (and its WAL files); return what was there before.

        Deleting the files, not the rows, also gets rid of a damaged cache of ours. A file
        bitext did not write is never deleted (``CacheError``), nor the directory or anything
        else in it.
        """
        self._check_directory()
        before = self.info()
        if before.foreign:
            raise CacheError(
                f"{self.path} is not a bitext cache ({before.foreign}); it was left as it is. "
                "Delete it yourself if it is not needed, or give another --cache-dir"
            )
        self.close()
        for path in self._files():
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
        self.disabled_reason = None
        return before

    def prune(self, max_bytes: int | None = None, vacuum: bool = True) -> PruneResult:
        """Delete least recently used entries until the cache holds at most ``PRUNE_TO`` of
        ``max_bytes`` (None: this cache's cap), then give the freed pages back to the disk
        (``vacuum``). Raises ``CacheError`` for a foreign or unusable file."""
        self._check_directory()
        cap = self.max_bytes if max_bytes is None else int(max_bytes)
        before = self._size_on_disk()
        if _classify(self.path)[0] == "missing":
            return PruneResult(self.path, 0, before, before, cap)
        try:
            with self._lock:
                conn = self._connection()
                removed = self._prune(conn, cap)
                if vacuum:
                    conn.execute("VACUUM")
                    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        except ForeignFile as exc:
            raise CacheError(f"{self.path} is not a bitext cache ({exc}); left as it is") from exc
        except (sqlite3.Error, OSError) as exc:
            raise CacheError(f"cannot prune {self.path}: {_describe(exc)}") from exc
        return PruneResult(self.path, removed, before, self._size_on_disk(), cap)

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

    def _size_on_disk(self) -> int:
        size = 0
        for path in self._files():
            with contextlib.suppress(OSError):
                if path.is_file():
                    size += path.stat().st_size
        return size

    def _check_directory(self) -> None:
        if self.directory.exists() and not self.directory.is_dir():
            raise CacheError(f"the cache folder {self.directory} is a file, not a folder")

    def _connection(self, create: bool = False) -> sqlite3.Connection:
        if self._conn is not None and self._pid != os.getpid():
            self._conn = None  # inherited across fork: never share a SQLite handle
            self._model_ids.clear()
        if self._conn is None:
            kind, reason = _classify(self.path)
            if kind == "foreign":
                raise ForeignFile(reason)
            if kind == "unreadable":
                raise OSError(reason)
            if kind == "missing" and not create:
                raise FileNotFoundError(f"{self.path} does not exist")
            if create:
                if self.directory.exists() and not self.directory.is_dir():
                    raise OSError(f"the cache folder {self.directory} is a file, not a folder")
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
        conn: sqlite3.Connection,
        model_id: int,
        dimension: int,
        texts: Sequence[str],
        take: Callable[[list[int], bytes, int], bool],
    ) -> set[int]:
        wanted: dict[bytes, list[int]] = {}
        for i, text in enumerate(texts):
            wanted.setdefault(text_hash(text), []).append(i)
        found: set[int] = set()
        keys = list(wanted)
        stale: list[bytes] = []
        old = int(time.time()) - TOUCH_AFTER_S
        for start in range(0, len(keys), _LOOKUP_CHUNK):
            chunk = keys[start : start + _LOOKUP_CHUNK]
            marks = ",".join("?" * len(chunk))
            for digest, blob, at in conn.execute(
                "SELECT e.text_hash, e.vector, u.at FROM embeddings e LEFT JOIN used u "
                "ON u.model_id = e.model_id AND u.text_hash = e.text_hash "
                f"WHERE e.model_id = ? AND e.text_hash IN ({marks})",
                (model_id, *chunk),
            ):
                if not take(wanted[digest], blob, dimension):
                    continue
                found.update(wanted[digest])
                if at is None or at < old:
                    stale.append(digest)
        if stale:
            _touch(conn, model_id, stale)
        return found

    def _prune_if_over(self, conn: sqlite3.Connection) -> None:
        if self._size_on_disk() > self.max_bytes:
            self._prune(conn, self.max_bytes)

    @staticmethod
    def _prune(conn: sqlite3.Connection, cap: int) -> int:
        """Delete the least recently used entries (those never marked first) until the live
        pages fit ``PRUNE_TO * cap``; returns how many were deleted."""
        target = PRUNE_TO * cap
        removed = 0
        for _ in range(8):  # each round aims at the target from the average entry size
            page = conn.execute("PRAGMA page_size").fetchone()[0]
            live = page * (
                conn.execute("PRAGMA page_count").fetchone()[0]
                - conn.execute("PRAGMA freelist_count").fetchone()[0]
            )
            count = conn.execute("SELECT COUNT(*) FROM embeddings").fetchone()[0]
            if live <= target or not count:
                break
            drop = min(count, int(count * (1 - target / live)) + 1)
            conn.execute("BEGIN IMMEDIATE")
            try:
                conn.execute(
                    "DELETE FROM embeddings WHERE (model_id, text_hash) IN ("
                    "SELECT e.model_id, e.text_hash FROM embeddings e LEFT JOIN used u "
                    "ON u.model_id = e.model_id AND u.text_hash = e.text_hash "
                    "ORDER BY COALESCE(u.at, 0) LIMIT ?)",
                    (drop,),
                )
                removed += conn.execute("SELECT changes()").fetchone()[0]
                conn.execute(
                    "DELETE FROM used WHERE NOT EXISTS (SELECT 1 FROM embeddings e WHERE "
                    "e.model_id = used.model_id AND e.text_hash = used.text_hash)"
                )
                conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise
        return removed

    def _disable(self, exc: BaseException) -> None:
        self.disabled_reason = _describe(exc)
        # advise deleting only a file that is ours to delete
        advice = " `bitext cache clear` deletes it." if classify_file(self.path) == "ours" else ""
        warnings.warn(
            f"embedding cache {self.path} cannot be used ({self.disabled_reason}); "
            f"carrying on without it.{advice}",
            CacheWarning,
            stacklevel=5,
        )
        with contextlib.suppress(sqlite3.Error):
            self.close()

    def _disable_foreign(self, reason: str) -> None:
        self.disabled_reason = f"not a bitext cache: {reason}"
        warnings.warn(
            f"{self.path} is not a bitext embedding cache ({reason}); it is left untouched "
            "and this run goes without a cache. Give another --cache-dir to cache.",
            CacheWarning,
            stacklevel=5,
        )
        with contextlib.suppress(sqlite3.Error):
            self.close()


def _touch(conn: sqlite3.Connection, model_id: int, digests: list[bytes]) -> None:
    """Mark entries as used now; skipped (not an error) where the file is read-only."""
    now = int(time.time())
    try:
        conn.execute("BEGIN IMMEDIATE")
        conn.executemany(
            "INSERT OR REPLACE INTO used (model_id, text_hash, at) VALUES (?, ?, ?)",
            [(model_id, d, now) for d in digests],
        )
        conn.execute("COMMIT")
    except sqlite3.OperationalError:  # a read-only cache, or busy: the hits still count
        if conn.in_transaction:
            conn.execute("ROLLBACK")


def _describe(exc: BaseException) -> str:
    return str(exc) or type(exc).__name__


def _state(conn: sqlite3.Connection) -> tuple[int, int, bool]:
    """(application_id, user_version, whether any table exists); raises ``ForeignFile``
    for a database bitext did not write and ``DatabaseError`` for a newer schema."""
    app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    tables = conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()[0] > 0
    unmarked_not_ours = app_id == 0 and (version > 1 or (tables and version == 0))
    if app_id not in (0, APPLICATION_ID) or unmarked_not_ours:
        raise ForeignFile("an SQLite database that bitext did not write")
    if version > SCHEMA_VERSION:
        raise sqlite3.DatabaseError(
            f"written by a newer bitext (cache schema {version}, this one reads {SCHEMA_VERSION})"
        )
    return app_id, version, tables


def _prepare(conn: sqlite3.Connection) -> None:
    """Our mark, the schema and WAL mode, on a file ``_classify`` found to be new, ours or
    ours from schema 1 (checked again inside the transaction: another process may have been
    first). A file that is already ready is only read, so a read-only cache still serves
    hits. Retries while another process is doing the same right now."""
    deadline = time.monotonic() + _BUSY_TIMEOUT_S
    while True:
        try:
            app_id, version, _ = _state(conn)
            if version < SCHEMA_VERSION or app_id != APPLICATION_ID:
                # Before any table exists (it cannot change later in WAL mode); else a no-op.
                conn.execute(f"PRAGMA page_size={_PAGE_SIZE}")
                conn.execute("BEGIN IMMEDIATE")
                try:
                    app_id, version, _ = _state(conn)
                    if version < SCHEMA_VERSION or app_id != APPLICATION_ID:
                        for statement in (_SCHEMA_V1 + _SCHEMA_V2).split(";"):
                            if statement.strip():
                                conn.execute(statement)
                        conn.execute(f"PRAGMA application_id={APPLICATION_ID}")
                        conn.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
                    conn.execute("COMMIT")
                except BaseException:
                    if conn.in_transaction:
                        conn.execute("ROLLBACK")
                    raise
            if conn.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
                conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")  # safe in WAL; a cache can lose a commit
            # checkpoint every 64 pages (4 MB at 64 KB a page; SQLite's 1,000 would be 64 MB
            # of WAL beside the cache) and keep the WAL file below that once checkpointed
            conn.execute(f"PRAGMA wal_autocheckpoint={_WAL_PAGES}")
            conn.execute(f"PRAGMA journal_size_limit={_WAL_PAGES * _PAGE_SIZE}")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
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
        done = len(hits)
        for chunk in batches(missing, self.batch_size):
            batch = [texts[i] for i in chunk]
            vectors = self.encoder.embed_batch(batch)
            self.stats.embedded += len(batch)
            computed.append((chunk, vectors))
            self.cache.put(self.key, self.signature, batch, vectors)
            done += len(batch)
            self._tick(done, len(texts))
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
        """The wrapped encoder's parts model (``embed.parts``), None if it has none. Loads
        nothing: with every sentence cached, no weights but the MLP head's are ever read."""
        get = getattr(self.encoder, "parts_model", None)
        return get() if get else None

    def encode_parts(self, texts: Sequence[str]) -> Any:
        """Sentence parts, cached like vectors under the encoder's identity plus "parts".

        Rows are decoded straight into ``SentenceParts``' compact layout (``core`` for every
        sentence, HEAD/TAIL only for those with a clause split): a long document's parts are
        never held twice, nor as full rows."""
        from .parts import FORMAT, WIDTH, pack_row
        from .sentence_parts import SentenceParts, take_blob

        model = self.parts_model()
        items = list(texts)
        unique = list(dict.fromkeys(items))
        self.stats.calls += 1
        self.stats.requested += len(items)
        self.stats.unique += len(unique)
        signature = {**self.signature, "parts": FORMAT}
        key = encoder_key(signature)
        at: dict[str, list[int]] = {}
        for i, t in enumerate(items):
            at.setdefault(t, []).append(i)
        positions = [at[t] for t in unique]
        core = SentenceParts.empty_core(len(items))
        clauses: dict[int, np.ndarray] = {}

        def take(indices: list[int], blob: bytes, _dimension: int) -> bool:
            return all(take_blob(core, clauses, positions[i], blob) for i in indices)

        hits = self.cache.fill(key, unique, WIDTH, take)
        self.stats.cache_hits += len(hits)
        missing = [i for i in range(len(unique)) if i not in hits]
        done = len(hits)
        for batch in batches(missing, self.batch_size):
            computed = self.encoder.encode_parts([unique[i] for i in batch]).rows  # type: ignore[attr-defined]
            self.stats.embedded += len(batch)
            blobs = [pack_row(r) for r in computed]
            self.cache.put_blobs(key, signature, WIDTH, [unique[i] for i in batch], blobs)
            for i, blob in zip(batch, blobs, strict=True):
                take_blob(core, clauses, positions[i], blob)
            done += len(batch)
            self._tick(done, len(unique))
        return SentenceParts.from_taken(core, clauses, model)

    def cached_strings(
        self, name: str, texts: Sequence[str], make: Callable[[list[str]], list[str]]
    ) -> list[str]:
        """``make(texts)``, one string per text, kept in the cache under ``name`` (which must
        name the function and its version) like vectors: a warm run reads them back instead of
        making them (the aligner's cleaned texts: no word list is loaded then)."""
        unique = list(dict.fromkeys(texts))
        signature = {"strings": name}
        key = encoder_key(signature)
        found: dict[int, str] = {}

        def take(indices: list[int], blob: bytes, _dimension: int) -> bool:
            try:
                value = bytes(blob).decode("utf-8", "surrogatepass")
            except UnicodeDecodeError:
                return False
            for i in indices:
                found[i] = value
            return True

        self.cache.fill(key, unique, None, take)
        missing = [i for i in range(len(unique)) if i not in found]
        if missing:
            made = make([unique[i] for i in missing])
            blobs = [m.encode("utf-8", "surrogatepass") for m in made]
            self.cache.put_blobs(key, signature, 0, [unique[i] for i in missing], blobs)
            found.update(zip(missing, made, strict=True))
        value = {t: found[i] for i, t in enumerate(unique)}
        return [value[t] for t in texts]

    def __repr__(self) -> str:
        return f"<CachedEncoder {self.encoder!r} at {self.cache.path}>"
