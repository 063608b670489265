"""BLAS thread limits without re-scanning the process's libraries on every call.

``threadpoolctl.threadpool_limits`` looks up the loaded BLAS libraries each time it is entered
(it reads /proc/self/maps): 0.3-1 ms a call. The aligner enters a limit for every MLP head
evaluation of sentence parts (over a hundred per document), so that alone cost ~0.1 s per
mac-dev run. One ``ThreadpoolController``, made on first use (numpy's BLAS is loaded by then),
serves every call. It limits the libraries loaded when it was made: numpy's BLAS, which runs
all of bitext's own matrix products; torch (``st:`` encoders) manages its own threads.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import numpy  # noqa: F401  (loads the BLAS the controller must see when it is made)
from threadpoolctl import ThreadpoolController


@cache
def _controller() -> ThreadpoolController:
    return ThreadpoolController()


def blas_threads(limit: int) -> Any:
    """Context manager: BLAS uses at most ``limit`` threads inside it."""
    return _controller().limit(limits=limit, user_api="blas")
