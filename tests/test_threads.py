"""BLAS thread limits (bitext.threads) and the encoder's thread count (bitext.embed.use)."""

from __future__ import annotations

import numpy as np
from threadpoolctl import threadpool_info

from bitext.embed.use import default_threads, usable_cores
from bitext.threads import _controller, blas_threads


def _numpy_blas() -> dict[str, int]:
    """Threads of the BLAS libraries the controller knows (numpy's; a library another package
    loads later, such as torch's, is that package's to manage)."""
    known = {lib["filepath"] for lib in _controller().info() if lib["user_api"] == "blas"}
    return {
        lib["filepath"]: lib["num_threads"] for lib in threadpool_info() if lib["filepath"] in known
    }


def test_blas_threads_limits_numpy_inside_and_restores_after():
    np.ones((2, 2)) @ np.ones((2, 2))
    before = _numpy_blas()
    assert before  # numpy ships a BLAS that threadpoolctl can see
    with blas_threads(1):
        assert set(_numpy_blas().values()) == {1}
    assert _numpy_blas() == before


def test_encoder_threads_follow_the_environment_or_the_usable_cores(monkeypatch):
    monkeypatch.setenv("BITEXT_THREADS", "3")
    assert default_threads() == 3
    for bad in ("0", "-2", "many", ""):
        monkeypatch.setenv("BITEXT_THREADS", bad)
        assert default_threads() == usable_cores()
    monkeypatch.delenv("BITEXT_THREADS")
    assert default_threads() == usable_cores() >= 1
