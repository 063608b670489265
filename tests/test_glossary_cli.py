"""`bitext glossary list|check|import|export` and `bitext terms` through the CLI."""

from __future__ import annotations

from pathlib import Path

import yaml

import bitext

DATA = Path(__file__).parent / "data"


def test_list_shows_shipped_glossaries(run_cli):
    code, out, _ = run_cli("glossary", "list")
    assert code == 0
    line = next(line for line in out.splitlines() if line.startswith("ai-safety"))
    assert "terms" in line and "en->zh" in line


def test_check_reports_ok_with_term_count(run_cli):
    code, out, err = run_cli("glossary", "check", "ai-safety", DATA / "glossaries" / "policy.yaml")
    assert code == 0, err
    assert out.count(": ok, ") == 2
    assert "policy.yaml: ok, 10 terms" in out


def test_check_missing_file_is_exit_2(run_cli):
    code, _, err = run_cli("glossary", "check", "no-such.yaml")
    assert code == 2
    assert "Error:" in err and "no such glossary file" in err


def test_export_import_round_trip(tmp_path, run_cli):
    table = tmp_path / "ai.csv"
    code, _, err = run_cli("glossary", "export", "ai-safety", "-o", table)
    assert code == 0, err
    header = table.read_text(encoding="utf-8").splitlines()[0]
    assert header.startswith("en,zh,forbidden,keep")
    out = tmp_path / "ai.yaml"
    code, _, err = run_cli("glossary", "import", table, "-o", out, "--name", "ai-safety")
    assert code == 0, err
    original, imported = bitext.load_glossary("ai-safety"), bitext.load_glossary(out)
    assert [t.en for t in imported.terms] == [t.en for t in original.terms]
    assert [t.zh for t in imported.terms] == [t.zh for t in original.terms]
    assert [t.forbidden for t in imported.terms] == [t.forbidden for t in original.terms]
    assert [t.keep for t in imported.terms] == [t.keep for t in original.terms]
    assert [t.note for t in imported.terms] == [t.note for t in original.terms]


def test_tsv_export_to_stdout(run_cli):
    code, out, _ = run_cli("glossary", "export", "ai-safety", "--format", "tsv")
    assert code == 0
    rows = out.splitlines()
    assert rows[0].split("\t")[:3] == ["en", "zh", "forbidden"]
    assert any(r.startswith("recursive self-improvement|RSI\t递归式自我升级\t") for r in rows)


def test_import_tsv_with_an_error_points_at_the_row(tmp_path, run_cli):
    table = tmp_path / "terms.tsv"
    table.write_text(
        "en\tzh\tforbidden\nagent\t智能体\t代理\nalignment\t对齐|校准\t校准\n", encoding="utf-8"
    )
    code, out, err = run_cli("glossary", "import", table)
    assert code == 2
    assert "terms.tsv:3:" in err and "both approved and forbidden" in err
    assert out == ""


def test_import_writes_yaml_to_stdout_and_refuses_to_overwrite(tmp_path, run_cli):
    table = tmp_path / "terms.csv"
    table.write_text("en,zh,keep,note\nagent,智能体,,\nfoom,,yes,slang\n", encoding="utf-8")
    code, out, err = run_cli("glossary", "import", table)
    assert code == 0, err
    data = yaml.safe_load(out)
    assert data["name"] == "terms"
    assert data["terms"] == [
        {"en": "agent", "zh": "智能体"},
        {"en": "foom", "keep": True, "note": "slang"},
    ]
    existing = tmp_path / "out.yaml"
    existing.write_text("mine", encoding="utf-8")
    code, _, err = run_cli("glossary", "import", table, "-o", existing)
    assert code == 2 and "--force" in err
    assert existing.read_text(encoding="utf-8") == "mine"
    code, _, _ = run_cli("glossary", "import", table, "-o", existing, "--force")
    assert code == 0 and "agent" in existing.read_text(encoding="utf-8")


def test_terms_refuses_to_overwrite_without_force(tmp_path, run_cli):
    starter = tmp_path / "starter.yaml"
    starter.write_text("keep me", encoding="utf-8")
    code, _, err = run_cli(
        "terms",
        DATA / "terms" / "article.en.txt",
        DATA / "terms" / "article.zh.txt",
        "--write",
        starter,
    )
    assert code == 2 and "--force" in err
    assert starter.read_text(encoding="utf-8") == "keep me"


def test_terms_on_two_files_writes_a_starter_glossary(tmp_path, run_cli):
    starter = tmp_path / "starter.yaml"
    code, out, err = run_cli(
        "terms",
        DATA / "terms" / "article.en.txt",
        DATA / "terms" / "article.zh.txt",
        "--write",
        starter,
        "--glossary",
        "ai-safety",
    )
    assert code == 0, err
    assert "Frontier Model Forum" in out and "前沿模型论坛" in out
    assert "reward hacking" not in out  # the glossary knows it
    glossary = bitext.load_glossary(starter)
    assert "Frontier Model Forum" in {t.name for t in glossary.terms}


def test_terms_output_json_and_starter_with_a_hand_alignment(tmp_path, run_cli, monkeypatch):
    """The command's own work, with align_files replaced by the hand-made gold alignment."""
    import json

    from glossary_pairs import aligned

    import bitext.pipeline
    from bitext.pipeline import AlignedDocuments

    en = (DATA / "terms" / "article.en.txt").read_text(encoding="utf-8").splitlines()
    zh = (DATA / "terms" / "article.zh.txt").read_text(encoding="utf-8").splitlines()
    alignment, src, tgt = aligned([en], [zh])
    seen = {}

    def fake_align_files(paths, *args, **options):
        seen.update(options, paths=list(paths), pipeline=args[0])
        return AlignedDocuments(src, tgt, alignment)

    monkeypatch.setattr(bitext.pipeline, "align_files", fake_align_files)
    starter = tmp_path / "starter.yaml"
    files = (DATA / "terms" / "article.en.txt", DATA / "terms" / "article.zh.txt")
    code, out, err = run_cli("terms", *files, "--write", starter, "-g", "ai-safety", "--no-cache")
    assert code == 0, err
    assert seen["pipeline"].use_cache is False and len(seen["paths"]) == 2
    line = next(row for row in out.splitlines() if row.startswith("Frontier Model Forum"))
    assert line.split()[3:6] == ["name", "3", "前沿模型论坛"] and "×3" in line
    assert "reward hacking" not in out
    terms = {t.name: t for t in bitext.load_glossary(starter).terms}
    assert terms["Frontier Model Forum"].zh == ("前沿模型论坛",)
    assert terms["OpenAI"].keep
    code, out, _ = run_cli("terms", *files, "--json")
    assert code == 0
    data = json.loads(out)
    assert {c["term"] for c in data} >= {"Frontier Model Forum", "foom", "reward hacking"}
