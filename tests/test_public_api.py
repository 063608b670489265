"""The public functions ``bitext.align`` and ``bitext.check`` share their names with
subpackages; importing those subpackages' modules must not replace the functions."""

from __future__ import annotations

import subprocess
import sys
import types


def test_functions_survive_submodule_imports_in_a_fresh_process():
    code = (
        "import bitext, types\n"
        "import bitext.align.evaluate, bitext.check.runner, bitext.split.english\n"
        "for name in ('align', 'check', 'split'):\n"
        "    assert isinstance(getattr(bitext, name), types.FunctionType), name\n"
        "print('ok')\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "ok"


def test_check_runs_rules_on_aligned_documents():
    import bitext
    import bitext.check.runner
    from bitext.align.model import Alignment, Link
    from bitext.document import Document, Segment
    from bitext.pipeline import AlignedDocuments

    en = "The model was released in 2025. It is open-weight."
    zh = "该模型于2025年发布。"
    src = Document(
        en,
        (Segment(en[:31], 0, 31, "en", 0, 0), Segment(en[32:], 32, len(en), "en", 0, 1)),
        "en",
        "a.en.txt",
    )
    tgt = Document(zh, (Segment(zh, 0, len(zh), "zh", 0, 0),), "zh", "a.zh.txt")
    alignment = Alignment((Link((0,), (0,), 0.8), Link((1,), (), 0.0)), src.segments, tgt.segments)
    findings = bitext.check(AlignedDocuments(src, tgt, alignment), select=["omission"])
    assert isinstance(bitext.check, types.FunctionType)
    assert [f.rule for f in findings] == ["omission"]
    assert findings[0].source is not None and findings[0].source.column == 33
