"""Hand-made EN/ZH cases for each kind of link, through the public ``bitext.align`` API."""

from __future__ import annotations

import pytest

import bitext
from bitext.align.model import Alignment
from bitext.document import Segment

ZH = [
    "早上七点，李明骑车去了火车站。",
    "站台上挤满了赶着上班的人。",
    "他在报亭买了一份报纸和一瓶水。",
    "火车晚点了二十分钟。",
    "他给老板打电话，说自己会迟到。",
    "老板说没关系，会议推迟到十点。",
    "车厢里很安静，大家都在看手机。",
    "到站以后，他跑着穿过了广场。",
    "办公楼的电梯坏了，他只好爬楼梯。",
    "他走进会议室的时候，大家正在等他。",
]
EN = [
    "At seven in the morning, Li Ming rode his bike to the train station.",
    "The platform was packed with people hurrying to work.",
    "He bought a newspaper and a bottle of water at the kiosk.",
    "The train was twenty minutes late.",
    "He called his boss to say he would be late.",
    "His boss said it was fine, the meeting had been moved to ten.",
    "The carriage was quiet; everyone was looking at their phones.",
    "When he arrived, he ran across the square.",
    "The lift in the office building was broken, so he had to take the stairs.",
    "When he walked into the meeting room, everyone was waiting for him.",
]


def pairs(result: Alignment) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    return [(link.src, link.tgt) for link in result.links]


def assert_covers(result: Alignment, n: int, m: int) -> None:
    """Links are in order and cover every sentence exactly once."""
    src = [i for link in result.links for i in link.src]
    tgt = [j for link in result.links for j in link.tgt]
    assert src == list(range(n))
    assert tgt == list(range(m))


def test_parallel_text_is_all_one_to_one(encoder):
    result = bitext.align(ZH, EN, encoder=encoder)
    assert pairs(result) == [((i,), (i,)) for i in range(10)]
    assert all(link.kind == "1-1" and link.score > 0.4 for link in result.links)
    assert not any(link.low_confidence for link in result.links)
    assert result.warnings == ()


def test_merged_sentences_give_a_two_to_one_link(encoder):
    en = [
        *EN[:3],
        "The train was twenty minutes late, so he called his boss to say he would be late.",
        *EN[5:],
    ]
    result = bitext.align(ZH, en, encoder=encoder)
    assert_covers(result, 10, 9)
    assert ((3, 4), (3,)) in pairs(result)
    assert ((5,), (4,)) in pairs(result)


def test_split_sentence_gives_a_one_to_two_link(encoder):
    en = [*EN[:5], "His boss said it was fine.", "The meeting had been moved to ten.", *EN[6:]]
    result = bitext.align(ZH, en, encoder=encoder)
    assert_covers(result, 10, 11)
    assert ((5,), (5, 6)) in pairs(result)
    assert ((6,), (7,)) in pairs(result)


# a split whose second half opens with "This is": the next source sentence repeats its words
SPLIT_ZH = [
    "强调读书，是因为阅读是一个民族最重要的精神财富。",
    "我们在任何时候都要珍惜这份最重要的精神财富，在任何地方都要守护这份民族财富。",
]
SPLIT_EN = [
    "We emphasize reading for a reason.",
    "This is the most important spiritual wealth of a nation.",
    "We must always cherish it and protect it everywhere.",
]


@pytest.mark.parametrize("zh_first", [True, False])
def test_a_sentence_pointing_back_stays_with_the_sentence_before(encoder, zh_first):
    """By meaning alone "This is ..." fits the next source sentence as well as its own, and
    without ``anaphor_diff`` the search gives it to that one (checked below); the first words
    decide: a link should not start with "This" where its source sentence does not."""
    zh, en = ZH[:2] + SPLIT_ZH, EN[:2] + SPLIT_EN
    src, tgt = (zh, en) if zh_first else (en, zh)
    want = [((2,), (2, 3)), ((3,), (4,))]
    if not zh_first:
        want = [(t, s) for s, t in want]
    assert pairs(bitext.align(src, tgt, encoder=encoder))[2:] == want
    blind = bitext.align(src, tgt, encoder=encoder, weights={"anaphor_diff": 0.0})
    assert pairs(blind)[2:] != want


def test_omitted_sentence_gives_a_one_to_zero_link(encoder):
    en = EN[:2] + EN[3:]  # the newspaper sentence is not translated
    result = bitext.align(ZH, en, encoder=encoder)
    assert_covers(result, 10, 9)
    assert ((2,), ()) in pairs(result)
    assert ((3,), (2,)) in pairs(result)
    omitted = next(link for link in result.links if link.kind == "1-0")
    assert omitted.score == 0.0


def test_added_sentence_gives_a_zero_to_one_link(encoder):
    added = "Nobody in the carriage had noticed the rain outside the windows."
    en = [*EN[:7], added, *EN[7:]]
    result = bitext.align(ZH, en, encoder=encoder)
    assert_covers(result, 10, 11)
    assert ((), (7,)) in pairs(result)
    assert ((7,), (8,)) in pairs(result)


def test_heading_pasted_twice_leaves_its_first_copy_unlinked(encoder):
    """Without ``repeat_chars`` the search hid the extra copy in a 1-2 link."""
    heading = "Chapter Three: The Morning Train"
    result = bitext.align(["第三章 早班火车", *ZH], [heading, heading, *EN], encoder=encoder)
    assert_covers(result, 11, 12)
    assert pairs(result)[:3] == [((), (0,)), ((0,), (1,)), ((1,), (2,))]


def test_a_short_chinese_heading_pasted_twice_counts_too(encoder):
    heading = "第三章 清晨那班晚点的火车"  # 13 characters, 25 wide: a Chinese one counts as two
    result = bitext.align(["Chapter Three: The Morning Train", *EN], [heading, heading, *ZH])
    assert pairs(result)[:2] == [((), (0,)), ((0,), (1,))]


def test_sentences_pasted_twice_mid_text_are_an_addition(encoder):
    en = [*EN[:5], EN[3], EN[4], *EN[5:]]  # two sentences pasted again after themselves
    result = bitext.align(ZH, en, encoder=encoder)
    assert_covers(result, 10, 12)
    assert ((), (3,)) in pairs(result) and ((), (4,)) in pairs(result)
    assert ((3,), (5,)) in pairs(result) and ((4,), (6,)) in pairs(result)


def test_a_repeat_on_both_sides_is_text_not_a_paste(encoder):
    zh = [*ZH[:5], ZH[3], ZH[4], *ZH[5:]]
    en = [*EN[:5], EN[3], EN[4], *EN[5:]]
    result = bitext.align(zh, en, encoder=encoder)
    assert pairs(result) == [((i,), (i,)) for i in range(12)]


def test_similar_neighbours_stay_in_order(encoder):
    """Two adjacent sentences about nearly the same thing: links never cross."""
    zh = [*ZH[:4], "他喜欢喝咖啡。", "她喜欢喝茶。", *ZH[4:]]
    en = [*EN[:4], "He likes to drink coffee.", "She likes to drink tea.", *EN[4:]]
    result = bitext.align(zh, en, encoder=encoder)
    assert pairs(result) == [((i,), (i,)) for i in range(12)]


def test_empty_side_links_everything_to_nothing_with_a_warning(encoder):
    result = bitext.align(ZH[:3], [], encoder=encoder)
    assert pairs(result) == [((0,), ()), ((1,), ()), ((2,), ())]
    assert any("empty" in w for w in result.warnings)
    result = bitext.align([], EN[:2], encoder=encoder)
    assert pairs(result) == [((), (0,)), ((), (1,))]
    assert bitext.align([], [], encoder=encoder).links == ()


def test_identical_texts_align_one_to_one_with_top_scores(encoder):
    result = bitext.align(EN, EN, encoder=encoder)
    assert pairs(result) == [((i,), (i,)) for i in range(10)]
    assert all(link.score > 0.99 for link in result.links)


def test_unrelated_texts_warn(encoder):
    recipe = [
        "Preheat the oven to two hundred degrees.",
        "Mix the flour, sugar and butter in a large bowl.",
        "Add two eggs and stir until the batter is smooth.",
        "Pour the batter into a greased tin.",
        "Bake for forty minutes, then let the cake cool.",
    ]
    result = bitext.align(ZH[:5], recipe, encoder=encoder)
    assert_covers(result, 5, 5)
    assert any("do not look like translations" in w for w in result.warnings)


def test_strings_become_segments_with_offsets(encoder):
    result = bitext.align(ZH[:2], EN[:2], encoder=encoder)
    first, second = result.src
    assert (first.start, first.end, first.lang, first.index) == (0, len(ZH[0]), "zh", 0)
    assert second.start == len(ZH[0]) + 1
    assert result.tgt[1].lang == "en"


def test_given_segments_are_kept(encoder):
    segs = tuple(Segment(t, 100 * i, 100 * i + len(t), "zh", i // 5, i) for i, t in enumerate(ZH))
    result = bitext.align(segs, EN, encoder=encoder)
    assert result.src == segs


def test_signature_records_encoder_and_parameters(encoder):
    result = bitext.align(ZH[:3], EN[:3], encoder=encoder, max_align=6)
    sig = result.signature
    assert sig["encoder"] == encoder.name
    assert sig["max_align"] == 6
    assert sig["bitext"] == bitext.__version__


def test_blocks_keep_links_inside_them(encoder):
    # blocks say source 0-5 pairs with target 0-4 and source 5-10 with target 4-10: the
    # split sentence at target 4 may not join source 4 across the block boundary.
    blocks = [(0, 5, 0, 4), (5, 10, 4, 10)]
    result = bitext.align(ZH, EN, encoder=encoder, blocks=blocks)
    assert_covers(result, 10, 10)
    for link in result.links:
        inside_first = all(i < 5 for i in link.src) and all(j < 4 for j in link.tgt)
        inside_second = all(i >= 5 for i in link.src) and all(j >= 4 for j in link.tgt)
        assert inside_first or inside_second
    assert ((4,), ()) in pairs(result)


def test_block_with_one_empty_side_gives_null_links(encoder):
    blocks = [(0, 2, 0, 0), (2, 10, 0, 8)]
    result = bitext.align(ZH, EN[2:], encoder=encoder, blocks=blocks)
    assert pairs(result)[:3] == [((0,), ()), ((1,), ()), ((2,), (0,))]


def test_bad_blocks_and_parameters_are_usage_errors(encoder):
    with pytest.raises(bitext.UsageError):
        bitext.align(ZH, EN, encoder=encoder, blocks=[(0, 5, 0, 5)])
    with pytest.raises(bitext.UsageError):
        bitext.align(ZH, EN, encoder=encoder, max_align=20)
    with pytest.raises(bitext.UsageError):
        bitext.align(ZH, EN, encoder=encoder, no_such_knob=1)
