"""``--merge corpus.tmx|corpus.jsonl``: the pairs' parts joined into one corpus file.

JSONL parts are concatenated (each keeps its header row naming its files). TMX parts keep their
translation units, renumbered, under the first part's header; each unit keeps its
``x-src-location`` prop (``path:line:column``), so a concordance still tells where it came from.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence


def merge_jsonl(parts: Sequence[str]) -> str:
    return "".join(parts)


def merge_tmx(parts: Sequence[str]) -> str:
    root: ET.Element | None = None
    body: ET.Element | None = None
    number = 0
    for part in parts:
        tree = ET.fromstring(part)
        header = tree.find("header")
        units = tree.find("body")
        if root is None:
            root = ET.Element("tmx", tree.attrib)
            if header is not None:
                kept = ET.SubElement(root, "header", header.attrib)
                kept.extend(p for p in header if p.get("type") != "x-bitext-signature")
                signature = header.find("prop[@type='x-bitext-signature']")
                if signature is not None:
                    kept.append(signature)
            body = ET.SubElement(root, "body")
        assert body is not None
        for tu in units if units is not None else ():
            number += 1
            tu.set("tuid", str(number))
            body.append(tu)
    if root is None:
        root = ET.Element("tmx", {"version": "1.4"})
        ET.SubElement(root, "body")
    for element in root.iter():  # re-indent: the parts' own indentation is one level off
        element.tail = None
        if len(element):
            element.text = None
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
