"""Findings a CI can trust (issue 18): the planted-flaw article, --fix / --diff / --unsafe-fixes,
grouped text output and --statistics, parallel summaries reported once, folded review rows.

The article test and the CLI tests run the real pipeline and encoder on files in examples/.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema
import pytest
from handbuilt import CLEAN, aligned

import bitext
from bitext.check.finding import Finding, Location, Severity
from bitext.check.fixes import apply_fixes, plan_fixes, unified_diff
from bitext.linter import lint
from bitext.report.base import LintResult
from bitext.report.text import TextReporter, statistics_text

ROOT = Path(__file__).resolve().parent.parent
FLAWED = ROOT / "examples" / "flawed.bilingual.txt"

#: the flaws planted in examples/flawed.bilingual.txt: (rule, line, severity). Nothing else may
#: be reported above info.
PLANTED = {
    ("number-mismatch", 10, "warning"),  # 70 percent -> 60%
    ("omission", 13, "error"),  # "Cheap electricity has become a strategic asset." dropped
    ("term-forbidden", 16, "error"),  # scaling law -> 规模定律 (forbidden; use 缩放定律)
    ("zh-typography", 20, "warning"),  # 问题在于, 目前 (half-width comma)
    ("term-inconsistent", 22, "warning"),  # 大语言模型 twice, 大型语言模型 once
}


def above_info(findings) -> set[tuple[str, int, str]]:
    return {
        (f.rule, (f.source or f.target).line, f.severity.value)
        for f in findings
        if f.severity is not Severity.INFO
    }


def test_flawed_article_reports_exactly_the_planted_flaws():
    outcome = lint([FLAWED], glossaries=["ai-safety"])
    assert above_info(outcome.result.findings) == PLANTED
    number = next(f for f in outcome.result.findings if f.rule == "number-mismatch")
    assert "70" in number.message and "60%" in number.message


def test_fix_repairs_typography_only_inside_its_span_and_a_second_fix_does_nothing(
    tmp_path, run_cli
):
    path = tmp_path / "article.txt"
    shutil.copy(FLAWED, path)
    before = path.read_bytes()
    code, out, err = run_cli("lint", path, "-g", "ai-safety", "--diff")
    assert code == 1  # something would change
    assert "-翻译：如果真是这样" in out and "问题在于，目前" in out
    assert path.read_bytes() == before  # --diff writes nothing
    code, out, err = run_cli("lint", path, "-g", "ai-safety", "--fix")
    assert "Fixed 1 finding(s) in 1 file(s)" in err
    after = path.read_text(encoding="utf-8")
    assert "问题在于，目前" in after
    assert code == 1  # the translation flaws remain, and are reported after the fix
    assert "zh-typography" not in out and "omission" in out
    old_lines = before.decode("utf-8").split("\n")
    new_lines = after.split("\n")
    changed = [i for i, (a, b) in enumerate(zip(old_lines, new_lines, strict=True)) if a != b]
    assert changed == [19]  # line 20, the Chinese line with the comma, and nothing else
    fixed_once = path.read_bytes()
    run_cli("lint", path, "-g", "ai-safety", "--fix")
    assert path.read_bytes() == fixed_once


def test_inline_line_keeps_its_english_half_byte_identical(tmp_path, run_cli):
    english = 'The model  is trained on "open" data, says the report.'
    path = tmp_path / "inline.txt"
    path.write_text(
        f'原文: {english} 翻译: 报告说,这个模型(RSI)用"开放"数据训练!\n', encoding="utf-8"
    )
    _code, out, _err = run_cli("lint", path, "--select", "zh-typography", "--fix")
    text = path.read_text(encoding="utf-8")
    assert text.startswith(f"原文: {english} 翻译: ")
    assert text.endswith("报告说，这个模型（RSI）用“开放”数据训练！\n")
    assert "zh-typography" not in out


def test_unsafe_fixes_split_glued_words_only_when_asked(tmp_path, run_cli):
    path = tmp_path / "glued.txt"
    path.write_text(
        "原文：Training costs  hundreds of millions ofdollars. It is a lot.\n"
        "翻译：训练要花费数亿美元。这是一大笔钱。\n",
        encoding="utf-8",
    )
    run_cli("lint", path, "--select", "glued-words,en-hygiene", "--fix")
    text = path.read_text(encoding="utf-8")
    assert "costs hundreds of millions ofdollars." in text  # a double space is safe, a split not
    _code, out, _err = run_cli("lint", path, "--select", "glued-words", "--diff", "--unsafe-fixes")
    assert "+原文：Training costs hundreds of millions of dollars. It is a lot." in out
    run_cli("lint", path, "--select", "glued-words", "--fix", "--unsafe-fixes")
    assert "of dollars." in path.read_text(encoding="utf-8")


def test_fixes_are_data_and_keep_the_files_encoding(tmp_path):
    path = tmp_path / "gbk.txt"
    path.write_bytes("原文: It works. 翻译: 它能用,真好。\n".encode("gb18030"))
    outcome = lint([path], select=["zh-typography"])
    (finding,) = outcome.result.findings
    assert finding.fix is not None and finding.fix.safe
    assert [(e.original, e.replacement) for e in finding.fix.edits] == [(",", "，")]
    data = json.loads(bitext.report.base.get_reporter("json").render(outcome.result))
    assert data["findings"][0]["fix"]["applicability"] == "safe"
    plans = plan_fixes(outcome.result.findings)
    assert "+原文: It works. 翻译: 它能用，真好。" in unified_diff(plans)
    assert apply_fixes(plans) == 1
    assert path.read_bytes().decode("gb18030") == "原文: It works. 翻译: 它能用，真好。\n"
    # the lint's edits are stale now: planning them again changes nothing
    (stale,) = plan_fixes(outcome.result.findings)
    assert not stale.changed and stale.skipped == 1


def _finding(n: int, message: str, rule: str = "zh-typography") -> Finding:
    loc = Location("a.zh.md", n, 1, n * 10, n * 10 + 1)
    return Finding(rule, Severity.INFO, message, target=loc)


def test_text_output_folds_repeats_and_json_keeps_every_finding():
    spacing = "space between Chinese and Latin text (cjk-spacing = none)"
    findings = (
        *(_finding(n, spacing) for n in range(1, 238)),
        _finding(300, "source sentence has no translation", "omission"),
    )
    result = LintResult(documents=(), findings=findings)
    lines = TextReporter().render(result).splitlines()
    assert len(lines) == 5
    assert lines[3] == "  … and 234 more like this (zh-typography)"
    assert "omission" in lines[4]
    assert len(TextReporter(group=False).render(result).splitlines()) == 238
    data = json.loads(bitext.report.base.get_reporter("json").render(result))
    assert len(data["findings"]) == 238
    stats = statistics_text(findings).splitlines()
    assert [c.strip() for c in stats[0].split("\t")[:2]] == ["237", "zh-typography"]
    assert [c.strip() for c in stats[1].split("\t")[:2]] == ["1", "omission"]


def test_statistics_flag_prints_counts_per_rule(tmp_path, run_cli):
    path = tmp_path / "article.txt"
    shutil.copy(FLAWED, path)
    code, out, err = run_cli("lint", path, "-g", "ai-safety", "--statistics")
    assert code == 1
    rules = [line.split("\t")[1].strip() for line in out.splitlines()]
    assert {"omission", "number-mismatch", "term-forbidden", "zh-typography"} <= set(rules)
    assert "1 fixable with --fix" in err


def test_parallel_summaries_are_reported_once_not_per_sentence():
    pairs = [
        *CLEAN,
        ("A sentence the summary leaves out.", None, 0.0),
        (None, "摘要多出的一句。", 0.0),
    ]
    docs = aligned(pairs)
    assert [f.rule for f in bitext.check(docs, select=["omission", "addition"])] == [
        "omission",
        "addition",
    ]
    from dataclasses import replace

    found = bitext.check(replace(docs, parallel_summaries=True), select=["omission", "addition"])
    assert len(found) == 1
    assert found[0].rule == "omission" and found[0].severity is Severity.WARNING
    assert "parallel summaries" in found[0].message
    assert "1 source and 1 translated sentence(s)" in found[0].message


def test_review_page_folds_repeated_findings_under_one_row():
    from bitext.report.review_view import build_page

    docs = aligned(CLEAN)
    findings = [
        Finding(
            "zh-typography",
            Severity.INFO,
            "space between Chinese and Latin text (cjk-spacing = none)",
            target=Location(docs.tgt.path or "", 1, 1, 0, 1),
            pair=0,
        )
        for _ in range(5)
    ]
    page = build_page([docs], findings, {})
    (group,) = page.repeated
    assert group.count == 5 and group.rule == "zh-typography"
    row_findings = [f for row in page.documents[0].rows for f in row.findings]
    assert [f.folded for f in row_findings] == [False, False, False, True, True]
    assert {f.group for f in row_findings} == {group.id}


@pytest.mark.parametrize("flag", ["--fix", "--diff"])
def test_fix_and_diff_on_a_clean_file_change_nothing(tmp_path, run_cli, flag):
    path = tmp_path / "clean.txt"
    path.write_text("原文: It works well. 翻译: 它运行良好。\n", encoding="utf-8")
    before = path.read_bytes()
    code, _out, _err = run_cli("lint", path, "--select", "zh-typography,en-hygiene", flag)
    assert code == 0 and path.read_bytes() == before


def test_halves_that_summarise_get_one_finding_end_to_end(tmp_path):
    from bitext.reader import read_text

    examples = ROOT / "examples"
    en = read_text(examples / "article.en.txt").text.strip().split("\n\n")[1:6]
    zh = read_text(examples / "article.zh.txt").text.strip().split("\n\n")[1:6]
    summaries = [
        "本文讨论了人工智能的发展历史以及科技公司之间的竞争。",
        "作者认为监管机构需要更多的资金和人员。",
        "芯片出口管制正在改变全球半导体产业格局。",
    ]
    # one paragraph really translated (it drops a sentence), the rest only summarised
    path = tmp_path / "halves.txt"
    body = ["Analysis 深度分析", *en, "Hot 热度", zh[3], *summaries]
    path.write_text("\n\n".join(body) + "\n", encoding="utf-8")
    outcome = lint([path], select=["omission", "addition"])
    assert outcome.result.documents[0].parallel_summaries
    (finding,) = outcome.result.findings
    assert finding.rule == "omission" and "parallel summaries" in finding.message


def test_sarif_carries_each_fix_as_replacements_that_reproduce_fix(tmp_path, run_cli):
    """SARIF 2.1.0 §3.55: a finding with a fix has ``fixes`` (artifactChanges, replacements
    with deletedRegion and insertedContent). Applying them to the file gives what --fix
    writes; findings without a fix have none."""
    path = tmp_path / "article.txt"
    shutil.copy(FLAWED, path)
    text = path.read_text(encoding="utf-8")
    code, out, _ = run_cli("lint", path, "-g", "ai-safety", "--format", "sarif")
    assert code == 1
    body = json.loads(out)
    schema = ROOT / "tests" / "data" / "sarif-subset.schema.json"
    jsonschema.validate(body, json.loads(schema.read_text(encoding="utf-8")))
    run = body["runs"][0]
    uris = [a["location"]["uri"] for a in run["artifacts"]]
    with_fix = [r for r in run["results"] if "fixes" in r]
    assert with_fix and {r["ruleId"] for r in with_fix} <= {
        "zh-typography",
        "en-hygiene",
        "glued-words",
    }
    assert not any("fixes" in r for r in run["results"] if r["ruleId"] == "number-mismatch")
    edits = []
    for result in with_fix:
        (fix,) = result["fixes"]
        assert fix["description"]["text"]
        (change,) = fix["artifactChanges"]
        assert uris[change["artifactLocation"]["index"]] == change["artifactLocation"]["uri"]
        for replacement in change["replacements"]:
            region = replacement["deletedRegion"]
            start, length = region["charOffset"], region["charLength"]
            # line and column agree with the offset (columns in code points, 1-based)
            line_start = text.rfind("\n", 0, start) + 1
            assert region["startLine"] == text.count("\n", 0, start) + 1
            assert region["startColumn"] == start - line_start + 1
            if fix["properties"]["applicability"] == "safe":
                edits.append((start, start + length, replacement["insertedContent"]["text"]))
    fixed = text
    for start, end, new in sorted(edits, reverse=True):
        fixed = fixed[:start] + new + fixed[end:]
    assert fixed != text
    run_cli("lint", path, "-g", "ai-safety", "--fix")
    assert path.read_text(encoding="utf-8") == fixed
