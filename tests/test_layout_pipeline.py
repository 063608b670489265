"""align_files on one bilingual file: pairs, unpaired lines, and positions on both sides."""

from __future__ import annotations

import re

import pytest

from bitext.pipeline import align_files
from bitext.reader import read_text
from tests.conftest import EXAMPLES

BILINGUAL = EXAMPLES / "article.bilingual.txt"


def text_at(text: str, line: int, column: int, length: int) -> str:
    """The file text at a 1-based line:col, counting CRLF, CR and LF as one line end."""
    starts = [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", text)]
    offset = starts[line - 1] + column - 1
    return text[offset : offset + length]


def assert_positions(result):
    """Every segment's reported line:col points at exactly its text in the file."""
    for doc in (result.src, result.tgt):
        file_text = read_text(doc.path).text
        for seg in doc.segments:
            pos = doc.position(seg.start)
            assert text_at(file_text, pos.line, pos.column, len(seg.text)) == seg.text
    for seg in result.unpaired:
        pos = result.src.position(seg.start)
        assert text_at(read_text(result.src.path).text, pos.line, pos.column, len(seg.text)) == (
            seg.text
        )


@pytest.fixture(scope="module")
def bilingual():
    return align_files([BILINGUAL])


def test_bilingual_example_is_marked_and_paired(bilingual):
    assert bilingual.layout == "marked"
    assert bilingual.src.path == bilingual.tgt.path == str(BILINGUAL)
    assert (bilingual.src.lang, bilingual.tgt.lang) == ("en", "zh")
    first = bilingual.src.segments[0].text
    assert first.startswith("Few ideas in artificial intelligence")
    assert bilingual.tgt.segments[0].text.startswith("在人工智能领域")


def test_positions_point_at_the_text_on_both_sides(bilingual):
    assert_positions(bilingual)
    seg = bilingual.tgt.segments[0]
    pos = bilingual.tgt.position(seg.start)
    assert (pos.line, pos.column) == (7, 4)  # after "翻译："


def test_introduction_and_notes_are_unpaired_not_dropped(bilingual):
    texts = [s.text for s in bilingual.unpaired]
    assert texts[:4] == [
        "双语精读｜通往递归自我改进的漫长道路",
        "标签：人工智能 对齐 算力 前沿模型",
        "发布时间:2026-06-20 04:28阅读:1",
        texts[3],
    ]
    assert texts[3].startswith("导读：")
    notes = [s for s in bilingual.unpaired if s.kind == "note"]
    assert len(notes) == 2 and notes[0].text.startswith("reward hacking 也常译作")


def test_every_word_of_the_file_is_somewhere(bilingual):
    """Nothing is silently dropped: each letter or Han character outside a label is in a
    sentence or in an unpaired line."""
    text = bilingual.src.text
    covered = bytearray(len(text))
    for seg in (*bilingual.src.segments, *bilingual.tgt.segments, *bilingual.unpaired):
        covered[seg.start : seg.end] = b"\x01" * (seg.end - seg.start)
    labels = re.compile(r"(原文|翻译|解析)\s*[:：]?")
    for m in labels.finditer(text):
        covered[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
    missing = [text[i] for i in range(len(text)) if not covered[i] and text[i].isalnum()]
    assert missing == []


def test_links_stay_inside_paragraph_pairs_and_cover_every_sentence(bilingual):
    alignment = bilingual.alignment
    seen_src, seen_tgt = [], []
    for link in alignment.links:
        paragraphs = {bilingual.src.segments[i].paragraph for i in link.src}
        paragraphs |= {bilingual.tgt.segments[j].paragraph for j in link.tgt}
        assert len(paragraphs) == 1
        seen_src += link.src
        seen_tgt += link.tgt
    assert seen_src == list(range(len(bilingual.src.segments)))
    assert seen_tgt == list(range(len(bilingual.tgt.segments)))


def test_crlf_and_gbk_copies_give_the_same_pairs(tmp_path, bilingual):
    text = read_text(BILINGUAL).text
    crlf = tmp_path / "crlf.txt"
    crlf.write_bytes(text.replace("\n", "\r\n").encode("gbk"))
    result = align_files([crlf], presplit=False)
    assert read_text(crlf).encoding == "gb18030"
    assert [s.text for s in result.src.segments] == [s.text for s in bilingual.src.segments]
    assert [s.text for s in result.tgt.segments] == [s.text for s in bilingual.tgt.segments]
    assert_positions(result)


def test_alternating_file_with_introduction(tmp_path):
    en = read_text(EXAMPLES / "article.en.txt").text.strip().split("\n\n")[1:5]
    zh = read_text(EXAMPLES / "article.zh.txt").text.strip().split("\n\n")[1:5]
    parts = ["导读：这是一篇关于递归自我改进的双语文章。"]
    for e, z in zip(en, zh, strict=True):
        parts += [e, z]
    path = tmp_path / "alt.txt"
    path.write_text("\n\n".join(parts) + "\n", encoding="utf-8")
    result = align_files([path])
    assert result.layout == "alternating"
    assert [s.text for s in result.unpaired] == [parts[0]]
    assert {s.paragraph for s in result.src.segments} == {0, 1, 2, 3}
    assert_positions(result)


def _halves(tmp_path, zh_paragraphs):
    en = read_text(EXAMPLES / "article.en.txt").text.strip().split("\n\n")[1:6]
    body = ["Analysis 深度分析", *en, "Hot 热度", *zh_paragraphs]
    path = tmp_path / "halves.txt"
    path.write_text("\n\n".join(body) + "\n", encoding="utf-8")
    return align_files([path])


def test_halves_that_are_translations_are_paired(tmp_path):
    zh = read_text(EXAMPLES / "article.zh.txt").text.strip().split("\n\n")[1:6]
    result = _halves(tmp_path, zh)
    assert result.layout == "halves"
    assert not any("summaries" in w for w in result.warnings)
    paragraphs = {s.paragraph for s in result.src.segments}
    assert len(paragraphs) == 7  # two headings and five paragraph pairs
    assert_positions(result)


def test_halves_that_are_summaries_are_reported_not_forced(tmp_path):
    summaries = [
        "本文讨论了人工智能的发展历史以及科技公司之间的竞争。",
        "作者认为监管机构需要更多的资金和人员。",
        "芯片出口管制正在改变全球半导体产业格局。",
    ]
    result = _halves(tmp_path, summaries)
    assert any("parallel summaries, not translations" in w for w in result.warnings)
    unpaired = [s.text for s in result.unpaired]
    assert all(z in unpaired for z in summaries)
    # the headings still pair with themselves
    assert [s.text for s in result.src.segments if s.kind == "heading"] == ["Analysis", "Hot"]


def test_summaries_mark_the_pairs_they_force_low_confidence(tmp_path, run_cli):
    """Issue 18: one paragraph of the Chinese half translates an English one, the rest are
    summaries; the layout says "parallel summaries", and every sentence pair made inside them
    is low-confidence in the aligned output (headings paired with headings are not)."""
    import json

    zh = read_text(EXAMPLES / "article.zh.txt").text.strip().split("\n\n")[1:2]
    summaries = [
        *zh,
        "本文讨论了人工智能的发展历史以及科技公司之间的竞争。",
        "作者认为监管机构需要更多的资金和人员。",
        "芯片出口管制正在改变全球半导体产业格局。",
    ]
    result = _halves(tmp_path, summaries)
    assert result.parallel_summaries
    pairs = [link for link in result.alignment.links if link.src and link.tgt]
    body = [link for link in pairs if result.src.segments[link.src[0]].kind != "heading"]
    assert body, "the translated paragraph should still be aligned"
    assert all(link.low_confidence for link in body)
    assert not any(
        link.low_confidence for link in pairs if link not in body
    )  # headings stay confident
    code, out, _ = run_cli("align", tmp_path / "halves.txt", "--format", "jsonl")
    assert code == 0
    rows = [json.loads(line) for line in out.splitlines() if line.strip()]
    links = [r for r in rows if r.get("type") == "link" and r["src"] and r["tgt"]]
    assert len(links) == len(pairs)
    assert sum(r["low_confidence"] for r in links) == len(body)


def test_translated_halves_keep_their_confidence(tmp_path):
    zh = read_text(EXAMPLES / "article.zh.txt").text.strip().split("\n\n")[1:6]
    result = _halves(tmp_path, zh)
    assert not result.parallel_summaries
    assert not all(link.low_confidence for link in result.alignment.links if link.src and link.tgt)


def test_two_files_crlf_and_utf16_positions(tmp_path):
    en = tmp_path / "en.txt"
    zh = tmp_path / "zh.txt"
    en.write_bytes(read_text(EXAMPLES / "article.en.txt").text.replace("\n", "\r\n").encode())
    zh.write_bytes(read_text(EXAMPLES / "article.zh.txt").text.encode("utf-16"))
    result = align_files([en, zh])
    assert result.layout == "two-files" and result.unpaired == ()
    assert (result.src.path, result.tgt.path) == (str(en), str(zh))
    assert result.tgt.encoding == "utf-16"
    reverse = align_files([zh, en])  # the first file is the source, whatever its language
    assert (reverse.src.path, reverse.src.lang) == (str(zh), "zh")
    assert_positions(result)
    last = result.tgt.segments[-1]
    pos = result.tgt.position(last.start)
    assert pos.line == 19 and last.text.startswith("答案将取决于")
