"""Run the lint rules over aligned documents: load, validate, run, sort.

Rules load through ``RULES`` exactly like any user rule (no special case for what we ship). All
configuration is validated in ``load_rules`` before a single line of text is read, so a typo in
a config file fails fast with the file named, never halfway through a corpus.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from os import PathLike
from typing import Any

from ..aligned import AlignedDocuments
from ..config import LintConfig, check_rule_patterns, parse_config, rule_matches
from ..errors import ConfigError
from .finding import Finding, Location
from .rules.base import RULES, CheckContext, Rule, load_rule


@dataclass(frozen=True)
class LoadedRules:
    """Rules ready to run, and the global options they share (``cjk_spacing``)."""

    rules: tuple[Rule, ...]
    options: Mapping[str, Any]

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(rule.id for rule in self.rules)


def as_config(config: LintConfig | Mapping[str, Any] | None) -> LintConfig:
    """A ``LintConfig`` from one, from a mapping (validated like a file), or the defaults."""
    if config is None:
        return LintConfig()
    if isinstance(config, LintConfig):
        return config
    return parse_config(config)


def selected_ids(
    config: LintConfig, select: Sequence[str] | None = None, ignore: Sequence[str] | None = None
) -> list[str]:
    """Rule ids in force: ``select`` (else config's, else all) minus ``ignore`` and config's."""
    chosen = select if select is not None else config.select
    ignored = [*config.ignore, *(ignore or ())]
    check_rule_patterns([*(chosen or ()), *(ignore or ())], "--select/--ignore")
    ids = [r for r in RULES if chosen is None or any(rule_matches(p, r) for p in chosen)]
    return sorted(r for r in ids if not any(rule_matches(p, r) for p in ignored))


def load_rules(
    config: LintConfig | Mapping[str, Any] | None = None,
    *,
    select: Sequence[str] | None = None,
    ignore: Sequence[str] | None = None,
) -> LoadedRules:
    """Import, configure and validate every selected rule. Raises ``ConfigError``."""
    config = as_config(config)
    explicit = select is not None or config.select is not None
    rules: list[Rule] = []
    for rule_id in selected_ids(config, select, ignore):
        try:
            cls = load_rule(rule_id)
        except ModuleNotFoundError as exc:
            module = RULES[rule_id].partition(":")[0]
            if exc.name != module:
                raise
            if explicit:
                raise ConfigError(f"rule {rule_id} is not available in this install") from None
            continue  # a registered rule whose module is not installed: skip when not asked for
        options = dict(config.rules.get(rule_id, {}))
        if rule_id in config.severity:
            options["severity"] = config.severity[rule_id]
        try:
            rules.append(cls.from_config(options))
        except (ConfigError, ValueError, TypeError) as exc:
            where = f"{config.path}: " if config.path else ""
            raise ConfigError(f"{where}{exc}") from None
    shared = {"cjk_spacing": config.cjk_spacing} if config.cjk_spacing else {}
    return LoadedRules(tuple(rules), shared)


def run_rules(
    loaded: LoadedRules,
    documents: AlignedDocuments | Iterable[AlignedDocuments],
    glossaries: Sequence[Any] = (),
) -> list[Finding]:
    """Run loaded rules over every document pair; findings sorted deterministically."""
    if isinstance(documents, AlignedDocuments):
        documents = [documents]
    findings: list[Finding] = []
    for doc in documents:
        ctx = CheckContext(
            alignment=doc.alignment,
            src=doc.src,
            tgt=doc.tgt,
            glossaries=tuple(glossaries),
            options=loaded.options,
            parallel_summaries=doc.parallel_summaries,
        )
        for rule in loaded.rules:
            findings.extend(rule.run(ctx))
    return sort_findings(findings)


def check(
    documents: AlignedDocuments | Iterable[AlignedDocuments],
    *,
    glossaries: Sequence[Any] = (),
    config: LintConfig | Mapping[str, Any] | None = None,
    select: Sequence[str] | None = None,
    ignore: Sequence[str] | None = None,
) -> list[Finding]:
    """Lint aligned documents; the public ``bitext.check``.

    ``config`` is a ``LintConfig`` (see ``bitext.config.load_config``) or a mapping with the
    same keys as ``[tool.bitext]``; ``select``/``ignore`` take rule ids or prefixes (``term``).
    ``glossaries``: loaded ``Glossary`` objects, or paths / shipped names to load.
    """
    loaded = load_rules(config, select=select, ignore=ignore)
    if any(isinstance(g, (str, PathLike)) for g in glossaries):
        from .glossary import load_glossary

        glossaries = [
            load_glossary(str(g)) if isinstance(g, (str, PathLike)) else g for g in glossaries
        ]
    return run_rules(loaded, documents, glossaries)


def _location_key(loc: Location | None) -> tuple[Any, ...]:
    if loc is None:
        return ("", 0, 0, 0)
    return (loc.path, loc.line, loc.column, loc.end)


def sort_key(finding: Finding) -> tuple[Any, ...]:
    """File, then position (source side first), then rule and text: stable across runs."""
    primary = finding.source or finding.target
    return (
        _location_key(primary),
        _location_key(finding.target),
        finding.rule,
        finding.message,
        finding.match,
    )


def sort_findings(findings: Iterable[Finding]) -> list[Finding]:
    return sorted(findings, key=sort_key)
