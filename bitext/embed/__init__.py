"""Sentence encoders: text -> unit vectors. See ``base`` for the protocol and registry."""

from .base import DEFAULT_MODEL, Encoder, get_encoder

__all__ = ["DEFAULT_MODEL", "Encoder", "get_encoder"]
