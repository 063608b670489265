"""zh-typography and en-hygiene on hand-built pairs, including one bilingual file."""

from __future__ import annotations

import pytest
from handbuilt import CLEAN, aligned

import bitext
from bitext.check.finding import Severity
from bitext.errors import ConfigError


def typo(zh: str, en: str = "The model was evaluated on three benchmarks.", **config):
    docs = aligned([(en, zh, 0.8)])
    return bitext.check(docs, select=["zh-typography"], config=config or None)


def test_clean_article_has_no_typography_findings():
    assert bitext.check(aligned(CLEAN), select=["zh-typography", "en-hygiene"]) == []


@pytest.mark.parametrize(
    ("zh", "match", "fix"),
    [
        ("研究人员担心,这类系统可能学会欺骗。", ",", "，"),
        ("结论:模型在三个基准上都有提升。", ":", "："),
        ("这是真的吗?我们不确定。", "?", "？"),
        ("太好了!模型通过了测试。", "!", "！"),
        ("第一;第二。", ";", "；"),
    ],
)
def test_half_width_punctuation_beside_chinese(zh, match, fix):
    found = typo(zh)
    assert [(f.match, f.severity) for f in found] == [(match, Severity.WARNING)]
    assert fix in found[0].message
    assert found[0].target.column == zh.index(match) + 1


def test_half_width_punctuation_between_latin_is_fine():
    assert typo("模型版本为v2.1,build 7发布。") == []
    assert typo("访问https://example.org:8080/a,b获取详情。") == []
    assert typo("时间是10:30。") == []


def test_parentheses_around_chinese_and_straight_quotes():
    found = typo('人工智能(AI)的"对齐"问题。')
    kinds = sorted(f.message.split(" ")[0] for f in found)
    assert kinds == ["half-width", "straight", "straight"]


def test_mixed_quote_styles_in_one_document():
    docs = aligned(
        [
            ("He said “alignment” twice.", "他说了两次“对齐”。", 0.8),
            ("She said “safety” once.", "她说了一次“安全”。", 0.8),
            ("They said “oversight”.", "他们说「监督」。", 0.8),
        ]
    )
    found = bitext.check(docs, select=["zh-typography"])
    assert [(f.target.line, f.match, f.severity) for f in found] == [
        (3, "「」", Severity.INFO),
        (3, "「」", Severity.INFO),
    ]


def test_cjk_spacing_none_and_one():
    spaced = "我们使用 Claude 模型。"
    glued = "我们使用Claude模型。"
    assert typo(glued) == []  # default: none (as in published translations)
    assert [f.match for f in typo(spaced)] == [" ", " "]
    assert typo(spaced, **{"cjk-spacing": "one"}) == []
    assert len(typo(glued, **{"cjk-spacing": "one"})) == 2
    assert typo(spaced, **{"cjk-spacing": "off"}) == []


def test_cjk_spacing_is_validated():
    with pytest.raises(ConfigError, match="cjk-spacing"):
        typo("我们。", **{"cjk-spacing": "two"})


def test_repeated_punctuation():
    found = typo("真的吗？？这不可能！！我们，，继续。")
    assert [f.match for f in found] == ["？？", "！！", "，，"]
    assert typo("他停顿了一下……然后说——好吧。") == []


def test_severity_override_applies_to_every_check():
    found = typo("真的吗？？", severity={"zh-typography": "error"})
    assert [f.severity for f in found] == [Severity.ERROR]


def test_english_hygiene_double_space_and_repeated_words():
    docs = aligned(
        [
            ("The  model was trained on the the internet.", "模型在互联网上训练。", 0.8),
            ("We knew that that was risky, and it had had effects.", "我们知道那有风险。", 0.8),
        ]
    )
    found = bitext.check(docs, select=["en-hygiene"])
    assert [(f.source.line, f.source.column, f.match) for f in found] == [
        (1, 4, "  "),
        (1, 27, "the the"),
    ]
    assert all(f.severity is Severity.INFO for f in found)


def test_bilingual_file_only_reads_each_language_once():
    """One file holding both languages: English rules skip Chinese lines and vice versa."""
    from bitext.align.model import Alignment, Link
    from bitext.document import Document, Segment
    from bitext.pipeline import AlignedDocuments

    text = "The  cost rose.\n成本上升了,很多。\n"
    en = Segment("The  cost rose.", 0, 15, "en", 0, 0)
    zh = Segment("成本上升了,很多。", 16, 25, "zh", 1, 0)
    src = Document(text, (en,), "en", "notes.md")
    tgt = Document(text, (zh,), "zh", "notes.md")
    docs = AlignedDocuments(
        src, tgt, Alignment((Link((0,), (0,), 0.8),), (en,), (zh,)), layout="bilingual"
    )
    found = bitext.check(docs, select=["zh-typography", "en-hygiene"])
    assert [(f.rule, str(f.source or f.target)) for f in found] == [
        ("en-hygiene", "notes.md:1:4"),
        ("zh-typography", "notes.md:2:6"),
    ]


def test_english_hygiene_leaves_names_and_interjections_alone():
    docs = aligned(
        [
            ('Her nicknames were "Zhen Zhen" and "Yao Yao", ha ha.', "她的小名叫真真和瑶瑶。", 0.8),
            ("The the clock went on.", "钟继续走。", 0.8),
        ]
    )
    found = bitext.check(docs, select=["en-hygiene"])
    assert [f.match for f in found] == ["The the"]
