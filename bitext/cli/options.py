"""Options shared by several commands, defined once so their names and defaults never drift.

Defaults are read from library constants (sacrebleu's habit).
"""

from __future__ import annotations

from pathlib import Path

import typer

from ..embed.base import DEFAULT_MODEL

OutputOpt = typer.Option(
    None, "-o", "--output", help="Write to this file instead of stdout.", dir_okay=False
)
ForceOpt = typer.Option(False, "--force", help="Overwrite the --output file if it exists.")
EncodingOpt = typer.Option(
    None, "--encoding", help="Force the input encoding (default: detect UTF-8/UTF-16/GB18030)."
)
ModelOpt = typer.Option(
    None,
    "--model",
    envvar="BITEXT_MODEL",
    help=f"Encoder: '{DEFAULT_MODEL}' (built-in, offline) or 'st:MODEL' (sentence-transformers).",
)
CacheDirOpt = typer.Option(
    None, "--cache-dir", envvar="BITEXT_CACHE_DIR", help="Embedding cache directory."
)
NoCacheOpt = typer.Option(False, "--no-cache", help="Do not read or write the embedding cache.")
GlossaryOpt = typer.Option(
    None,
    "--glossary",
    "-g",
    help="Glossary YAML file or shipped glossary name (repeatable), e.g. --glossary ai-safety.",
)

__all__ = [
    "CacheDirOpt",
    "EncodingOpt",
    "ForceOpt",
    "GlossaryOpt",
    "ModelOpt",
    "NoCacheOpt",
    "OutputOpt",
    "Path",
]
