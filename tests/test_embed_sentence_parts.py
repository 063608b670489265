"""The compact layout of sentence parts (bitext.embed.sentence_parts) gives the very numbers the
full rows give: running sums made a block at a time are the bytes of one cumsum, clause vectors
made when read are the bytes of ``clause_vectors``, and full rows come back unchanged."""

from __future__ import annotations

import numpy as np
import pytest

from bitext.embed.parts import BOS, DIM, EOS, HEAD, INNER, N_HEAD, N_INNER, N_TAIL, TAIL, WIDTH
from bitext.embed.sentence_parts import SentenceParts
from bitext.embed.use import USEEncoder


@pytest.fixture(scope="module")
def model():
    return USEEncoder().parts_model()


def _rows(n: int, seed: int = 3) -> np.ndarray:
    """Parts rows shaped like the model's: about two in three sentences with a clause split."""
    rng = np.random.default_rng(seed)
    rows = rng.normal(scale=0.3, size=(n, WIDTH)).astype(np.float32)
    rows[:, N_INNER] = rng.integers(4, 60, n)
    split = rng.random(n) < 0.67
    rows[:, N_HEAD] = np.where(split, rows[:, N_INNER] // 2, rows[:, N_INNER])
    rows[:, N_TAIL] = np.where(split, rows[:, N_INNER] // 3, rows[:, N_INNER])
    rows[~split, HEAD.start : TAIL.stop] = np.tile(rows[~split, INNER], 2)
    return rows


def _old_span_vectors(model, rows: np.ndarray, size: int) -> np.ndarray:
    """Span vectors as they were made before the compact layout: one float64 cumsum over all
    rows, one head call for every span."""
    n = len(rows)
    inner = np.zeros((n + 1, DIM), dtype=np.float64)
    np.cumsum(rows[:, INNER], axis=0, dtype=np.float64, out=inner[1:])
    count = np.concatenate([[0.0], np.cumsum(rows[:, N_INNER], dtype=np.float64)])
    stop = np.arange(size, n + 1)
    start = stop - size
    pooled = (inner[stop] - inner[start]).astype(np.float32)
    pooled += rows[start, BOS] + rows[stop - 1, EOS]
    out = np.zeros((n, DIM), dtype=np.float32)
    out[size - 1 :] = model.finish(pooled, count[stop] - count[start] + 2)
    return out


def test_full_rows_come_back_unchanged():
    rows = _rows(50)
    parts = SentenceParts(rows, None)
    np.testing.assert_array_equal(parts.rows, rows)
    part = parts.slice(10, 30)
    np.testing.assert_array_equal(part.rows, rows[10:30])
    assert len(part) == 20


def test_span_vectors_are_the_bytes_of_one_cumsum_over_the_document(model):
    rows = _rows(2_700)  # several blocks of running sums
    parts = SentenceParts(rows, model)
    for size in (2, 5):
        np.testing.assert_array_equal(
            parts.span_vectors(size), _old_span_vectors(model, rows, size)
        )
    # a slice sums from its own start, as parts made of its rows alone
    np.testing.assert_array_equal(
        parts.slice(700, 2_100).span_vectors(3),
        SentenceParts(rows[700:2_100], model).span_vectors(3),
    )


def test_spans_ending_reads_the_table(model):
    rows = _rows(1_500)
    parts = SentenceParts(rows, model)
    ends = np.array([1, 2, 600, 1_499, 1_500, 1_501])
    (four,) = parts.spans_ending(ends, [4])
    table = parts.span_vectors(4)
    for k, end in enumerate(ends):
        if 4 <= end <= 1_500:
            np.testing.assert_allclose(four[k], table[end - 1], atol=1e-5)
        else:
            assert not four[k].any()


def test_clause_vectors_made_when_read_are_the_dense_ones(model):
    rows = _rows(9_000)  # more split sentences than one head block
    parts = SentenceParts(rows, model)
    sentences = parts.sentence_vectors()
    head, tail = parts.clause_vectors(sentences)
    lazy_head, lazy_tail = parts.lazy_clause_vectors(sentences)
    assert lazy_head.shape == head.shape
    np.testing.assert_array_equal(
        lazy_head.rows_ending(np.arange(0, 9_002)),
        np.vstack([np.zeros((1, DIM), np.float32), head, np.zeros((1, DIM), np.float32)]),
    )
    picks = np.array([8_999, 3, 4_500, 3, 0])  # out of order, repeated: gathered
    np.testing.assert_array_equal(lazy_tail.take(picks), tail[picks])
    view = lazy_tail[6_000:8_000]  # a block's view shares the side's numbers
    np.testing.assert_array_equal(view.rows_ending(np.arange(1, 2_001)), tail[6_000:8_000])
    np.testing.assert_array_equal(view[5], tail[6_005])


def test_crossing_vectors_need_the_clause_of_a_split_sentence(model):
    rows = _rows(40)
    parts = SentenceParts(rows, model)
    split = rows[:, N_HEAD] < rows[:, N_INNER]
    first, last = np.arange(0, 30), np.arange(1, 31)
    got, _ = parts.crossing_vectors("body", first, last, last + 3)
    np.testing.assert_array_equal(got, np.flatnonzero(split[last]))
