"""The short, terminal form of a reproducibility record (sacrebleu's ``BLEU|nrefs:1|...``).

The full record (every aligner parameter, glossary hashes) goes into machine-readable outputs;
people on a terminal or at the foot of the review page get only what tells two runs apart at a
glance. One function for the alignment record and the lint record alike, so they never drift.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

#: alignment keys worth a glance, in this order; the rest stays in the full record.
_ALIGNMENT_KEYS = ("layout", "max_align", "widen", "real_spans")


def short_signature(record: Mapping[str, Any]) -> str:
    """``bitext 0.1.0|model:use-multilingual@0.2.1|layout:two-files|max_align:5|widen:4|...``.

    ``record`` is an ``Alignment.signature`` or a lint record holding one under ``alignment``.
    """
    alignment: Mapping[str, Any] = record.get("alignment") or record
    version = record.get("version") or alignment.get("version") or alignment.get("bitext", "?")
    parts = [f"bitext {version}"]
    model = alignment.get("model") or _encoder_label(alignment)
    if model:
        parts.append(f"model:{model}")
    parts += [f"{key}:{alignment[key]}" for key in _ALIGNMENT_KEYS if key in alignment]
    if "rules" in record:
        parts.append(f"rules:{len(record['rules'])}")
    if record.get("glossaries"):
        parts.append("glossaries:" + ",".join(str(g) for g in record["glossaries"]))
    return "|".join(parts)


def _encoder_label(alignment: Mapping[str, Any]) -> str:
    name = alignment.get("encoder")
    if not name:
        return ""
    version = alignment.get("encoder_version")
    return f"{name}@{version}" if version else str(name)
