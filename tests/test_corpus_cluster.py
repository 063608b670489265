"""Corpus mode on real dask clusters, loopback only (127.0.0.1): a LocalCluster of 2 workers,
an external ``dask scheduler`` + two ``dask worker`` processes, a worker killed mid-run, a bad
pair among good ones, resume after an interrupted run, the corpus term report."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from corpus_data import article_corpus, term_corpus

from bitext.corpus import align_corpus, resolve_pairs

pytestmark = pytest.mark.slow
distributed = pytest.importorskip("distributed")

ROOT = Path(__file__).resolve().parent.parent
LANGS = {"src_lang": "en", "tgt_lang": "zh"}


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    """One LocalCluster (2 worker processes, one thread each) for the tests of this module."""
    from bitext.corpus.engine import open_client

    with open_client(workers=2) as client:
        yield client


@pytest.fixture
def cache(tmp_path):
    return str(tmp_path / "cache")


def _align_cli(run_cli, src: str, tgt: str, fmt: str, out: Path) -> bytes:
    code, _, err = run_cli("align", src, tgt, "-f", fmt, "-o", out, "--force", "--src-lang", "en",
                           "--tgt-lang", "zh")  # fmt: skip
    assert code == 0, err
    return out.read_bytes()


def _rows(out: Path) -> dict[str, dict]:
    lines = (out / "summary.jsonl").read_text(encoding="utf-8").splitlines()
    return {json.loads(line)["name"]: json.loads(line) for line in lines}


def test_local_cluster_outputs_match_align_and_a_bad_pair_is_recorded(
    client, tmp_path, run_cli, cache
):
    en, zh = article_corpus(tmp_path / "in", documents=4)
    (en / "bad.txt").write_text("", encoding="utf-8")  # empty: cannot be aligned
    (zh / "bad.txt").write_text("这是一个句子。\n", encoding="utf-8")
    out = tmp_path / "out"
    pairs = resolve_pairs(en, zh).pairs
    run = align_corpus(pairs, client=client, out_dir=out, fmt="jsonl", cache_dir=cache, **LANGS)
    results = list(run)
    assert len(results) == 5
    by_name = {r.name: r for r in results}
    assert by_name["bad.txt"].status == "failed" and by_name["bad.txt"].error
    assert {r.worker for r in results if r.ok} == {"0", "1"} or len(results) < 2
    for pair in pairs:
        if pair.name == "bad.txt":
            continue
        expected = _align_cli(run_cli, pair.src, pair.tgt, "jsonl", tmp_path / "align.jsonl")
        assert (out / pair.name).with_suffix(".jsonl").read_bytes() == expected
    rows = _rows(out)
    assert rows["bad.txt"]["status"] == "failed" and rows["bad.txt"]["output"] is None
    good = rows["part1/doc1.txt"]
    assert good["status"] == "ok" and good["hash"].startswith("sha256:")
    assert good["sentences"]["src"] > 0 and sum(good["links"].values()) > 0
    assert good["min_score"] <= good["mean_score"]
    # the CLI on the same cluster: exit 1 because one pair failed, the rest up to date
    code, _, err = run_cli("corpus", en, zh, "-o", out, "-f", "jsonl", "--src-lang", "en",
                           "--tgt-lang", "zh", "--cache-dir", cache,
                           "--scheduler", client.scheduler.address)  # fmt: skip
    assert code == 1
    assert "up to date (skipped)" in err and "failed" in err
    assert _rows(out)["doc0.txt"]["status"] == "skipped"


def test_resume_after_an_interrupted_run(client, tmp_path, cache):
    en, zh = article_corpus(tmp_path / "in", documents=4)
    out = tmp_path / "out"
    pairs = resolve_pairs(en, zh).pairs
    options = {"client": client, "out_dir": out, "fmt": "links", "cache_dir": cache, **LANGS}
    first = align_corpus(pairs, **options)
    for result in first:  # stop after the first pair: an interrupted run
        done = result.name
        break
    time.sleep(0.5)
    assert (out / done).with_suffix(".align").is_file()
    again = {r.name: r.status for r in align_corpus(pairs, **options)}
    assert again[done] == "skipped"
    assert sorted(again.values()).count("ok") >= 1
    outputs = {p.name: (out / p.name).with_suffix(".align").read_bytes() for p in pairs}
    # an edited input is redone; --force redoes everything, with the same bytes
    edited = Path(pairs[0].tgt)
    edited.write_text(edited.read_text(encoding="utf-8") + "新增的一句。\n", encoding="utf-8")
    third = {r.name: r.status for r in align_corpus(pairs, **options)}
    assert third[pairs[0].name] == "ok"
    assert all(s == "skipped" for n, s in third.items() if n != pairs[0].name)
    forced = {r.name: r.status for r in align_corpus(pairs, force=True, **options)}
    assert set(forced.values()) == {"ok"}
    for p in pairs[1:]:
        assert (out / p.name).with_suffix(".align").read_bytes() == outputs[p.name]


def test_corpus_term_report_and_merge(client, tmp_path, run_cli, cache):
    en, zh = term_corpus(tmp_path / "in")
    out = tmp_path / "out"
    code, _, err = run_cli("corpus", en, zh, "-o", out, "--lint", "-g", "ai-safety",
                           "--merge", out / "all.tmx", "--src-lang", "en", "--tgt-lang", "zh",
                           "--cache-dir", cache,
                           "--scheduler", client.scheduler.address)  # fmt: skip
    assert code == 0, err
    assert "reward hacking: 奖励黑客 in 2 documents, 奖励破解 in 1 document" in err
    report = json.loads((out / "terms.json").read_text(encoding="utf-8"))
    term = next(t for t in report["terms"] if t["term"] == "reward hacking")
    assert term["inconsistent"] and term["documents"] == 3
    assert [r["text"] for r in term["renderings"]] == ["奖励黑客", "奖励破解"]
    for name in ("a", "b", "c"):
        lint = json.loads((out / f"{name}.lint.json").read_text(encoding="utf-8"))
        assert "findings" in lint
    merged = (out / "all.tmx").read_text(encoding="utf-8")
    assert merged.count("<tu ") == 12 and 'tuid="12"' in merged


def test_corpus_reads_the_config_lint_would_and_isolated_ignores_it(
    client, tmp_path, run_cli, cache
):
    """A `.bitext.toml` beside the inputs names the glossary, as it would for `bitext lint`:
    the corpus run says which config it used and its term report covers the glossary's terms;
    `--isolated` reads no config."""
    en, zh = term_corpus(tmp_path / "in")
    config = tmp_path / "in" / ".bitext.toml"
    config.write_text('glossaries = ["ai-safety"]\n', encoding="utf-8")
    common = ["--src-lang", "en", "--tgt-lang", "zh", "--cache-dir", cache,
              "--scheduler", client.scheduler.address]  # fmt: skip
    code, _, err = run_cli("corpus", en, zh, "-o", tmp_path / "out", "--lint", *common)
    assert code == 0, err
    assert f"config: {config.resolve()}" in err
    report = json.loads((tmp_path / "out" / "terms.json").read_text(encoding="utf-8"))
    assert any(t["term"] == "reward hacking" for t in report["terms"])
    code, _, err = run_cli(
        "corpus", en, zh, "-o", tmp_path / "iso", "--lint", "--isolated", *common
    )
    assert code == 0, err
    assert "config:" not in err


def test_a_worker_killed_mid_run_has_its_pairs_retried(tmp_path, run_cli, cache):
    from bitext.corpus.engine import open_client

    en, zh = article_corpus(tmp_path / "in", documents=8)
    out = tmp_path / "out"
    pairs = resolve_pairs(en, zh).pairs
    killed = []
    with open_client(workers=2) as client:
        run = align_corpus(pairs, client=client, out_dir=out, fmt="tsv", cache_dir=cache, **LANGS)
        results = []
        for result in run:
            results.append(result)
            if not killed:
                busy = [w for w, keys in client.processing().items() if keys]
                pids = client.run(os.getpid)
                if busy:
                    os.kill(pids[busy[0]], signal.SIGKILL)
                    killed.append(busy[0])
    assert killed, "no worker was busy to kill"
    assert sorted(r.name for r in results) == sorted(p.name for p in pairs)
    assert all(r.status == "ok" for r in results), [r.error for r in results]
    journal = (out / ".bitext-corpus" / "journal.jsonl").read_text(encoding="utf-8")
    assert len(journal.splitlines()) == len(pairs)  # every output written exactly once
    for pair in pairs[:2]:
        expected = _align_cli(run_cli, pair.src, pair.tgt, "tsv", tmp_path / "align.tsv")
        assert (out / pair.name).with_suffix(".tsv").read_bytes() == expected


def _dask(*args: str, env: dict[str, str]) -> subprocess.Popen:
    dask = Path(sys.executable).with_name("dask")
    command = [str(dask), *args] if dask.exists() else [sys.executable, "-m", "dask", *args]
    return subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def test_external_scheduler_and_workers_give_the_same_bytes(tmp_path, run_cli, cache):
    en, zh = article_corpus(tmp_path / "in", documents=3)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "BITEXT_CACHE_DIR": cache,
           "BITEXT_THREADS": "1", "DASK_DISTRIBUTED__WORKER__DAEMON": "False"}  # fmt: skip
    scheduler_file = tmp_path / "scheduler.json"
    procs = [_dask("scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard",
                   "--scheduler-file", str(scheduler_file), env=env)]  # fmt: skip
    try:
        for _ in range(300):
            if scheduler_file.exists() and scheduler_file.stat().st_size:
                break
            time.sleep(0.1)
        address = json.loads(scheduler_file.read_text())["address"]
        assert address.startswith("tcp://127.0.0.1:")
        for _ in range(2):
            procs.append(_dask("worker", "--scheduler-file", str(scheduler_file),
                               "--nthreads", "1", "--host", "127.0.0.1", "--no-dashboard",
                               env=env))  # fmt: skip
        with distributed.Client(address) as client:
            client.wait_for_workers(2, timeout=120)
        out = tmp_path / "out"
        code, _, err = run_cli("corpus", en, zh, "-o", out, "-f", "links", "--src-lang", "en",
                               "--tgt-lang", "zh", "--scheduler", address)  # fmt: skip
        assert code == 0, err
        for pair in resolve_pairs(en, zh).pairs:
            expected = _align_cli(run_cli, pair.src, pair.tgt, "links", tmp_path / "a.align")
            assert (out / pair.name).with_suffix(".align").read_bytes() == expected
    finally:
        for proc in reversed(procs):
            proc.terminate()
        for proc in procs:
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()


def _encoder_loads() -> tuple[str, str, int, int]:
    from bitext.pipeline import _encoder

    info = _encoder.cache_info()
    return os.environ["BITEXT_THREADS"], os.environ["OPENBLAS_NUM_THREADS"], info.misses, info.hits


def test_workers_run_one_blas_thread_and_load_the_encoder_once(client, tmp_path, cache):
    en, zh = article_corpus(tmp_path / "in", documents=6)
    before = client.run(_encoder_loads)
    results = list(align_corpus(resolve_pairs(en, zh).pairs, client=client,
                                out_dir=tmp_path / "out", cache_dir=cache, **LANGS))  # fmt: skip
    after = client.run(_encoder_loads)
    assert len(after) == 2
    for worker, (threads, blas, misses, hits) in after.items():
        assert (threads, blas) == ("1", "1")
        assert misses - before[worker][2] == 1  # loaded once, by the plugin
        assert hits > before[worker][3]  # and reused by every pair the worker aligned
    assert sum(a[3] - before[w][3] for w, a in after.items()) >= len(results)
    assert all(w["nthreads"] == 1 for w in client.scheduler_info()["workers"].values())


def test_local_workers_run_without_the_profiler(client):
    """dask's 10 ms stack sampler feeds only the dashboard; a local cluster without
    --dashboard runs without it (settings.WORKER_PROFILE_WITHOUT_DASHBOARD)."""

    def profiling() -> bool:
        import dask.config

        return bool(dask.config.get("distributed.worker.profile.enabled"))

    assert set(client.run(profiling).values()) == {False}
