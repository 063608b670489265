"""The review page: one self-contained HTML file for a translator (``--format html``).

Source and target side by side by aligned pair, findings marked inline at their character
spans, summaries, filters and keyboard navigation. The CSS and JavaScript are inlined from
``templates/`` so the file works offline, from a mail attachment or a CI artefact; a
Content-Security-Policy forbids every network fetch. Output is deterministic: no timestamps,
ids derived from positions, JSON with sorted keys.

Escaping: jinja2 with ``autoescape=True`` escapes every text and attribute value; the embedded
JSON goes through ``|tojson``, which writes ``<``, ``>``, ``&`` and ``'`` as ``\\u`` escapes, so a
sentence containing ``</script>`` cannot end the script element.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from ..check.finding import Finding
from .base import LintResult, Reporter
from .review_view import SEVERITIES, build_page


@lru_cache(maxsize=1)
def _environment() -> Any:
    import jinja2  # lazy: only the html format needs it

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("bitext.report", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    # sorted keys: byte-identical output; str(): a Path or a numpy number in a signature
    env.policies["json.dumps_kwargs"] = {"sort_keys": True, "ensure_ascii": False, "default": str}
    return env


def _asset(name: str) -> Any:
    """A CSS or JS file from templates/, inlined verbatim (it is ours, not user text)."""
    import markupsafe

    env = _environment()
    source, _, _ = env.loader.get_source(env, name)
    return markupsafe.Markup(source.strip())


class HtmlReporter(Reporter):
    """Renders a ``LintResult`` as the review page. Options: ``title`` (str), ``glossaries``
    (loaded glossaries, for the term table's expected renderings)."""

    name = "html"

    def start(self, result: LintResult) -> None:
        self._findings: list[Finding] = []

    def handle(self, finding: Finding) -> None:
        self._findings.append(finding)

    def finish(self, result: LintResult) -> None:
        page = build_page(
            result.documents,
            self._findings,
            result.signature,
            glossaries=self.options.get("glossaries", ()),
        )
        title = self.options.get("title") or page.title
        template = _environment().get_template("review.html.j2")
        html = template.render(
            page=page,
            title=title,
            severities=SEVERITIES,
            css=_asset("review.css"),
            js=_asset("review.js"),
        )
        self.parts.append(html)


def render_html(result: LintResult, **options: Any) -> str:
    """The review page for ``result`` (what ``bitext report`` writes), as one string."""
    return HtmlReporter(**options).render(result)
