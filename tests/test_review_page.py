"""`bitext report` and the review page in a real headless browser.

The browser tests start Debian's chromium with a fresh profile and drive it over the DevTools
protocol on a pipe (tests/cdp_browser.py, stdlib only): the page must load with no console
errors, filters must hide what they say, j/k must move the focus between findings, and
screenshots are kept under test-artifacts/ for a human to look at.
"""

from __future__ import annotations

import shutil
import subprocess
import warnings
from pathlib import Path

import pytest
from cdp_browser import Browser, find_chromium
from review_sample import sample_result
from test_report_html import _evil_result

from bitext.report.html import render_html

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = find_chromium()


def browser_test(fn):
    """Marked browser and slow; skipped with the reason when no chromium is installed."""
    skip = pytest.mark.skipif(
        CHROMIUM is None,
        reason="no chromium on PATH: `apt-get install chromium` (.ci/run installs it)",
    )
    return pytest.mark.browser(pytest.mark.slow(skip(fn)))


EN = """# Reward hacking

Reinforcement learning agents optimise the reward they are given, not the goal we meant.
In 2016, a boat-racing agent learned to circle forever and scored 30% more than any human player.
Researchers call this reward hacking.
Careful evaluation matters as much as careful training.
"""
ZH = """# 奖励黑客

强化学习智能体优化的是它们得到的奖励，而不是我们本来想要的目标。
2016年，一个赛艇智能体学会了无休止地绕圈，得分比任何人类玩家都高出四成。
研究人员把这称为奖励黑客。
"""


# -- the command ----------------------------------------------------------------------------------


def test_report_help_names_the_output(run_cli):
    code, out, _ = run_cli("report", "--help")
    assert code == 0
    assert "-o" in out and "review" in out


def test_report_refuses_more_than_two_files(run_cli, tmp_path):
    files = [tmp_path / f"{n}.txt" for n in "abc"]
    for f in files:
        f.write_text("Hello.\n", encoding="utf-8")
    code, _, err = run_cli("report", *files, "-o", tmp_path / "review.html")
    assert code == 2
    assert "Error:" in err and "got 3" in err and "Traceback" not in err


def test_report_never_overwrites_without_force(run_cli, tmp_path):
    en, zh, out = tmp_path / "a.en.md", tmp_path / "a.zh.md", tmp_path / "review.html"
    en.write_text(EN, encoding="utf-8")
    zh.write_text(ZH, encoding="utf-8")
    out.write_text("my notes", encoding="utf-8")
    code, _, err = run_cli("report", en, zh, "-o", out)
    assert code == 2 and "--force" in err
    assert out.read_text(encoding="utf-8") == "my notes"
    code, _, err = run_cli("report", en, zh, "-o", en)
    assert code == 2 and "input file" in err
    assert en.read_text(encoding="utf-8") == EN


def test_open_needs_an_output_file(run_cli, tmp_path):
    en = tmp_path / "a.en.md"
    en.write_text(EN, encoding="utf-8")
    code, _, err = run_cli("report", en, "--open", "-o", "-")
    assert code == 2 and "--open needs -o FILE" in err


def test_report_writes_the_review_page(run_cli, tmp_path):
    en, zh, out = tmp_path / "a.en.md", tmp_path / "a.zh.md", tmp_path / "review.html"
    en.write_text(EN, encoding="utf-8")
    zh.write_text(ZH, encoding="utf-8")
    code, _, err = run_cli("report", en, zh, "-o", out)
    assert code == 0, err
    assert f"Wrote {out}" in err
    html = out.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>")
    assert "Careful evaluation matters as much as careful training." in html  # never dropped
    assert 'data-rule="number-mismatch"' in html  # 30% in the source, 四成 (40%) in the draft
    assert html.count('<tbody class="pair') >= 4
    code, _, _ = run_cli("report", en, zh, "-o", out, "--force")
    assert code == 0
    assert out.read_text(encoding="utf-8") == html  # byte for byte


def test_report_missing_input_is_one_error_line(run_cli, tmp_path):
    code, _, err = run_cli(
        "report", tmp_path / "nope.en.md", tmp_path / "nope.zh.md", "-o", "x.html"
    )
    assert code == 2
    assert err.count("Error:") == 1 and "Traceback" not in err


# -- the page in a browser --------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser():
    with Browser(CHROMIUM) as b:
        b.open_page(width=1280, height=900)
        yield b


@pytest.fixture(scope="module")
def page_url(tmp_path_factory) -> str:
    path = tmp_path_factory.mktemp("review") / "review.html"
    path.write_text(render_html(sample_result()), encoding="utf-8")
    return path.as_uri()


def _fresh(browser: Browser, url: str) -> None:
    browser.prefer_dark(False)
    browser.resize(1280, 900)
    browser.navigate(url + "?reload")
    browser.navigate(url)
    browser.events.clear()


def _has_cjk_font() -> bool:
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return False
    listing = subprocess.run([fc_list, ":lang=zh"], capture_output=True, text=True, check=False)
    return bool(listing.stdout.strip())


def _visible_findings(browser: Browser) -> list[str]:
    return browser.evaluate(
        "Array.from(document.querySelectorAll('li.finding'))"
        ".filter(li => li.offsetParent !== null).map(li => li.id)"
    )


@browser_test
def test_page_loads_clean_and_readable(browser, page_url):
    browser.navigate(page_url)
    assert browser.evaluate("document.title") == "bitext review: post.en.md ↔ post.zh.md"
    assert browser.problems() == []  # no console error, no exception, no CSP or load failure
    assert len(_visible_findings(browser)) == 10
    assert browser.evaluate("document.getElementById('position').textContent") == "10 shown"
    # Chinese cells: CJK font stack and a line height near 1.75 of the font size
    style = browser.evaluate(
        "(() => { const s = getComputedStyle(document.querySelector('td.tgt'));"
        " return [s.fontFamily, parseFloat(s.lineHeight) / parseFloat(s.fontSize)]; })()"
    )
    assert "Noto Sans CJK SC" in style[0]
    assert 1.6 <= style[1] <= 1.9
    assert browser.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    if not _has_cjk_font():
        warnings.warn(
            "no CJK font installed (fonts-noto-cjk): screenshots show boxes", stacklevel=1
        )
    browser.screenshot(ARTIFACTS / "review-page.png")
    browser.resize(420, 900)  # a phone: the table stacks, nothing overflows sideways
    assert browser.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    browser.screenshot(ARTIFACTS / "review-page-narrow.png")
    browser.resize(1280, 900)
    browser.prefer_dark(True)
    background = browser.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background == "rgb(15, 18, 22)"
    browser.screenshot(ARTIFACTS / "review-page-dark.png", full_page=False)
    browser.prefer_dark(False)
    assert browser.problems() == []


@browser_test
def test_filters_hide_findings_marks_and_rows(browser, page_url):
    _fresh(browser, page_url)

    def mark_on(fid: str) -> bool:
        return browser.evaluate(
            f"!document.querySelector('mark[data-f~=\"{fid}\"]').classList.contains('off')"
        )

    browser.evaluate("document.querySelector('input[data-filter=severity][value=error]').click()")
    visible = _visible_findings(browser)
    assert not {"f1", "f2", "f7"} & set(visible)  # the three errors are hidden
    assert {"f3", "f4", "f5", "f8"} <= set(visible)
    assert not mark_on("f1") and not mark_on("f2") and mark_on("f3")
    assert browser.evaluate("document.getElementById('position').textContent") == "7 shown of 10"

    browser.evaluate(
        "document.querySelector('input[data-filter=rule][value=zh-typography]').click()"
    )
    visible = _visible_findings(browser)
    assert not {"f5", "f6", "f10"} & set(visible)
    assert browser.evaluate(  # the term under both f3 and f5 stays marked for f3
        "!document.querySelector('mark[data-f=\"f3 f5\"]').classList.contains('off')"
    )
    assert browser.evaluate(  # the quotes (f5 alone) lose their highlight
        "document.querySelector('mark[data-f=\"f5\"]').classList.contains('off')"
    )

    rows_shown = (
        "Array.from(document.querySelectorAll('tbody.pair')).filter(r => !r.hidden).map(r => r.id)"
    )
    assert len(browser.evaluate(rows_shown)) == 7
    browser.evaluate("document.getElementById('only-findings').click()")
    # p2 has no finding; p3 (number) and p6 (omission) only had errors, now hidden
    assert browser.evaluate(rows_shown) == ["p1", "p4", "p5", "p7"]
    browser.screenshot(ARTIFACTS / "review-page-filtered.png", full_page=False)

    browser.evaluate("document.querySelector('button.only-rule[data-rule=omission]').click()")
    assert _visible_findings(browser) == ["f7"]
    assert browser.evaluate(rows_shown) == ["p6"]
    browser.evaluate("document.getElementById('reset').click()")
    assert len(_visible_findings(browser)) == 10
    assert len(browser.evaluate(rows_shown)) == 7
    assert browser.problems() == []


@browser_test
def test_keyboard_moves_focus_between_findings(browser, page_url):
    _fresh(browser, page_url)
    active = "document.activeElement.id"
    browser.press("j")
    assert browser.evaluate(active) == "f4"  # page order: pair 1 first
    browser.press("j")
    assert browser.evaluate(active) == "f1"
    assert browser.evaluate(  # its marks in both sentences are outlined
        "Array.from(document.querySelectorAll('mark.current')).map(m => m.textContent)"
    ) == ["30%", "四成"]
    assert browser.evaluate("document.getElementById('position').textContent") == "2 / 10 shown"
    browser.press("k")
    assert browser.evaluate(active) == "f4"
    browser.press("n")
    browser.press("n")
    assert browser.evaluate(active) == "f2"
    browser.press("p")
    assert browser.evaluate(active) == "f1"
    outline = browser.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline == "solid"  # a visible focus
    browser.screenshot(ARTIFACTS / "review-page-focus.png", full_page=False)
    # navigation follows the filters: with only warnings shown, j skips everything else
    browser.evaluate("document.querySelector('input[data-filter=severity][value=error]').click()")
    browser.evaluate("document.querySelector('input[data-filter=severity][value=info]').click()")
    browser.press("g")
    assert browser.evaluate(active) == "f3"
    browser.press("j")
    assert browser.evaluate(active) == "f5"
    browser.navigate(page_url + "?linked#f8")  # a link to one finding opens on it
    assert browser.evaluate(active) == "f8"
    assert browser.evaluate("document.getElementById('position').textContent") == "9 / 10 shown"
    browser.press("?")
    assert browser.evaluate("!document.getElementById('help').hidden")
    browser.press("Escape")
    assert browser.evaluate("document.getElementById('help').hidden")
    assert browser.problems() == []


@browser_test
def test_hostile_text_stays_inert_in_the_browser(browser, tmp_path):
    path = tmp_path / "evil.html"
    path.write_text(render_html(_evil_result()), encoding="utf-8")
    browser.events.clear()
    browser.navigate(path.as_uri())
    assert browser.evaluate("document.scripts.length") == 2
    assert browser.evaluate("document.querySelectorAll('td b').length") == 0
    assert browser.evaluate("document.querySelector('td.src').textContent").startswith(
        "Use <script>"
    )
    data = browser.evaluate("JSON.parse(document.getElementById('bitext-data').textContent)")
    assert data["findings"][0]["message"].startswith("</script>")
    assert browser.problems() == []


def test_readme_documents_every_report_option():
    """Docs that tests keep honest: each option of `bitext report` is in its README section."""
    import re

    from typer.main import get_command

    from bitext.cli.main import app

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("#### The review page", 1)[1].split("<!-- section:", 1)[0]
    command = get_command(app).get_command(None, "report")
    options = [o for p in command.params for o in p.opts if o.startswith("--") and o != "--help"]
    assert options
    missing = [o for o in options if not re.search(re.escape(o) + r"\b", section)]
    assert missing == []
    assert "bitext report" in section and "<kbd>j</kbd>" in section
