"""Layouts of one bilingual file: detection, paragraph pairs, unpaired lines (text only)."""

from __future__ import annotations

import pytest

from bitext.errors import InputError, UsageError
from bitext.layout import detect_layout, parse_layout

EN1 = "Compute is where the debate becomes concrete. Training a frontier model costs a fortune."
ZH1 = "算力正是这场争论变得具体的地方。如今训练一个前沿模型要花费巨资。"
EN2 = "Open-weight models have changed the picture again."
ZH2 = "开放权重模型再次改变了局面。"
EN3 = "None of this means that foom is inevitable."
ZH3 = "这一切并不意味着 foom 不可避免。"

INTRO = "双语精读｜算力之争\n标签：人工智能 算力\n发布时间:2026-06-20 04:28阅读:1\n"


def _pairs(text, layout):
    return [
        ([text[s.start : s.end] for s in p.src], [text[s.start : s.end] for s in p.tgt])
        for p in layout.pairs
    ]


def _unpaired(text, layout):
    return [text[s.start : s.end] for s in layout.unpaired]


@pytest.mark.parametrize(
    ("src_label", "tgt_label"),
    [
        ("原文：", "翻译："),
        ("原文:", "译文:"),
        ("原文 ", "翻译 "),
        ("【原文】", "【翻译】"),
        ("Original: ", "Translation: "),
        ("EN: ", "ZH: "),
        ("EN ", "ZH "),
        ("英文：", "中文："),
        ("**原文**：", "**翻译**："),
        ("**原文：**", "**译文：**"),
        ("> 原文：", "> 翻译："),
    ],
)
def test_marked_blocks_with_label_variants(src_label, tgt_label):
    text = (
        INTRO
        + "\n"
        + "\n\n".join(
            f"{src_label}{en}\n{tgt_label}{zh}" for en, zh in ((EN1, ZH1), (EN2, ZH2), (EN3, ZH3))
        )
    )
    assert detect_layout(text) == "marked"
    layout = parse_layout(text)
    assert _pairs(text, layout) == [([EN1], [ZH1]), ([EN2], [ZH2]), ([EN3], [ZH3])]
    assert _unpaired(text, layout) == INTRO.splitlines()
    assert (layout.src_lang, layout.tgt_lang) == ("en", "zh")


def test_label_alone_on_its_line_takes_the_following_lines():
    text = f"原文\n{EN1}\n\n翻译\n{ZH1}\n\n原文\n{EN2}\n翻译\n{ZH2}\n"
    layout = parse_layout(text)
    assert layout.name == "marked"
    assert _pairs(text, layout) == [([EN1], [ZH1]), ([EN2], [ZH2])]
    assert _unpaired(text, layout) == []


def test_markdown_heading_labels():
    blocks = [f"## 原文\n\n{EN1}\n\n## 翻译\n\n{ZH1}", f"## 原文\n\n{EN2}\n\n## 翻译\n\n{ZH2}"]
    text = "# 双语精读\n\n" + "\n\n".join(blocks) + "\n"
    layout = parse_layout(text)
    assert layout.name == "marked"
    assert _pairs(text, layout) == [([EN1], [ZH1]), ([EN2], [ZH2])]
    assert _unpaired(text, layout) == ["# 双语精读"]


def test_words_that_look_like_labels_are_prose():
    text = (
        "中文互联网上的讨论很热烈。\nEnglish is the language of most papers.\n"
        f"原文：{EN1}\n翻译：{ZH1}\n"
    )
    layout = parse_layout(text)
    assert _pairs(text, layout) == [([EN1], [ZH1])]
    assert _unpaired(text, layout) == [
        "中文互联网上的讨论很热烈。",
        "English is the language of most papers.",
    ]


def test_inline_pairs_keep_the_analysis_as_a_note():
    text = (
        INTRO
        + f"原文: {EN2} 翻译: {ZH2} 解析: open-weight 指公开权重，不等于开源。\n"
        + f"原文：{EN3} 译文：{ZH3} 解析：foom 是拟声词，常保留不译。\n"
    )
    assert detect_layout(text) == "inline"
    layout = parse_layout(text)
    assert _pairs(text, layout) == [([EN2], [ZH2]), ([EN3], [ZH3])]
    notes = [text[s.start : s.end] for s in layout.unpaired if s.kind == "note"]
    assert notes == ["open-weight 指公开权重，不等于开源。", "foom 是拟声词，常保留不译。"]


def test_alternating_paragraphs_tolerate_one_without_counterpart():
    text = "\n\n".join(["算力之争：导读", EN1, ZH1, EN2, EN3, ZH3, "（完）"]) + "\n"
    assert detect_layout(text) == "alternating"
    layout = parse_layout(text)
    assert _pairs(text, layout) == [([EN1], [ZH1]), ([EN3], [ZH3])]
    assert _unpaired(text, layout) == ["算力之争：导读", EN2, "（完）"]


def test_alternating_lines_without_blank_lines():
    text = f"{EN1}\n{ZH1}\n{EN2}\n{ZH2}\n{EN3}\n{ZH3}\n"
    layout = parse_layout(text)
    assert layout.name == "alternating"
    assert len(layout.pairs) == 3


def test_tsv_two_columns_with_header():
    text = f"source\ttarget\n{EN1}\t{ZH1}\n{EN2}\t{ZH2}\n{EN3}\t\n"
    assert detect_layout(text) == "tsv"
    layout = parse_layout(text)
    assert _pairs(text, layout) == [([EN1], [ZH1]), ([EN2], [ZH2]), ([EN3], [])]
    assert _unpaired(text, layout) == ["source\ttarget"]


def test_csv_with_quoted_cells():
    text = f'en,zh\n"{EN1}",{ZH1}\n"He said ""foom"", twice.","他说了两遍“foom”。"\n'
    layout = parse_layout(text, path="terms.csv")
    assert layout.name == "tsv"
    pairs = _pairs(text, layout)
    assert pairs[0] == ([EN1], [ZH1])
    assert pairs[1] == (['He said ""foom"", twice.'], ["他说了两遍“foom”。"])


def test_tsv_with_chinese_in_the_first_column():
    text = f"{ZH1}\t{EN1}\n{ZH2}\t{EN2}\n"
    layout = parse_layout(text)
    assert (layout.src_lang, layout.tgt_lang) == ("zh", "en")
    assert _pairs(text, layout)[0] == ([ZH1], [EN1])  # the first column is the source
    with pytest.raises(UsageError, match="first column"):
        parse_layout(text, src_lang="en")  # contradicts the file: an error, never a swap


def test_halves_with_bilingual_headings():
    text = (
        "新闻速递\n\nHot 热度\n\n"
        + "\n\n".join([EN1, EN2, EN3])
        + "\n\nAnalysis 深度分析\n\n"
        + "\n\n".join([ZH1, ZH2, ZH3])
        + "\n"
    )
    assert detect_layout(text) == "halves"
    layout = parse_layout(text)
    assert _pairs(text, layout) == [(["Hot"], ["热度"]), (["Analysis"], ["深度分析"])]
    assert [text[s.start : s.end] for s in layout.src_paragraphs] == [EN1, EN2, EN3]
    assert [text[s.start : s.end] for s in layout.tgt_paragraphs] == [ZH1, ZH2, ZH3]
    assert _unpaired(text, layout) == ["新闻速递"]


def test_one_language_only_is_an_error():
    with pytest.raises(InputError, match="only English"):
        detect_layout(f"{EN1}\n\n{EN2}\n")
    with pytest.raises(InputError, match="only Chinese"):
        parse_layout(f"{ZH1}\n\n{ZH2}\n", path="zh.txt")


def test_unknown_layout_is_a_usage_error():
    with pytest.raises(UsageError, match="unknown layout"):
        parse_layout(f"{EN1}\n{ZH1}\n", "columns")
