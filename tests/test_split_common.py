"""Paragraphs, Markdown structure, mixed languages and the span invariants of ``bitext.split``."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

import bitext
from bitext.split import paragraph_spans, split_file, split_region, split_text

ARTICLE = (
    "# Why alignment matters\n"
    "\n"
    "Dr. Rivera leads the safety team at Acme Inc. in Boston. Her group tests models "
    "before release.\n"
    "They publish every result, e.g. failed runs.\n"
    "\n"
    "对齐研究越来越受重视。很多实验室开始招聘！\n"
    "\n"
    "- Read the paper. Then run the notebook.\n"
    "- 阅读论文。\n"
    "2. Report what you find.\n"
)


def assert_round_trip(text: str, doc) -> None:
    """Every segment is text[start:end]; only whitespace lies between and around segments."""
    prev = 0
    for seg in doc.segments:
        assert seg.text == text[seg.start : seg.end]
        assert seg.text == seg.text.strip()
        assert text[prev : seg.start].strip() == ""
        prev = seg.end
    assert text[prev:].strip() == ""


def test_article_segments_and_kinds() -> None:
    doc = bitext.split(ARTICLE)
    got = [(s.text, s.kind, s.lang, s.paragraph) for s in doc.segments]
    assert got == [
        ("# Why alignment matters", "heading", "en", 0),
        ("Dr. Rivera leads the safety team at Acme Inc. in Boston.", "sentence", "en", 1),
        ("Her group tests models before release.", "sentence", "en", 1),
        ("They publish every result, e.g. failed runs.", "sentence", "en", 1),
        ("对齐研究越来越受重视。", "sentence", "zh", 2),
        ("很多实验室开始招聘！", "sentence", "zh", 2),
        ("- Read the paper.", "list-item", "en", 3),
        ("Then run the notebook.", "list-item", "en", 3),
        ("- 阅读论文。", "list-item", "en", 3),
        ("2. Report what you find.", "list-item", "en", 3),
    ]
    assert [s.index for s in doc.segments] == list(range(len(doc.segments)))
    assert_round_trip(ARTICLE, doc)


def test_paragraphs_by_blank_lines() -> None:
    text = "First paragraph, line one\nline two.\n\n  \nSecond paragraph.\n"
    spans = paragraph_spans(text)
    assert [text[a:b] for a, b in spans] == [
        "First paragraph, line one\nline two.",
        "Second paragraph.",
    ]


def test_paragraphs_one_per_line_without_blank_lines() -> None:
    text = "第一章 论感觉\n关于人类的思想，我首先要个别地加以研究。\r\n  The end.  \n"
    spans = paragraph_spans(text)
    assert [text[a:b] for a, b in spans] == [
        "第一章 论感觉",
        "关于人类的思想，我首先要个别地加以研究。",
        "The end.",
    ]


def test_line_of_ideographic_spaces_is_blank() -> None:
    text = "　　第一段第一句。第二句。\n　　\n　　第二段。"
    doc = split_text(text, "zh")
    assert [(s.text, s.paragraph) for s in doc.segments] == [
        ("第一段第一句。", 0),
        ("第二句。", 0),
        ("第二段。", 1),
    ]


def test_crlf_blank_lines_separate_paragraphs() -> None:
    text = "One sentence here.\r\n\r\nAnother one there.\r\n"
    doc = bitext.split(text, lang="en")
    assert [(s.text, s.paragraph) for s in doc.segments] == [
        ("One sentence here.", 0),
        ("Another one there.", 1),
    ]
    assert doc.position(doc.segments[1].start).line == 3


def test_heading_never_merges_with_next_line() -> None:
    text = "## 结果\n模型在测试集上表现良好。"
    doc = split_text(text, "zh")
    assert [(s.text, s.kind) for s in doc.segments] == [
        ("## 结果", "heading"),
        ("模型在测试集上表现良好。", "sentence"),
    ]


def test_list_item_continuation_line_stays_in_item() -> None:
    text = "Steps:\n\n* Install the wheel\n  from the release page.\n* Run the tests."
    doc = split_text(text, "en")
    assert [(s.text, s.kind) for s in doc.segments][1:] == [
        ("* Install the wheel\n  from the release page.", "list-item"),
        ("* Run the tests.", "list-item"),
    ]


def test_mixed_document_splits_each_paragraph_with_its_own_rules() -> None:
    text = "人工智能安全是一个新领域。它发展很快。\n\nMr. Li disagrees. He says it is old."
    doc = split_text(text, "zh")
    assert doc.lang == "zh"
    assert [(s.text, s.lang) for s in doc.segments] == [
        ("人工智能安全是一个新领域。", "zh"),
        ("它发展很快。", "zh"),
        ("Mr. Li disagrees.", "en"),
        ("He says it is old.", "en"),
    ]


def test_latin_heavy_chinese_paragraph_keeps_chinese_rules() -> None:
    text = "更新说明见 https://example.org/release-notes/v2.html 和 CHANGELOG.md 。谢谢大家。"
    doc = split_text(text, "zh")
    assert [(s.text, s.lang) for s in doc.segments] == [
        ("更新说明见 https://example.org/release-notes/v2.html 和 CHANGELOG.md 。", "zh"),
        ("谢谢大家。", "zh"),
    ]


def test_auto_detects_document_language() -> None:
    assert split_text("这是中文。只有中文。").lang == "zh"
    assert split_text("This is English. Only English.").lang == "en"


def test_unknown_language_is_an_error() -> None:
    with pytest.raises(bitext.UsageError, match="unknown language 'fr'"):
        split_text("Bonjour.", "fr")


def test_split_region_returns_absolute_spans() -> None:
    text = "Intro line.\n\nFirst one. Second one.\n"
    start = text.index("First")
    end = len(text.rstrip())
    got = split_region(text, start, end, "auto")
    assert got == [
        (start, start + len("First one."), "sentence"),
        (text.index("Second"), end, "sentence"),
    ]


def test_split_region_semicolon_option() -> None:
    text = "风险是真实的；对策也是现成的。"
    assert len(split_region(text, 0, len(text), "zh")) == 1
    assert len(split_region(text, 0, len(text), "zh", split_semicolon=True)) == 2


def test_split_file_sets_path_and_encoding(tmp_path) -> None:
    path = tmp_path / "gbk.txt"
    path.write_bytes("模型会撒谎吗？研究者说会。".encode("gb18030"))
    doc = split_file(path)
    assert doc.sentences == ["模型会撒谎吗？", "研究者说会。"]
    assert doc.path == str(path)
    assert doc.encoding == "gb18030"


def test_same_input_same_output() -> None:
    first = bitext.split(ARTICLE)
    second = bitext.split(ARTICLE)
    assert first == second


@pytest.mark.parametrize(
    "text",
    [
        "Line without a stop\nand another\n\n\n“引号没有闭合。还有一句……",
        "   \n\n  ",
        "!!! ??? 。。。 ……",
        "《没有闭合的书名号。后面还有句子。",
        "a) b) c)\n\n1.\n\n#",
        "Wait... What? 'Yes!' he said. . . . And then—nothing.",
    ],
)
def test_round_trip_on_awkward_text(text: str) -> None:
    assert_round_trip(text, bitext.split(text))


def test_unclosed_book_title_does_not_swallow_the_paragraph() -> None:
    doc = bitext.split("《没有闭合的书名号。后面还有句子。", lang="zh")
    assert len(doc.segments) == 2


def test_splitting_does_not_import_jieba() -> None:
    code = (
        "import sys, bitext; bitext.split('模型会撒谎吗？会。 It does. Dr. Li agrees.'); "
        "print('jieba' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_import_bitext_does_not_import_nltk() -> None:
    code = "import sys, bitext; print('nltk' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_long_paragraph_is_linear_enough() -> None:
    """A 400 KB one-line paragraph splits (no quadratic regex blow-up); count is exact."""
    sentence = "模型在“测试集”上的准确率是86.4%，比去年高3.5分。"
    text = sentence * 10_000
    doc = bitext.split(text, lang="zh")
    assert len(doc.segments) == 10_000
    assert re.fullmatch(r"(?:模型.*?分。)+", text)


def test_bitext_split_stays_a_function_after_submodule_imports() -> None:
    import bitext.split.chinese
    from bitext.split import split_file as from_module

    assert callable(bitext.split)
    assert bitext.split("好。", lang="zh").sentences == ["好。"]
    assert callable(from_module)


def test_english_split_does_not_import_scipy_or_sklearn() -> None:
    """nltk pulls both in when installed (seconds of start-up); Punkt needs neither."""
    code = (
        "import sys, bitext; bitext.split('Dr. Li agrees. So do we.', lang='en'); "
        "print('scipy' in sys.modules or 'sklearn' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_english_split_loads_punkt_alone_and_leaves_nltk_importable() -> None:
    """Only Punkt's own modules load (nltk's ``__init__`` is ~0.4 s of a warm run), and none
    stays registered: a later ``import nltk`` gets the whole package as usual."""
    code = (
        "import sys, bitext; bitext.split('Dr. Li agrees. So do we.', lang='en'); "
        "print(any(m.partition('.')[0] == 'nltk' for m in sys.modules)); "
        "import nltk; print(callable(nltk.sent_tokenize), nltk.tokenize.punkt.__name__)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "True", "nltk.tokenize.punkt"]
