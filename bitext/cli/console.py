"""Terminal output shared by all commands: stderr console, error line, output files.

Messages carry user text (file names, YAML keys, sentences): ``[/x].txt`` must print as it is,
not raise rich's MarkupError, and ``\\x1b[2J`` in a file name must not clear the screen. So the
stderr console has markup off and shows control characters as visible marks; styles are given
as ``Text`` spans, never as markup inside a string that holds user text.
"""

from __future__ import annotations

import contextlib
import os
import stat
import sys
import warnings
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.text import Text

from ..atomic import os_error_reason, write_text_atomic
from ..controls import visible
from ..errors import BitextError, BitextWarning, OutputError, UsageError


class SafeConsole(Console):
    """A rich Console that never reads markup in strings and shows control characters."""

    def print(self, *objects: Any, **kwargs: Any) -> None:  # type: ignore[override]
        kwargs["markup"] = False
        super().print(*(visible(o) if isinstance(o, str) else o for o in objects), **kwargs)


err_console = SafeConsole(stderr=True, highlight=False, soft_wrap=True, markup=False)


def _line(label: str, style: str, message: str) -> Text:
    return Text.assemble((label, style), " ", visible(message))


def print_error(message: str) -> None:
    """The one red line a user sees for an error (``message`` is printed as plain text)."""
    err_console.print(_line("Error:", "bold red", message), highlight=False)


def print_warning(message: str) -> None:
    """One yellow ``Warning:`` line (``message`` is printed as plain text)."""
    err_console.print(_line("Warning:", "yellow", message), highlight=False)


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


def _is_stdout(output: Path | None) -> bool:
    return output is None or str(output) == "-"


def check_output_path(
    output: Path | None, force: bool, inputs: Iterable[str | os.PathLike[str]] = ()
) -> None:
    """Refuse to overwrite an input file ever, or an existing file unless ``--force`` is given.

    ``inputs`` should be every file the command reads, after expanding folders, globs and
    ``--pair`` rules. An input is recognised by its ``(st_dev, st_ino)``, as ``cp`` does, so a
    hard link, a symlink or another spelling of the same path is caught too.
    """
    if _is_stdout(output):
        return
    assert output is not None
    try:
        out = os.stat(output)
    except OSError:
        return  # nothing there (or unreachable): it cannot be an input; writing reports why
    if stat.S_ISDIR(out.st_mode):
        raise UsageError(f"{output}: is a directory")
    for path in inputs:
        try:
            info = os.stat(path)
        except OSError:
            continue
        if (info.st_dev, info.st_ino) == (out.st_dev, out.st_ino):
            if str(path) == str(output):
                raise UsageError(f"{output}: is an input file; refusing to overwrite it")
            raise UsageError(
                f"{output} and {path} are the same file (an input); refusing to overwrite it"
            )
    if not force:
        raise UsageError(f"{output}: already exists; pass --force to overwrite it")


def expanded_inputs(
    inputs: Iterable[str | os.PathLike[str]],
    pairs: Iterable[str] = (),
    others: Iterable[str | os.PathLike[str] | None] = (),
) -> tuple[Path, ...]:
    """Every file a lint run reads: the arguments, what their folders, globs and ``--pair``
    rules expand to (``resolve_inputs``), and ``others`` (glossary, config) that are files.

    An input that does not resolve is left for the run itself to report, in its usual order.
    """
    from ..check.inputs import resolve_inputs

    given = [Path(p) for p in inputs]
    try:
        units = resolve_inputs(given, list(pairs)).units
    except BitextError:
        units = ()
    extra = [Path(p) for p in others if p is not None and Path(p).is_file()]
    return tuple(dict.fromkeys([*given, *(p for unit in units for p in unit), *extra]))


def write_output(text: str, output: Path | None) -> None:
    """Write ``text`` to ``output`` (UTF-8, LF) or to stdout when ``output`` is None or ``-``.

    A file is replaced atomically (``bitext.atomic``): on a full disk or a read-only folder the
    old file stays as it was and the error is one ``OutputError``. A device or pipe given as
    ``-o`` (``/dev/null``, ``/dev/stdout``) is written in place, never replaced. On a terminal,
    control characters in the text are shown as visible marks instead of being sent raw.
    """
    if _is_stdout(output):
        _write_stdout(text)
        return
    assert output is not None
    try:
        info = os.stat(output)
    except OSError:
        info = None
    if info is not None and not stat.S_ISREG(info.st_mode) and not stat.S_ISDIR(info.st_mode):
        try:
            with open(output, "w", encoding="utf-8", newline="\n") as handle:
                handle.write(text)
        except OSError as exc:
            raise OutputError(f"{output}: cannot write: {os_error_reason(exc)}") from None
        return
    write_text_atomic(output, text)


def _write_stdout(text: str) -> None:
    if sys.stdout.isatty():
        text = visible(text)
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise OutputError(f"standard output: cannot write: {os_error_reason(exc)}") from None
