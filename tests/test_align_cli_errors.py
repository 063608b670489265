"""`bitext align` errors: one `Error:` line and exit code 2, never a traceback."""

from __future__ import annotations

import pytest

from tests.conftest import EXAMPLES

EN = EXAMPLES / "article.en.txt"


def _one_error_line(err: str) -> str:
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    assert lines[0].startswith("Error:")
    return lines[0]


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda d: [d / "missing.txt", EN], "no such file"),
        (lambda d: [_write(d / "empty.txt", b""), EN], "empty"),
        (lambda d: [_write(d / "img.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), EN], "binary"),
        (lambda d: [EN, _write(d / "copy.txt", EN.read_bytes())], "both English"),
        (lambda d: [_write(d / "en-only.txt", EN.read_bytes())], "only English"),
        (lambda d: [EN, EN, EN], "one bilingual file or two files"),
    ],
)
def test_bad_inputs(run_cli, tmp_path, make, message):
    code, out, err = run_cli("align", *make(tmp_path))
    assert code == 2
    assert message in _one_error_line(err)
    assert out == ""


def _write(path, data: bytes):
    path.write_bytes(data)
    return path


def test_undecodable_with_forced_encoding(run_cli, tmp_path):
    path = _write(tmp_path / "zh.txt", (EXAMPLES / "article.zh.gbk.txt").read_bytes())
    code, _out, err = run_cli("align", EN, path, "--encoding", "utf-8")
    assert code == 2 and "not valid utf-8" in _one_error_line(err)


def test_unknown_layout_and_format(run_cli):
    code, _out, err = run_cli("align", EXAMPLES / "article.bilingual.txt", "--layout", "columns")
    assert code == 2 and "unknown layout" in _one_error_line(err)
    code, _out, err = run_cli("align", EN, EXAMPLES / "article.zh.txt", "--format", "pdf")
    assert code == 2 and "unknown format" in _one_error_line(err)
    code, _out, err = run_cli("align", EN, EXAMPLES / "article.zh.txt", "--layout", "marked")
    assert code == 2 and "one bilingual file" in _one_error_line(err)


def test_help_lists_every_format_and_layout(run_cli):
    code, out, _err = run_cli("align", "--help")
    assert code == 0
    for word in ("table", "tsv", "jsonl", "links", "tmx", "markdown", "halves", "--presplit"):
        assert word in out
