"""The languages bitext handles, by code.

A module of its own, apart from ``bitext.lang`` (which compiles its script regexes on import),
so that naming the choices (``--src-lang``, ``bitext --help``) compiles nothing.
"""

from __future__ import annotations

LANGS = ("en", "zh")
