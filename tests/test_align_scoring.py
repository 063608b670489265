"""The scorer's link features against a direct, link-by-link computation.

The scorer reads every feature of every shape from a few per-chunk matrices with shifted
indices (``scoring._Chunk``); an off-by-one there would still give plausible alignments, so
each feature is recomputed here from its definition for every cell of a full band, across more
than one chunk of rows.
"""

from __future__ import annotations

import numpy as np
import pytest

from bitext.align.scoring import FEATURES, ROW_CHUNK, LinkScorer, SpanVectors, _rows_ending
from bitext.align.search import Band, link_shapes
from bitext.align.textsignals import TextSignals

N, M = ROW_CHUNK + 9, 23  # two row chunks


def _unit(x: np.ndarray) -> np.ndarray:
    return (x / np.linalg.norm(x, axis=-1, keepdims=True)).astype(np.float32)


@pytest.fixture(scope="module")
def scored():
    rng = np.random.default_rng(7)
    src, tgt = _unit(rng.normal(size=(N, 16))), _unit(rng.normal(size=(M, 16)))
    edges = [_unit(rng.normal(size=(k, 16))) for k in (N, N, M, M)]
    signals = [
        TextSignals(*(rng.integers(lo, 2, size=k).astype(float) for lo in (-1, 0, 0, 0)))
        for k in (N, M)
    ]
    scorer = LinkScorer(
        Band.full(N, M),
        SpanVectors(src),
        SpanVectors(tgt),
        rng.uniform(5, 50, N),
        rng.uniform(5, 50, M),
        1.3,
        src_edges=(edges[0], edges[1]),
        tgt_edges=(edges[2], edges[3]),
        src_signals=signals[0],
        tgt_signals=signals[1],
    )
    shapes = link_shapes(3, 5)
    weights = np.ones(len(FEATURES))
    _, feats = scorer.scores(shapes, weights, keep_features=True)
    return src, tgt, edges, signals, shapes, feats


def _row(table: np.ndarray, k: int) -> np.ndarray:
    """Row k, or a zero vector outside the table (a neighbour beyond the text)."""
    return table[k] if 0 <= k < len(table) else np.zeros(table.shape[1], dtype=np.float32)


def _expected(src, tgt, edges, signals, i0, i1, j0, j1) -> dict[str, float]:
    s_head, s_tail, t_head, t_tail = edges
    ss, ts = signals
    sv, tv = _unit(src[i0:i1].sum(axis=0)), _unit(tgt[j0:j1].sum(axis=0))
    cos = float(sv @ tv)
    member = cos
    if i1 - i0 > 1:
        member = min(member, *(float(src[u] @ tv) for u in range(i0, i1)))
    if j1 - j0 > 1:
        member = min(member, *(float(sv @ tgt[v]) for v in range(j0, j1)))
    first_s, last_s, first_t, last_t = src[i0], src[i1 - 1], tgt[j0], tgt[j1 - 1]

    def relu(x: float) -> float:
        return max(float(x), 0.0)

    own_f, own_l = first_t @ s_head[i0], last_t @ s_tail[i1 - 1]
    own_fs, own_ls = first_s @ t_head[j0], last_s @ t_tail[j1 - 1]
    return {
        "cos": cos,
        "min_member": member,
        "pull_tgt": relu(_row(src, i0 - 1) @ first_t - sv @ first_t)
        + relu(_row(src, i1) @ last_t - sv @ last_t),
        "pull_src": relu(first_s @ _row(tgt, j0 - 1) - first_s @ tv)
        + relu(last_s @ _row(tgt, j1) - last_s @ tv),
        "cpull_tgt": relu(_row(s_tail, i0 - 1) @ first_t - own_f)
        + relu(_row(s_head, i1) @ last_t - own_l),
        "cpull_src": relu(first_s @ _row(t_tail, j0 - 1) - own_fs)
        + relu(last_s @ _row(t_head, j1) - own_ls),
        "edge_fit": float(own_f + own_l + own_fs + own_ls) / 4,
        "quote_diff": min(abs(ss.quotes[i0:i1].sum() - ts.quotes[j0:j1].sum()), 2.0),
        "question_diff": min(abs(ss.questions[i0:i1].sum() - ts.questions[j0:j1].sum()), 2.0),
        "exclaim_diff": min(abs(ss.exclamations[i0:i1].sum() - ts.exclamations[j0:j1].sum()), 2.0),
        "anaphor_diff": abs(ss.anaphors[i0] - ts.anaphors[j0]),
    }


def test_every_link_feature_matches_its_definition(scored):
    src, tgt, edges, signals, shapes, feats = scored
    checked = 0
    for k, (a, b) in enumerate(shapes):
        if b == 0:
            continue
        for i1 in range(a, N + 1, 5):  # every 5th row: both chunks, both text ends
            for j1 in range(b, M + 1):
                want = _expected(src, tgt, edges, signals, i1 - a, i1, j1 - b, j1)
                got = feats[i1, k, j1]
                for name, value in want.items():
                    assert got[FEATURES.index(name)] == pytest.approx(value, abs=1e-5), (
                        name,
                        (a, b),
                        i1,
                        j1,
                    )
                checked += 1
    assert checked > 1000


def test_rows_ending_gives_zero_rows_outside_the_table():
    table = np.arange(12, dtype=np.float32).reshape(4, 3)
    run = _rows_ending(table, np.arange(-1, 7))  # a run of ends, past both sides
    assert run[:2].tolist() == [[0, 0, 0], [0, 0, 0]]
    assert run[2:6].tolist() == table.tolist()
    assert run[6:].tolist() == [[0, 0, 0], [0, 0, 0]]
    scattered = _rows_ending(table, np.array([4, 0, 2, 9]), first=2)
    assert scattered.tolist() == [table[3].tolist(), [0, 0, 0], table[1].tolist(), [0, 0, 0]]
