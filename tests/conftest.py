"""Shared fixtures: the real data sets beside the checkout, the CLI runner, tmp files."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED_DATA = ROOT.parent / "shared" / "data"
EXAMPLES = ROOT / "examples"
TEST_DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """../shared/data (real gold alignments); tests that need it skip when it is absent."""
    if not SHARED_DATA.is_dir():
        pytest.skip("../shared/data is not beside this checkout")
    return SHARED_DATA


@pytest.fixture(scope="session")
def encoder():
    """The built-in encoder, loaded once for every test that aligns real text."""
    from bitext.embed import get_encoder

    return get_encoder()


@pytest.fixture
def run_cli(capsys):
    """Run ``bitext ARGS`` through ``main(argv)``; return (code, stdout, stderr)."""
    from bitext.cli import main

    def _run(*args: str) -> tuple[int, str, str]:
        code = main([str(a) for a in args])
        out, err = capsys.readouterr()
        return code, out, err

    return _run


@pytest.fixture(autouse=True)
def _isolated_cache(tmp_path_factory, monkeypatch):
    """Never touch the user's real embedding cache from tests."""
    monkeypatch.setenv("BITEXT_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "cache"))
