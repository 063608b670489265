"""Builds the typer app from one module per command group and runs it.

``main(argv) -> int`` never raises: a ``BitextError`` or a usage error becomes one ``Error:``
line on stderr and exit code 2, and so does anything unexpected (``Error: internal error: …``),
because CI reads exit 1 as "findings" and must never mistake a crash for them. ``--debug`` or
``BITEXT_DEBUG=1`` lets the exception through, traceback and all.
"""

from __future__ import annotations

import difflib
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
try:
    from typer._click import core as click_core
except ImportError:  # pragma: no cover - older typer
    from click import core as click_core  # type: ignore[no-redef]

#: command name -> (the module whose ``register(app)`` adds it, the line ``bitext --help`` shows).
#: Order is the order of ``bitext --help``. The list is written out here so that ``bitext --help``
#: imports no command module (start-up, issue 16); a test checks every line against the
#: command's own help, so the two cannot drift apart.
COMMANDS: dict[str, tuple[str, str]] = {
    "split": ("bitext.cli.split_cmd", "Split a text file into sentences, with exact positions."),
    "align": (
        "bitext.cli.align_cmd",
        "Align sentences of a text and its translation; print pairs with scores and positions.",
    ),
    "eval": (
        "bitext.cli.eval_cmd",
        "Score an alignment against a gold one (links format \\[i,j]:\\[k]).",
    ),
    "lint": (
        "bitext.cli.lint_cmd",
        "Lint translations: omissions, additions, numbers, terms, typography.",
    ),
    "corpus": (
        "bitext.cli.corpus_cmd",
        "Align thousands of document pairs on this machine's cores or a dask cluster.",
    ),
    "report": (
        "bitext.cli.report_cmd",
        "Write the review page: source and translation side by side, findings highlighted.",
    ),
    "terms": (
        "bitext.cli.glossary_cmd",
        "List the source's terms with the renderings the translation actually used.",
    ),
    "glossary": ("bitext.cli.glossary_cmd", "List, validate, import and export glossaries."),
    "cache": (
        "bitext.cli.cache_cmd",
        "Show, shrink or delete the embedding cache (vectors of sentences already embedded).",
    ),
}

#: every module that registers commands, each once, in help order.
COMMAND_MODULES = tuple(dict.fromkeys(module for module, _ in COMMANDS.values()))


def load_command(name: str) -> click_core.Command:
    """The real click command ``name``, built from its module (imported now, not at start-up)."""
    sub = typer.Typer(add_completion=False, pretty_exceptions_enable=False, rich_markup_mode="rich")
    importlib.import_module(COMMANDS[name][0]).register(sub)
    command = typer.main.get_group(sub).commands[name]
    _tidy_help(command)
    return command


class LazyGroup(typer.core.TyperGroup):
    """The root group: a command's module is imported only when that command runs or shows its
    own help. Listing the commands (``bitext --help``) uses the one-line summaries of
    ``COMMANDS`` instead of importing all nine."""

    _listing = False

    def list_commands(self, ctx: click_core.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click_core.Context, cmd_name: str) -> click_core.Command | None:
        if cmd_name not in COMMANDS:
            return None
        if cmd_name not in self.commands:
            if self._listing:
                return typer.core.TyperCommand(
                    name=cmd_name, help=COMMANDS[cmd_name][1], rich_markup_mode="rich"
                )
            self.commands[cmd_name] = load_command(cmd_name)
        return self.commands[cmd_name]

    def format_help(self, ctx: click_core.Context, formatter: click_core.HelpFormatter) -> None:
        self._listing = True
        try:
            super().format_help(ctx, formatter)
        finally:
            self._listing = False

    def resolve_command(
        self, ctx: click_core.Context, args: list[str]
    ) -> tuple[str | None, click_core.Command | None, list[str]]:
        """As typer's, but "Did you mean ...?" draws on every command, loaded or not (typer's
        looks only at the loaded ones, which here are none yet)."""
        try:
            return self._click_resolve_command(ctx, args)
        except click_exceptions.UsageError as exc:
            matches = difflib.get_close_matches(args[0], list(COMMANDS)) if args else []
            if matches:
                suggestions = ", ".join(repr(m) for m in matches)
                exc.message = f"{exc.message.rstrip('.')}. Did you mean {suggestions}?"
            raise

    def load_all(self) -> dict[str, click_core.Command]:
        """Every command, loaded (for tests and docs that walk the whole tree)."""
        for name in COMMANDS:
            self.get_command(click_core.Context(self), name)
        return dict(self.commands)


app = typer.Typer(
    name="bitext",
    help="English <-> Chinese translation QA: split, align, check glossaries, lint.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
    cls=LazyGroup,
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
