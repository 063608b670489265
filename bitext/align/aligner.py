"""STAND-IN aligner (replaced by the real one at merge): a small cosine DP inside each block."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from ..document import Segment
from .model import Alignment, Link

_MOVES = ((1, 1), (1, 0), (0, 1), (2, 1), (1, 2), (3, 1), (1, 3))


def _segments(items: Sequence[Any], lang: str) -> tuple[Segment, ...]:
    out = []
    for i, it in enumerate(items):
        out.append(it if isinstance(it, Segment) else Segment(str(it), 0, len(str(it)), lang, 0, i))
    return tuple(out)


def _block(sv, tv, s0, s1, t0, t1) -> list[Link]:
    n, m = s1 - s0, t1 - t0
    inf = float("inf")
    cost = np.full((n + 1, m + 1), inf)
    back: dict[tuple[int, int], tuple[int, int, float]] = {}
    cost[0, 0] = 0.0
    for i in range(n + 1):
        for j in range(m + 1):
            if cost[i, j] == inf:
                continue
            for di, dj in _MOVES:
                a, b = i + di, j + dj
                if a > n or b > m:
                    continue
                if di and dj:
                    u = sv[s0 + i : s0 + a].sum(0)
                    v = tv[t0 + j : t0 + b].sum(0)
                    sim = float(u @ v / (np.linalg.norm(u) * np.linalg.norm(v) + 1e-9))
                    c = 1.0 - sim + 0.05 * (di + dj - 2)
                else:
                    sim, c = 0.0, 0.6
                if cost[i, j] + c < cost[a, b]:
                    cost[a, b] = cost[i, j] + c
                    back[(a, b)] = (i, j, sim)
    links = []
    i, j = n, m
    while (i, j) != (0, 0):
        pi, pj, sim = back[(i, j)]
        links.append(
            Link(tuple(range(s0 + pi, s0 + i)), tuple(range(t0 + pj, t0 + j)), round(sim, 4))
        )
        i, j = pi, pj
    return links[::-1]


def align(
    src: Sequence[Any],
    tgt: Sequence[Any],
    *,
    encoder: Any = None,
    max_align: int = 5,
    blocks: Sequence[tuple[int, int, int, int]] | None = None,
    **params: Any,
) -> Alignment:
    ss, ts = _segments(src, "en"), _segments(tgt, "zh")
    if encoder is None:
        from ..embed.base import get_encoder

        encoder = get_encoder()
    sv = encoder.encode([s.text for s in ss]) if ss else np.zeros((0, 1))
    tv = encoder.encode([s.text for s in ts]) if ts else np.zeros((0, 1))
    if blocks is None:
        blocks = [(0, len(ss), 0, len(ts))]
    links: list[Link] = []
    for s0, s1, t0, t1 in blocks:
        links.extend(_block(sv, tv, s0, s1, t0, t1))
    sig = {
        "version": "0.1.0",
        "model": f"{encoder.name}@{encoder.version}",
        "max_align": max_align,
        "aligner": "standin",
    }
    warnings = ()
    if not ss or not ts:
        warnings = ("one side is empty",)
    return Alignment(tuple(links), ss, ts, signature=sig, warnings=warnings)
