"""Strict and lax scoring rules of ``bitext.align.evaluate`` and the links format."""

from __future__ import annotations

import pytest

from bitext.align.evaluate import format_links, parse_links, read_links, score, score_paths
from bitext.align.model import Link
from bitext.errors import InputError

GOLD = [((0,), (0,)), ((1, 2), (1,)), ((3,), (2, 3)), ((4,), ()), ((), (4,)), ((5,), (5,))]


def test_gold_against_itself_is_perfect():
    s = score(GOLD, GOLD)
    assert (s.strict_precision, s.strict_recall, s.strict_f1) == (1.0, 1.0, 1.0)
    assert (s.lax_precision, s.lax_recall, s.lax_f1) == (1.0, 1.0, 1.0)
    # precision counts the 1-0 and 0-1 links; recall only links with both sides
    assert (s.test_links, s.gold_links) == (6, 4)


def test_strict_needs_the_identical_link_lax_a_shared_pair():
    # (1,2)-(1) split into (1)-(1) + (2)-(): strict misses, (1)-(1) is a lax hit
    test = [
        ((0,), (0,)),
        ((1,), (1,)),
        ((2,), ()),
        ((3,), (2, 3)),
        ((4,), ()),
        ((), (4,)),
        ((5,), (5,)),
    ]
    s = score(GOLD, test)
    assert s.test_links == 7 and s.test_strict_hits == 5
    assert s.test_lax_hits == 6  # (2)-() shares no target sentence with anything
    assert s.strict_precision == pytest.approx(5 / 7)
    assert s.lax_precision == pytest.approx(6 / 7)
    # recall: the 4 gold links with two sides; (1,2)-(1) is a lax hit via (1)-(1)
    assert (s.gold_links, s.gold_strict_hits, s.gold_lax_hits) == (4, 3, 4)
    assert s.strict_recall == pytest.approx(3 / 4)
    assert s.strict_f1 == pytest.approx(2 * (5 / 7) * (3 / 4) / (5 / 7 + 3 / 4))


def test_null_links_count_for_precision_only():
    gold = [((0,), (0,)), ((1,), ())]
    missed = [((0,), (0,)), ((1,), (1,))]  # an extra target sentence, wrongly linked
    s = score([*gold, ((), (1,))], missed)
    assert s.strict_recall == 1.0  # gold nulls are not recalled
    assert s.strict_precision == 0.5
    assert s.lax_precision == 0.5  # (1)-(1) shares no pair with a gold link


def test_a_wrong_link_with_no_overlap_is_a_lax_miss():
    s = score([((0,), (0,)), ((1,), (1,))], [((0,), (1,)), ((1,), (0,))])
    assert s.strict_f1 == 0.0 and s.lax_f1 == 0.0


def test_empty_both_sides_is_ignored_and_empty_scores_zero():
    s = score([((0,), (0,))], [((0,), (0,)), ((), ())])
    assert s.test_links == 1 and s.strict_precision == 1.0
    empty = score([], [])
    assert empty.strict_f1 == 0.0


def test_format_and_parse_round_trip():
    links = [Link((0, 1), (0,), 0.8), Link((2,), (), 0.0), Link((), (1,), 0.0)]
    text = format_links(links)
    assert text == "[0,1]:[0]\n[2]:[]\n[]:[1]\n"
    assert parse_links(text) == [((0, 1), (0,)), ((2,), ()), ((), (1,))]
    assert parse_links("[ 3 , 4 ] : [5]\n\n") == [((3, 4), (5,))]


def test_malformed_links_name_file_and_line(tmp_path):
    path = tmp_path / "001.align"
    path.write_text("[0]:[0]\n[1]-[1]\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"001\.align:2"):
        read_links(path)


def test_directories_are_matched_by_file_name(tmp_path):
    gold, test = tmp_path / "gold", tmp_path / "test"
    gold.mkdir(), test.mkdir()
    (gold / "001.align").write_text("[0]:[0]\n[1]:[1]\n", encoding="utf-8")
    (gold / "002.align").write_text("[0]:[0,1]\n", encoding="utf-8")
    (test / "001.align").write_text("[0]:[0]\n[1]:[1]\n", encoding="utf-8")
    (test / "002.align").write_text("[0]:[0]\n[]:[1]\n", encoding="utf-8")
    s = score_paths(gold, test)
    assert s.documents == 2
    assert (s.test_links, s.test_strict_hits) == (4, 2)
    (test / "002.align").unlink()
    with pytest.raises(InputError, match=r"missing 002\.align"):
        score_paths(gold, test)
