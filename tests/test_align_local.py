"""Local statistics: a long document's length prior follows each part, not the whole."""

from __future__ import annotations

import numpy as np

from bitext.align import local


def test_each_half_gets_its_own_length_ratio():
    # 300 sentences translated at ratio 0.5, then 300 at ratio 3 (two genres back to back)
    src = np.full(600, 40.0)
    tgt = np.concatenate([np.full(300, 20.0), np.full(300, 120.0)])
    path = [(i, i + 1, i, i + 1) for i in range(600)]
    ratio = local.length_ratio(path, src, tgt, window=50)
    assert np.allclose(ratio[:250], 0.5)
    assert np.allclose(ratio[351:], 3.0)
    whole = local.length_ratio(path, src, tgt, window=None)
    assert np.allclose(whole, tgt.sum() / src.sum())


def test_a_document_within_the_window_keeps_its_whole_figures():
    lengths = np.array([10.0, 30.0, 50.0])
    assert local.mean_length(lengths, 50).tolist() == [30.0, 30.0, 30.0]
    path = [(0, 1, 0, 2), (1, 3, 2, 3)]
    assert local.length_ratio(path, lengths, np.array([5.0, 5.0, 80.0]), 50).tolist() == [1.0] * 4


def test_mean_length_is_local():
    lengths = np.concatenate([np.full(100, 10.0), np.full(100, 90.0)])
    mean = local.mean_length(lengths, 10)
    assert mean[0] == 10.0 and mean[-1] == 90.0
