"""Corpus mode without a cluster: pairing, manifests, one pair's task, the term reduce, the CLI's
usage errors and its message when dask is not installed."""

from __future__ import annotations

import sys

import pytest
from corpus_data import article_corpus

from bitext.corpus import CorpusJob, CorpusPair, PipelineOptions, resolve_pairs
from bitext.corpus.job import pair_hash
from bitext.corpus.task import run_pair
from bitext.corpus.termreport import merge_term_counts, term_report
from bitext.errors import UsageError


def test_directories_pair_by_relative_path(tmp_path):
    en, zh = article_corpus(tmp_path, documents=3)
    (en / "lonely.txt").write_text("No translation.\n", encoding="utf-8")
    plan = resolve_pairs(en, zh)
    assert [p.name for p in plan.pairs] == ["doc0.txt", "doc2.txt", "part1/doc1.txt"]
    assert all(p.size > 0 for p in plan.pairs)
    assert any("lonely.txt" in w for w in plan.warnings)


def test_pair_rule_names_outputs_after_the_fixed_root(tmp_path, monkeypatch):
    article_corpus(tmp_path, documents=2)
    monkeypatch.chdir(tmp_path)
    plan = resolve_pairs(pair_rules=["en/**/*.txt=zh/**/*.txt"])
    assert sorted(p.name for p in plan.pairs) == ["doc0.txt", "part1/doc1.txt"]
    assert all(p.tgt.startswith("zh") for p in plan.pairs)


def test_manifest_paths_are_relative_to_the_manifest(tmp_path):
    article_corpus(tmp_path, documents=2)
    manifest = tmp_path / "pairs.tsv"
    manifest.write_text(
        "# source\ttarget\nen/doc0.txt\tzh/doc0.txt\n\nen/part1/doc1.txt\tzh/part1/doc1.txt\n",
        encoding="utf-8",
    )
    plan = resolve_pairs(manifest=manifest)
    assert [p.name for p in plan.pairs] == ["en/doc0.txt", "en/part1/doc1.txt"]
    manifest.write_text("en/doc0.txt zh/doc0.txt\n", encoding="utf-8")
    with pytest.raises(UsageError, match=r"pairs.tsv:1: expected 'source<TAB>target'"):
        resolve_pairs(manifest=manifest)


def test_two_sources_that_would_share_an_output_are_refused(tmp_path):
    for side in ("en", "zh"):
        (tmp_path / side).mkdir()
        for name in ("intro.md", "intro.txt"):
            (tmp_path / side / name).write_text("x\n", encoding="utf-8")
    with pytest.raises(UsageError, match="would write the same output"):
        resolve_pairs(tmp_path / "en", tmp_path / "zh")


def test_one_pair_task_renders_what_align_renders(tmp_path, encoder):
    from bitext.pipeline import align_files
    from bitext.report.align_formats import render

    en, zh = article_corpus(tmp_path, documents=1)
    pair = CorpusPair(str(en / "doc0.txt"), str(zh / "doc0.txt"), "doc0.txt", 1)
    job = CorpusJob(PipelineOptions(src_lang="en", tgt_lang="zh"), fmt="jsonl")
    result = run_pair(pair, job)
    expected = align_files([pair.src, pair.tgt], src_lang="en", tgt_lang="zh")
    assert result.status == "ok"
    assert result.output == render(expected, "jsonl").text
    assert result.sentences == {
        "src": len(expected.src.segments),
        "tgt": len(expected.tgt.segments),
    }
    assert sum(result.links.values()) == len(expected.alignment.links)
    assert result.hash == pair_hash(pair.src, pair.tgt, job)
    assert result.min_score is not None and result.min_score <= result.mean_score


def test_a_bad_pair_comes_back_failed_not_raised(tmp_path):
    missing = CorpusPair(str(tmp_path / "nope.txt"), str(tmp_path / "nope.zh.txt"), "nope.txt")
    result = run_pair(missing, CorpusJob())
    assert result.status == "failed" and "cannot read" in (result.error or "")
    big = tmp_path / "big.txt"
    big.write_text("word " * 100, encoding="utf-8")
    too_large = CorpusPair(str(big), str(big), "big.txt", size=1000)
    result = run_pair(too_large, CorpusJob(max_bytes=10))
    assert result.status == "failed" and "too large" in (result.error or "")


def test_the_hash_changes_with_inputs_and_options(tmp_path):
    src, tgt = tmp_path / "a.txt", tmp_path / "b.txt"
    src.write_text("One.\n", encoding="utf-8")
    tgt.write_text("一。\n", encoding="utf-8")
    base = pair_hash(src, tgt, CorpusJob())
    assert pair_hash(src, tgt, CorpusJob(PipelineOptions(cache_dir="/elsewhere"))) == base
    assert pair_hash(src, tgt, CorpusJob(PipelineOptions(max_align=3))) != base
    assert pair_hash(src, tgt, CorpusJob(fmt="tmx")) != base
    tgt.write_text("二。\n", encoding="utf-8")
    assert pair_hash(src, tgt, CorpusJob()) != base


def test_term_counts_reduce_in_any_tree_shape():
    docs = [
        {"reward hacking": {"奖励黑客": 3}},
        {"reward hacking": {"奖励黑客": 1}, "foom": {"foom": 2}},
        {"reward hacking": {"奖励破解": 2}},
        {"foom": {"福姆": 1}},
    ]
    flat = merge_term_counts(*docs)
    tree = merge_term_counts(merge_term_counts(docs[0], docs[1]), merge_term_counts(*docs[2:]))
    assert flat == tree
    report = term_report(flat)
    assert [t.line() for t in report] == [
        "reward hacking: 奖励黑客 in 2 documents, 奖励破解 in 1 document",
        "foom: foom in 1 document, 福姆 in 1 document",
    ]
    assert term_report(merge_term_counts(docs[3])) == []  # one document: not a corpus term
    assert term_report(merge_term_counts(docs[3]), frozenset({"foom"}))[0].documents == 1


def test_cli_without_dask_says_how_to_install(run_cli, tmp_path, monkeypatch):
    en, zh = article_corpus(tmp_path, documents=1)
    monkeypatch.setitem(sys.modules, "distributed", None)
    code, _, err = run_cli("corpus", en, zh, "-o", tmp_path / "out")
    assert code == 2
    assert "pip install 'bitext[corpus]'" in err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--format", "table"], "--format must be one of links, jsonl, tsv, tmx"),
        (["--merge", "all.txt"], "must end in .tmx or .jsonl"),
        (["--workers", "2", "--scheduler", "tcp://127.0.0.1:1"], "--workers starts a local"),
    ],
)
def test_cli_usage_errors_exit_2(run_cli, tmp_path, args, message):
    en, zh = article_corpus(tmp_path, documents=1)
    code, _, err = run_cli("corpus", en, zh, "-o", tmp_path / "out", *args)
    assert code == 2
    assert message in " ".join(err.split())


def test_cli_needs_pairs(run_cli, tmp_path):
    code, _, err = run_cli("corpus", "-o", tmp_path / "out")
    assert code == 2 and "no document pairs" in err
