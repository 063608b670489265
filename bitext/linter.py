"""``bitext lint`` as a library call: inputs in, a ``LintResult`` and an exit decision out.

The order matters and is the point of this module: config, rules, glossaries and the baseline
are all loaded and validated *before* any text is read or any model is loaded, so a typo fails
in milliseconds with the file named. Then one encoder is loaded once for every file of the run.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .aligned import AlignedDocuments
from .check.baseline import new_findings, read_baseline
from .check.finding import Finding, Severity
from .check.inputs import LintInputs, resolve_inputs
from .check.runner import LoadedRules, load_rules, run_rules
from .config import FAIL_ON, LintConfig, resolve_config
from .errors import UsageError
from .options import PipelineOptions
from .report.base import LintResult
from .version import __version__


@dataclass(frozen=True)
class LintOutcome:
    """What a lint run produced: the result to report, and what was left out and why."""

    result: LintResult
    config: LintConfig
    #: findings hidden because the baseline already knew them
    baselined: int = 0
    warnings: tuple[str, ...] = ()
    #: every finding before the baseline filter (for --write-baseline)
    all_findings: tuple[Finding, ...] = ()
    #: the loaded glossaries (the review page's term table shows their expected renderings)
    glossaries: tuple[Any, ...] = ()


def failing(findings: Sequence[Finding], fail_on: str) -> bool:
    """Whether any finding is at or above ``fail_on`` (``never`` never fails)."""
    if fail_on not in FAIL_ON:
        raise UsageError(f"--fail-on must be one of {', '.join(FAIL_ON)}, not {fail_on!r}")
    if fail_on == "never":
        return False
    threshold = Severity(fail_on).rank
    return any(f.severity.rank >= threshold for f in findings)


def load_glossaries(names: Sequence[str]) -> tuple[Any, ...]:
    """Load glossaries by path or shipped name (lazily: the glossary module imports jieba)."""
    if not names:
        return ()
    try:
        from .check.glossary import load_glossary
    except ImportError:
        raise UsageError("glossary checks are not available in this install") from None
    return tuple(load_glossary(name) for name in names)


def align_inputs(
    units: Sequence[tuple[Path, ...]],
    pipeline: PipelineOptions | None = None,
    *,
    config_path: str | None = None,
    progress: Any = False,
    **fields: Any,
) -> list[AlignedDocuments]:
    """Align every unit through the one pipeline (it keeps ONE encoder per model)."""
    from .pipeline import align_files

    return [
        align_files(list(unit), pipeline, config_path=config_path, progress=progress, **fields)
        for unit in units
    ]


def lint(
    inputs: Sequence[str | Path] = (),
    *,
    pairs: Sequence[str] = (),
    config: LintConfig | str | Path | None = None,
    isolated: bool = False,
    select: Sequence[str] | None = None,
    ignore: Sequence[str] | None = None,
    glossaries: Sequence[str] = (),
    baseline: str | Path | None = None,
    units: Sequence[Sequence[str | Path]] | None = None,
    pipeline: PipelineOptions | None = None,
    progress: Any = False,
    **fields: Any,
) -> LintOutcome:
    """Lint files: resolve inputs, validate everything, align once per unit, check, filter.

    ``units``: the exact (source, translation) pairs or bilingual files, instead of resolving
    ``inputs``/``pairs`` (``bitext report`` passes its two files in the order given).
    ``pipeline`` (or its fields as keywords: ``src_lang=``, ``model=``, ``use_cache=`` …) says
    how files are read and aligned, exactly as for ``bitext align``.
    """
    firsts = [*inputs, *(p.partition("=")[0] for p in pairs), *(units[0] if units else ())][:1]
    config = resolve_config(firsts, config, isolated=isolated)
    options = pipeline or PipelineOptions()
    if fields:
        options = dataclasses.replace(options, **fields)
    options = options.with_defaults(model=config.model).validated()
    loaded = load_rules(config, select=select, ignore=ignore)
    glossary_names = [*config.glossaries, *glossaries]
    loaded_glossaries = load_glossaries(glossary_names)
    known = read_baseline(baseline) if baseline else None
    if units is not None:
        plan = LintInputs(tuple(tuple(Path(p) for p in unit) for unit in units))
    else:
        plan = resolve_inputs(inputs, pairs, options.src_lang)
    documents = align_inputs(plan.units, options, config_path=config.path, progress=progress)
    return finish(documents, loaded, config, loaded_glossaries, glossary_names, known,
                  plan.warnings)  # fmt: skip


def finish(
    documents: Sequence[AlignedDocuments],
    loaded: LoadedRules,
    config: LintConfig,
    glossaries: Sequence[Any] = (),
    glossary_names: Sequence[str] = (),
    baseline: frozenset[str] | None = None,
    warnings: Sequence[str] = (),
) -> LintOutcome:
    """Run the rules over aligned documents and apply the baseline."""
    findings = run_rules(loaded, documents, glossaries)
    shown = new_findings(findings, baseline) if baseline is not None else findings
    doc_warnings = [w for d in documents for w in d.warnings]
    result = LintResult(
        documents=tuple(documents),
        findings=tuple(shown),
        signature=signature(documents, loaded, glossary_names, config.path),
    )
    return LintOutcome(
        result=result,
        config=config,
        baselined=len(findings) - len(shown),
        warnings=(*warnings, *doc_warnings),
        all_findings=tuple(findings),
        glossaries=tuple(glossaries),
    )


def signature(
    documents: Sequence[AlignedDocuments],
    loaded: LoadedRules,
    glossary_names: Sequence[str],
    config_path: str | None = None,
) -> dict[str, Any]:
    """The reproducibility record: version, rules, alignment signature, glossaries."""
    record: dict[str, Any] = {
        "version": __version__,
        "config": config_path or "none",
        "rules": list(loaded.ids),
        "glossaries": [_glossary_id(g) for g in glossary_names],
    }
    if loaded.options:
        record["options"] = dict(loaded.options)
    if documents:
        record["alignment"] = dict(documents[0].alignment.signature)
    return record


def _glossary_id(name: str) -> str:
    """``name@sha256[:12]`` of a glossary file's bytes (so a changed glossary changes the
    signature); a shipped glossary is recorded by name."""
    path = Path(name)
    if path.is_file():
        digest = hashlib.sha256(path.read_bytes()).hexdigest()[:12]
        return f"{path.name}@{digest}"
    return name
