"""The README's set-up stays honest: CI runs its two commands verbatim, and every command is
documented there and has help text with an example."""

from __future__ import annotations

import re

import pytest
import typer
from conftest import ROOT

from bitext.cli import app

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _setup_commands() -> list[str]:
    section = README.split("## Set-up in two commands", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```bash\n(.+?)\n```", section)


def test_readme_has_two_setup_commands_and_ci_runs_them_verbatim():
    commands = _setup_commands()
    assert len(commands) == 2
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    for command in commands:
        assert command in ci, f"CI does not run the README command: {command}"


def _command_names() -> list[str]:
    click_app = typer.main.get_command(app)
    names = []
    for name, command in click_app.commands.items():
        sub = getattr(command, "commands", None)
        names.extend(f"{name} {s}" for s in sub) if sub else names.append(name)
    return sorted(names)


@pytest.mark.parametrize("name", _command_names())
def test_every_command_is_documented_and_has_help(name, run_cli):
    assert f"bitext {name}" in README, f"README does not show `bitext {name}`"
    code, out, _ = run_cli(*name.split(), "--help")
    assert code == 0
    assert "bitext " in out, f"`bitext {name} --help` shows no example"
