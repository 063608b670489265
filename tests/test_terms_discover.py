"""Candidate term discovery (`bitext terms`) on hand-aligned articles we wrote."""

from __future__ import annotations

from pathlib import Path

import pytest
from glossary_pairs import aligned

import bitext
from bitext.check.discover import discover_terms, starter_glossary
from bitext.check.glossary_io import glossary_to_yaml

DATA = Path(__file__).parent / "data" / "terms"


def article():
    en = (DATA / "article.en.txt").read_text(encoding="utf-8").splitlines()
    zh = (DATA / "article.zh.txt").read_text(encoding="utf-8").splitlines()
    return aligned([en], [zh])


def by_name(candidates):
    return {c.en: c for c in candidates}


def test_names_phrases_and_kept_latin_words_with_their_renderings():
    alignment, _, _ = article()
    found = by_name(discover_terms(alignment))
    forum = found["Frontier Model Forum"]
    assert forum.kind == "name"
    assert forum.count == 3
    assert [r.text for r in forum.renderings] == ["前沿模型论坛"]
    assert [r.text for r in found["sparse autoencoders"].renderings] == ["稀疏自编码器"]
    assert found["foom"].kind == "kept" and found["foom"].kept == 2
    assert found["OpenAI"].kept == 2 and not found["OpenAI"].renderings
    # sentence-initial capitals and function words are not candidates
    assert not {"The", "Its", "Several", "the next"} & set(found)


def test_terms_the_glossary_knows_are_left_out():
    alignment, _, _ = article()
    found = by_name(discover_terms(alignment, [bitext.load_glossary("ai-safety")]))
    assert "reward hacking" not in found and "foom" not in found
    assert "Frontier Model Forum" in found


def test_min_count():
    alignment, _, _ = article()
    found = by_name(discover_terms(alignment, min_count=1))
    assert "RSI" in found and found["RSI"].kind == "acronym"
    assert "RSI" not in by_name(discover_terms(alignment, min_count=2))


def test_two_renderings_in_different_pairs_are_flagged():
    alignment, _, _ = aligned(
        [
            [
                "Reward hacking is common.",
                "We saw reward hacking again.",
                "Reward hacking worries labs.",
                "Is reward hacking solvable?",
                "The weather is fine.",
            ]
        ],
        [
            [
                "奖励黑客很常见。",
                "我们又看到了奖励黑客。",
                "奖励作弊让实验室担忧。",
                "奖励作弊能解决吗？",
                "天气很好。",
            ]
        ],
    )
    candidate = by_name(discover_terms(alignment))["reward hacking"]
    assert sorted(r.text for r in candidate.renderings) == ["奖励作弊", "奖励黑客"]
    assert candidate.inconsistent


def test_kept_and_translated_is_flagged():
    alignment, _, _ = aligned(
        [
            [
                "The AI Safety Institute met.",
                "The AI Safety Institute spoke.",
                "The AI Safety Institute left.",
            ]
        ],
        [
            [
                "人工智能安全研究所开会了。",
                "人工智能安全研究所发言了。",
                "AI Safety Institute 离开了。",
            ]
        ],
    )
    candidate = by_name(discover_terms(alignment))["AI Safety Institute"]
    assert candidate.inconsistent


@pytest.mark.parametrize("force_empty", [False, True])
def test_starter_glossary_is_a_valid_glossary(tmp_path, force_empty):
    alignment, _, _ = article()
    candidates = [] if force_empty else discover_terms(alignment)
    path = tmp_path / "starter.yaml"
    path.write_text(glossary_to_yaml(starter_glossary(candidates, "starter")), encoding="utf-8")
    glossary = bitext.load_glossary(path)
    terms = {t.name: t for t in glossary.terms}
    if not force_empty:
        assert terms["Frontier Model Forum"].zh == ("前沿模型论坛",)
        assert terms["foom"].keep


def test_discovery_is_deterministic():
    alignment, _, _ = article()
    assert discover_terms(alignment) == discover_terms(alignment)
