"""Config discovery and validation, rule selection, the runner's ordering and the baseline."""

from __future__ import annotations

import pytest
from handbuilt import CLEAN, aligned

import bitext
from bitext.check.baseline import baseline_text, fingerprints, new_findings, read_baseline
from bitext.check.finding import Severity
from bitext.check.runner import load_rules, selected_ids
from bitext.config import LintConfig, discover_config, find_config, load_config
from bitext.errors import ConfigError


def write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_pyproject_tool_bitext_is_found_walking_up(tmp_path):
    write(
        tmp_path / "pyproject.toml", '[tool.bitext]\nfail-on = "warning"\nignore = ["en-hygiene"]\n'
    )
    doc = write(tmp_path / "docs" / "en" / "intro.md", "Hello.\n")
    assert find_config(doc) == tmp_path / "pyproject.toml"
    config = discover_config([doc])
    assert config.fail_on == "warning" and config.ignore == ("en-hygiene",)


def test_pyproject_without_tool_bitext_is_skipped(tmp_path):
    write(tmp_path / ".bitext.toml", 'cjk-spacing = "one"\n')
    write(tmp_path / "sub" / "pyproject.toml", "[tool.ruff]\nline-length = 100\n")
    doc = write(tmp_path / "sub" / "a.md", "Hello.\n")
    assert find_config(doc) == tmp_path / ".bitext.toml"
    assert discover_config([doc]).cjk_spacing == "one"


def test_all_documented_keys(tmp_path):
    path = write(
        tmp_path / ".bitext.toml",
        """
glossaries = ["ai-safety", "terms/extra.yaml"]
model = "use-multilingual"
select = ["omission", "number-mismatch", "term"]
ignore = ["term-unexpected"]
fail-on = "info"
cjk-spacing = "none"

[severity]
addition = "error"

[rules.low-similarity]
z-threshold = 3.0
""",
    )
    config = load_config(path)
    assert config.glossaries == ("ai-safety", str(tmp_path / "terms" / "extra.yaml"))
    assert config.select == ("omission", "number-mismatch", "term")
    assert config.severity == {"addition": "error"}
    assert config.rules == {"low-similarity": {"z_threshold": 3.0}}
    ids = selected_ids(config)
    assert "term-missing" in ids and "term-unexpected" not in ids and "addition" not in ids


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ('fail_on = "warning"\n', "'fail_on'"),
        ('[severity]\nomision = "error"\n', "severity.omision"),
        ("[rules.omission]\nmin_chars = 1\n[rules.nope]\nx = 1\n", "rules.nope"),
        ('fail-on = "sometimes"\n', "fail-on"),
        ('select = ["no-such-rule"]\n', "select"),
        ("cjk-spacing = 2\n", "cjk-spacing"),
        ('glossaries = "a.yaml"\nmodel = 3\n', "model"),
        ("this is not toml", "not valid TOML"),
    ],
)
def test_bad_config_names_the_file_and_key(tmp_path, text, named):
    path = write(tmp_path / ".bitext.toml", text)
    with pytest.raises(ConfigError) as info:
        load_config(path)
    assert str(path) in str(info.value) and named in str(info.value)


def test_unknown_rule_option_is_an_error_naming_the_file(tmp_path):
    path = write(tmp_path / ".bitext.toml", "[rules.omission]\nmin-words = 3\n")
    config = load_config(path)  # option names are the rule's business: checked at load_rules
    with pytest.raises(ConfigError, match=r"\.bitext\.toml: rule omission: unknown option"):
        load_rules(config)


def test_severity_override_and_selection_through_the_public_api():
    pairs = [*CLEAN, (None, "（译者注：这是补充说明。）", 0.0)]
    found = bitext.check(aligned(pairs), config={"severity": {"addition": "error"}})
    assert [(f.rule, f.severity) for f in found] == [("addition", Severity.ERROR)]
    assert bitext.check(aligned(pairs), ignore=["addition"]) == []
    with pytest.raises(ConfigError, match="unknown rule"):
        bitext.check(aligned(pairs), select=["additions"])


def test_built_in_rules_load_through_the_registry(monkeypatch):
    """A rule registered from outside loads exactly like the built-in ones."""
    from bitext.check.rules import base

    monkeypatch.setitem(base.RULES, "shouting", "tests_shouting_rule:Shouting")
    import sys
    import types

    module = types.ModuleType("tests_shouting_rule")

    class Shouting(base.Rule):
        id = "shouting"
        default_severity = Severity.INFO

        def run(self, ctx):
            for pos, seg in enumerate(ctx.alignment.src):
                if seg.text.isupper():
                    yield self.finding(ctx, "all capitals", pair=pos, src_span=(seg.start, seg.end))

    module.Shouting = Shouting
    monkeypatch.setitem(sys.modules, "tests_shouting_rule", module)
    docs = aligned([("STOP THE TRAINING RUN.", "停止训练。", 0.8)])
    assert [f.rule for f in bitext.check(docs, select=["shouting"])] == ["shouting"]


def test_findings_are_sorted_deterministically():
    pairs = list(CLEAN)
    pairs.insert(0, (None, "（前言）", 0.0))
    pairs.append(("A closing remark that has no translation.", None, 0.0))
    pairs[3] = ("Interpretability  aims to explain the the network.", "可解释性,研究网络。", 0.8)
    first = bitext.check(aligned(pairs))
    assert first == bitext.check(aligned(pairs))
    keys = [((f.source or f.target).path, (f.source or f.target).line) for f in first]
    assert keys == sorted(keys)


def test_baseline_hides_known_findings_and_survives_line_shifts(tmp_path):
    pairs = list(CLEAN)
    pairs.insert(3, ("An old sentence nobody translated.", None, 0.0))
    old = bitext.check(aligned(pairs))
    path = write(tmp_path / "baseline.json", baseline_text(old))
    known = read_baseline(path)
    # Lines inserted above and a new omission below: only the new one counts.
    shifted = [("A new first sentence.", "新的第一句。", 0.8), *pairs]
    shifted.append(("A brand-new sentence nobody translated.", None, 0.0))
    new = new_findings(bitext.check(aligned(shifted)), known)
    assert [f.match for f in new] == ["A brand-new sentence nobody translated."]


def test_baseline_keeps_identical_findings_apart():
    pairs = [*CLEAN, ("Skipped.", None, 0.0), ("Skipped.", None, 0.0)]
    found = bitext.check(aligned(pairs), select=["omission"])
    assert len(set(fingerprints(found))) == 2
    one = new_findings(found, fingerprints(found)[:1])
    assert len(one) == 1


def test_malformed_baseline(tmp_path):
    path = write(tmp_path / "baseline.json", "[1, 2]")
    with pytest.raises(ConfigError, match="not a bitext baseline"):
        read_baseline(path)
    with pytest.raises(ConfigError, match="not found"):
        read_baseline(tmp_path / "missing.json")


def test_default_config():
    assert LintConfig().fail_on == "error"


@pytest.mark.parametrize(
    ("rule", "option", "value"),
    [
        ("omission", "min-chars", "three"),
        ("number-mismatch", "both-directions", "yes"),
        ("en-hygiene", "allowed-repeats", "had"),
        ("untranslated", "min-letters", True),
        ("zh-typography", "cjk-spacing", 1),
    ],
)
def test_rule_option_types_fail_at_load_time(rule, option, value):
    with pytest.raises(ConfigError, match=f"rule {rule}: option {option.replace('-', '_')}"):
        load_rules({"rules": {rule: {option: value}}})
