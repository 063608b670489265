"""Loading glossaries: the shipped one, extends, and one clear file:line error for each mistake."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from glossary_pairs import write_glossary

import bitext
from bitext.check.glossary import Glossary, shipped_glossaries
from bitext.check.glossary_yaml import glossary_schema
from bitext.errors import GlossaryError


def test_shipped_glossary_loads_by_name():
    glossary = bitext.load_glossary("ai-safety")
    assert isinstance(glossary, Glossary)
    assert glossary.name == "ai-safety"
    assert len(glossary.terms) >= 40
    by_name = {t.name: t for t in glossary.terms}
    rsi = by_name["recursive self-improvement"]
    assert rsi.en == ("recursive self-improvement", "RSI")
    assert rsi.preferred == "递归式自我升级"
    assert by_name["foom"].keep
    for expected in (
        "superintelligence",
        "alignment",
        "frontier model",
        "open-weight",
        "jagged frontier",
        "verifiable rewards",
        "synthetic data",
        "compute",
        "doomer",
        "agent",
        "benchmark",
    ):
        assert expected in by_name, expected
    assert sum(1 for t in glossary.terms if t.forbidden) >= 20
    assert "ai-safety" in shipped_glossaries()


def test_schema_is_a_json_schema_for_the_format():
    schema = glossary_schema()
    assert schema["$schema"].endswith("2020-12/schema")
    assert set(schema["$defs"]["term"]["properties"]) >= {"en", "zh", "forbidden", "keep", "note"}


def test_digest_changes_with_content(tmp_path):
    a = write_glossary(tmp_path, "name: t\nterms:\n  - en: agent\n    zh: 智能体\n", "a.yaml")
    b = write_glossary(tmp_path, "name: t\nterms:\n  - en: agent\n    zh: 代理\n", "b.yaml")
    assert bitext.load_glossary(a).digest != bitext.load_glossary(b).digest
    assert bitext.load_glossary(a).digest == bitext.load_glossary(a).digest


def test_extends_merges_and_child_terms_override(tmp_path):
    write_glossary(
        tmp_path,
        "name: base\nterms:\n  - en: agent\n    zh: 代理\n  - en: compute\n    zh: 算力\n",
        "base.yaml",
    )
    child = write_glossary(
        tmp_path,
        "name: mine\nextends: [base.yaml, ai-safety]\nterms:\n  - en: Agent\n    zh: 智能体\n",
        "mine.yaml",
    )
    glossary = bitext.load_glossary(child)
    by_name = {t.name.casefold(): t for t in glossary.terms}
    assert glossary.name == "mine"
    assert by_name["agent"].zh == ("智能体",)  # the child's own term wins
    assert "compute" in by_name and "doomer" in by_name  # from base.yaml and ai-safety
    assert sum(1 for t in glossary.terms if t.name.casefold() == "agent") == 1


def test_missing_glossary_names_the_shipped_ones():
    with pytest.raises(GlossaryError, match=r"no-such-terms: no such glossary file.*ai-safety"):
        bitext.load_glossary("no-such-terms")


# (file text, line of the error, words in the message): one mistake each
MALFORMED = [
    ("name: t\nterms:\n  - en: agent\n    zh: [智能体\n", 5, "malformed YAML"),
    (
        "name: t\nterms:\n  - en: agent\n    zh: 智能体\n    colour: red\n",
        5,
        "unknown key 'colour'",
    ),
    ("name: t\nterms:\n  - en: agent\n    zh: [智能体, '']\n", 4, "terms[1].zh[2] is empty"),
    ("name: t\nterms:\n  - en: agent\n    zh: '  '\n", 4, "terms[1].zh is empty"),
    (
        "name: t\nterms:\n  - en: agent\n    zh: 智能体\n  - en: Agent\n    zh: 代理\n",
        5,
        "duplicate term 'Agent' (first defined at line 3)",
    ),
    (
        "name: t\nterms:\n  - en: agent\n    zh: [智能体, 代理]\n    forbidden: [代理]\n",
        5,
        "'代理' is both approved and forbidden",
    ),
    ("name: t\nterms:\n  - en: foom\n    keep: true\n    zh: 暴涨\n", 5, "takes gloss:, not zh:"),
    ("name: t\nterms:\n  - zh: 智能体\n", 3, "terms[1] has no 'en'"),
    ("name: t\nterms:\n  - en: agent\n", 3, "has no zh:, forbidden: or keep: true"),
    (
        "name: t\nterms:\n  - en: agent\n    zh: 智能体\n    severity: fatal\n",
        5,
        "terms[1].severity is 'fatal'",
    ),
    ("name: t\ntarget: ja\nterms: []\n", 2, "target is 'ja'"),
    ("terms: []\n", 1, "has no 'name'"),
    ("name: t\nname: u\nterms: []\n", 2, "key 'name' appears twice"),
    ("- just\n- a list\n", 1, "a glossary is a mapping"),
    ("name: t\nextends: nope.yaml\nterms: []\n", 2, "extends nope.yaml: no such glossary file"),
    (
        "name: t\nterms:\n  - en: agent\n    zh: 智能体\n    keep: maybe\n",
        5,
        "keep must be true or false",
    ),
    # keys for matching on meaning and for zh->en (issue 18)
    (
        "name: t\nterms:\n  - en: doomer\n    zh: 末日论者\n    forbidden_en: [Doomer]\n",
        5,
        "'Doomer' is both an English form and forbidden",
    ),
    (
        "name: t\nterms:\n  - en: doomer\n    zh: 末日论者\n    forbidden_en: 末世论者\n",
        5,
        "'末世论者' is Chinese (Chinese ones go in forbidden:)",
    ),
    (
        "name: t\nterms:\n  - en: doomer\n    zh: 末日论者\n    forbidden_en: ''\n",
        5,
        "terms[1].forbidden_en is empty",
    ),
    (
        "name: t\nterms:\n  - en: compute\n    zh: 算力\n    forms: verbs\n",
        5,
        "terms[1].forms is 'verbs'; expected one of: noun, all",
    ),
    (
        "name: t\nterms:\n  - en: AI safety\n    zh: 人工智能安全\n    keep_parts:\n"
        "      AGI: 人工智能\n",
        6,
        "keep_parts 'AGI' is not a word of its English form",
    ),
    (
        "name: t\nterms:\n  - en: AI safety\n    zh: 人工智能安全\n    keep_parts:\n"
        "      AI: 人工\n      safety: 保障\n",
        7,
        "keep_parts 'safety' stands for '保障', which is in none of its zh: renderings",
    ),
    (
        "name: t\nterms:\n  - en: AI safety\n    zh: 人工智能安全\n    forbidden: AI安全\n"
        "    keep_parts: {AI: 人工智能}\n",
        6,
        "keep_parts makes 'AI安全', which is forbidden",
    ),
    (
        "name: t\nterms:\n  - en: AI safety\n    zh: 人工智能安全\n    keep_parts: [AI]\n",
        5,
        "terms[1].keep_parts must be a mapping",
    ),
]


@pytest.mark.parametrize(("text", "line", "message"), MALFORMED)
def test_malformed_glossary_is_one_error_with_file_and_line(tmp_path, run_cli, text, line, message):
    path = write_glossary(tmp_path, text, "bad.yaml")
    with pytest.raises(GlossaryError) as excinfo:
        bitext.load_glossary(path)
    assert str(excinfo.value).startswith(f"{path}:{line}: ")
    assert message in str(excinfo.value)
    code, _, err = run_cli("glossary", "check", path)
    assert code == 2
    assert err.count("Error:") == 1
    assert f"bad.yaml:{line}:" in err.replace("\n", "")
    assert "Traceback" not in err


def test_extends_cycle_is_an_error(tmp_path):
    write_glossary(tmp_path, "name: a\nextends: b.yaml\nterms: []\n", "a.yaml")
    b = write_glossary(tmp_path, "name: b\nextends: a.yaml\nterms: []\n", "b.yaml")
    with pytest.raises(
        GlossaryError, match=r"a\.yaml:2: extends 'b.yaml', which extends this file again"
    ):
        bitext.load_glossary(b)


def test_extends_with_another_script_is_an_error(tmp_path):
    write_glossary(tmp_path, "name: a\ntarget: zh-Hant\nterms: []\n", "a.yaml")
    b = write_glossary(tmp_path, "name: b\nextends: a.yaml\nterms: []\n", "b.yaml")
    with pytest.raises(GlossaryError, match="whose target is zh-Hant"):
        bitext.load_glossary(b)


def test_readme_example_glossary_is_valid(tmp_path):
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    section = readme.split("<!-- section: glossary -->")[1].split("<!-- section:")[0]
    example = section.split("```yaml\n")[1].split("```")[0]
    glossary = bitext.load_glossary(write_glossary(tmp_path, example))
    by_name = {t.name: t for t in glossary.terms}
    assert by_name["foom"].gloss == ("智能爆炸",)
    assert by_name["agent"].single
    assert len(glossary.terms) > 50  # ai-safety's terms came in through extends


def test_new_term_keys_load_and_survive_a_table_round_trip(tmp_path):
    from bitext.check.glossary_io import glossary_from_table, glossary_to_table, glossary_to_yaml

    path = write_glossary(
        tmp_path,
        "name: t\nterms:\n  - en: AI safety\n    zh: 人工智能安全\n    keep_parts: {AI: 人工智能}\n"
        "  - en: doomer\n    zh: 末日论者\n    forbidden_en: [doomsayer, doom-monger]\n"
        "  - en: benchmark\n    zh: 基准测试\n    forms: all\n",
    )
    glossary = bitext.load_glossary(path)
    safety, doomer, benchmark = glossary.terms
    assert safety.keep_parts == (("AI", "人工智能"),)
    assert ("人工智能安全", "AI安全") in safety.composed()
    assert doomer.forbidden_en == ("doomsayer", "doom-monger")
    assert (benchmark.forms, doomer.forms) == ("all", "noun")
    table = glossary_to_table(glossary)
    assert "AI=人工智能" in table and "doomsayer|doom-monger" in table
    back = glossary_from_table(table, tmp_path / "t.csv", name="t")
    assert len(back.terms) == len(glossary.terms)
    for term, read in zip(glossary.terms, back.terms, strict=True):
        assert replace(term, origin=read.origin) == read
    again = bitext.load_glossary(write_glossary(tmp_path, glossary_to_yaml(glossary), "y.yaml"))
    assert [t.keep_parts for t in again.terms] == [t.keep_parts for t in glossary.terms]


def test_table_keep_parts_cell_must_be_pairs(tmp_path):
    from bitext.check.glossary_io import glossary_from_table

    with pytest.raises(GlossaryError, match=r"t.csv:2: keep_parts cells are ENGLISH=中文"):
        glossary_from_table("en,zh,keep_parts\nAI safety,人工智能安全,AI\n", "t.csv", name="t")
