"""`bitext lint` end to end: exit codes, formats, config, baseline, pre-commit hook, CI example.

Alignment is the pipeline's job (tested there); most tests here hand ``bitext.linter`` aligned
documents built by hand for the files on disk, through its one seam ``align_inputs``. The tests
at the bottom run the real pipeline and encoder.
"""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path

import pytest
import yaml
from handbuilt import CLEAN, aligned

import bitext.linter

ROOT = Path(__file__).resolve().parent.parent

BROKEN = list(CLEAN)
BROKEN.insert(2, ("This sentence was dropped by the translator.", None, 0.0))
WARN_ONLY = [*CLEAN, (None, "（译者注：这是补充说明。）", 0.0)]


def write_pair(folder: Path, pairs, stem: str = "intro") -> tuple[Path, Path]:
    """Write the two files of ``pairs`` (one sentence a line, as ``aligned`` lays them out)."""
    docs = aligned(pairs)
    folder.mkdir(parents=True, exist_ok=True)
    en, zh = folder / f"{stem}.en.md", folder / f"{stem}.zh.md"
    en.write_text(docs.src.text, encoding="utf-8")
    zh.write_text(docs.tgt.text, encoding="utf-8")
    return en, zh


@pytest.fixture
def fake_align(monkeypatch):
    """Align each unit by re-reading its files as the hand-built layout (pairs kept per path)."""
    registry: dict[str, list] = {}
    calls: list[tuple[Path, ...]] = []

    def align_inputs(units, *args, **options):
        calls.extend(units)
        out = []
        for unit in units:
            en, zh = unit
            pairs = registry[en.name]
            out.append(aligned(pairs, src_path=str(en), tgt_path=str(zh)))
        return out

    monkeypatch.setattr(bitext.linter, "align_inputs", align_inputs)
    align_inputs.registry = registry
    align_inputs.calls = calls
    return align_inputs


def setup_pair(tmp_path, fake_align, pairs, stem="intro"):
    en, zh = write_pair(tmp_path, pairs, stem)
    fake_align.registry[en.name] = pairs
    return en, zh


def test_clean_pair_exits_0(run_cli, tmp_path, fake_align):
    en, zh = setup_pair(tmp_path, fake_align, CLEAN)
    code, out, err = run_cli("lint", en, zh)
    assert (code, out) == (0, "")
    assert "0 finding(s)" in err


def test_omission_exits_1_with_path_line_col(run_cli, tmp_path, fake_align):
    en, zh = setup_pair(tmp_path, fake_align, BROKEN)
    code, out, _ = run_cli("lint", en, zh)
    assert code == 1
    expected = "omission source sentence has no translation: “This sentence was dropped by the"
    assert out == f"{en}:3:1: {expected} translator.”\n"


def test_text_pasted_twice_is_named_as_such(run_cli, tmp_path, fake_align):
    pasted = "研究者把这个故事最激进的版本称为“foom”，即能力的突然跃升。"
    pairs = [*CLEAN[:1], (None, pasted, 0.0), ("Researchers call it foom.", pasted, 0.8)]
    pairs += [*CLEAN[1:], (None, "（译者注：这是补充说明。）", 0.0)]
    en, zh = setup_pair(tmp_path, fake_align, pairs)
    code, out, _ = run_cli("lint", en, zh, "--select", "addition")
    assert code == 0  # additions are warnings
    first, second = out.splitlines()
    assert first.startswith(f"{zh}:2:1: addition translation has no source; the same text ")
    assert "(pasted twice?)" in first
    assert (
        second
        == f"{zh}:{len(pairs)}:1: addition translation has no source: “（译者注：这是补充说明。）”"
    )


@pytest.mark.parametrize(
    ("pairs", "args", "code"),
    [
        (WARN_ONLY, [], 0),
        (WARN_ONLY, ["--fail-on", "warning"], 1),
        (BROKEN, ["--fail-on", "never"], 0),
        (BROKEN, ["--ignore", "omission"], 0),
        (WARN_ONLY, ["--select", "omission,number-mismatch", "--fail-on", "info"], 0),
    ],
)
def test_fail_on_and_selection(run_cli, tmp_path, fake_align, pairs, args, code):
    en, zh = setup_pair(tmp_path, fake_align, pairs)
    assert run_cli("lint", en, zh, *args)[0] == code


def test_config_file_sets_fail_on_and_severity(run_cli, tmp_path, fake_align):
    en, zh = setup_pair(tmp_path, fake_align, WARN_ONLY)
    (tmp_path / "pyproject.toml").write_text(
        '[tool.bitext]\nfail-on = "warning"\n', encoding="utf-8"
    )
    assert run_cli("lint", en, zh)[0] == 1
    other = tmp_path / "strict.toml"
    other.write_text('[severity]\naddition = "error"\n', encoding="utf-8")
    code, out, _ = run_cli("lint", en, zh, "--config", other, "--format", "json")
    assert code == 1
    assert json.loads(out)["findings"][0]["severity"] == "error"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--format", "yaml"], "--format"),
        (["--fail-on", "sometimes"], "--fail-on"),
        (["--select", "no-such-rule"], "unknown rule"),
        (["--config", "missing.toml"], "config file not found"),
        (["--baseline", "missing.json"], "baseline file not found"),
    ],
)
def test_usage_and_config_errors_exit_2_before_any_alignment(
    run_cli, tmp_path, fake_align, args, message
):
    en, zh = setup_pair(tmp_path, fake_align, CLEAN)
    code, out, err = run_cli("lint", en, zh, *args)
    assert code == 2 and out == ""
    assert err.startswith("Error:") and message in err
    assert "Traceback" not in err
    assert fake_align.calls == []


def test_unknown_config_key_exits_2_naming_file_and_key(run_cli, tmp_path, fake_align):
    en, zh = setup_pair(tmp_path, fake_align, CLEAN)
    (tmp_path / ".bitext.toml").write_text('fail_on = "warning"\n', encoding="utf-8")
    code, _, err = run_cli("lint", en, zh)
    assert code == 2
    assert ".bitext.toml" in err and "'fail_on'" in err
    assert fake_align.calls == []


def test_missing_input_exits_2(run_cli, tmp_path):
    code, _, err = run_cli("lint", tmp_path / "nope.en.md", tmp_path / "nope.zh.md")
    assert code == 2 and "no such file" in err


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github", "junit"])
def test_formats_to_a_file_and_no_overwrite_without_force(run_cli, tmp_path, fake_align, fmt):
    en, zh = setup_pair(tmp_path, fake_align, BROKEN)
    target = tmp_path / f"out.{fmt}"
    assert run_cli("lint", en, zh, "--format", fmt, "-o", target)[0] == 1
    first = target.read_bytes()
    assert first
    code, _, err = run_cli("lint", en, zh, "--format", fmt, "-o", target)
    assert code == 2 and "--force" in err
    assert run_cli("lint", en, zh, "--format", fmt, "-o", target, "--force")[0] == 1
    assert target.read_bytes() == first


def test_write_baseline_then_only_new_findings_fail(run_cli, tmp_path, fake_align):
    en, zh = setup_pair(tmp_path, fake_align, BROKEN)
    baseline = tmp_path / "baseline.json"
    code, out, err = run_cli("lint", en, zh, "--write-baseline", baseline)
    assert code == 0 and out == "" and "1 finding" in err
    assert run_cli("lint", en, zh, "--baseline", baseline)[0] == 0
    # a new omission (and lines shifted above the old one)
    grown = [
        ("A new opening line.", "新的开头。", 0.8),
        *BROKEN,
        ("A new closing line, untranslated.", None, 0.0),
    ]
    setup_pair(tmp_path, fake_align, grown)
    code, out, err = run_cli("lint", en, zh, "--baseline", baseline)
    assert code == 1
    assert out.count("omission") == 1 and "A new closing line" in out
    assert "1 known from the baseline" in err


def test_many_pairs_in_one_run(run_cli, tmp_path, fake_align):
    setup_pair(tmp_path / "docs", fake_align, CLEAN, stem="a")
    setup_pair(tmp_path / "docs", fake_align, BROKEN, stem="b")
    code, out, err = run_cli("lint", tmp_path / "docs")
    assert code == 1 and len(fake_align.calls) == 2
    assert "b.en.md:3:1: omission" in out and "in 2 document(s)" in err


def test_one_encoder_load_for_many_files(monkeypatch, tmp_path):
    """Linting many file pairs in one run loads the model once and shares it."""
    import bitext.embed as embed
    import bitext.pipeline as pipeline

    loads = []
    real = embed.get_encoder

    def counting_get_encoder(spec=None, **options):
        loads.append(spec)
        return real(spec, **options)

    monkeypatch.setattr(embed, "get_encoder", counting_get_encoder)
    pipeline._encoder.cache_clear()
    units = []
    for i in range(3):
        en, zh = tmp_path / f"{i}.en.md", tmp_path / f"{i}.zh.md"
        en.write_text("The model learns quickly. It was trained on public text.\n", "utf-8")
        zh.write_text("这个模型学得很快。它是用公开文本训练的。\n", "utf-8")
        units.append((en, zh))
    docs = bitext.linter.align_inputs(units, use_cache=False)
    pipeline._encoder.cache_clear()
    assert len(docs) == 3 and len(loads) == 1
    assert all(len(d.alignment.links) == 2 for d in docs)


def test_pre_commit_hook_entry_runs(run_cli, tmp_path, fake_align, monkeypatch):
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    hook = next(h for h in hooks if h["id"] == "bitext-lint")
    assert hook["pass_filenames"] is False and hook["language"] == "python"
    entry = shlex.split(hook["entry"])
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert entry[0] == "bitext" and re.search(r'^bitext = "bitext\.cli:run"', pyproject, re.M)
    monkeypatch.chdir(tmp_path)
    setup_pair(tmp_path / "docs" / "en", fake_align, CLEAN, stem="x")
    (tmp_path / "docs" / "en" / "x.zh.md").rename(tmp_path / "docs" / "x.zh.md")
    fake_align.registry["x.en.md"] = CLEAN
    args = ["--pair", "docs/en/*.en.md=docs/*.zh.md"]  # as a user's .pre-commit-config would
    assert run_cli(*entry[1:], *args)[0] == 0
    fake_align.registry["x.en.md"] = BROKEN
    assert run_cli(*entry[1:], *args)[0] == 1


def readme_lint_section() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return text.split("<!-- section: lint -->")[1].split("<!-- section:")[0]


def test_readme_github_actions_example_runs(run_cli, tmp_path, fake_align, monkeypatch):
    blocks = re.findall(r"```yaml\n(.*?)```", readme_lint_section(), re.S)
    workflow = next(yaml.safe_load(b) for b in blocks if "jobs" in b)
    steps = workflow["jobs"]["lint"]["steps"]
    command = next(s["run"] for s in steps if "run" in s and s["run"].startswith("bitext lint"))
    argv = shlex.split(command)
    assert "--format" in argv and argv[argv.index("--format") + 1] == "github"
    monkeypatch.chdir(tmp_path)
    write_pair(tmp_path / "docs" / "en", BROKEN, stem="guide")
    (tmp_path / "docs" / "zh").mkdir()
    (tmp_path / "docs" / "en" / "guide.zh.md").rename(tmp_path / "docs" / "zh" / "guide.en.md")
    (tmp_path / "docs" / "zh" / "guide.en.md").rename(tmp_path / "docs" / "zh" / "guide.md")
    (tmp_path / "docs" / "en" / "guide.en.md").rename(tmp_path / "docs" / "en" / "guide.md")
    fake_align.registry["guide.md"] = BROKEN
    code, out, _ = run_cli(*argv[1:])
    assert code == 1
    assert out.startswith("::error file=docs/en/guide.md,line=3,col=1,")


def test_readme_pre_commit_example_matches_the_hook_id():
    blocks = re.findall(r"```yaml\n(.*?)```", readme_lint_section(), re.S)
    config = next(yaml.safe_load(b) for b in blocks if "repos" in b)
    hook_ids = {h["id"] for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())}
    assert {h["id"] for h in config["repos"][0]["hooks"]} <= hook_ids


def test_lint_help_is_documented(run_cli):
    code, out, _ = run_cli("lint", "--help")
    assert code == 0
    for option in ("--pair", "--format", "--fail-on", "--baseline", "--write-baseline", "--config"):
        assert option in out
        assert option in readme_lint_section()


# ------------------------------------------------------------------ real pipeline and encoder

EN_TEXT = (
    "Large language models are trained on text from the internet. "
    "Sixty percent of engineers said alignment was their top priority. "
    "The budget grew tenfold to 1.5 billion dollars.\n"
)
ZH_TEXT = (
    "大型语言模型使用互联网上的文本进行训练。"
    "其中五成工程师表示对齐是他们的首要任务。"
    "预算增长了十倍，达到15亿美元。\n"
)


@pytest.mark.slow
def test_real_pair_reports_the_changed_number(run_cli, tmp_path):
    en, zh = tmp_path / "a.en.md", tmp_path / "a.zh.md"
    en.write_text(EN_TEXT, encoding="utf-8")
    zh.write_text(ZH_TEXT, encoding="utf-8")
    code, out, err = run_cli("--debug", "lint", en, zh, "--format", "json", "--fail-on", "warning")
    assert code == 1, err
    findings = json.loads(out)["findings"]
    assert [f["match"] for f in findings if f["rule"] == "number-mismatch"] == ["Sixty percent"]


@pytest.mark.slow
def test_real_bilingual_file_and_directory_run(run_cli, tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "a.en.md").write_text(EN_TEXT, encoding="utf-8")
    (folder / "a.zh.md").write_text(ZH_TEXT.replace("五成", "六成"), encoding="utf-8")
    (folder / "notes.md").write_text(
        "The model was evaluated twice.\n模型被评估了两次。\n", encoding="utf-8"
    )
    code, out, err = run_cli("--debug", "lint", folder, "--format", "sarif")
    assert code == 0, err
    body = json.loads(out)
    uris = [a["location"]["uri"] for a in body["runs"][0]["artifacts"]]
    assert len(uris) == 3


# ------------------------------------------------------------------ glossaries (issue 6)


GLOSSARY = """\
name: lint-test
version: 1
source: en
target: zh
terms:
  - en: [recursive self-improvement, RSI]
    zh: [递归式自我升级]
    forbidden: [递归自我改进]
"""
TERM_PAIRS = [
    *CLEAN,
    ("Some fear recursive self-improvement.", "有些人担心递归自我改进。", 0.8),
]


def test_glossary_option_reports_term_findings(run_cli, tmp_path, fake_align):
    en, zh = setup_pair(tmp_path, fake_align, TERM_PAIRS)
    glossary = tmp_path / "terms.yaml"
    glossary.write_text(GLOSSARY, encoding="utf-8")
    code, out, err = run_cli("lint", en, zh, "--glossary", glossary, "--fail-on", "info")
    assert code == 1, err
    assert "term-forbidden" in out


def test_glossaries_listed_in_config_are_relative_to_it(run_cli, tmp_path, fake_align):
    en, zh = setup_pair(tmp_path / "docs", fake_align, TERM_PAIRS)
    (tmp_path / "terms").mkdir()
    (tmp_path / "terms" / "mine.yaml").write_text(GLOSSARY, encoding="utf-8")
    (tmp_path / ".bitext.toml").write_text('glossaries = ["terms/mine.yaml"]\n', encoding="utf-8")
    code, out, err = run_cli("lint", en, zh, "--format", "json", "--fail-on", "info")
    assert code == 1, err
    body = json.loads(out)
    assert any(f["rule"] == "term-forbidden" for f in body["findings"])
    assert body["signature"]["glossaries"][0].startswith("mine.yaml@")


def test_malformed_glossary_is_an_error_before_alignment(run_cli, tmp_path, fake_align):
    en, zh = setup_pair(tmp_path, fake_align, CLEAN)
    bad = tmp_path / "bad.yaml"
    bad.write_text("terms: [\n", encoding="utf-8")
    code, _, err = run_cli("lint", en, zh, "--glossary", bad)
    assert code == 2 and err.startswith("Error:")
    assert fake_align.calls == []


def test_html_format_is_loaded_before_alignment(run_cli, tmp_path, fake_align):
    """--format html renders via REPORTERS["html"]; a missing reporter is exit 2, no crash."""
    en, zh = setup_pair(tmp_path, fake_align, BROKEN)
    code, _, err = run_cli("lint", en, zh, "--format", "html", "-o", tmp_path / "review.html")
    if code == 2:
        assert "not available" in err and fake_align.calls == []
    else:
        assert code == 1
        assert "<html" in (tmp_path / "review.html").read_text(encoding="utf-8").lower()


def test_output_never_overwrites_an_input(run_cli, tmp_path, fake_align):
    en, zh = setup_pair(tmp_path, fake_align, CLEAN)
    before = zh.read_bytes()
    code, _, err = run_cli("lint", en, zh, "-o", zh, "--force")
    assert code == 2 and "input file" in err
    assert zh.read_bytes() == before


def test_nothing_to_lint_is_a_usage_error(run_cli):
    code, _, err = run_cli("lint")
    assert code == 2 and "nothing to lint" in err
