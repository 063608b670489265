"""Builds the typer app from one module per command group and runs it.

``main(argv) -> int`` never raises for a user mistake: a ``BitextError`` or a usage error
becomes one ``Error:`` line on stderr and exit code 2; ``--debug`` shows the traceback instead.
"""

from __future__ import annotations

import importlib
import sys

import typer

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
    _state["debug"] = debug


for _name in COMMAND_MODULES:
    importlib.import_module(_name).register(app)


def main(argv: list[str] | None = None) -> int:
    """Run the CLI with ``argv`` (default ``sys.argv[1:]``); return the exit code."""
    args = list(sys.argv[1:] if argv is None else argv)
    _state["debug"] = "--debug" in args
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
    except BrokenPipeError:
        return 0
    return result if isinstance(result, int) else 0


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())
