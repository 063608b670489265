"""The five term rules on hand-built aligned articles (sentences written for these tests)."""

from __future__ import annotations

from pathlib import Path

import pytest
from glossary_pairs import aligned, write_glossary

import bitext
from bitext.check.finding import Severity

POLICY = Path(__file__).parent / "data" / "glossaries" / "policy.yaml"


def run(src, tgt, links=None, glossary=POLICY, rules=None):
    alignment, src_doc, tgt_doc = aligned(src, tgt, links)
    return bitext.check_terms(alignment, src_doc, tgt_doc, [glossary], rules=rules)


def rules_of(findings):
    return [f.rule for f in findings]


def test_clean_translation_has_no_findings():
    findings = run(
        [["Frontier models now top every benchmark.", "Doomers say alignment is unsolved."]],
        [["前沿模型如今在每个基准测试中名列前茅。", "末日论者说对齐问题尚未解决。"]],
    )
    assert findings == []


def test_term_in_a_one_to_two_merged_pair_is_found_in_either_target_sentence():
    src = [
        ["Frontier models are trained on synthetic data, and their benchmark scores keep rising."]
    ]
    tgt = [["前沿模型用合成数据训练。", "它们的基准测试成绩不断提高。"]]
    assert run(src, tgt, links=[((0,), (0, 1))]) == []
    # aligned 1-1 to the first sentence only, the benchmark has no rendering in its pair
    findings = run(src, tgt, links=[((0,), (0,)), ((), (1,))])
    assert rules_of(findings) == ["term-missing"]
    assert findings[0].term == "benchmark"
    assert findings[0].match == "benchmark"


def test_term_missing_points_at_source_term_and_whole_target_pair():
    findings = run(
        [["The lab says recursive self-improvement is decades away."]],
        [["该实验室称，自我提升还需要几十年。"]],
    )
    (finding,) = findings
    assert finding.rule == "term-missing"
    assert finding.severity is Severity.ERROR  # the term's own severity: error
    assert finding.suggestion == "递归式自我升级"
    assert (finding.source.line, finding.source.column) == (1, 14)
    assert finding.source.end - finding.source.start == len("recursive self-improvement")
    assert finding.target.start == 0
    assert finding.pair == 0


@pytest.mark.parametrize(
    ("english", "chinese"),
    [
        ("Two frontier models were released this week.", "本周发布了两个前沿模型。"),
        ("The lab is benchmarking its new agents.", "该实验室正在对其新智能体进行基准测试。"),
        ("Doomers were benchmarked against optimists.", "末日论者与乐观派进行了基准测试对比。"),
        ("The new data center opened in May.", "新的数据中心于五月启用。"),
        ("The new data-centre opened in May.", "新的数据中心于五月启用。"),
        ("Open weight models spread fast.", "开放权重模型传播很快。"),
        ("Recursive self-improvement (RSI) is the crux.", "递归式自我升级是问题的关键。"),
        ("LLMs and large language models alike.", "大语言模型都是如此。"),
    ],
)
def test_inflected_and_variant_forms_are_matched(english, chinese):
    assert run([[english]], [[chinese]]) == []
    # the same source against a translation without the rendering: the term is seen
    missing = run([[english]], [["这句话没有那个词。"]])
    assert "term-missing" in rules_of(missing)


def test_acronym_is_case_sensitive_and_words_are_not():
    assert run([["Rsi is a town, not a concept."]], [["这是一个小镇。"]]) == []
    findings = run([["ALIGNMENT matters."]], [["这很重要。"]])
    assert rules_of(findings) == ["term-missing"]


def test_rendering_inside_a_longer_chinese_word():
    # 对齐 inside 不对齐的 is a whole jieba word: the alignment term is rendered
    assert run([["Misaligned? No: alignment failed."]], [["不对齐的模型失败了。"]]) == []


def test_forbidden_inside_a_longer_word_is_not_reported_without_source_evidence(tmp_path):
    glossary = write_glossary(
        tmp_path,
        "name: t\nterms:\n  - en: agent\n    zh: 智能体\n    forbidden: 代理\n",
    )
    src = [["He hired a lawyer.", "The lawyer is busy."]]
    quiet = run(src, [["他请了一位代理人。", "律师很忙。"]], glossary=glossary)
    assert quiet == []
    # 代理 as a word of its own but no agent in the source: a general word (proxy), not reported
    assert run(src, [["他请了一位律师。", "代理很忙。"]], glossary=glossary) == []
    loud = run(
        [["He hired a lawyer.", "The agent is busy."]],
        [["他请了一位律师。", "代理很忙。"]],
        glossary=glossary,
    )
    assert rules_of(loud) == ["term-forbidden"]


def test_forbidden_rendering_names_the_source_term_and_suggests_the_approved_one():
    findings = run(
        [["Open-weight releases worry regulators."]],
        [["开源权重的发布让监管者担忧。"]],
    )
    (finding,) = findings
    assert finding.rule == "term-forbidden"
    assert finding.severity is Severity.ERROR
    assert finding.match == "开源权重"
    assert finding.suggestion == "开放权重"
    assert finding.term == "open-weight"
    assert finding.source is not None and finding.source.column == 1
    assert (finding.target.start, finding.target.end) == (0, 4)


def test_inconsistent_renderings_across_paragraphs():
    src = [
        ["Agents book flights."],
        ["Agents also write code."],
        ["Critics say agents are overhyped."],
    ]
    tgt = [["智能体能订机票。"], ["智能体还能写代码。"], ["批评者说代理被过度炒作了。"]]
    findings = run(src, tgt)
    (finding,) = findings
    assert finding.rule == "term-inconsistent"
    assert finding.severity is Severity.WARNING  # both renderings are approved
    assert finding.pair == 2
    assert finding.match == "代理"
    assert finding.suggestion == "智能体"
    assert "智能体 ×2 (dominant) (line 1, 3)" in finding.message
    assert "代理 ×1 (line 5)" in finding.message
    assert finding.target.line == 5


def test_single_rendering_makes_inconsistency_an_error(tmp_path):
    glossary = write_glossary(
        tmp_path, "name: t\nterms:\n  - en: agent\n    zh: [智能体, 代理]\n    single: true\n"
    )
    findings = run(
        [["Agents plan."], ["Agents act."]],
        [["智能体会规划。"], ["代理会行动。"]],
        glossary=glossary,
    )
    assert [(f.rule, f.severity) for f in findings] == [("term-inconsistent", Severity.ERROR)]


def test_inconsistency_with_a_forbidden_variant_is_reported_with_it():
    findings = run(
        [["Doomers are loud."], ["Doomers are few."], ["Doomers are wrong."]],
        [["末日论者声音很大。"], ["末日论者人数很少。"], ["末世论者错了。"]],
    )
    assert sorted(rules_of(findings)) == ["term-forbidden", "term-inconsistent"]
    inconsistent = next(f for f in findings if f.rule == "term-inconsistent")
    assert "末日论者 ×2 (dominant)" in inconsistent.message


def test_latin_rendering_is_not_a_competing_variant():
    findings = run(
        [["Large language models (LLMs) are everywhere."], ["LLMs hallucinate."]],
        [["大语言模型（LLM）无处不在。"], ["LLM 会产生幻觉。"]],
    )
    assert findings == []


def test_keep_terms_stay_in_english():
    src = [["The foom scenario is popular."]]
    assert run(src, [["foom 情景很流行。"]]) == []
    assert run(src, [["ＦＯＯＭ情景很流行。"]]) == []  # full-width letters are normalised
    assert run(src, [["foom（智能爆炸）情景很流行。"]]) == []
    findings = run(src, [["智能爆炸情景很流行。"]])
    assert rules_of(findings) == ["term-untranslated"]
    assert "should stay in English" in findings[0].message


def test_term_left_in_english_is_untranslated():
    findings = run([["Alignment is hard."]], [["alignment 很难。"]])
    (finding,) = findings
    assert finding.rule == "term-untranslated"
    assert finding.match == "alignment"
    assert finding.suggestion == "对齐"


def test_unexpected_rendering_is_info():
    findings = run([["The weather was fine that day."]], [["那天对齐得很好。"]])
    assert [(f.rule, f.severity) for f in findings] == [("term-unexpected", Severity.INFO)]
    assert findings[0].source is None


def test_rules_can_be_selected():
    src, tgt = [["Alignment is hard."]], [["alignment 很难。"]]
    assert run(src, tgt, rules=["term-missing"]) == []
    with pytest.raises(bitext.UsageError):
        run(src, tgt, rules=["numbers"])


def test_traditional_chinese_target(tmp_path):
    glossary = write_glossary(
        tmp_path,
        "name: t\ntarget: zh-Hant\nterms:\n  - en: recursive self-improvement\n"
        "    zh: 遞歸式自我升級\n",
    )
    assert (
        run(
            [["Recursive self-improvement is near."]],
            [["遞歸式自我升級近在眼前。"]],
            glossary=glossary,
        )
        == []
    )
    # simplified renderings in a zh-Hant glossary are matched too: both sides go through t2s
    findings = run(
        [["Recursive self-improvement is near."]], [["自我升級近在眼前。"]], glossary=glossary
    )
    assert rules_of(findings) == ["term-missing"]


def test_findings_are_deterministic():
    src = [["Agents and doomers."], ["Agents, doomers and open-weight models."]]
    tgt = [["智能体和末日论者。"], ["代理、末世论者和开源权重模型。"]]
    first = run(src, tgt)
    assert first == run(src, tgt)
    assert len(first) >= 3


def test_when_a_forbidden_rendering_dominates_the_approved_one_is_not_reported():
    findings = run(
        [["Doomers are loud."], ["Doomers are few."], ["Doomers are wrong."]],
        [["末世论者声音很大。"], ["末世论者人数很少。"], ["末日论者错了。"]],
    )
    inconsistent = [f for f in findings if f.rule == "term-inconsistent"]
    assert [f.match for f in inconsistent] == ["末世论者", "末世论者"]
    assert {f.suggestion for f in inconsistent} == {"末日论者"}
    assert "末世论者 ×2 (dominant)" in inconsistent[0].message
