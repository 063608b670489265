"""Long inputs: the search must stay inside its band however large the path's values grow.

The horizontal (0-1) moves of a row were decided with a tolerance of 1e-12 on values that grow
with the document (the sum of every link's value so far); past ~10k links rounding alone made
column 0 "come from the left", and the trace-back read the column left of the band wrapped
around to the row's far end (944 wrong links in a 20,000-line identity alignment; two
200,000-line inputs raised ``IndexError`` at ``back[i, c]``).
"""

from __future__ import annotations

import re

import numpy as np

from bitext.align.aligner import align


class KeyedEncoder:
    """A cheap stand-in for the real encoder: one random unit vector per key word ``w<N>``, so a
    line and its "translation" (same key) are identical and every other pair is unrelated."""

    name, version, dimension = "keyed-test", "1", 24

    def encode(self, texts):
        out = np.empty((len(texts), self.dimension), np.float32)
        for k, text in enumerate(texts):
            seed = int(re.search(r"w(\d+)", text).group(1))
            out[k] = np.random.default_rng(seed).normal(size=self.dimension)
        return out / np.linalg.norm(out, axis=1, keepdims=True)


def test_twenty_thousand_lines_align_one_to_one():
    n = 20_000
    src = [f"source line w{k}" for k in range(n)]
    tgt = [f"目标 w{k}" for k in range(n)]
    result = align(src, tgt, encoder=KeyedEncoder(), paragraphs_first=False)
    wrong = [link for link in result.links if link.src != link.tgt or len(link.src) != 1]
    assert len(result.links) == n
    assert wrong == []


class LengthRecorder(KeyedEncoder):
    """Remembers the longest text it was asked to embed."""

    longest = 0

    def encode(self, texts):
        self.longest = max([self.longest, *(len(t) for t in texts)])
        return super().encode(texts)


def test_a_sentence_longer_than_embed_chars_is_embedded_from_its_prefix():
    encoder = LengthRecorder()
    long_line = "w7 " + "river stone " * 100_000  # 1.2 MB, no punctuation
    src = ["first w1", long_line, "last w3"]
    tgt = ["第一 w1", "长 w7", "最后 w3"]
    result = align(src, tgt, encoder=encoder, embed_chars=500)
    assert encoder.longest <= 500
    assert result.signature["embed_chars"] == 500
    assert result.signature["embedded_from_prefix"] == 1
    assert any("embedded from their first 500 characters" in w for w in result.warnings)
    assert (result.links[0].src, result.links[0].tgt) == ((0,), (0,))


def test_embed_chars_below_one_is_a_usage_error():
    import pytest

    from bitext.errors import UsageError

    with pytest.raises(UsageError, match="embed_chars"):
        align(["a w1"], ["b w1"], encoder=KeyedEncoder(), embed_chars=0)
