"""Term matching itself: English word boundaries and forms, Chinese normalisation and words."""

from __future__ import annotations

import pytest
from glossary_pairs import document

from bitext.check.glossary import Glossary, Term
from bitext.check.terms import TermSet, normalise_width


def english(term: Term, sentence: str) -> list[str]:
    terms = TermSet.from_glossaries([Glossary("t", (term,))])
    return [h.text for h in terms.english_hits(document([[sentence]], "en", "a.txt"))]


def chinese(
    terms: tuple[Term, ...], sentence: str, target: str = "zh"
) -> list[tuple[str, str, bool]]:
    glossary = Glossary("t", terms, target=target)
    hits = TermSet.from_glossaries([glossary]).target_hits(document([[sentence]], "zh", "b.txt"))
    return [(h.kind, h.text, h.whole) for h in hits]


@pytest.mark.parametrize(
    ("term", "sentence", "expected"),
    [
        (Term(("alignment",), ("对齐",)), "Misalignment is not alignment.", ["alignment"]),
        (
            Term(("agent",), ("智能体",)),
            "Agents, agent's goals and agentic AI.",
            ["Agents", "agent's"],
        ),
        (
            Term(("benchmark",), ("基准",), forms="all"),
            "Benchmarking and benchmarked models.",
            ["Benchmarking", "benchmarked"],
        ),
        (Term(("benchmark",), ("基准",)), "Benchmarks, benchmarking.", ["Benchmarks"]),
        # word forms, not prefixes: the noun compute is not in "computing power"
        (Term(("compute",), ("算力",)), "Computing power needs compute.", ["compute"]),
        (
            Term(("compute",), ("算力",), forms="all"),
            "Computing needs compute.",
            ["Computing", "compute"],
        ),
        (
            Term(("fine-tuning",), ("微调",), forms="all"),
            "Fine-tune it; fine-tuned, fine tunes.",
            ["Fine-tune", "fine-tuned", "fine tunes"],
        ),
        (Term(("fine-tuning",), ("微调",)), "Fine-tune it; fine-tunings.", ["fine-tunings"]),
        (
            Term(("fast take-off",), ("快速起飞",)),
            "A fast takeoff, a fast take off.",
            ["fast takeoff", "fast take off"],
        ),
        (
            Term(("open weight",), ("开放权重",)),
            "Open-weight and open weight.",
            ["Open-weight", "open weight"],
        ),
        (
            Term(("data centre",), ("数据中心",)),
            "Data centers and data centres.",
            ["Data centers", "data centres"],
        ),
        (Term(("organisation",), ("组织",)), "An organization.", ["organization"]),
        (Term(("LLM",), ("大语言模型",)), "LLMs, not llms or LLMA.", ["LLMs"]),
        (Term(("LLM",), ("大语言模型",), case_sensitive=False), "LLMs and llms.", ["LLMs", "llms"]),
        (Term(("Claude",), ("克劳德",), case_sensitive=True), "Claude, not claude.", ["Claude"]),
        (Term(("p(doom)",), keep=True), "My p(doom) is low.", ["p(doom)"]),
    ],
)
def test_english_forms(term, sentence, expected):
    assert english(term, sentence) == expected


def test_longest_term_wins_on_overlap():
    terms = (Term(("frontier model",), ("前沿模型",)), Term(("model",), ("模型",)))
    hits = TermSet.from_glossaries([Glossary("t", terms)]).english_hits(
        document([["A frontier model and a model."]], "en", "a.txt")
    )
    assert [(h.term, h.text) for h in hits] == [(0, "frontier model"), (1, "model")]
    assert chinese(terms, "前沿模型和模型。") == [("zh", "前沿模型", True), ("zh", "模型", True)]


def test_width_normalisation_keeps_offsets():
    text = "ＡＧＩ　和ＬＬＭ，"
    assert normalise_width(text) == "AGI 和LLM,"
    assert len(normalise_width(text)) == len(text)
    term = Term(("artificial general intelligence", "AGI"), ("通用人工智能", "AGI"))
    assert chinese((term,), "ＡＧＩ来了。") == [("zh", "ＡＧＩ", True)]


def test_latin_renderings_respect_word_boundaries():
    term = Term(("artificial general intelligence", "AGI"), ("通用人工智能", "AGI"))
    assert chinese((term,), "MAGIC 不是 AGI。") == [("zh", "AGI", True)]


def test_chinese_hits_are_judged_by_jieba_words():
    agent = Term(("agent",), ("智能体",), forbidden=("代理",))
    assert chinese((agent,), "他请了一位代理人。") == [("forbidden", "代理", False)]
    assert chinese((agent,), "代理在运行。") == [("forbidden", "代理", True)]
    alignment = Term(("alignment",), ("对齐",))
    assert chinese((alignment,), "不对齐的模型") == [("zh", "对齐", True)]


def test_glossary_renderings_stay_whole_words():
    rsi = Term(("recursive self-improvement",), ("递归式自我升级",))
    assert chinese((rsi,), "递归式自我升级很快。") == [("zh", "递归式自我升级", True)]


def test_traditional_target_is_matched_after_conversion():
    rsi = Term(("recursive self-improvement",), ("递归式自我升级",))
    assert chinese((rsi,), "遞歸式自我升級很快。", target="zh-Hant") == [
        ("zh", "遞歸式自我升級", True)
    ]
    assert chinese((rsi,), "遞歸式自我升級很快。") == []  # a simplified glossary does not convert


@pytest.mark.parametrize(
    ("form", "sentence", "expected"),
    [
        ("metre", "Two meters away.", ["meters"]),
        ("use case", "Use cases like this.", ["Use cases"]),
        ("policy", "Policies change.", ["Policies"]),
        ("fine-tuning", "Finetuning is cheap.", ["Finetuning"]),
    ],
)
def test_short_and_changing_stems_survive_the_prefilter(form, sentence, expected):
    assert english(Term((form,), ("某",)), sentence) == expected
