"""``bitext eval`` through the CLI: text and JSON output, errors as one line and exit 2."""

from __future__ import annotations

import json

import pytest


@pytest.fixture
def files(tmp_path):
    gold = tmp_path / "gold.align"
    test = tmp_path / "test.align"
    gold.write_text("[0]:[0]\n[1,2]:[1]\n[3]:[]\n", encoding="utf-8")
    test.write_text("[0]:[0]\n[1]:[1]\n[2]:[]\n[3]:[]\n", encoding="utf-8")
    return gold, test


def test_text_output(run_cli, files):
    code, out, err = run_cli("eval", *files)
    assert code == 0, err
    assert "strict" in out and "lax" in out
    strict = next(line for line in out.splitlines() if line.startswith("strict"))
    # precision 2/4 (0-0 and 3-nothing), recall 1/2
    assert strict.split()[1:] == ["0.5000", "0.5000", "0.5000"]


def test_json_output(run_cli, files):
    code, out, _ = run_cli("eval", *files, "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["strict_precision"] == 0.5
    assert data["lax_recall"] == 1.0
    assert data["documents"] == 1


def test_gold_against_itself_on_real_data(run_cli, shared_data):
    gold = shared_data / "mac-dev" / "gold"
    code, out, _ = run_cli("eval", gold, gold, "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["strict_f1"] == 1.0 and data["documents"] == 6


@pytest.mark.parametrize(
    "content, message",
    [("[0]:[0]\n[x]:[1]\n", "test.align:2"), ("hello\n", "not an alignment link")],
)
def test_malformed_file_is_one_error_line(run_cli, files, content, message):
    gold, test = files
    test.write_text(content, encoding="utf-8")
    code, _out, err = run_cli("eval", gold, test)
    assert code == 2
    assert message in err
    assert len(err.strip().splitlines()) == 1
    assert "Traceback" not in err


def test_missing_file_and_bad_format_exit_2(run_cli, files, tmp_path):
    gold, _ = files
    code, _, err = run_cli("eval", gold, tmp_path / "nope.align")
    assert code == 2 and "no such file" in err
    code, _, err = run_cli("eval", gold, gold, "--format", "xml")
    assert code == 2 and "--format" in err
