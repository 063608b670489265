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
    for name, command in click_app.load_all().items():
        sub = getattr(command, "commands", None)
        names.extend(f"{name} {s}" for s in sub) if sub else names.append(name)
    return sorted(names)


@pytest.mark.parametrize("name", _command_names())
def test_every_command_is_documented_and_has_help(name, run_cli):
    assert f"bitext {name}" in README, f"README does not show `bitext {name}`"
    code, out, _ = run_cli(*name.split(), "--help")
    assert code == 0
    assert "bitext " in out, f"`bitext {name} --help` shows no example"


def _blocks(kind: str) -> list[str]:
    return re.findall(rf"```{kind}\n(.*?)```", README, re.S)


@pytest.mark.slow
@pytest.mark.parametrize("number", range(len(_blocks("python"))))
def test_every_python_block_runs_as_written(number, tmp_path):
    """Each ```python block runs on its own from the repository root, as a reader pastes it."""
    import os
    import subprocess
    import sys

    block = _blocks("python")[number]
    env = {**os.environ, "BITEXT_CACHE_DIR": str(tmp_path / "cache")}
    result = subprocess.run(
        [sys.executable, "-c", block],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, f"README python block {number}:\n{block}\n{result.stderr}"


def test_every_console_command_exists():
    """Each `$ bitext ...` line of a ```console block names a real command."""
    names = _command_names()
    lines = [ln for block in _blocks("console") for ln in block.splitlines()]
    commands = [ln[2:].split() for ln in lines if ln.startswith("$ bitext ")]
    assert commands
    for words in commands:
        name = (
            words[1]
            if len(words) < 3 or f"{words[1]} {words[2]}" not in names
            else (f"{words[1]} {words[2]}")
        )
        assert name in names, f"README shows `{' '.join(words)}`: no such command"
