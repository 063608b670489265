"""The progress a long run reports: every stage in order, and "embed n/N" moving batch by batch
with or without the embedding cache (the bar in bitext/cli/progress.py draws these ticks)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bitext.pipeline import _encoder, align_files

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


@pytest.mark.parametrize("use_cache", [False, True])
def test_stages_in_order_and_embed_ticks_per_batch(tmp_path, monkeypatch, use_cache):
    seen: list[tuple[str, int, int]] = []
    cache_dir = tmp_path / "cache"
    encoder = _encoder(None, cache_dir, use_cache)
    bare = getattr(encoder, "encoder", encoder)
    monkeypatch.setattr(bare, "batch_size", 8, raising=False)
    align_files(
        [EXAMPLES / "article.en.txt", EXAMPLES / "article.zh.txt"],
        use_cache=use_cache,
        cache_dir=cache_dir,
        progress=lambda stage, done, total: seen.append((stage, done, total)),
    )
    stages = list(dict.fromkeys(stage for stage, _, _ in seen))
    assert stages[:2] == ["read", "split"] and stages[-1] == "align" and "embed" in stages
    embed = [(done, total) for stage, done, total in seen if stage == "embed"]
    total = embed[-1][1]
    partial = {done for done, t in embed if 0 < done < t}
    assert len(partial) >= 3, embed  # moved through the batches, not 0 then N
    assert [done for done, _ in embed] == sorted(done for done, _ in embed)
    assert embed[-1] == (total, total)
