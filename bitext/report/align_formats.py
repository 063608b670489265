"""Output formats of ``bitext align``: table, tsv, jsonl, links, tmx, markdown.

Every format is built from the same flat ``AlignRow`` list (one per link, then one per line that
belongs to no pair), so all of them agree on texts, indices and ``path:line:col`` positions.
``render`` returns the text plus notes for stderr (what a format had to leave out), never prints.
Machine-readable output is deterministic: sorted keys, no timestamps.
"""

from __future__ import annotations

import io
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..aligned import AlignedDocuments
from ..controls import visible, xml_strip
from ..document import Document, Segment
from ..errors import UsageError
from ..signature import short_signature
from .formats import ALIGN_FORMATS

#: TMX language tags (CAT tools such as OmegaT and Trados expect a region for Chinese).
TMX_LANG = {"en": "en", "zh": "zh-CN"}
#: score colours in the terminal table; cosine-like scores of USE multilingual v3, where
#: translated sentence pairs mostly score above 0.7 and unrelated ones below 0.5 (examples/).
SCORE_GOOD, SCORE_FAIR = 0.7, 0.5


@dataclass(frozen=True)
class Where:
    path: str
    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"


@dataclass(frozen=True)
class AlignRow:
    """One link (or one unpaired line, ``kind == "unpaired"``) ready for any format."""

    kind: str
    src: tuple[int, ...]
    tgt: tuple[int, ...]
    score: float | None
    low_confidence: bool
    src_text: str
    tgt_text: str
    src_at: Where | None
    tgt_at: Where | None
    #: "src" or "tgt": which side an unpaired line belongs to (by its language).
    side: str = ""
    #: ``Link.confidence``: probability the link is correct (None: not estimated, unpaired)
    confidence: float | None = None


@dataclass(frozen=True)
class Rendered:
    text: str
    #: one-line notes for stderr (e.g. how many 1-0/0-1 links TMX left out).
    notes: tuple[str, ...] = ()


def _flat(text: str, lang: str) -> str:
    """One line: wrapped lines joined (with no space in Chinese), runs of blanks collapsed."""
    if lang == "zh":
        text = re.sub(r"[ \t\u3000]*(?:\r\n|\r|\n)[ \t\u3000]*", "", text)
    return " ".join(text.split())


def _join(segs: list[Segment], lang: str) -> str:
    return ("" if lang == "zh" else " ").join(_flat(s.text, lang) for s in segs)


def _where(doc: Document, seg: Segment | None) -> Where | None:
    if seg is None:
        return None
    pos = doc.position(seg.start)
    return Where(doc.path or "<text>", pos.line, pos.column)


def align_rows(result: AlignedDocuments) -> list[AlignRow]:
    """Links in order, then the unpaired lines in file order."""
    src, tgt = result.src, result.tgt
    rows = []
    for link in result.alignment.links:
        s = [src.segments[i] for i in link.src]
        t = [tgt.segments[i] for i in link.tgt]
        rows.append(
            AlignRow(
                link.kind,
                tuple(link.src),
                tuple(link.tgt),
                float(link.score),
                bool(link.low_confidence),
                _join(s, src.lang),
                _join(t, tgt.lang),
                _where(src, s[0] if s else None),
                _where(tgt, t[0] if t else None),
                confidence=link.confidence,
            )
        )
    for seg in result.unpaired:
        side = "tgt" if seg.lang == tgt.lang and seg.lang != src.lang else "src"
        doc = tgt if side == "tgt" else src
        text = _flat(seg.text, seg.lang)
        rows.append(
            AlignRow(
                "unpaired",
                (),
                (),
                None,
                False,
                text if side == "src" else "",
                text if side == "tgt" else "",
                _where(doc, seg) if side == "src" else None,
                _where(doc, seg) if side == "tgt" else None,
                side,
            )
        )
    return rows


def _cell(text: str) -> str:
    return " ".join(text.replace("\t", " ").split()) if text else ""


def _score(row: AlignRow) -> str:
    return "" if row.score is None else f"{row.score:.3f}"


def render_tsv(result: AlignedDocuments) -> Rendered:
    header = "kind\tscore\tlow_confidence\tsrc_location\tsource\ttgt_location\ttranslation"
    lines = [header]
    for r in align_rows(result):
        lines.append(
            "\t".join(
                (
                    r.kind,
                    _score(r),
                    "yes" if r.low_confidence else "",
                    str(r.src_at or ""),
                    _cell(r.src_text),
                    str(r.tgt_at or ""),
                    _cell(r.tgt_text),
                )
            )
        )
    return Rendered("\n".join(lines) + "\n")


def render_links(result: AlignedDocuments) -> Rendered:
    """``[i,j]:[k]`` per link, 0-based: the format of ../shared/data/*/gold/*.align."""
    lines = [
        f"[{','.join(map(str, link.src))}]:[{','.join(map(str, link.tgt))}]"
        for link in result.alignment.links
    ]
    notes: tuple[str, ...] = ()
    if result.unpaired:
        notes = (f"links: {len(result.unpaired)} lines that belong to no pair are not shown",)
    return Rendered("\n".join(lines) + ("\n" if lines else ""), notes)


def _pos(where: Where | None) -> dict[str, Any] | None:
    if where is None:
        return None
    return {"path": where.path, "line": where.line, "column": where.column}


def render_jsonl(result: AlignedDocuments) -> Rendered:
    """A header object (full signature), one object per link, one per unpaired line."""
    sig = result.alignment.signature
    model = sig.get("model", "")
    header = {
        "type": "header",
        "signature": sig,
        "layout": result.layout,
        "src": {"path": result.src.path, "lang": result.src.lang, "encoding": result.src.encoding},
        "tgt": {"path": result.tgt.path, "lang": result.tgt.lang, "encoding": result.tgt.encoding},
        "warnings": list(result.warnings),
    }
    out: list[dict[str, Any]] = [header]
    for n, r in enumerate(align_rows(result)):
        if r.kind == "unpaired":
            out.append(
                {
                    "type": "unpaired",
                    "side": r.side,
                    "text": r.src_text or r.tgt_text,
                    "position": _pos(r.src_at or r.tgt_at),
                }
            )
            continue
        out.append(
            {
                "type": "link",
                "index": n,
                "src": list(r.src),
                "tgt": list(r.tgt),
                "kind": r.kind,
                "score": round(r.score or 0.0, 4),
                "low_confidence": r.low_confidence,
                "confidence": r.confidence,
                "src_text": r.src_text,
                "tgt_text": r.tgt_text,
                "src_position": _pos(r.src_at),
                "tgt_position": _pos(r.tgt_at),
                "model": model,
            }
        )
    text = "".join(json.dumps(o, ensure_ascii=False, sort_keys=True) + "\n" for o in out)
    return Rendered(text)


def render_tmx(result: AlignedDocuments) -> Rendered:
    """TMX 1.4b; links with an empty side (1-0/0-1) are left out and counted in a note."""
    from ..version import __version__

    sig = result.alignment.signature
    src_tag = TMX_LANG.get(result.src.lang, result.src.lang)
    tgt_tag = TMX_LANG.get(result.tgt.lang, result.tgt.lang)
    root = ET.Element("tmx", {"version": "1.4"})
    header = ET.SubElement(
        root,
        "header",
        {
            "creationtool": "bitext",
            "creationtoolversion": str(sig.get("version", __version__)),
            "segtype": "sentence",
            "o-tmf": "bitext",
            "adminlang": "en",
            "srclang": src_tag,
            "datatype": "plaintext",
        },
    )
    ET.SubElement(header, "prop", {"type": "x-bitext-signature"}).text = json.dumps(
        sig, ensure_ascii=False, sort_keys=True
    )
    body = ET.SubElement(root, "body")
    left_out = 0
    xml_lang = "{http://www.w3.org/XML/1998/namespace}lang"
    for n, r in enumerate(align_rows(result)):
        if r.kind == "unpaired":
            continue
        if not r.src or not r.tgt:
            left_out += 1
            continue
        tu = ET.SubElement(body, "tu", {"tuid": str(n + 1)})
        ET.SubElement(tu, "prop", {"type": "x-score"}).text = _score(r)
        ET.SubElement(tu, "prop", {"type": "x-kind"}).text = r.kind
        if r.confidence is not None:
            ET.SubElement(tu, "prop", {"type": "x-confidence"}).text = f"{r.confidence:.3f}"
        if r.src_at:
            ET.SubElement(tu, "prop", {"type": "x-src-location"}).text = str(r.src_at)
        if r.tgt_at:
            ET.SubElement(tu, "prop", {"type": "x-tgt-location"}).text = str(r.tgt_at)
        for tag, text in ((src_tag, r.src_text), (tgt_tag, r.tgt_text)):
            tuv = ET.SubElement(tu, "tuv", {xml_lang: tag})
            ET.SubElement(tuv, "seg").text = text
    ET.indent(root)
    # XML 1.0 allows no C0 control but tab/LF/CR, not even escaped: they are dropped (a mark
    # would become part of the translation memory) and counted in a note.
    xml, dropped = xml_strip(ET.tostring(root, encoding="unicode"))
    text = '<?xml version="1.0" encoding="UTF-8"?>\n' + xml
    notes = []
    if dropped:
        notes.append(f"tmx: removed {dropped} control characters that XML cannot hold")
    if left_out:
        notes.append(f"tmx: left out {left_out} links with no counterpart (1-0/0-1)")
    if result.unpaired:
        notes.append(f"tmx: left out {len(result.unpaired)} lines that belong to no pair")
    return Rendered(text + "\n", tuple(notes))


def _md(text: str) -> str:
    return _cell(text).replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;")


def render_markdown(result: AlignedDocuments) -> Rendered:
    names = {"en": "English", "zh": "中文"}
    src_name = names.get(result.src.lang, result.src.lang)
    tgt_name = names.get(result.tgt.lang, result.tgt.lang)
    lines = [f"| # | kind | score | {src_name} | {tgt_name} |", "|---:|:---:|---:|---|---|"]
    unpaired = []
    for n, r in enumerate(align_rows(result)):
        if r.kind == "unpaired":
            unpaired.append(f"- `{r.src_at or r.tgt_at}` {_md(r.src_text or r.tgt_text)}")
            continue
        score = _score(r) + (" ⚠" if r.low_confidence else "")
        src = f"{_md(r.src_text)} <sub>{r.src_at}</sub>" if r.src_at else "*(no source)*"
        tgt = f"{_md(r.tgt_text)} <sub>{r.tgt_at}</sub>" if r.tgt_at else "*(no translation)*"
        lines.append(f"| {n + 1} | {r.kind} | {score} | {src} | {tgt} |")
    if unpaired:
        lines += ["", "**Lines that belong to no pair**", "", *unpaired]
    lines += ["", f"*{short_signature(result.alignment.signature)}*"]
    return Rendered("\n".join(lines) + "\n")


def table_renderable(result: AlignedDocuments):
    """A rich Table: scores coloured, 1-0/0-1 rows marked, positions under each text."""
    from rich.table import Table
    from rich.text import Text

    from .cjk_wrap import CJKText

    names = {"en": "English", "zh": "中文"}
    table = Table(show_lines=True, expand=True, header_style="bold")
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column(names.get(result.src.lang, "source"), ratio=1)
    table.add_column(names.get(result.tgt.lang, "target"), ratio=1)
    table.add_column("score", justify="right", no_wrap=True)
    table.add_column("kind", no_wrap=True)
    for n, r in enumerate(align_rows(result)):

        def side(text: str, at: Where | None, empty: str) -> Text:
            if at is None:
                return Text(empty, style="bold magenta")
            # Chinese has no spaces to wrap at: break between characters, by kinsoku rules
            return CJKText.assemble(visible(text), "\n", (f"{at.line}:{at.column}", "dim"))

        if r.kind == "unpaired":
            table.add_row(
                "",
                side(r.src_text, r.src_at, "") if r.side == "src" else Text(""),
                side(r.tgt_text, r.tgt_at, "") if r.side == "tgt" else Text(""),
                "",
                Text("unpaired", style="dim"),
                style="dim",
            )
            continue
        score = r.score or 0.0
        colour = "green" if score >= SCORE_GOOD else "yellow" if score >= SCORE_FAIR else "red"
        if r.low_confidence:
            colour = "bold red"
        gap = not r.src or not r.tgt
        table.add_row(
            str(n + 1),
            side(r.src_text, r.src_at, "— no source —"),
            side(r.tgt_text, r.tgt_at, "— no translation —"),
            Text(f"{score:.2f}" + ("?" if r.low_confidence else ""), style=colour),
            Text(r.kind, style="bold magenta" if gap else ""),
        )
    return table


def render_table(result: AlignedDocuments, width: int = 120) -> Rendered:
    """The terminal table as plain text (for -o FILE or a pipe when asked for explicitly)."""
    from rich.console import Console

    buf = io.StringIO()
    console = Console(file=buf, width=width, color_system=None, force_terminal=False)
    console.print(table_renderable(result))
    console.print(
        short_signature(result.alignment.signature), markup=False, highlight=False, soft_wrap=True
    )
    return Rendered(buf.getvalue())


RENDERERS: dict[str, Callable[[AlignedDocuments], Rendered]] = {
    "table": render_table,
    "tsv": render_tsv,
    "jsonl": render_jsonl,
    "links": render_links,
    "tmx": render_tmx,
    "markdown": render_markdown,
}


def render(result: AlignedDocuments, fmt: str) -> Rendered:
    renderer = RENDERERS.get(fmt)
    if renderer is None:
        raise UsageError(f"unknown format {fmt!r} (known: {', '.join(ALIGN_FORMATS)})")
    return renderer(result)
