"""The shipped glossaries travel inside the wheel and are found by name from there."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_wheel_ships_glossaries_and_finds_them_by_name(tmp_path):
    tree = tmp_path / "tree"
    tree.mkdir()
    for name in ("pyproject.toml", "setup.py", "MANIFEST.in", "README.md"):
        shutil.copy(ROOT / name, tree / name)
    for folder in ("bitext", "glossaries"):
        shutil.copytree(ROOT / folder, tree / folder, ignore=shutil.ignore_patterns("__pycache__"))
    wheels = tmp_path / "wheels"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(wheels),
            str(tree),
        ],
        check=True,
        capture_output=True,
    )
    (wheel,) = wheels.glob("bitext-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "bitext/glossaries/ai-safety.yaml" in names
    assert "bitext/check/glossary.schema.json" in names
    installed = tmp_path / "installed"
    zipfile.ZipFile(wheel).extractall(installed)
    proc = subprocess.run(
        [sys.executable, "-c", "import bitext; print(bitext.load_glossary('ai-safety').path)"],
        cwd=tmp_path,
        env={"PYTHONPATH": str(installed)},
        capture_output=True,
        text=True,
        check=True,
    )
    assert proc.stdout.strip() == str(installed / "bitext" / "glossaries" / "ai-safety.yaml")
