"""Paragraphs first: segments with paragraph indices on both sides are aligned paragraph by
paragraph, and no link crosses a paragraph pair."""

from __future__ import annotations

import bitext
from bitext.document import Segment

ZH = [
    ["李明是一名年轻的医生。", "他每天早上六点起床。", "医院离他家很远。"],
    ["周末他喜欢去山里钓鱼。", "湖水很清，鱼却很少。", "他常常空手而归。"],
    ["去年冬天，他的父亲病了。", "他请了一个月的假回老家。"],
]
EN = [
    [
        "Li Ming is a young doctor.",
        "He gets up at six every morning.",
        "The hospital is far from his home.",
    ],
    [
        "At weekends he likes to go fishing in the mountains.",
        "The lake is clear, but there are few fish.",
        "He often comes home empty-handed.",
    ],
    ["Last winter his father fell ill.", "He took a month off to go back to his home town."],
]


def segments(paragraphs, lang):
    out, pos = [], 0
    for p, sentences in enumerate(paragraphs):
        for text in sentences:
            out.append(Segment(text, pos, pos + len(text), lang, p, len(out)))
            pos += len(text) + 1
        pos += 1
    return out


def test_paragraph_pairs_become_blocks(encoder):
    result = bitext.align(segments(ZH, "zh"), segments(EN, "en"), encoder=encoder)
    assert result.signature["paragraphs"] == 3
    assert [(link.src, link.tgt) for link in result.links] == [((i,), (i,)) for i in range(8)]


def test_untranslated_paragraph_is_left_out_whole(encoder):
    # the translation drops the fishing paragraph: its three sentences become 1-0 links and
    # the last paragraph still pairs with its translation.
    en = [EN[0], EN[2]]
    zh = ZH
    with_paragraphs = bitext.align(segments(zh, "zh"), segments(en, "en"), encoder=encoder)
    pairs = [(link.src, link.tgt) for link in with_paragraphs.links]
    assert pairs[3:6] == [((3,), ()), ((4,), ()), ((5,), ())]
    assert pairs[6:] == [((6,), (3,)), ((7,), (4,))]


def test_plain_strings_or_option_off_skip_the_paragraph_pass(encoder):
    flat_zh = [s for p in ZH for s in p]
    flat_en = [s for p in EN for s in p]
    assert "paragraphs" not in bitext.align(flat_zh, flat_en, encoder=encoder).signature
    off = bitext.align(
        segments(ZH, "zh"), segments(EN, "en"), encoder=encoder, paragraphs_first=False
    )
    assert "paragraphs" not in off.signature
