"""Terminal output shared by all commands: stderr console, error line, output files."""

from __future__ import annotations

import contextlib
import sys
import warnings
from collections.abc import Iterator
from pathlib import Path

from rich.console import Console

from ..errors import BitextWarning, UsageError

err_console = Console(stderr=True, highlight=False, soft_wrap=True)


def print_error(message: str) -> None:
    """The one red line a user sees for an error."""
    from rich.markup import escape

    # escaped: a message may hold brackets (pip install 'bitext[corpus]', a path like a[1].md)
    line = f"[bold red]Error:[/bold red] {escape(message)}"
    err_console.print(line, markup=True, highlight=False)


def print_warning(message: str) -> None:
    err_console.print(f"[yellow]Warning:[/yellow] {message}", markup=True, highlight=False)


@contextlib.contextmanager
def warnings_as_lines() -> Iterator[None]:
    """Show each ``BitextWarning`` the library raises as one ``Warning:`` line.

    Without this, Python prints ``file.py:123: CacheWarning: ...`` plus a source line.
    """
    original = warnings.showwarning

    def show(message, category, filename, lineno, file=None, line=None):  # type: ignore[no-untyped-def]
        if issubclass(category, BitextWarning):
            print_warning(str(message))
        else:
            original(message, category, filename, lineno, file, line)

    warnings.showwarning = show
    try:
        yield
    finally:
        warnings.showwarning = original


def check_output_path(output: Path | None, force: bool, inputs: tuple[Path, ...] = ()) -> None:
    """Refuse to overwrite an input file ever, or an existing file unless ``--force`` is given."""
    if output is None or str(output) == "-":
        return
    resolved = output.resolve()
    for path in inputs:
        if path.exists() and resolved == path.resolve():
            raise UsageError(f"{output}: is an input file; refusing to overwrite it")
    if output.is_dir():
        raise UsageError(f"{output}: is a directory")
    if output.exists() and not force:
        raise UsageError(f"{output}: already exists; pass --force to overwrite it")


def write_output(text: str, output: Path | None) -> None:
    """Write ``text`` to ``output`` (UTF-8, LF) or to stdout when ``output`` is None or ``-``."""
    if output is None or str(output) == "-":
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(text, encoding="utf-8", newline="\n")
