"""`bitext split` through the CLI entry point: formats, options, output files, help."""

from __future__ import annotations

import json

import pytest

TEXT = (
    "# 对齐简报\n"
    "\n"
    "模型会撒谎吗？研究者说：“会。”\n"
    "\n"
    "Dr. Rivera disagrees. She ran 3.5 times more tests.\n"
)


@pytest.fixture
def article(tmp_path):
    path = tmp_path / "brief.txt"
    path.write_text(TEXT, encoding="utf-8")
    return path


def test_text_format_one_sentence_per_line(run_cli, article) -> None:
    code, out, err = run_cli("split", article)
    assert code == 0, err
    assert out.splitlines() == [
        "# 对齐简报",
        "模型会撒谎吗？",
        "研究者说：“会。”",
        "Dr. Rivera disagrees.",
        "She ran 3.5 times more tests.",
    ]


def test_jsonl_has_spans_positions_and_kinds(run_cli, article) -> None:
    code, out, _ = run_cli("split", article, "--format", "jsonl")
    assert code == 0
    records = [json.loads(line) for line in out.splitlines()]
    assert [r["index"] for r in records] == [0, 1, 2, 3, 4]
    assert [r["paragraph"] for r in records] == [0, 1, 1, 2, 2]
    assert [r["lang"] for r in records] == ["zh", "zh", "zh", "en", "en"]
    assert records[0]["kind"] == "heading"
    for r in records:
        assert TEXT[r["start_offset"] : r["end_offset"]] == r["text"]
    fourth = records[3]
    assert fourth["start"] == {"line": 5, "column": 1}
    assert fourth["end"] == {"line": 5, "column": 22}
    assert records[2]["start"] == {"line": 3, "column": 8}


def test_jsonl_is_byte_stable_and_keeps_chinese(run_cli, article) -> None:
    _, first, _ = run_cli("split", article, "-f", "jsonl")
    _, second, _ = run_cli("split", article, "-f", "jsonl")
    assert first == second
    assert "模型会撒谎吗？" in first
    line = first.splitlines()[0]
    assert list(json.loads(line)) == sorted(json.loads(line))


def test_output_file_and_force(run_cli, article, tmp_path) -> None:
    target = tmp_path / "out.txt"
    code, out, _ = run_cli("split", article, "-o", target)
    assert code == 0 and out == ""
    assert target.read_text(encoding="utf-8").startswith("# 对齐简报\n")
    code, _, err = run_cli("split", article, "-o", target)
    assert code == 2
    assert "already exists" in err and "--force" in err
    code, _, _ = run_cli("split", article, "-o", target, "--force", "-f", "jsonl")
    assert code == 0
    assert target.read_text(encoding="utf-8").startswith("{")


def test_refuses_to_overwrite_the_input(run_cli, article) -> None:
    code, _, err = run_cli("split", article, "-o", article, "--force")
    assert code == 2
    assert "input file" in err
    assert article.read_text(encoding="utf-8") == TEXT


def test_split_semicolon_option(run_cli, tmp_path) -> None:
    path = tmp_path / "zh.txt"
    path.write_text("风险是真实的；对策也是现成的。", encoding="utf-8")
    assert run_cli("split", path)[1].splitlines() == ["风险是真实的；对策也是现成的。"]
    assert run_cli("split", path, "--split-semicolon")[1].splitlines() == [
        "风险是真实的；",
        "对策也是现成的。",
    ]


def test_lang_option_sets_document_language(run_cli, tmp_path) -> None:
    path = tmp_path / "digits.txt"
    path.write_text("2025 — 3.5\n", encoding="utf-8")
    _, out, _ = run_cli("split", path, "--lang", "zh", "-f", "jsonl")
    assert json.loads(out)["lang"] == "zh"


def test_bad_lang_is_a_usage_error(run_cli, article) -> None:
    code, _, err = run_cli("split", article, "--lang", "fr")
    assert code == 2
    assert "Traceback" not in err


def test_encoding_option(run_cli, tmp_path) -> None:
    path = tmp_path / "gbk.txt"
    path.write_bytes("你好，世界。再见。".encode("gbk"))
    code, out, _ = run_cli("split", path, "--encoding", "gbk")
    assert code == 0
    assert out.splitlines() == ["你好，世界。", "再见。"]


def test_help_has_a_runnable_example(run_cli) -> None:
    code, out, _ = run_cli("split", "--help")
    assert code == 0
    assert "bitext split " in out
    assert "--split-semicolon" in out


def test_text_format_joins_wrapped_lines(run_cli, tmp_path) -> None:
    path = tmp_path / "wrapped.txt"
    path.write_text(
        "The draft was long\nand nobody read it.\n\n这篇草稿很长，\n没有人读完。\n",
        encoding="utf-8",
    )
    _, out, _ = run_cli("split", path)
    assert out.splitlines() == [
        "The draft was long and nobody read it.",
        "这篇草稿很长，没有人读完。",
    ]


@pytest.mark.parametrize("codec", ["utf-16", "utf-8-sig", "gb18030"])
def test_detected_encodings_give_the_same_sentences(run_cli, tmp_path, codec: str) -> None:
    path = tmp_path / f"{codec}.txt"
    path.write_bytes("模型会撒谎吗？研究者说会。\n\nDr. Li agrees.\n".encode(codec))
    code, out, _ = run_cli("split", path, "-f", "jsonl")
    assert code == 0
    records = [json.loads(line) for line in out.splitlines()]
    assert [r["text"] for r in records] == ["模型会撒谎吗？", "研究者说会。", "Dr. Li agrees."]
    assert records[2]["start"] == {"line": 3, "column": 1}
    assert records[0]["start_offset"] == 0  # the BOM is not part of the text
