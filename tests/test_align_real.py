"""The aligner on real gold data (../shared/data): accuracy floors well below the benchmark's
figures, so a regression fails loudly while timing noise cannot."""

from __future__ import annotations

import pytest

import bitext
from bitext.align.evaluate import format_links, parse_links, read_links, score


def _lines(path):
    return path.read_text(encoding="utf-8").splitlines()


@pytest.mark.slow
def test_academic_document_aligns_almost_perfectly(shared_data, encoder):
    base = shared_data / "academic"
    src, tgt = _lines(base / "src" / "001"), _lines(base / "tgt" / "001")
    result = bitext.align(src, tgt, encoder=encoder)
    gold = read_links(base / "gold" / "001.align")
    s = score(gold, result)
    assert s.strict_f1 >= 0.98
    assert s.lax_f1 >= 0.99
    # the links format reads back to the same links
    assert parse_links(format_links(result)) == [(link.src, link.tgt) for link in result.links]
    assert result.warnings == ()


@pytest.mark.slow
def test_literary_chapter_beats_the_one_to_one_baseline(shared_data, encoder):
    base = shared_data / "mac-dev"
    src, tgt = _lines(base / "src" / "001"), _lines(base / "tgt" / "001")
    gold = read_links(base / "gold" / "001.align")
    ours = score(gold, bitext.align(src, tgt, encoder=encoder))
    plain = score(gold, bitext.align(src, tgt, encoder=encoder, max_align=1))
    assert ours.strict_f1 >= 0.8
    assert ours.strict_f1 > plain.strict_f1 + 0.1


class _Counting:
    """The real encoder, counting the texts the aligner asks it to embed."""

    def __init__(self, inner) -> None:
        self.inner, self.texts = inner, 0
        self.name, self.version, self.dimension = inner.name, inner.version, inner.dimension

    def encode(self, texts):
        self.texts += len(texts)
        return self.inner.encode(texts)


@pytest.mark.slow
def test_real_span_embeddings_only_near_the_path(shared_data, encoder):
    """``real_spans="near"`` embeds merged spans only where the path could
    change: far fewer texts than embedding every run, and no worse on a literary chapter than
    sums alone."""
    base = shared_data / "mac-dev"
    src, tgt = _lines(base / "src" / "001"), _lines(base / "tgt" / "001")
    gold = read_links(base / "gold" / "001.align")
    counted = {}
    scores = {}
    for mode in ("near", "sum"):
        enc = _Counting(encoder)
        scores[mode] = score(gold, bitext.align(src, tgt, encoder=enc, real_spans=mode))
        counted[mode] = enc.texts / (len(src) + len(tgt))
    assert counted["sum"] == 1.0
    assert 1.0 < counted["near"] <= 1.5
    assert scores["near"].strict_f1 >= scores["sum"].strict_f1


@pytest.mark.slow
def test_moved_clauses_merge_into_the_gold_links_of_a_literary_chapter(shared_data, encoder):
    """Chapter 001 of mac-dev has several 2-2 links whose translator moved a clause across the
    sentence boundary; without the crossing test they come out as two 1-1 links each."""
    base = shared_data / "mac-dev"
    src, tgt = _lines(base / "src" / "001"), _lines(base / "tgt" / "001")
    gold = {(tuple(s), tuple(t)) for s, t in read_links(base / "gold" / "001.align")}
    found = {}
    for crossing in (0.04, None):
        result = bitext.align(src, tgt, encoder=encoder, crossing=crossing)
        found[crossing] = {(link.src, link.tgt) for link in result.links}
    gained = (found[0.04] - found[None]) & gold
    lost = (found[None] - found[0.04]) & gold
    assert len(gained) >= 3
    assert not lost
    assert all(len(s) == len(t) == 2 for s, t in gained)
