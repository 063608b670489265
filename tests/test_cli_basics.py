"""The CLI shell itself: help, version, and errors as one line with exit code 2."""

from __future__ import annotations

import subprocess
import sys

import bitext
from bitext.cli.main import COMMAND_MODULES, COMMANDS, load_command


def test_version(run_cli):
    code, out, _ = run_cli("--version")
    assert code == 0
    assert out.strip() == f"bitext {bitext.__version__}"


def test_help_lists_commands(run_cli):
    code, out, _ = run_cli("--help")
    assert code == 0
    assert "Usage" in out


def test_unknown_option_is_usage_error(run_cli):
    code, _, err = run_cli("--no-such-option")
    assert code == 2
    assert "Traceback" not in err


def test_python_dash_m_runs():
    proc = subprocess.run(
        [sys.executable, "-m", "bitext", "--version"], capture_output=True, text=True, check=False
    )
    assert proc.returncode == 0
    assert proc.stdout.startswith("bitext ")


def test_every_command_module_registers():
    import importlib

    for name in COMMAND_MODULES:
        assert callable(importlib.import_module(name).register)


def test_help_summaries_match_the_commands():
    """`bitext --help` lists COMMANDS' summaries without importing the command modules; each
    must be the first paragraph of the command's own help, and every command must be listed."""
    import typer

    from bitext.cli.main import app

    for name, (_, summary) in COMMANDS.items():
        command = load_command(name)
        first = (command.help or "").strip().split("\n\n")[0]
        assert " ".join(first.split()) == summary, name
    registered: set[str] = set()
    for module in COMMAND_MODULES:
        import importlib

        sub = typer.Typer()
        importlib.import_module(module).register(sub)
        registered |= set(typer.main.get_group(sub).commands)
    assert registered == set(COMMANDS)
    assert typer.main.get_command(app).list_commands(None) == list(COMMANDS)


def test_top_level_help_imports_no_command_module():
    code = (
        "import sys\n"
        "from bitext.cli import main\n"
        "main(['--help'])\n"
        "print(sorted(m for m in sys.modules if m.endswith('_cmd')))"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert proc.stdout.strip().splitlines()[-1] == "[]"
    assert "align" in proc.stdout and "Score an alignment" in proc.stdout


def test_a_mistyped_command_gets_a_suggestion(run_cli):
    """The root lists its commands without loading them; the typo hint must still see them."""
    code, _, err = run_cli("alig")
    assert code == 2
    assert "Did you mean 'align'?" in err
