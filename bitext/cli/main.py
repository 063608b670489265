"""Builds the typer app from one module per command group and runs it.

``main(argv) -> int`` never raises: a ``BitextError`` or a usage error becomes one ``Error:``
line on stderr and exit code 2, and so does anything unexpected (``Error: internal error: …``),
because CI reads exit 1 as "findings" and must never mistake a crash for them. ``--debug`` or
``BITEXT_DEBUG=1`` lets the exception through, traceback and all.
"""

from __future__ import annotations

import importlib
import os
import sys

import typer

from ..atomic import os_error_reason
from ..errors import BitextError
from ..version import __version__
from .console import print_error, warnings_as_lines

try:  # recent typer vendors click
    from typer._click import exceptions as click_exceptions
except ImportError:  # pragma: no cover - older typer
    from click import exceptions as click_exceptions  # type: ignore[no-redef]

#: each module has ``register(app)``; order is the order of ``bitext --help``.
COMMAND_MODULES = (
    "bitext.cli.split_cmd",
    "bitext.cli.align_cmd",
    "bitext.cli.eval_cmd",
    "bitext.cli.lint_cmd",
    "bitext.cli.corpus_cmd",
    "bitext.cli.report_cmd",
    "bitext.cli.glossary_cmd",
    "bitext.cli.cache_cmd",
)

app = typer.Typer(
    name="bitext",
    help="English <-> Chinese translation QA: split, align, check glossaries, lint.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
    context_settings={"help_option_names": ["-h", "--help"]},
)

_state = {"debug": False}


def _version(value: bool) -> None:
    if value:
        typer.echo(f"bitext {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Show the version and exit."
    ),
    debug: bool = typer.Option(False, "--debug", help="Show tracebacks for errors."),
) -> None:
    """English <-> Chinese translation QA: split, align, check glossaries, lint.

    Example: [bold]bitext align examples/article.en.txt examples/article.zh.txt[/bold]
    """
    _state["debug"] = debug or _debug_env()


for _name in COMMAND_MODULES:
    importlib.import_module(_name).register(app)


def _tidy_help(command: object) -> None:
    """No type column for flags and arguments: ``--force <bool>`` reads as if it took a value,
    and an argument's metavar already says what it takes."""
    for sub in getattr(command, "commands", {}).values():
        _tidy_help(sub)
    for param in getattr(command, "params", ()):
        if getattr(param, "param_type_name", "") == "argument":
            param.display_type_rich = lambda ctx: None


def _flag_type(original):  # type: ignore[no-untyped-def]
    def display_type_rich(self, ctx):  # type: ignore[no-untyped-def]
        return None if getattr(self, "is_flag", False) else original(self, ctx)

    return display_type_rich


# typer's help shows "<bool>" after every flag, --help included (made when help is asked for)
typer.core.TyperOption.display_type_rich = _flag_type(  # type: ignore[method-assign]
    typer.core.TyperOption.display_type_rich
)


#: set to 1 (or anything but 0/empty) to see tracebacks, as ``--debug`` does.
DEBUG_ENV = "BITEXT_DEBUG"


def _debug_env() -> bool:
    return os.environ.get(DEBUG_ENV, "").strip() not in ("", "0")


def _os_error_line(exc: OSError) -> str:
    """``name: reason`` for an OSError nobody turned into a ``BitextError``."""
    name = exc.filename if exc.filename is not None else "a file"
    return f"{name}: {os_error_reason(exc)}"


def _internal_error_line(exc: BaseException) -> str:
    detail = str(exc).strip().splitlines()
    first = detail[0] if detail else ""
    text = f"{type(exc).__name__}: {first}" if first else type(exc).__name__
    if len(text) > 300:
        text = text[:297] + "..."
    return f"internal error: {text} (run with {DEBUG_ENV}=1 or --debug for the traceback)"


def main(argv: list[str] | None = None) -> int:
    """Run the CLI with ``argv`` (default ``sys.argv[1:]``); return the exit code."""
    args = list(sys.argv[1:] if argv is None else argv)
    _state["debug"] = "--debug" in args or _debug_env()
    try:
        return _main(args)
    except BrokenPipeError:
        _quiet_stdout()
        return 0
    except MemoryError:
        if _state["debug"]:
            raise
        message = "out of memory (an input or glossary too large for this machine?)"
    except OSError as exc:
        if _state["debug"]:
            raise
        message = _os_error_line(exc)
    except Exception as exc:
        if _state["debug"]:
            raise
        message = _internal_error_line(exc)
    # printed only here, after the except block has dropped the exception and with it the
    # frames (and the data) it kept alive: after a MemoryError there is room again.
    print_error(message)
    return 2


def _quiet_stdout() -> None:
    """After a closed pipe (``bitext ... | head``), point stdout at /dev/null so Python's exit
    flush does not print "Exception ignored ... BrokenPipeError"."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def _main(args: list[str]) -> int:
    command = typer.main.get_command(app)
    _tidy_help(command)
    try:
        with warnings_as_lines():
            result = command.main(args=args, prog_name="bitext", standalone_mode=False)
    except typer.Exit as exc:
        return exc.exit_code
    except typer.Abort:
        print_error("aborted")
        return 130
    except click_exceptions.ClickException as exc:
        exc.show()
        return 2
    except BitextError as exc:
        if _state["debug"]:
            raise
        print_error(str(exc))
        return 2
    except KeyboardInterrupt:
        print_error("interrupted")
        return 130
    return result if isinstance(result, int) else 0


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())
