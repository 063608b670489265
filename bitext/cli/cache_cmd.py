"""`bitext cache info` and `bitext cache clear`: look at or delete the embedding cache.

Each command calls one method of ``bitext.embed.cache.EmbeddingCache`` and prints its result.
"""

from __future__ import annotations

from pathlib import Path

import typer

from .options import CacheDirOpt

cache_app = typer.Typer(
    name="cache",
    help="Show or delete the embedding cache (vectors of sentences already embedded).",
    no_args_is_help=True,
)


def _size(n_bytes: int) -> str:
    if n_bytes < 1024:
        return f"{n_bytes} B"
    if n_bytes < 1024**2:
        return f"{n_bytes / 1024:.1f} KiB"
    return f"{n_bytes / 1024**2:.1f} MiB"


def _model_label(signature: dict) -> str:
    params = ", ".join(f"{k}={v}" for k, v in sorted(signature.get("parameters", {}).items()))
    label = f"{signature.get('name', '?')} {signature.get('version', '?')}"
    return f"{label} ({params})" if params else label


@cache_app.command("info")
def info(cache_dir: Path = CacheDirOpt) -> None:
    """Show where the cache is, how many vectors it holds and its size, per model.

    Example: [bold]bitext cache info[/bold]
    """
    from ..embed.cache import EmbeddingCache

    report = EmbeddingCache(cache_dir).info()
    lines = [f"location: {report.path}"]
    if not report.exists:
        lines.append("entries:  0 (no cache file yet)")
    elif report.error:
        lines.append(f"entries:  unreadable ({report.error}); `bitext cache clear` deletes it")
    else:
        lines.append(f"entries:  {report.entries:,}")
    lines.append(f"size:     {_size(report.size_bytes)}")
    for model in report.models:
        lines.append(f"  {model.entries:>9,}  {_model_label(model.signature)}")
    typer.echo("\n".join(lines))


@cache_app.command("clear")
def clear(cache_dir: Path = CacheDirOpt) -> None:
    """Delete the cache file; sentences are embedded again on the next run.

    Only bitext's own cache file is deleted, never the directory or other files in it.

    Example: [bold]bitext cache clear[/bold]
    """
    from ..embed.cache import EmbeddingCache

    before = EmbeddingCache(cache_dir).clear()
    if not before.exists:
        typer.echo(f"nothing to clear: {before.path} does not exist")
        return
    what = f"{before.entries:,} vectors" if not before.error else "an unreadable cache"
    typer.echo(f"deleted {what} ({_size(before.size_bytes)}) from {before.path}")


def register(app: typer.Typer) -> None:
    """Add this module's commands to ``app``."""
    app.add_typer(cache_app, name="cache")
