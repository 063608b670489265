"""The CLI shell itself: help, version, and errors as one line with exit code 2."""

from __future__ import annotations

import subprocess
import sys

import bitext
from bitext.cli.main import COMMAND_MODULES


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
