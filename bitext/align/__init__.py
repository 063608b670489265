"""Sentence alignment. ``model`` holds the result types every later stage consumes."""

from .model import Alignment, Link

__all__ = ["Alignment", "Link"]
