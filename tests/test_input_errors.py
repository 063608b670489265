"""Bad input files: one clear `Error:` line on stderr, exit code 2, never a traceback."""

from __future__ import annotations

import pytest


def one_error_line(err: str) -> str:
    lines = [ln for ln in err.splitlines() if ln.strip()]
    assert len(lines) == 1, err
    assert lines[0].startswith("Error: ")
    assert "Traceback" not in err
    return lines[0]


def test_missing_file(run_cli, tmp_path) -> None:
    code, out, err = run_cli("split", tmp_path / "nope.txt")
    assert code == 2 and out == ""
    assert "nope.txt: no such file" in one_error_line(err)


def test_directory(run_cli, tmp_path) -> None:
    code, _, err = run_cli("split", tmp_path)
    assert code == 2
    assert "is a directory" in one_error_line(err)


@pytest.mark.parametrize("content", [b"", b"  \n\r\n\t\n", "\ufeff".encode()])
def test_empty_file(run_cli, tmp_path, content: bytes) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    code, _, err = run_cli("split", path)
    assert code == 2
    assert "file is empty" in one_error_line(err)


def test_undecodable_bytes_name_the_encodings_tried(run_cli, tmp_path) -> None:
    path = tmp_path / "broken.txt"
    path.write_bytes(b"\x81\x30\xff\xfe abc \x80\x80\x80 \xc3\x28")
    code, _, err = run_cli("split", path)
    assert code == 2
    line = one_error_line(err)
    assert "cannot decode" in line
    assert "UTF-8" in line and "GB18030" in line
    assert "--encoding" in line


def test_wrong_forced_encoding(run_cli, tmp_path) -> None:
    path = tmp_path / "gbk.txt"
    path.write_bytes("模型会撒谎吗？".encode("gbk"))
    code, _, err = run_cli("split", path, "--encoding", "utf-8")
    assert code == 2
    assert "not valid utf-8" in one_error_line(err)


def test_unknown_encoding(run_cli, tmp_path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Fine text.", encoding="utf-8")
    code, _, err = run_cli("split", path, "--encoding", "klingon-8")
    assert code == 2
    assert "unknown encoding 'klingon-8'" in one_error_line(err)


def test_binary_file(run_cli, tmp_path) -> None:
    path = tmp_path / "image.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" * 20)
    code, _, err = run_cli("split", path)
    assert code == 2
    assert "binary file" in one_error_line(err)


def test_debug_shows_the_traceback(run_cli, tmp_path) -> None:
    from bitext.errors import InputError

    with pytest.raises(InputError):
        run_cli("--debug", "split", tmp_path / "nope.txt")


def test_legacy_single_byte_text_still_reads(run_cli, tmp_path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes("Grüße aus München, schöne Straße. Das Café ist offen.".encode("latin-1"))
    code, out, _ = run_cli("split", path)
    assert code == 0
    assert out.splitlines() == ["Grüße aus München, schöne Straße.", "Das Café ist offen."]
