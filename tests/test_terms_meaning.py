"""Term rules on what the text means (issue 18, items 2 and 3), in both directions.

Sentences written for these tests. zh->en cases pass the Chinese document as the source (and,
end to end, the Chinese file first with ``src_lang="zh"``): the direction comes from the
documents, never from which side is English.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest
from glossary_pairs import aligned, document, write_glossary

import bitext
from bitext.align.model import Alignment, Link
from bitext.check.finding import Severity
from bitext.hygiene import repaired_with_offsets, suggest_split

DATA = Path(__file__).parent / "data" / "term-rules"


def en_zh(src, tgt, glossary="ai-safety", links=None):
    alignment, src_doc, tgt_doc = aligned(src, tgt, links)
    return bitext.check_terms(alignment, src_doc, tgt_doc, [glossary])


def zh_en(src: Sequence[Sequence[str]], tgt: Sequence[Sequence[str]], glossary="ai-safety"):
    """A Chinese source and its English translation, aligned 1-1 in order."""
    src_doc = document(src, "zh", "source.zh.txt")
    tgt_doc = document(tgt, "en", "translation.en.txt")
    links = tuple(Link((i,), (i,), 0.9) for i in range(len(src_doc.segments)))
    alignment = Alignment(links, src_doc.segments, tgt_doc.segments)
    return bitext.check_terms(alignment, src_doc, tgt_doc, [glossary])


def summary(findings):
    return [(f.rule, f.severity.value, f.match) for f in findings]


# -- item 2: en->zh ----------------------------------------------------------------------------


def test_a_glued_word_hides_no_term():
    # the glued-word repair splits "AIdoomersfear" before matching: AI / doomers are found
    assert en_zh([["Many AIdoomersfear the worst."]], [["许多AI末日论者担心最坏的情况。"]]) == []
    (finding,) = en_zh([["Many AIdoomersfear the worst."]], [["许多AI悲观者担心最坏的情况。"]])
    assert (finding.rule, finding.match, finding.term) == ("term-missing", "doomers", "doomer")
    # the span points into the user's file: the letters of "doomers" inside the glued token
    assert (finding.source.column, finding.source.end - finding.source.start) == (8, 7)


def test_glued_repair_offsets_map_back_to_the_file():
    text = "Most AIdoomersfear foom."
    repaired, offsets = repaired_with_offsets(text, frozenset({"doomers"}))
    assert repaired == "Most AI doomers fear foom."
    start = repaired.index("doomers")
    assert text[offsets[start] : offsets[start + len("doomers")]] == "doomers"
    assert len(offsets) == len(repaired) + 1 and offsets[-1] == len(text)


@pytest.mark.parametrize(
    ("token", "split"),
    [("AIsafety", "AI safety"), ("LLMsare", "LLMs are"), ("GPUshortage", "GPU shortage")],
)
def test_a_leading_acronym_is_split_off(token, split):
    assert suggest_split(token) == split


def test_known_words_let_a_rare_word_be_split_out():
    assert suggest_split("doomersfear", frozenset({"doomers"})) == "doomers fear"
    assert suggest_split("SQLite") is None and suggest_split("USAToday") is None


def test_an_acronym_introduced_beside_its_rendering_is_fine_afterwards():
    src = [
        ["Recursive self-improvement (RSI) is the crux.", "RSI could come soon.", "RSI may not."]
    ]
    tgt = [["“递归式自我升级”（RSI）是问题的关键。", "RSI 可能很快到来。", "RSI也可能不会。"]]
    assert en_zh(src, tgt) == []
    # never introduced: RSI left in English is untranslated, at the term's own severity
    bare = [["递归式自我升级是问题的关键。", "RSI 可能很快到来。", "RSI也可能不会。"]]
    assert summary(en_zh(src, bare)) == [
        ("term-untranslated", "error", "RSI"),
        ("term-untranslated", "error", "RSI"),
    ]


def test_an_acronym_given_first_with_the_rendering_in_brackets():
    src = [["Large language models (LLMs) spread.", "LLMs are cheap."]]
    tgt = [["ASI（人工超级智能）", "ASI 很便宜。"]]  # unrelated pair: no introduction for LLM
    assert "term-untranslated" not in [f.rule for f in en_zh(src, tgt)]
    src = [["ASI (artificial superintelligence) is far off.", "ASI worries some."]]
    tgt = [["ASI（人工超级智能）还很遥远。", "ASI 让一些人担忧。"]]
    assert en_zh(src, tgt) == []


def test_a_forbidden_rendering_inside_a_longer_word_is_not_reported():
    src = [["Nobody heard a foom; the rack fell with a crash."]]
    assert en_zh(src, [["没有人听到 foom；机架轰然倒下。"]]) == []
    # 轰 as a word of its own is the forbidden rendering of foom, and an error
    findings = en_zh([["It went foom."]], [["它轰了一下。"]])
    assert ("term-forbidden", "error", "轰") in summary(findings)


def test_a_forbidden_general_word_on_an_unrelated_sentence_is_not_reported():
    # 砰 is a word here, but the source has no foom: a door's bang, not a rendering of foom
    assert en_zh([["The door slammed."]], [["门砰地关上了。"]]) == []
    # a coined forbidden rendering is one wherever it appears
    findings = en_zh([["The idea is old."]], [["递归自我改进的想法很古老。"]])
    assert summary(findings) == [("term-forbidden", "error", "递归自我改进")]


def test_an_approved_part_satisfies_a_longer_term_only_where_the_glossary_says(tmp_path):
    src, tgt = [["AI safety research is growing."]], [["AI安全研究正在增长。"]]
    assert en_zh(src, tgt) == []  # ai-safety: keep_parts {AI: 人工智能}
    assert en_zh(src, [["AI 安全研究正在增长。"]]) == []  # with a CJK-Latin space too
    plain = write_glossary(
        tmp_path,
        "name: t\nterms:\n  - en: [artificial intelligence, AI]\n    zh: [人工智能, AI]\n"
        "  - en: AI safety\n    zh: 人工智能安全\n",
    )
    assert summary(en_zh(src, tgt, glossary=plain)) == [("term-missing", "warning", "AI safety")]


def test_computing_power_is_not_the_term_compute():
    src = [["Labs spend heavily on computing power.", "Compute is scarce."]]
    tgt = [["各实验室在计算能力上投入巨大。", "算力很稀缺。"]]
    assert en_zh(src, tgt) == []


def test_fine_tune_is_a_form_of_fine_tuning_where_the_glossary_says_forms_all():
    src = [["Anyone can fine-tune it at home."]]
    assert en_zh(src, [["任何人都能在家里对它进行微调。"]]) == []


def test_nothing_is_an_error_unless_forbidden_or_the_glossary_says_so():
    src = [
        ["Recursive self-improvement is near.", "Agents and doomers argue."],
        ["Compute is scarce.", "Alignment is hard.", "Benchmarks saturate."],
        ["Agents plan.", "The weather was fine."],
    ]
    tgt = [
        ["自我改进近在眼前。", "代理和末世论者在争论。"],
        ["compute 很稀缺。", "校准很难。", "标杆饱和了。"],
        ["智能体会规划。", "那天对齐得很好。"],
    ]
    findings = en_zh(src, tgt)
    assert {f.rule for f in findings} >= {"term-missing", "term-forbidden", "term-untranslated"}
    glossary = bitext.load_glossary("ai-safety")
    error_terms = {t.name for t in glossary.terms if t.severity is Severity.ERROR}
    for f in findings:
        if f.severity is Severity.ERROR:
            assert f.rule == "term-forbidden" or f.term in error_terms, f


# -- item 3: zh->en ----------------------------------------------------------------------------


def test_zh_en_missing_names_the_english_forms():
    (finding,) = zh_en([["算力仍然稀缺。"]], [["Computing power is still scarce."]])
    assert (finding.rule, finding.severity, finding.match) == (
        "term-missing",
        Severity.WARNING,
        "算力",
    )
    assert finding.suggestion == "compute"
    assert "compute" in finding.message
    assert zh_en([["算力仍然稀缺。"]], [["Compute is still scarce."]]) == []


def test_zh_en_a_general_chinese_word_is_weak_evidence():
    (finding,) = zh_en([["他在监督之下工作。"]], [["He worked under supervision."]])
    assert (finding.rule, finding.severity) == ("term-missing", Severity.INFO)
    assert "general word" in finding.message


def test_zh_en_forbidden_english_rendering():
    findings = zh_en([["末日论者很悲观。"]], [["The doomsayers are gloomy."]])
    assert summary(findings) == [("term-forbidden", "error", "doomsayers")]
    assert findings[0].suggestion == "doomer"
    # a forbidden English string inside a longer word is another word
    assert zh_en([["超级智能会到来吗？"]], [["Will superintelligence arrive?"]]) == []
    assert summary(zh_en([["超级智能会到来吗？"]], [["Will super intelligence arrive?"]])) == [
        ("term-forbidden", "error", "super intelligence")
    ]


def test_zh_en_inconsistent_english_forms_of_one_chinese_term():
    src = [["超参数很多。"], ["超参数要调。"], ["超参数难找。"]]
    tgt = [
        ["There are many hyperparameters."],
        ["Hyperparameters need tuning."],
        ["A good hyper-parameter is hard to find."],
    ]
    findings = zh_en(src, tgt)
    assert summary(findings) == [("term-inconsistent", "warning", "hyper-parameter")]
    assert findings[0].suggestion == "hyperparameter"
    assert "'超参数' ('hyperparameter') is rendered 2 ways" in findings[0].message
    # an acronym beside its spelled-out form is not a competing rendering
    src = [["大语言模型很贵。"], ["大语言模型（LLM）在变便宜。"], ["大语言模型无处不在。"]]
    tgt = [
        ["Large language models are costly."],
        ["LLMs are getting cheaper."],
        ["LLMs are everywhere."],
    ]
    assert zh_en(src, tgt) == []


def test_zh_en_a_longer_term_in_the_translation_keeps_the_shorter_one_present():
    assert zh_en([["AI安全研究在增长。"]], [["AI safety research is growing."]]) == []
    # AI in the source, "AI safety" in the translation: AI is there, inside the longer term
    findings = zh_en([["AI很强大，安全也很重要。"]], [["AI safety matters."]])
    assert "term-missing" not in [f.rule for f in findings]


def test_zh_en_glued_words_in_the_english_translation():
    assert zh_en([["许多人工智能末日论者担心。"]], [["Many AIdoomersfear it."]]) == []


def test_zh_en_a_kept_english_term_must_stay():
    findings = zh_en([["这就是 foom 情景。"]], [["This is the fast take-off scenario."]])
    assert ("term-untranslated", "warning", "foom") in summary(findings)
    assert zh_en([["这就是 foom 情景。"]], [["This is the foom scenario."]]) == []


def test_zh_en_chinese_forbidden_renderings_in_an_original_are_just_words():
    # 校准 is forbidden for "alignment" in translations into Chinese; in a Chinese source it is
    # the author's word (calibration), evidence of nothing
    assert zh_en([["仪器需要校准。"]], [["The instrument needs calibration."]]) == []


# -- end to end, through the aligner, both directions ------------------------------------------


def lint(paths, src_lang, tgt_lang):
    from bitext.pipeline import align_files

    docs = align_files([str(p) for p in paths], src_lang=src_lang, tgt_lang=tgt_lang)
    assert docs.src.lang == src_lang
    return bitext.check(docs, glossaries=["ai-safety"], select=["term"])


def above_info(findings):
    return [f for f in findings if f.severity is not Severity.INFO]


@pytest.mark.slow
def test_correct_articles_have_no_term_findings_above_info():
    forward = lint([DATA / "forward.en.txt", DATA / "forward.zh.txt"], "en", "zh")
    assert above_info(forward) == []
    backward = lint([DATA / "backward.zh.txt", DATA / "backward.en.txt"], "zh", "en")
    assert above_info(backward) == []


@pytest.mark.slow
def test_planted_flaws_are_found_in_both_directions(tmp_path):
    zh = (DATA / "forward.zh.txt").read_text(encoding="utf-8")
    flawed = zh.replace("许多AI末日论者", "许多AI末世论者").replace("RSI 最终", "RSI最终")
    flawed = flawed.replace("没有人听到 foom", "没有人听到轰的声响")
    (tmp_path / "flawed.zh.txt").write_text(flawed, encoding="utf-8")
    found = summary(lint([DATA / "forward.en.txt", tmp_path / "flawed.zh.txt"], "en", "zh"))
    assert ("term-forbidden", "error", "末世论者") in found
    assert ("term-forbidden", "error", "轰") in found  # here 轰 is a word of its own
    assert not any(rule == "term-untranslated" and m == "RSI" for rule, _, m in found)

    en = (DATA / "backward.en.txt").read_text(encoding="utf-8")
    flawed = en.replace(
        "What is truly scarce is compute", "What is truly scarce is computing power"
    ).replace("What AIdoomersfear", "What AI doomsayers fear")
    (tmp_path / "flawed.en.txt").write_text(flawed, encoding="utf-8")
    found = summary(lint([DATA / "backward.zh.txt", tmp_path / "flawed.en.txt"], "zh", "en"))
    assert ("term-forbidden", "error", "doomsayers") in found
    assert ("term-missing", "warning", "算力") in found
