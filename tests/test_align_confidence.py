"""``Link.confidence``: a probability, higher for a better pair, carried by JSONL and TMX."""

from __future__ import annotations

from bitext.align import confidence
from bitext.align.aligner import align
from tests.test_align_long import KeyedEncoder


def test_confidence_rises_with_cosine_and_falls_with_size():
    low = confidence.probability(confidence.features(1, 1, 0.2, 0.0))
    high = confidence.probability(confidence.features(1, 1, 0.8, 0.0))
    merged = confidence.probability(confidence.features(2, 2, 0.8, 0.0))
    assert 0.0 <= low < high <= 1.0
    assert merged < high


def test_an_unlinked_sentence_with_a_close_neighbour_is_less_sure():
    alone = confidence.probability(confidence.features(1, 0, 0.0, 0.1))
    near = confidence.probability(confidence.features(1, 0, 0.0, 0.9))
    assert near < alone


def test_every_link_of_an_alignment_has_a_confidence():
    src = [f"line w{k}" for k in range(30)]
    tgt = [f"行 w{k}" for k in range(30)]
    result = align(src, tgt, encoder=KeyedEncoder(), paragraphs_first=False)
    assert all(link.confidence is not None and 0 <= link.confidence <= 1 for link in result.links)
    assert min(link.confidence or 0 for link in result.links) > 0.9
