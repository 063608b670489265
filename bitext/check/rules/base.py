"""What every check rule is: data compiled once (``from_config``), then only matching (``run``).

Vale's check kinds and flake8's plugins, in small: a rule module defines one ``Rule`` subclass;
``RULES`` maps each stable rule id to a lazy ``'module:Class'`` string, and built-in rules load
through exactly the same path as any other (no special case for what we ship).
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar

from ...align.model import Alignment
from ...document import Document
from ...errors import ConfigError
from ..finding import Finding, Location, Severity

#: stable rule id -> "module:Class". Ids never change once released: they are used by
#: --select/--ignore, config files, baselines and SARIF ruleId.
RULES: dict[str, str] = {
    # glossary (issue 6)
    "term-missing": "bitext.check.rules.term_missing:TermMissing",
    "term-forbidden": "bitext.check.rules.term_forbidden:TermForbidden",
    "term-inconsistent": "bitext.check.rules.term_inconsistent:TermInconsistent",
    "term-untranslated": "bitext.check.rules.term_untranslated:TermUntranslated",
    "term-unexpected": "bitext.check.rules.term_unexpected:TermUnexpected",
    # term discovery, no glossary needed (issue 20)
    "term-variation": "bitext.check.rules.term_variation:TermVariation",
    # alignment and content (issue 5)
    "omission": "bitext.check.rules.omission:Omission",
    "addition": "bitext.check.rules.addition:Addition",
    "low-similarity": "bitext.check.rules.low_similarity:LowSimilarity",
    "number-mismatch": "bitext.check.rules.numbers:NumberMismatch",
    "untranslated": "bitext.check.rules.untranslated:Untranslated",
    # typography and hygiene (issues 4 and 5)
    "zh-typography": "bitext.check.rules.typography:ChineseTypography",
    "glued-words": "bitext.check.rules.glued_words:GluedWords",
    "en-hygiene": "bitext.check.rules.english_hygiene:EnglishHygiene",
}


@dataclass(frozen=True)
class CheckContext:
    """Everything a rule may look at: the aligned pair of documents and loaded glossaries.

    For a bilingual file ``src.path == tgt.path`` and both index the same text; segment
    offsets are always into ``Document.text`` of their side.
    """

    alignment: Alignment
    src: Document
    tgt: Document
    glossaries: tuple[Any, ...] = ()
    options: Mapping[str, Any] = field(default_factory=dict)
    #: ``AlignedDocuments.parallel_summaries``: the sides summarise, they do not translate
    parallel_summaries: bool = False


def locate(doc: Document, start: int, end: int) -> Location:
    """A ``Location`` for the span ``[start, end)`` of ``doc``."""
    first = doc.position(start)
    last = doc.position(max(start, end))
    return Location(
        path=doc.path or "<text>",
        line=first.line,
        column=first.column,
        start=start,
        end=end,
        end_line=last.line,
        end_column=last.column,
    )


class Rule:
    """Base class: subclasses set ``id``, ``default_severity``, ``description`` and ``run``."""

    id: ClassVar[str]
    default_severity: ClassVar[Severity] = Severity.WARNING
    description: ClassVar[str] = ""
    #: option name -> default; unknown options in config are an error.
    options: ClassVar[Mapping[str, Any]] = {}

    def __init__(self, severity: Severity | None = None, **options: Any) -> None:
        self.severity = severity or self.default_severity
        unknown = set(options) - set(self.options)
        if unknown:
            raise ConfigError(f"rule {self.id}: unknown option(s) {', '.join(sorted(unknown))}")
        self.config = {**self.options, **options}
        from .options import check_option_types

        check_option_types(self.id, self.options, self.config)

    @classmethod
    def from_config(cls, config: Mapping[str, Any] | None = None) -> Rule:
        """Validate and compile the rule's configuration once, before any text is read."""
        config = dict(config or {})
        severity = config.pop("severity", None)
        return cls(Severity(severity) if severity else None, **config)

    def run(self, ctx: CheckContext) -> Iterable[Finding]:  # pragma: no cover - abstract
        raise NotImplementedError

    def finding(
        self,
        ctx: CheckContext,
        message: str,
        *,
        pair: int | None = None,
        src_span: tuple[int, int] | None = None,
        tgt_span: tuple[int, int] | None = None,
        **extra: Any,
    ) -> Finding:
        """Build a ``Finding`` of this rule with locations computed from spans."""
        return Finding(
            rule=self.id,
            severity=self.severity,
            message=message,
            source=locate(ctx.src, *src_span) if src_span else None,
            target=locate(ctx.tgt, *tgt_span) if tgt_span else None,
            pair=pair,
            **extra,
        )


def load_rule(rule_id: str) -> type[Rule]:
    """Import the rule class registered under ``rule_id``."""
    target = RULES.get(rule_id)
    if target is None:
        raise ConfigError(f"unknown rule {rule_id!r} (known: {', '.join(sorted(RULES))})")
    module_name, _, cls_name = target.partition(":")
    return getattr(importlib.import_module(module_name), cls_name)
