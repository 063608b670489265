"""term-variation's bar: what counts as a competing rendering (hand-made pairs, both directions).

Another form of the same word is one rendering (Society / social for 社会; "economic and social"
/ "social and economic"); a long document needs a synonym in 4 pairs before it is a variation,
where a short article needs 2 (bitext/check/term_params.py, chosen on the gold sets).
"""

from __future__ import annotations

from glossary_pairs import document

from bitext.align.model import Alignment, Link
from bitext.check.discover import discover_terms


def alignment(src: list[str], tgt: list[str], src_lang: str, tgt_lang: str) -> Alignment:
    s = document([src], src_lang, "src.txt")
    t = document([tgt], tgt_lang, "tgt.txt")
    links = tuple(Link((i,), (i,), 0.9) for i in range(len(src)))
    return Alignment(links, s.segments, t.segments)


def by_term(align: Alignment):
    return {c.term: c for c in discover_terms(align, limit=None)}


def test_a_noun_and_its_adjective_are_one_rendering_zh_en():
    pairs = [
        ("社会在变化。", "Society is changing."),
        ("社会问题很多。", "There are many social problems."),
        ("社会在发展。", "Society keeps developing."),
        ("社会保障很重要。", "Social security matters."),
        ("社会需要耐心。", "Society needs patience."),
    ]
    found = by_term(alignment([z for z, _ in pairs], [e for _, e in pairs], "zh", "en"))
    society = found["社会"]
    assert {r.text.lower() for r in society.renderings} >= {"society", "social"}
    assert not society.inconsistent


def _filler(n: int) -> tuple[list[str], list[str]]:
    """Pairs about nothing in particular: every one its own numbers and words."""
    en = [f"Item {i} was counted on day {i + 1}." for i in range(n)]
    zh = [f"第{i + 1}天清点了第{i}项。" for i in range(n)]
    return en, zh


_DOOM = [
    ("Doom was the theme of the first talk.", "第一场讲座的主题是{}。"),
    ("The poet wrote about doom in winter.", "诗人在冬天写下了关于{}的诗。"),
    ("Nobody in the village believed in doom.", "村里没有人相信{}。"),
    ("A painter turned doom into bright colours.", "一位画家把{}画成了明亮的颜色。"),
    ("The radio host laughed at doom again.", "电台主持人又一次嘲笑了{}。"),
    ("Children drew pictures of doom with chalk.", "孩子们用粉笔画出了{}的样子。"),
    ("The old sailor never feared doom at sea.", "老水手在海上从不惧怕{}。"),
    ("Her novel ends with doom and a wedding.", "她的小说以{}和一场婚礼结尾。"),
    ("The museum opened a room about doom.", "博物馆开了一个关于{}的展厅。"),
    ("Farmers joked that doom could wait for rain.", "农民们开玩笑说{}可以等到下雨再来。"),
]


def _doom_document(minority: int, filler: int = 120) -> Alignment:
    """Ten pairs with doom, the first ``minority`` of them rendering it 末世, the rest 末日."""
    en, zh = _filler(filler)
    for k, (source, target) in enumerate(_DOOM):
        en.insert(k * 12, source)
        zh.insert(k * 12, target.format("末世" if k < minority else "末日"))
    return alignment(en, zh, "en", "zh")


def test_a_long_document_needs_a_synonym_in_four_pairs():
    rare = by_term(_doom_document(minority=2))["doom"]
    assert {r.text: r.pairs for r in rare.renderings}.get("末世") == 2
    assert not rare.inconsistent
    repeated = by_term(_doom_document(minority=4))["doom"]
    assert repeated.inconsistent
    assert [r.text for r in repeated.renderings if r.variant] == ["末日", "末世"]
