"""The source is always the source: the first of two files, the labelled or first side of one
bilingual file, in either language. zh->en is first-class for every command (issue 16)."""

from __future__ import annotations

import json

import pytest

from bitext.errors import InputError
from bitext.layout import parse_layout

ZH = [
    "火车晚点了二十分钟。",
    "他给老板打了电话，说自己会迟到。",
    "老板让他不要着急，路上注意安全。",
    "到公司以后，他先去开了晨会。",
]
EN = [
    "The train was twenty minutes late.",
    "He called his boss to say he would be late.",
    "His boss told him not to hurry and to travel safely.",
    "The weather in the city had been grey and wet for a week.",  # the translator's addition
    "Once at the office, he went straight to the morning meeting.",
]


def _files(tmp_path, zh=ZH, en=EN):
    zh_file, en_file = tmp_path / "story.zh.txt", tmp_path / "story.en.txt"
    zh_file.write_text("\n\n".join(zh) + "\n", encoding="utf-8")
    en_file.write_text("\n\n".join(en) + "\n", encoding="utf-8")
    return zh_file, en_file


def _findings(out: str) -> list[dict]:
    return json.loads(out)["findings"]


@pytest.mark.slow
def test_lint_zh_to_en_calls_the_added_english_sentence_an_addition(run_cli, tmp_path):
    zh, en = _files(tmp_path)
    code, out, err = run_cli("lint", zh, en, "--select", "omission,addition", "-f", "json")
    assert code in (0, 1), err
    found = [(f["rule"], f["message"]) for f in _findings(out)]
    assert [rule for rule, _ in found] == ["addition"], found
    assert "weather" in found[0][1]


@pytest.mark.slow
def test_lint_en_to_zh_calls_the_same_sentence_an_omission(run_cli, tmp_path):
    zh, en = _files(tmp_path)
    code, out, err = run_cli("lint", en, zh, "--select", "omission,addition", "-f", "json")
    assert code == 1, err  # an omission is an error by default
    found = [(f["rule"], f["message"]) for f in _findings(out)]
    assert [rule for rule, _ in found] == ["omission"], found
    assert "weather" in found[0][1]


@pytest.mark.slow
def test_align_outputs_follow_the_source_in_both_directions(run_cli, tmp_path):
    zh, en = _files(tmp_path)
    code, out, err = run_cli("align", zh, en, "--format", "jsonl")
    assert code == 0, err
    rows = [json.loads(line) for line in out.splitlines()]
    header = rows[0]
    assert header["signature"]["src_lang"] == "zh" and header["signature"]["tgt_lang"] == "en"
    links = [r for r in rows if r["type"] == "link"] if "type" in rows[1] else rows[1:]
    assert links[0]["src_text"] == ZH[0] and links[0]["tgt_text"] == EN[0]
    added = [r for r in links if not r["src"]]
    assert [r["tgt_text"] for r in added] == [EN[3]]
    code, out, err = run_cli("align", zh, en, "--format", "tmx")
    assert code == 0, err
    assert 'srclang="zh-CN"' in out


@pytest.mark.slow
def test_report_shows_what_lint_shows_zh_to_en(run_cli, tmp_path):
    zh, en = _files(tmp_path)
    page = tmp_path / "review.html"
    code, _, err = run_cli("report", zh, en, "-o", page)
    assert code == 0, err
    html = page.read_text(encoding="utf-8")
    start = html.index('id="bitext-data"')
    data = json.loads(html[html.index(">", start) + 1 : html.index("</script>", start)])
    code, out, _ = run_cli("lint", zh, en, "-f", "json")
    assert sorted(f["rule"] for f in data["findings"]) == sorted(f["rule"] for f in _findings(out))


@pytest.mark.slow
def test_bilingual_file_with_a_chinese_original_labelled(run_cli, tmp_path):
    text = "".join(f"原文：{z}\n译文：{e}\n\n" for z, e in zip(ZH[:3], EN[:3], strict=True))
    path = tmp_path / "notes.txt"
    path.write_text(text, encoding="utf-8")
    code, out, err = run_cli("align", path, "--format", "links")
    assert code == 0, err
    assert out.splitlines() == ["[0]:[0]", "[1]:[1]", "[2]:[2]"]
    code, out, err = run_cli("align", path, "--format", "jsonl")
    header = json.loads(out.splitlines()[0])
    assert header["signature"]["src_lang"] == "zh"


def test_language_labels_only_the_first_labelled_side_is_the_source():
    text = "".join(f"中文：{z}\nEnglish: {e}\n\n" for z, e in zip(ZH[:3], EN[:3], strict=True))
    layout = parse_layout(text)
    assert (layout.src_lang, layout.tgt_lang) == ("zh", "en")
    flipped = "".join(f"English: {e}\n中文：{z}\n\n" for z, e in zip(ZH[:3], EN[:3], strict=True))
    assert parse_layout(flipped).src_lang == "en"


def test_alternating_and_halves_the_first_part_is_the_source():
    alternating = "".join(f"{z}\n\n{e}\n\n" for z, e in zip(ZH, EN, strict=False))
    layout = parse_layout(alternating, "alternating")
    assert layout.src_lang == "zh" and layout.pairs[0].src[0].lang == "zh"
    halves = "\n\n".join(EN[:3]) + "\n\n" + "\n\n".join(ZH[:3]) + "\n"
    assert parse_layout(halves, "halves").src_lang == "en"
    halves = "\n\n".join(ZH[:3]) + "\n\n" + "\n\n".join(EN[:3]) + "\n"
    assert parse_layout(halves, "halves").src_lang == "zh"


def test_an_english_article_with_one_chinese_title_line_is_one_language():
    article = "\n\n".join(
        [
            "原文：双语精读｜通往递归自我改进的漫长道路",
            *(f"{s} {s}" for s in EN),
            *(f"{s} {s}" for s in EN),
        ]
    )
    with pytest.raises(InputError, match="only English text found") as info:
        parse_layout(article)
    assert "second file" in str(info.value)


def test_the_one_diagnosis_reaches_the_command_line(run_cli, tmp_path):
    path = tmp_path / "article.txt"
    path.write_text(
        "原文：双语精读｜通往递归自我改进的漫长道路\n\n" + "\n\n".join(EN * 3) + "\n", "utf-8"
    )
    code, out, err = run_cli("align", path)
    assert (code, out) == (2, "")
    assert err.count("Error:") == 1 and "Warning" not in err and "only English" in err


@pytest.mark.slow
def test_gold_set_scores_the_same_in_file_order_as_with_languages_named(shared_data):
    """political is zh->en: the Chinese file first gives the gold direction by itself."""
    from bitext.align.evaluate import read_links, score
    from bitext.pipeline import align_files

    base = shared_data / "mac-dev"
    doc = sorted((base / "src").iterdir())[0].name
    paths = [base / "src" / doc, base / "tgt" / doc]
    plain = align_files(paths, presplit=True)
    named = align_files(paths, presplit=True, src_lang="zh", tgt_lang="en")
    assert [(lk.src, lk.tgt) for lk in plain.alignment.links] == [
        (lk.src, lk.tgt) for lk in named.alignment.links
    ]
    gold = read_links(base / "gold" / f"{doc}.align")
    assert score(gold, plain.alignment).strict_f1 > 0.9


def test_lint_inputs_keep_the_order_given(tmp_path):
    from bitext.check.inputs import resolve_inputs

    zh, en = tmp_path / "post.zh.md", tmp_path / "post.en.md"
    zh.write_text("中文。\n", "utf-8")
    en.write_text("English.\n", "utf-8")
    assert resolve_inputs([zh, en]).units == ((zh, en),)
    assert resolve_inputs([en, zh]).units == ((en, zh),)
    # found together in a folder, no order given: sorted, unless --src-lang names the source
    assert resolve_inputs([tmp_path]).units == ((en, zh),)
    assert resolve_inputs([tmp_path], src_lang="zh").units == ((zh, en),)
