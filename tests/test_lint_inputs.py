"""Which files `bitext lint` pairs: tagged names, two directories, --pair globs, bilingual files."""

from __future__ import annotations

from pathlib import Path

import pytest

from bitext.check.inputs import resolve_inputs
from bitext.errors import InputError, UsageError


def touch(root: Path, *names: str) -> None:
    for name in names:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("text\n", encoding="utf-8")


def rel(units, root):
    return [
        tuple(p.resolve().relative_to(root.resolve()).as_posix() for p in unit) for unit in units
    ]


def test_tagged_names_pair_up_and_others_are_bilingual(tmp_path):
    touch(tmp_path, "intro.en.md", "intro.zh.md", "faq_en.txt", "faq_zh-CN.txt", "notes.md")
    plan = resolve_inputs([tmp_path])
    assert rel(plan.units, tmp_path) == [
        ("faq_en.txt", "faq_zh-CN.txt"),
        ("intro.en.md", "intro.zh.md"),
        ("notes.md",),
    ]


def test_two_untagged_files_are_one_pair(tmp_path):
    touch(tmp_path, "source.txt", "draft.txt")
    plan = resolve_inputs([tmp_path / "source.txt", tmp_path / "draft.txt"])
    assert rel(plan.units, tmp_path) == [("source.txt", "draft.txt")]


def test_one_file_is_a_bilingual_file(tmp_path):
    touch(tmp_path, "bilingual.md")
    assert rel(resolve_inputs([tmp_path / "bilingual.md"]).units, tmp_path) == [("bilingual.md",)]


def test_two_directories_pair_by_relative_path(tmp_path):
    touch(tmp_path, "en/a.md", "en/guide/b.md", "en/only-en.md", "zh/a.md", "zh/guide/b.md")
    plan = resolve_inputs([tmp_path / "en", tmp_path / "zh"])
    assert rel(plan.units, tmp_path) == [("en/a.md", "zh/a.md"), ("en/guide/b.md", "zh/guide/b.md")]
    assert len(plan.warnings) == 1 and "only-en.md" in plan.warnings[0]


def test_pair_rule_with_globs(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    touch(tmp_path, "docs/en/a.md", "docs/en/b.md", "docs/zh/a.md", "docs/zh/b.md", "docs/en/c.md")
    plan = resolve_inputs([], ["docs/en/*.md=docs/zh/*.md"])
    assert rel(plan.units, tmp_path) == [
        ("docs/en/a.md", "docs/zh/a.md"),
        ("docs/en/b.md", "docs/zh/b.md"),
    ]
    assert plan.warnings == (f"{Path('docs/en/c.md')}: no translation at {Path('docs/zh/c.md')}",)


def test_pair_rule_with_recursive_globs(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    touch(tmp_path, "en/x/y/a.md", "zh/x/y/a.md.zh")
    plan = resolve_inputs([], ["en/**/*.md=zh/**/*.md.zh"])
    assert rel(plan.units, tmp_path) == [("en/x/y/a.md", "zh/x/y/a.md.zh")]


def test_quoted_glob_inputs(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    touch(tmp_path, "a.en.md", "a.zh.md", "b.en.md", "b.zh.md")
    assert len(resolve_inputs(["*.md"]).units) == 2


@pytest.mark.parametrize(
    ("inputs", "pairs", "error"),
    [
        (["missing.md"], [], InputError),
        (["*.nothing"], [], InputError),
        ([], ["docs/en/*.md"], UsageError),
        ([], ["docs/en/*.md=docs/zh/index.md"], UsageError),
        ([], [], UsageError),
    ],
)
def test_bad_inputs(tmp_path, monkeypatch, inputs, pairs, error):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(error):
        resolve_inputs(inputs, pairs)
