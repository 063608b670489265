"""Glued English words: found with a suggested split, known words left alone, rule findings."""

from __future__ import annotations

import pytest

from bitext.check.rules.base import CheckContext, load_rule
from bitext.hygiene import clean_for_embedding, find_glued_words, suggest_split
from bitext.pipeline import align_files
from tests.conftest import EXAMPLES


@pytest.mark.parametrize(
    ("token", "split"),
    [
        ("thecompany'sflagship", "the company's flagship"),
        ("ofdollars", "of dollars"),
        ("computethan", "compute than"),
        ("isbeloved", "is beloved"),
    ],
)
def test_glued_words_get_a_split(token, split):
    assert suggest_split(token) == split


@pytest.mark.parametrize(
    "word",
    [
        "superintelligence",
        "interpretability",
        "misalignment",
        "jailbreak",
        "OpenAI",
        "ChatGPT",
        "benchmarks",
        "foom",
        "RLHF",
    ],
)
def test_known_words_and_names_stay_whole(word):
    assert suggest_split(word) is None


def test_offsets_point_at_the_glued_token():
    text = "Its debutson stock markets lifted thecompany'sflagship brand; see https://example.com/ofdollars."
    found = find_glued_words(text)
    assert [(text[g.start : g.end], g.suggestion) for g in found] == [
        ("debutson", "debut son"),
        ("thecompany'sflagship", "the company's flagship"),
    ]


def test_the_encoder_reads_a_repaired_copy():
    assert clean_for_embedding("hundreds of millions ofdollars\u200b.", "en") == (
        "hundreds of millions of dollars."
    )
    assert clean_for_embedding("数亿\u3000美元", "zh") == "数亿 美元"


def test_glued_words_rule_on_the_bilingual_example():
    result = align_files([EXAMPLES / "article.bilingual.txt"])
    rule = load_rule("glued-words").from_config()
    ctx = CheckContext(alignment=result.alignment, src=result.src, tgt=result.tgt)
    findings = list(rule.run(ctx))
    assert [(f.match, f.suggestion) for f in findings] == [
        ("computethan", "compute than"),
        ("ofdollars", "of dollars"),
    ]
    text = result.src.text
    for f in findings:
        assert f.rule == "glued-words" and f.target is None
        assert text[f.source.start : f.source.end] == f.match
        line = text.splitlines()[f.source.line - 1]
        assert line[f.source.column - 1 :].startswith(f.match)
        link = result.alignment.links[f.pair]
        assert any(
            result.src.segments[i].start <= f.source.start < result.src.segments[i].end
            for i in link.src
        )
