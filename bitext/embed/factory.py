"""The one way to get an encoder: the bare model (``base.load_encoder``) with the on-disk cache
in front. In a module of its own so that ``base`` (the protocol the cache builds on) never
imports the cache: no import cycle between them."""

from __future__ import annotations

from pathlib import Path

from .base import EncoderBase, load_encoder


def get_encoder(
    spec: str | None = None,
    *,
    cache_dir: str | Path | None = None,
    use_cache: bool = True,
) -> EncoderBase:
    """Resolve a spec such as ``use-multilingual`` or ``st:sentence-transformers/LaBSE``.

    ``spec`` None means ``$BITEXT_MODEL``, else the built-in ``use-multilingual``. With
    ``use_cache`` the encoder reads and writes the on-disk embedding cache in ``cache_dir``
    (None: ``$BITEXT_CACHE_DIR``, else the user cache directory). Raises ``ModelError`` for an
    unknown spec, a model that is not on this machine, or a missing optional extra.
    """
    encoder = load_encoder(spec)
    if not use_cache:
        return encoder
    from .cache import CachedEncoder, EmbeddingCache

    return CachedEncoder(encoder, EmbeddingCache(cache_dir))


__all__ = ["get_encoder"]
