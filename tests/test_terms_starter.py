"""`bitext terms --write`: the starter glossary follows the document's direction.

A glossary is always written English -> Chinese (``source: en``) and checks both directions, so
from an English source the term is the entry's ``en:`` and its renderings ``zh:``; from a
Chinese source the term is ``zh:`` and the English the translation used ``en:``. Either way the
other renderings are commented list items that become approved ones when uncommented, and the
file loads: Chinese terms sharing an English rendering are one entry (English forms are keys).
"""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

import bitext
from bitext.check.discover import Candidate, Rendering, starter_glossary
from bitext.check.starter import starter_yaml
from bitext.cli.main import app

DATA = Path(__file__).parent / "data" / "terms"


def write_starter(tmp_path: Path, src: str, tgt: str, *langs: str) -> tuple[str, Path]:
    starter = tmp_path / "starter.yaml"
    result = CliRunner().invoke(
        app, ["terms", str(DATA / src), str(DATA / tgt), *langs, "--write", str(starter)]
    )
    assert result.exit_code == 0, result.output
    return starter.read_text(encoding="utf-8"), starter


def uncommented(text: str, item: str) -> str:
    """The starter with one commented alternative taken in, as a reviewer would."""
    line = next(x for x in text.splitlines() if x.strip().startswith(f"# - {item}"))
    return text.replace(line, line.replace("# - ", "- ", 1))


def test_english_source_term_under_en_renderings_under_zh(tmp_path):
    text, path = write_starter(tmp_path, "variation.en.txt", "variation.zh.txt", "--src-lang", "en")
    doom = {t.name: t for t in bitext.load_glossary(path).terms}["doom"]
    assert doom.en == ("doom",) and doom.zh == ("末日",)
    path.write_text(uncommented(text, '"末世"'), encoding="utf-8")
    doom = {t.name: t for t in bitext.load_glossary(path).terms}["doom"]
    assert doom.zh == ("末日", "末世")


def test_chinese_source_term_under_zh_its_english_under_en(tmp_path):
    args = ("--src-lang", "zh", "--tgt-lang", "en")
    text, path = write_starter(tmp_path, "variation-zh.zh.txt", "variation-zh.en.txt", *args)
    assert "source: en" in text and "zh -> en document" in text
    glossary = bitext.load_glossary(path)
    by_zh = {t.zh[0]: t for t in glossary.terms if t.zh}
    assert by_zh["末日论"].en == ("doomism",)
    assert by_zh["李教授"].en == ("Professor Li",)
    assert {t.en[0]: t for t in glossary.terms}["GPT"].keep
    path.write_text(uncommented(text, '"apocalypticism"'), encoding="utf-8")
    by_zh = {t.zh[0]: t for t in bitext.load_glossary(path).terms if t.zh}
    assert by_zh["末日论"].en == ("doomism", "apocalypticism")
    # the glossary is read the right way round: its terms are known, so no longer listed
    runner = CliRunner()
    files = [str(DATA / "variation-zh.zh.txt"), str(DATA / "variation-zh.en.txt")]
    result = runner.invoke(app, ["terms", *files, *args, "--glossary", str(path)])
    assert result.exit_code == 0, result.output
    assert "末日论" not in result.output and "李教授" not in result.output


def _candidate(term: str, *renderings: tuple[str, int]) -> Candidate:
    found = tuple(Rendering(text, pairs, 0.8, 0.5) for text, pairs in renderings)
    return Candidate(term, "word", sum(n for _, n in renderings), (), found, ways=1)


def test_chinese_terms_sharing_an_english_rendering_are_one_entry(tmp_path):
    candidates = [
        _candidate("人民", ("people", 9), ("populace", 3)),
        _candidate("群众", ("people", 4), ("masses", 2)),
        _candidate("发展", ("development", 5)),
    ]
    path = tmp_path / "s.yaml"
    path.write_text(starter_yaml(candidates, "s", "zh", "en"), encoding="utf-8")
    terms = {t.name: t for t in bitext.load_glossary(path).terms}
    assert terms["people"].zh == ("人民", "群众")
    assert terms["development"].zh == ("发展",)
    glossary = starter_glossary(candidates, "s")  # the direction read from the terms
    assert [(t.en, t.zh) for t in glossary.terms] == [
        (("people",), ("人民", "群众")),
        (("development",), ("发展",)),
    ]
    english = starter_glossary([_candidate("doom", ("末日", 3))], "s")
    assert [(t.en, t.zh) for t in english.terms] == [(("doom",), ("末日",))]
