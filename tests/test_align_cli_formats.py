"""`bitext align` on the bundled example: every output format, read back."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

import pytest

from bitext.reader import read_text
from tests.conftest import EXAMPLES

EN = EXAMPLES / "article.en.txt"
ZH = EXAMPLES / "article.zh.txt"
BILINGUAL = EXAMPLES / "article.bilingual.txt"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def text_at(path, line, column):
    text = read_text(path).text
    starts = [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", text)]
    return text[starts[line - 1] + column - 1 :]


def test_piped_default_is_tsv_with_positions(run_cli):
    code, out, err = run_cli("align", EN, ZH)
    assert code == 0, err
    rows = [line.split("\t") for line in out.splitlines()]
    assert rows[0] == [
        "kind",
        "score",
        "low_confidence",
        "src_location",
        "source",
        "tgt_location",
        "translation",
    ]
    assert all(len(r) == 7 for r in rows)
    first = rows[1]
    assert first[3] == f"{EN}:1:1" and first[5] == f"{ZH}:1:1"
    for kind, score, _low, src_loc, source, tgt_loc, target in rows[1:]:
        assert re.fullmatch(r"\d+-\d+", kind)
        float(score)
        if src_loc:
            path, line, col = src_loc.rsplit(":", 2)
            assert text_at(path, int(line), int(col)).startswith(source.split(" ")[0])
        if tgt_loc:
            path, line, col = tgt_loc.rsplit(":", 2)
            assert text_at(path, int(line), int(col)).startswith(target[:5])


def test_links_format_reads_back_like_gold(run_cli, tmp_path):
    out_file = tmp_path / "article.align"
    code, _out, err = run_cli("align", EN, ZH, "-o", out_file)
    assert code == 0, err
    lines = out_file.read_text(encoding="utf-8").splitlines()
    pattern = re.compile(r"\[(\d+(,\d+)*)?\]:\[(\d+(,\d+)*)?\]")
    assert lines and all(pattern.fullmatch(line) for line in lines)
    src = [int(i) for line in lines for i in re.findall(r"\d+", line.split(":")[0])]
    tgt = [int(i) for line in lines for i in re.findall(r"\d+", line.split(":")[1])]
    assert src == list(range(len(src)))  # every sentence once, in order
    assert tgt == list(range(len(tgt)))


def test_jsonl_has_header_signature_and_positions(run_cli):
    code, out, err = run_cli("align", BILINGUAL, "--format", "jsonl")
    assert code == 0, err
    objects = [json.loads(line) for line in out.splitlines()]
    header = objects[0]
    assert header["type"] == "header" and header["layout"] == "marked"
    assert header["signature"]["model"].startswith("use-multilingual@")
    assert header["signature"]["max_align"] == 5
    links = [o for o in objects if o["type"] == "link"]
    unpaired = [o for o in objects if o["type"] == "unpaired"]
    assert {"src", "tgt", "kind", "score", "src_text", "tgt_text", "model"} <= set(links[0])
    assert all(0.0 <= link["confidence"] <= 1.0 for link in links)
    for link in links:
        for side in ("src", "tgt"):
            pos = link[f"{side}_position"]
            if pos:
                at = text_at(pos["path"], pos["line"], pos["column"])
                assert at.startswith(link[f"{side}_text"][:6])
    assert unpaired[0]["text"] == "双语精读｜通往递归自我改进的漫长道路"
    assert unpaired[0]["position"] == {"path": str(BILINGUAL), "line": 1, "column": 1}


def test_tmx_parses_and_leaves_out_empty_sides(run_cli, tmp_path):
    out_file = tmp_path / "article.tmx"
    code, _out, err = run_cli("align", EN, ZH, "-o", out_file)
    assert code == 0, err
    root = ET.parse(out_file).getroot()
    assert root.tag == "tmx" and root.get("version") == "1.4"
    header = root.find("header")
    assert header.get("srclang") == "en" and header.get("segtype") == "sentence"
    signature = json.loads(header.find("prop[@type='x-bitext-signature']").text)
    assert signature["layout"] == "two-files"
    tus = root.findall("body/tu")
    assert tus
    for tu in tus:
        tuvs = tu.findall("tuv")
        assert [t.get(XML_LANG) for t in tuvs] == ["en", "zh-CN"]
        assert all(t.find("seg").text for t in tuvs)
    _jsonl_code, jsonl, _ = run_cli("align", EN, ZH, "--format", "jsonl")
    links = [json.loads(line) for line in jsonl.splitlines()[1:]]
    gaps = sum(1 for link in links if not link["src"] or not link["tgt"])
    assert len(tus) == len(links) - gaps
    if gaps:
        assert f"left out {gaps} links" in err


def test_markdown_and_table(run_cli):
    code, out, err = run_cli("align", BILINGUAL, "--format", "markdown")
    assert code == 0, err
    assert out.startswith("| # | kind | score | English | 中文 |")
    assert "**Lines that belong to no pair**" in out
    assert "标签：人工智能 对齐 算力 前沿模型" in out
    assert out.rstrip().endswith("*") and "bitext 0.1.0|model:use-multilingual@" in out
    code, out, err = run_cli("align", BILINGUAL, "--format", "table")
    assert code == 0, err
    assert "unpaired" in out and "发布时间:2026-06-20" in out
    assert re.search(r"bitext 0\.1\.0\|model:use-multilingual@[^|]+\|.*max_align:5", out)


def test_presplit_takes_each_line_as_a_sentence(run_cli, tmp_path):
    src = tmp_path / "src.txt"
    tgt = tmp_path / "tgt.txt"
    src.write_text("Compute is expensive. Chips cost most.\nBenchmarks saturate.\n", "utf-8")
    tgt.write_text("算力很贵。芯片最贵。\n基准测试很快饱和。\n", "utf-8")
    code, out, err = run_cli("align", src, tgt, "--presplit", "--format", "links")
    assert code == 0, err
    assert out.splitlines() == ["[0]:[0]", "[1]:[1]"]


def test_output_file_is_not_overwritten_without_force(run_cli, tmp_path):
    out_file = tmp_path / "pairs.tsv"
    out_file.write_text("keep me", encoding="utf-8")
    code, _out, err = run_cli("align", EN, ZH, "-o", out_file)
    assert code == 2 and "already exists" in err
    assert out_file.read_text(encoding="utf-8") == "keep me"
    code, _out, err = run_cli("align", EN, ZH, "-o", out_file, "--force")
    assert code == 0, err
    assert out_file.read_text(encoding="utf-8").startswith("kind\tscore")


def test_gbk_translation_gives_the_same_pairs(run_cli):
    _, utf8, _ = run_cli("align", EN, ZH, "--format", "links")
    code, gbk, err = run_cli("align", EN, EXAMPLES / "article.zh.gbk.txt", "--format", "links")
    assert code == 0, err
    assert gbk == utf8


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["tsv", "jsonl", "links", "tmx", "markdown"])
def test_output_is_deterministic(run_cli, fmt):
    first = run_cli("align", BILINGUAL, "--format", fmt)[1]
    assert run_cli("align", BILINGUAL, "--format", fmt)[1] == first


def test_the_first_file_is_the_source_in_either_language(run_cli):
    code, out, err = run_cli("align", ZH, EN, "--format", "tsv")
    assert code == 0, err
    first = out.splitlines()[1].split("\t")
    assert first[3] == f"{ZH}:1:1" and first[5] == f"{EN}:1:1"
    named, _, err = run_cli("align", ZH, EN, "--src-lang", "zh", "--format", "tsv")
    assert named == 0, err


@pytest.mark.parametrize("flag", [("--src-lang", "zh"), ("--tgt-lang", "en")])
def test_a_language_that_contradicts_the_files_is_an_error(run_cli, flag):
    code, out, err = run_cli("align", EN, ZH, *flag)
    assert (code, out) == (2, "")
    assert err.count("Error:") == 1 and "other order" in err and "Traceback" not in err


@pytest.mark.slow
def test_presplit_numbering_matches_the_gold_files(shared_data):
    """--presplit numbers lines exactly as ../shared/data/*/gold does."""
    from bitext.options import PipelineOptions
    from bitext.pipeline import make_document

    options = PipelineOptions(presplit=True)
    for gold in sorted(shared_data.glob("*/gold/*.align")):
        doc_id = gold.stem
        src = read_text(gold.parent.parent / "src" / doc_id)
        tgt = read_text(gold.parent.parent / "tgt" / doc_id)
        src_doc = make_document(src.text, "en", src.path, src.encoding, options)
        tgt_doc = make_document(tgt.text, "zh", tgt.path, tgt.encoding, options)
        lines = gold.read_text(encoding="utf-8").split()
        src_ids = sorted(int(i) for ln in lines for i in re.findall(r"\d+", ln.split(":")[0]))
        tgt_ids = sorted(int(i) for ln in lines for i in re.findall(r"\d+", ln.split(":")[1]))
        # gold leaves a few lines unaligned, but its last index is the file's last line
        assert len(src_doc.segments) == len(src.text.splitlines()) == src_ids[-1] + 1, gold
        assert len(tgt_doc.segments) == len(tgt.text.splitlines()) == tgt_ids[-1] + 1, gold


def test_a_heading_pasted_twice_as_its_own_paragraph_is_reported(run_cli, tmp_path):
    """The copies sit in different paragraphs (paragraphs are aligned first): the first copy
    still comes out as the one sentence without a counterpart."""
    text = EN.read_text(encoding="utf-8")
    heading = text.splitlines()[0]
    pasted = tmp_path / "article.en.txt"
    pasted.write_text(f"{heading}\n\n{text}", encoding="utf-8")
    code, out, err = run_cli("align", pasted, ZH, "--format", "links")
    assert code == 0, err
    lines = out.splitlines()
    assert lines[:2] == ["[0]:[]", "[1]:[0]"]
    assert sum(line.endswith(":[]") or line.startswith("[]:") for line in lines) == 2
