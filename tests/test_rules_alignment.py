"""omission, addition, low-similarity and untranslated on hand-built aligned pairs."""

from __future__ import annotations

import pytest
from handbuilt import CLEAN, aligned

import bitext
from bitext.check.finding import Severity
from bitext.errors import ConfigError


def rules_of(findings):
    return [f.rule for f in findings]


def test_clean_article_has_no_alignment_findings():
    docs = aligned(CLEAN)
    found = bitext.check(docs, select=["omission", "addition", "low-similarity", "untranslated"])
    assert found == []


def test_omission_is_an_error_pointing_at_the_source_sentence():
    pairs = list(CLEAN)
    pairs.insert(2, ("This sentence was dropped by the translator.", None, 0.0))
    found = bitext.check(aligned(pairs), select=["omission"])
    assert rules_of(found) == ["omission"]
    finding = found[0]
    assert finding.severity is Severity.ERROR
    assert finding.target is None
    assert (finding.source.path, finding.source.line, finding.source.column) == (
        "article.en.md",
        3,
        1,
    )
    assert finding.pair == 2
    assert "dropped by the translator" in finding.message


def test_omission_ignores_a_segment_without_words():
    pairs = [*CLEAN, ("* * *", None, 0.0)]
    assert bitext.check(aligned(pairs), select=["omission"]) == []


def test_addition_is_a_warning_on_the_target():
    pairs = list(CLEAN)
    pairs.insert(4, (None, "（译者注：对齐指让模型的目标与人类意图一致。）", 0.0))
    found = bitext.check(aligned(pairs), select=["addition"])
    assert rules_of(found) == ["addition"]
    assert found[0].severity is Severity.WARNING
    assert found[0].source is None
    assert found[0].target.path == "article.zh.md" and found[0].target.line == 5


def test_low_similarity_flags_an_outlier_against_the_documents_own_scores():
    pairs = list(CLEAN)
    pairs[3] = ("The survey covered 1,200 engineers in 2025.", "天气很好，我们去公园散步吧。", 0.31)
    found = bitext.check(aligned(pairs), select=["low-similarity"])
    assert rules_of(found) == ["low-similarity"]
    assert found[0].source.line == 4 and found[0].target.line == 4
    assert "0.31" in found[0].message


def test_low_similarity_is_calibrated_not_a_fixed_cosine():
    # A loosely translated document: every score is low, so 0.31 is ordinary here.
    pairs = [(s, t, score - 0.45) for s, t, score in CLEAN]
    pairs[3] = (pairs[3][0], pairs[3][1], 0.31)
    assert bitext.check(aligned(pairs), select=["low-similarity"]) == []
    # ... while in a tight document 0.50 is already far out (issue 18: the MAD floor of 0.07,
    # the spread of real translations, keeps a drop of 0.25 from counting as far out).
    pairs = [(s, t, 0.85 + i * 0.003) for i, (s, t, _) in enumerate(CLEAN)]
    pairs[5] = (pairs[5][0], pairs[5][1], 0.50)
    found = bitext.check(aligned(pairs), select=["low-similarity"])
    assert [f.pair for f in found] == [5]


def test_low_similarity_needs_the_aligners_confidence_to_agree():
    """A pair far below its neighbours but well inside the range of real translations (the
    aligner's confidence is high) is not flagged; the same pair at an unrelated sentence's
    confidence is."""
    from dataclasses import replace

    pairs = [(s, t, 0.85 + i * 0.003) for i, (s, t, _) in enumerate(CLEAN)]
    pairs[5] = (pairs[5][0], pairs[5][1], 0.50)
    docs = aligned(pairs)

    def with_confidence(value: float):
        links = list(docs.alignment.links)
        links[5] = replace(links[5], confidence=value)
        return replace(docs, alignment=replace(docs.alignment, links=tuple(links)))

    assert bitext.check(with_confidence(0.96), select=["low-similarity"]) == []
    found = bitext.check(with_confidence(0.80), select=["low-similarity"])
    assert [f.pair for f in found] == [5]
    config = {"rules": {"low-similarity": {"max-confidence": 0.97}}}
    assert bitext.check(with_confidence(0.96), select=["low-similarity"], config=config)
    # evidence past sure-z-threshold needs no low confidence: 0.05 among pairs at 0.86
    links = list(docs.alignment.links)
    links[5] = replace(links[5], score=0.05, confidence=0.96)
    far_out = replace(docs, alignment=replace(docs.alignment, links=tuple(links)))
    assert [f.pair for f in bitext.check(far_out, select=["low-similarity"])] == [5]


def test_low_similarity_needs_enough_pairs_to_calibrate():
    pairs = list(CLEAN[:4])
    pairs[1] = (pairs[1][0], pairs[1][1], 0.05)
    assert bitext.check(aligned(pairs), select=["low-similarity"]) == []


def test_low_similarity_threshold_is_configurable_and_validated():
    pairs = list(CLEAN)
    pairs[0] = (pairs[0][0], pairs[0][1], 0.70)
    config = {"rules": {"low-similarity": {"z-threshold": 1.0}}}
    assert bitext.check(aligned(pairs), select=["low-similarity"], config=config)
    with pytest.raises(ConfigError, match="z_threshold"):
        bitext.check(
            aligned(pairs),
            select=["low-similarity"],
            config={"rules": {"low-similarity": {"z-threshold": "high"}}},
        )


def test_untranslated_copy_and_wrong_script():
    pairs = list(CLEAN)
    pairs[2] = (pairs[2][0], pairs[2][0], 0.99)  # copied verbatim
    pairs[8] = (
        pairs[8][0],
        "Most users never read the documentation, 他们说。",
        0.7,
    )
    found = bitext.check(aligned(pairs), select=["untranslated"])
    assert [(f.pair, "identical" in f.message) for f in found] == [(2, True), (8, False)]
    assert "Latin script" in found[1].message


def test_untranslated_accepts_chinese_with_product_names():
    pairs = list(CLEAN)
    pairs[2] = (
        "We compared GPT-4 Turbo and Claude.",
        "我们比较了 GPT-4 Turbo 和 Claude 两个模型的表现。",
        0.8,
    )
    assert bitext.check(aligned(pairs), select=["untranslated"]) == []
