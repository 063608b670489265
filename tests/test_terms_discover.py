"""Term discovery (`bitext terms`, term-variation) on hand-made articles we wrote, both directions.

tests/data/terms/variation.{en,zh}.txt (en -> zh): doom rendered 末日 and 末世, an acronym defined
once ("large language model (LLM)") rendered 大语言模型 and 大模型, Dr Karpathy as Karpathy博士 and
Karpathy, OpenAI kept in English, and "aboutdoom" (a glued word hiding the term).
tests/data/terms/variation-zh.{zh,en}.txt (zh -> en): 末日论 rendered doomism and
apocalypticism, GPT kept in English, 李教授 rendered Professor Li.
"""

from __future__ import annotations

import json
from pathlib import Path

from glossary_pairs import document
from typer.testing import CliRunner

import bitext
from bitext.align.model import Alignment, Link
from bitext.aligned import AlignedDocuments
from bitext.check.discover import discover_terms
from bitext.check.finding import Severity
from bitext.check.runner import check
from bitext.cli.main import app

DATA = Path(__file__).parent / "data" / "terms"


def pair(src_name: str, tgt_name: str, src_lang: str, tgt_lang: str):
    """A 1-1 aligned document pair from two hand-made files, one sentence a line."""
    src = document([(DATA / src_name).read_text(encoding="utf-8").splitlines()], src_lang, src_name)
    tgt = document([(DATA / tgt_name).read_text(encoding="utf-8").splitlines()], tgt_lang, tgt_name)
    links = tuple(Link((i,), (i,), 0.9) for i in range(len(src.segments)))
    return AlignedDocuments(src, tgt, Alignment(links, src.segments, tgt.segments))


def en_zh():
    return pair("variation.en.txt", "variation.zh.txt", "en", "zh")


def zh_en():
    return pair("variation-zh.zh.txt", "variation-zh.en.txt", "zh", "en")


def by_term(docs):
    return {c.term: c for c in discover_terms(docs.alignment)}


def renderings(c):
    return {r.text: r.pairs for r in c.renderings}


def test_a_term_rendered_two_ways_en_zh_including_the_glued_occurrence():
    doom = by_term(en_zh())["doom"]
    assert doom.count == 5  # "aboutdoom" is read as "about doom"
    assert renderings(doom) == {"末日": 3, "末世": 2}
    assert doom.inconsistent and doom.ways == 2


def test_an_acronym_defined_once_is_one_term_with_the_long_forms_meaning():
    llm = by_term(en_zh())["LLM"]
    assert llm.kind == "acronym" and llm.count == 5
    assert renderings(llm) == {"大语言模型": 3, "大模型": 2}
    assert llm.inconsistent


def test_a_term_kept_in_english_and_a_name_kept_or_translated():
    found = by_term(en_zh())
    assert found["OpenAI"].kind == "kept" and renderings(found["OpenAI"]) == {"OpenAI": 3}
    assert not found["OpenAI"].inconsistent
    assert renderings(found["Dr Karpathy"]) == {"Karpathy": 2, "Karpathy博士": 2}
    assert found["Dr Karpathy"].inconsistent
    # function words and sentence-initial capitals are not terms
    assert not {"He", "The", "Another", "about"} & set(found)


def test_zh_en_a_chinese_term_and_its_english_renderings():
    found = by_term(zh_en())
    assert renderings(found["末日论"]) == {"doomism": 3, "apocalypticism": 2}
    assert found["末日论"].inconsistent
    assert renderings(found["GPT"]) == {"GPT": 3} and not found["GPT"].inconsistent
    assert renderings(found["李教授"]) == {"Professor Li": 4}


def test_term_variation_rule_is_info_and_points_at_minority_renderings():
    findings = [f for f in check(en_zh(), select=["term-variation"])]
    assert {f.term for f in findings} == {"doom", "LLM", "Dr Karpathy"}
    doom = [f for f in findings if f.term == "doom"]
    assert {f.match for f in doom} == {"末世"} and len(doom) == 2
    assert all(f.severity == Severity.INFO and f.suggestion == "末日" for f in doom)
    assert "rendered 2 ways" in doom[0].message and "末日 ×3 (dominant)" in doom[0].message


def test_term_variation_zh_en_and_severity_is_configurable():
    config = {"severity": {"term-variation": "warning"}}
    findings = check(zh_en(), select=["term-variation"], config=config)
    assert {(f.term, f.match) for f in findings} == {("末日论", "apocalypticism")}
    assert all(f.severity == Severity.WARNING for f in findings)


def test_a_glossary_listing_the_term_takes_precedence(tmp_path):
    path = tmp_path / "g.yaml"
    path.write_text(
        "name: g\nsource: en\ntarget: zh\nterms:\n  - en: doom\n    zh: 末日\n", encoding="utf-8"
    )
    glossary = bitext.load_glossary(path)
    findings = check(en_zh(), glossaries=[glossary], select=["term-variation"])
    assert "doom" not in {f.term for f in findings}


def test_discovery_is_deterministic():
    docs = en_zh()
    assert discover_terms(docs.alignment) == discover_terms(docs.alignment)


def test_cli_terms_table_json_and_starter(tmp_path):
    runner = CliRunner()
    src, tgt = str(DATA / "variation.en.txt"), str(DATA / "variation.zh.txt")
    result = runner.invoke(app, ["terms", src, tgt, "--src-lang", "en"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split()[:3] == ["term", "kind", "count"]
    doom = next(line for line in lines if line.startswith("doom"))
    assert "末日 ×3" in doom and "末世 ×2" in doom and "[rendered 2 ways]" in doom
    result = runner.invoke(app, ["terms", src, tgt, "--src-lang", "en", "--json"])
    data = {c["term"]: c for c in json.loads(result.output)}
    assert data["doom"]["ways"] == 2
    assert [r["text"] for r in data["doom"]["renderings"]] == ["末日", "末世"]
    assert 0 < data["doom"]["renderings"][0]["confidence"] <= 1
    starter = tmp_path / "starter.yaml"
    result = runner.invoke(app, ["terms", src, tgt, "--src-lang", "en", "--write", str(starter)])
    assert result.exit_code == 0, result.output
    text = starter.read_text(encoding="utf-8")
    assert '  - en: "doom"\n    zh:\n      - "末日"\n      # - "末世"  # x2\n' in text
    terms = {t.name: t for t in bitext.load_glossary(starter).terms}
    assert terms["doom"].zh == ("末日",) and terms["OpenAI"].keep


def test_cli_terms_zh_source_first():
    runner = CliRunner()
    src, tgt = str(DATA / "variation-zh.zh.txt"), str(DATA / "variation-zh.en.txt")
    result = runner.invoke(app, ["terms", src, tgt, "--src-lang", "zh", "--tgt-lang", "en"])
    assert result.exit_code == 0, result.output
    line = next(x for x in result.output.splitlines() if x.startswith("末日论"))
    assert "doomism ×3" in line and "[rendered 2 ways]" in line
