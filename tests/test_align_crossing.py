"""A clause moved across a sentence boundary: two links become one (bitext.align.crossing).

The sentences below are ours, written for these tests: each crossing case says the same
thing on both sides with one clause carried into the neighbouring sentence.
"""

from __future__ import annotations

import numpy as np
import pytest

from bitext.align import crossing
from bitext.align.aligner import align
from bitext.align.scoring import SpanVectors

CROSSED = [
    pytest.param(
        [
            "The old fisherman mended his nets all morning, because a storm was coming from "
            "the east.",
            "His wife cooked rice and fish for the three children.",
        ],
        ["老渔夫整个上午都在补渔网。", "因为东边要来一场暴风雨，他的妻子给三个孩子煮了米饭和鱼。"],
        id="en-tail-carried-forward",
    ),
    pytest.param(
        [
            "我们在山脚下搭好了帐篷，天黑以前生起了一堆火。",
            "第二天清晨，雾气散尽，我们开始向山顶攀登。",
        ],
        [
            "We pitched our tent at the foot of the mountain.",
            "Before dark we lit a fire, and the next morning, when the mist had cleared, we "
            "began the climb to the summit.",
        ],
        id="zh-tail-carried-forward",
    ),
    pytest.param(
        [
            "She sold the house in the spring, and the money paid for her son's schooling.",
            "Nobody in the village knew where she went after that.",
        ],
        ["春天她卖掉了房子。", "卖房的钱供儿子上了学，此后村里没人知道她去了哪里。"],
        id="en-second-clause-moved",
    ),
]

STRAIGHT = [
    pytest.param(
        [
            "The river rose all night, and by morning the lower fields were under water.",
            "Farmers moved their cattle to the hills, where the grass was still dry.",
        ],
        ["河水涨了一夜，到早上低处的田地都被淹了。", "农民们把牛赶到山上，那里的草还是干的。"],
        id="two-clauses-each-kept-in-place",
    ),
    pytest.param(
        [
            "After dinner, the children went out to play.",
            "Their mother, tired from the long day, fell asleep in her chair.",
        ],
        ["晚饭后，孩子们出去玩了。", "他们的母亲忙了一整天，累得在椅子上睡着了。"],
        id="short-clauses-kept-in-place",
    ),
    pytest.param(
        ["老王笑了笑，说：“明天再来吧。”", "小李点点头，转身走了。"],
        ["'Come back tomorrow.'", "Xiao Li nodded, turned round and left."],
        id="speaker-tag-dropped-not-moved",
    ),
]


def _links(alignment):
    return [(link.src, link.tgt) for link in alignment.links]


@pytest.mark.parametrize(("src", "tgt"), CROSSED)
def test_a_clause_moved_across_the_boundary_makes_one_2_2_link(encoder, src, tgt):
    assert _links(align(src, tgt, encoder=encoder)) == [((0, 1), (0, 1))]
    # without the crossing test the search alone pairs the sentences one by one
    assert _links(align(src, tgt, encoder=encoder, crossing=None)) == [((0,), (0,)), ((1,), (1,))]


@pytest.mark.parametrize(("src", "tgt"), STRAIGHT)
def test_clauses_that_stay_in_their_sentence_keep_1_1_links(encoder, src, tgt):
    assert _links(align(src, tgt, encoder=encoder)) == [((0,), (0,)), ((1,), (1,))]


def _sides(encoder, src, tgt):
    out = []
    for texts in (src, tgt):
        parts = encoder.encode_parts(texts)
        out.append(SpanVectors(parts.sentence_vectors(), parts))
    return out


def test_moving_the_only_clause_mark_gives_the_clause_vectors(encoder):
    """Sentence 0 has one clause mark: without its tail it is its head clause; sentence 1 has
    one mark too: without its head it is its tail clause. Sentence 2 has none: no pairing."""
    texts = [
        "那天夜里她把我送到医院，一直等到片子出来才走。",
        "她说过一两天就来看我，可是后来一直都没有来。",
        "我们今天休息。",
    ]
    parts = encoder.encode_parts(texts)
    head, tail = parts.clause_vectors()
    rows, body = parts.crossing_vectors("body", [0], [0], [2])
    assert rows.tolist() == [0]
    np.testing.assert_allclose(body[0], head[0], atol=1e-5)
    rows, rest = parts.crossing_vectors("rest", [0], [0], [2])
    np.testing.assert_allclose(rest[0], tail[1], atol=1e-5)
    rows, _ = parts.crossing_vectors("grown", [0, 1], [0, 1], [2, 3])
    assert rows.tolist() == [0]  # sentence 2 has no head clause to pull back into 1
    rows, _ = parts.crossing_vectors("carried", [0, 1], [0, 1], [2, 3])
    assert rows.tolist() == [0, 1]


def test_gains_skip_only_pairings_that_cannot_pass(encoder):
    (cross_src, cross_tgt), (straight_src, straight_tgt) = CROSSED[0].values, STRAIGHT[0].values
    src, tgt = cross_src + straight_src, cross_tgt + straight_tgt
    sv, tv = _sides(encoder, src, tgt)
    pairs = np.array(
        [(i0, i0 + 1, i0 + 2, j0, j0 + 1, j0 + 2) for i0 in range(3) for j0 in range(3)]
    )
    full = crossing.crossing_gains(pairs, sv, tv, -np.inf)
    fast = crossing.crossing_gains(pairs, sv, tv, 0.04)
    above = full > 0.04
    assert above.any() and (~above).any()
    np.testing.assert_allclose(fast[above], full[above], atol=1e-6)
    assert (fast[~above] <= 0.04).all()


def test_merging_takes_the_best_gain_first_and_allowed_shapes_only(monkeypatch):
    path = [(0, 1, 0, 1), (1, 2, 1, 2), (2, 3, 2, 3), (3, 3, 3, 4), (3, 4, 4, 6), (4, 5, 6, 7)]
    seen = {}

    def fake(pairs, src, tgt, threshold):
        seen["pairs"] = pairs.tolist()
        return np.array([0.05, 0.09, 0.2][: len(pairs)])

    monkeypatch.setattr(crossing, "crossing_gains", fake)
    out = crossing.merge_crossings(path, None, None, 0.04, max_align=5, max_total=7)
    # pairs with a null link (3, 3, 3, 4) are never candidates
    assert seen["pairs"] == [[0, 1, 2, 0, 1, 2], [1, 2, 3, 1, 2, 3], [3, 4, 5, 4, 6, 7]]
    # (1-2, 2-3) gains more than (0-1, 1-2), so link 1 joins it and link 0 stays alone
    assert out == [(0, 1, 0, 1), (1, 3, 1, 3), (3, 3, 3, 4), (3, 5, 4, 7)]
    # a merged link larger than the search allows is not made
    out = crossing.merge_crossings(path, None, None, 0.04, max_align=2, max_total=4)
    assert out[-1] == (4, 5, 6, 7)


def test_a_merge_must_fit_better_than_the_better_link_alone(monkeypatch):
    path = [(0, 1, 0, 1), (1, 2, 1, 2), (2, 3, 2, 3), (3, 4, 3, 4)]
    monkeypatch.setattr(crossing, "crossing_gains", lambda p, s, t, th: np.array([0.2, 0.0, 0.1]))
    asked = []

    def fit(pairs, src, tgt):
        asked.append(pairs.tolist())
        return np.array([0.01, 0.08])[: len(pairs)]

    monkeypatch.setattr(crossing, "merged_fit", fit)
    out = crossing.merge_crossings(path, None, None, 0.04, max_align=5, max_total=7, fit=0.05)
    assert asked == [[[0, 1, 2, 0, 1, 2], [2, 3, 4, 2, 3, 4]]]  # only pairs over the gain
    assert out == [(0, 1, 0, 1), (1, 2, 1, 2), (2, 4, 2, 4)]
    out = crossing.merge_crossings(path, None, None, 0.04, max_align=5, max_total=7)
    assert out == [(0, 2, 0, 2), (2, 4, 2, 4)]


def test_merged_fit_is_the_merged_cosine_over_the_better_part(encoder):
    src, tgt = CROSSED[1].values
    sv, tv = _sides(encoder, src, tgt)
    fit = crossing.merged_fit(np.array([(0, 1, 2, 0, 1, 2)]), sv, tv)

    def cos(a: int, b: int) -> float:
        span = (np.array([a]), np.array([b]))
        return float(sv.of_spans(*span)[0] @ tv.of_spans(*span)[0])

    assert fit[0] == pytest.approx(cos(0, 2) - max(cos(0, 1), cos(1, 2)), abs=1e-5)
    assert fit[0] > 0.05  # a real crossing: the whole fits much better than either half
