"""`bitext cache info`, `bitext cache prune` and `bitext cache clear`: look at, shrink or
delete the embedding cache.

Each command calls one method of ``bitext.embed.cache.EmbeddingCache`` and prints its result.
A file in the cache's place that bitext did not write is never changed or deleted.
"""

from __future__ import annotations

from pathlib import Path

import typer

from .options import CacheDirOpt

cache_app = typer.Typer(
    name="cache",
    help="Show, shrink or delete the embedding cache (vectors of sentences already embedded).",
    no_args_is_help=True,
)


def _size(n_bytes: int) -> str:
    if n_bytes < 1024:
        return f"{n_bytes} B"
    if n_bytes < 1024**2:
        return f"{n_bytes / 1024:.1f} KiB"
    if n_bytes < 1024**3:
        return f"{n_bytes / 1024**2:.1f} MiB"
    return f"{n_bytes / 1024**3:.2f} GiB"


def _model_label(signature: dict) -> str:
    params = ", ".join(f"{k}={v}" for k, v in sorted(signature.get("parameters", {}).items()))
    label = f"{signature.get('name', '?')} {signature.get('version', '?')}"
    if "parts" in signature:
        label += f" sentence parts (format {signature['parts']})"
    return f"{label} ({params})" if params else label


def _cache(cache_dir: Path | None):
    from ..embed.cache import CacheError, EmbeddingCache

    cache = EmbeddingCache(cache_dir)
    if cache.directory.exists() and not cache.directory.is_dir():
        raise CacheError(f"--cache-dir {cache.directory} is a file, not a folder")
    return cache


@cache_app.command("info")
def info(cache_dir: Path = CacheDirOpt) -> None:
    """Show where the cache is, how many entries it holds, its size and cap, per model.

    Example: [bold]bitext cache info[/bold]
    """
    report = _cache(cache_dir).info()
    lines = [f"location: {report.path}"]
    if not report.exists:
        lines.append("entries:  0 (no cache file yet)")
    elif report.foreign:
        lines.append(
            f"entries:  none: this file is not a bitext cache ({report.foreign}). bitext "
            "leaves it untouched and runs without a cache here; give another --cache-dir"
        )
    elif report.error:
        lines.append(f"entries:  unreadable ({report.error}); `bitext cache clear` deletes it")
    else:
        lines.append(f"entries:  {report.entries:,}")
    lines.append(f"size:     {_size(report.size_bytes)} (cap {_size(report.max_bytes)})")
    for model in report.models:
        lines.append(f"  {model.entries:>9,}  {_model_label(model.signature)}")
    typer.echo("\n".join(lines))


@cache_app.command("prune")
def prune(
    cache_dir: Path = CacheDirOpt,
    max_size: str = typer.Option(
        None,
        "--max-size",
        help="Keep at most this much (e.g. 500MB, 2GB). Default: the cap, "
        "$BITEXT_CACHE_MAX_SIZE or 1 GiB.",
    ),
) -> None:
    """Delete the least recently used entries down to 90% of the cap, and give the space
    back to the disk. Runs by itself whenever the cache grows past its cap.

    Example: [bold]bitext cache prune --max-size 200MB[/bold]
    """
    from ..embed.cache import parse_size

    cache = _cache(cache_dir)
    result = cache.prune(parse_size(max_size) if max_size else None)
    typer.echo(
        f"removed {result.removed:,} entries: {_size(result.size_before)} -> "
        f"{_size(result.size_after)} (cap {_size(result.max_bytes)}) in {result.path}"
    )


@cache_app.command("clear")
def clear(cache_dir: Path = CacheDirOpt) -> None:
    """Delete the cache file; sentences are embedded again on the next run.

    Only bitext's own cache file is deleted, never the directory, other files in it, or a
    file of the same name that bitext did not write.

    Example: [bold]bitext cache clear[/bold]
    """
    before = _cache(cache_dir).clear()
    if not before.exists:
        typer.echo(f"nothing to clear: {before.path} does not exist")
        return
    what = f"{before.entries:,} entries" if not before.error else "an unreadable cache"
    typer.echo(f"deleted {what} ({_size(before.size_bytes)}) from {before.path}")


def register(app: typer.Typer) -> None:
    """Add this module's commands to ``app``."""
    app.add_typer(cache_app, name="cache")
