"""Reporters: text, json, sarif, github, junit render the same findings, deterministically."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
from handbuilt import CLEAN, aligned

import bitext
from bitext.check.finding import Finding, Location, Severity
from bitext.check.rules.base import RULES
from bitext.report.base import LintResult, get_reporter
from bitext.report.github import escape_data, escape_property

SCHEMA = Path(__file__).parent / "data" / "sarif-subset.schema.json"


def broken_article() -> LintResult:
    pairs = list(CLEAN)
    pairs[4] = ("Sixty percent of them said alignment was their top priority.",
                "其中五成表示对齐是他们的首要任务。", 0.78)  # fmt: skip
    pairs.insert(2, ("This sentence was dropped by the translator.", None, 0.0))
    pairs.insert(6, (None, "（译者注：对齐，alignment。）", 0.0))
    docs = aligned(pairs)
    findings = bitext.check(docs)
    signature = {
        "version": bitext.__version__,
        "rules": sorted(RULES),
        "alignment": {"encoder": "hand-built"},
    }
    return LintResult((docs,), tuple(findings), signature)


@pytest.fixture(scope="module")
def result() -> LintResult:
    found = broken_article()
    assert {f.rule for f in found.findings} >= {"omission", "addition", "number-mismatch"}
    return found


def render(name: str, result: LintResult) -> str:
    return get_reporter(name).render(result)


@pytest.mark.parametrize("name", ["text", "json", "sarif", "github", "junit"])
def test_output_is_byte_identical_across_runs(name, result):
    assert render(name, result) == render(name, broken_article())


def test_text_format_path_line_col_code_message(result):
    lines = render("text", result).splitlines()
    assert len(lines) == len(result.findings)
    assert "article.en.md:3:1: omission source sentence has no translation" in lines[0]
    number = next(line for line in lines if "number-mismatch" in line)
    assert number.startswith("article.en.md:6:1: number-mismatch number “Sixty percent”")
    both = [f for f in result.findings if f.source and f.target]
    if both:
        assert any(line.endswith(f"[{both[0].target}]") for line in lines)


def test_json_format(result):
    body = json.loads(render("json", result))
    assert body["summary"]["total"] == len(result.findings)
    assert body["summary"]["error"] == 1
    first = body["findings"][0]
    assert first["rule"] == "omission" and first["severity"] == "error"
    assert first["source"]["line"] == 3 and first["target"] is None
    assert body["signature"]["alignment"] == {"encoder": "hand-built"}


def test_sarif_validates_against_our_2_1_0_subset_schema(result):
    body = json.loads(render("sarif", result))
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.validate(body, schema, format_checker=jsonschema.FormatChecker())
    assert body["version"] == "2.1.0"
    run = body["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == sorted(RULES)
    for res in run["results"]:
        assert rules[res["ruleIndex"]]["id"] == res["ruleId"]
        loc = res["locations"][0]["physicalLocation"]
        uri = loc["artifactLocation"]["uri"]
        assert run["artifacts"][loc["artifactLocation"]["index"]]["location"]["uri"] == uri
    omission = next(r for r in rules if r["id"] == "omission")
    assert omission["defaultConfiguration"]["level"] == "error"
    assert omission["shortDescription"]["text"]
    assert run["properties"]["signature"]["alignment"] == {"encoder": "hand-built"}


def test_sarif_columns_count_code_points_not_utf16():
    # U+20000 (outside the BMP) is 1 code point, 2 UTF-16 units: the comma is column 3.
    docs = aligned([("He said yes.", "𠀀好,是的。", 0.8)])
    body = json.loads(
        render("sarif", LintResult((docs,), tuple(bitext.check(docs, select=["zh-typography"]))))
    )
    region = body["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]
    assert region["startColumn"] == 3


def test_sarif_schema_rejects_a_broken_log():
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    bad = {"version": "2.1.0", "runs": [{"tool": {"driver": {}}}]}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, schema)


def test_github_annotations(result):
    lines = render("github", result).splitlines()
    assert lines[0].startswith("::error file=article.en.md,line=3,col=1,")
    assert "title=bitext omission::" in lines[0]
    assert any(line.startswith("::warning ") for line in lines)


def test_github_escaping():
    assert escape_data("50% done\r\nnext") == "50%25 done%0D%0Anext"
    assert escape_property("a:b,c%") == "a%3Ab%2Cc%25"
    loc = Location("docs/a,b:c.md", 2, 5, 10, 12, 2, 7)
    finding = Finding("number-mismatch", Severity.INFO, "100% vs\n90%", source=loc)
    out = get_reporter("github").render(LintResult((), (finding,)))
    assert out == (
        "::notice file=docs/a%2Cb%3Ac.md,line=2,col=5,endLine=2,endColumn=7,"
        "title=bitext number-mismatch::100%25 vs%0A90%25\n"
    )


def test_junit_xml(result):
    root = ET.fromstring(render("junit", result))
    assert root.tag == "testsuites"
    assert int(root.get("failures")) == len(result.findings)
    failures = root.findall(".//failure")
    assert {f.get("type") for f in failures} >= {"omission", "addition"}


def test_junit_clean_run_has_a_passing_case():
    docs = aligned(CLEAN)
    root = ET.fromstring(render("junit", LintResult((docs,), ())))
    assert root.get("failures") == "0"
    assert [c.get("name") for c in root.iter("testcase")] == ["no findings"]


def test_github_annotates_the_translation_when_both_sides_exist(result):
    both = next(f for f in result.findings if f.source and f.target)
    out = get_reporter("github").render(LintResult(result.documents, (both,)))
    assert out.startswith(f"::warning file={both.target.path},line={both.target.line},")
    assert f"[source: {both.source}]" in out
