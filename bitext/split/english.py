"""English sentence boundaries: nltk's Punkt algorithm with parameters we own.

Punkt decides, for every ``.``/``?``/``!``, whether it ends a sentence, using three tables:
abbreviations (no break after ``Dr.``), collocations (no break in ``No. 5``) and frequent
sentence starters (a break after an abbreviation when ``The``/``He``/... follows). nltk's
trained tables live in downloadable data that bitext must never fetch, so we build the tables
here, in code, from lists we wrote. nltk is imported on first use so ``bitext --help`` stays fast.

The tables are lists we wrote: titles, company forms, Latin abbreviations, months and days,
places, references and units. Words that also end sentences as plain words (``no``, ``sun``,
``sat``, ``mar``, ``am``, ``in``) are left out; ``No. 5`` is kept whole by a collocation
instead. What Punkt cannot see (a lower-case continuation after ``?'``, runs of initials, a
quotation cut off by a dash) is handled after it, in ``_join_continuations`` and
``_break_after_closed_quotes``. Measured with ``benchmarks/split_accuracy.py``.
"""

from __future__ import annotations

import importlib
import importlib.machinery
import importlib.util
import os
import re
import sys
import types
from functools import lru_cache
from typing import Any

# Lower case, no final period; Punkt strips the last period and lowercases before looking up.
TITLES = (
    "mr mrs ms mx dr prof rev hon gen col lt sgt capt cmdr adm gov sen rep pres supt insp "
    "st jr sr messrs mme mlle fr sra sr esq"
)
COMPANIES = "inc co corp ltd llc plc bros dept univ assn intl mfg"
LATIN = "e.g i.e etc cf vs viz al ca approx et seq ibid op cit"
TIME = "a.m p.m jan feb apr jun jul aug sep sept oct nov dec mon tue tues wed thu thurs fri"
PLACES = "u.s u.s.a u.k u.n e.u ave blvd rd mt ft hwy"
REFERENCES = "vol vols fig figs eq eqs pp ch chap sec secs art arts ed eds para paras nos n° nº"
UNITS_DEGREES = "ph.d m.d b.a m.a b.sc m.sc ll.b pct lb lbs oz kg km hr hrs min sec"
ABBREVIATIONS = frozenset(
    " ".join((TITLES, COMPANIES, LATIN, TIME, PLACES, REFERENCES, UNITS_DEGREES)).split()
)

# (word before the period, word after): never a break. "##number##" is Punkt's type for numbers.
_NUMBERED = ("no", "n°", "nº", "p", "pp", "fig", "vol", "art", "sec", "ch", "eq", "nos", "para")
COLLOCATIONS = frozenset((word, "##number##") for word in _NUMBERED)

# After an abbreviation or an ellipsis, a capitalised word from this list starts a new sentence
# ("... at 5 p.m. The sky cleared."). Function words only: names never start a sentence by rule.
# Not "I": after an ellipsis it is mostly a stammer ("I... I can't remember"), as in mac-dev.
_STARTER_WORDS = """
    a an the this that these those there here it its he she they we you his her their our my
    your one some many most all both each every no none not nor but and or so yet however
    therefore thus then meanwhile still also moreover furthermore instead indeed nevertheless
    nonetheless otherwise after before when while if although though because since as once
    until unless whether what which who whom whose why how where in on at for from with by
    to of into during between among under over about against without within throughout
    despite according later today yesterday tomorrow now finally first second third next last
    such other another several few more less only even yes oh well perhaps maybe please let
    do does did is are was were be been has have had can could will would shall should may
    might must
"""
SENTENCE_STARTERS = frozenset(_STARTER_WORDS.split())

# A segment that is only a list enumerator ("1.", "(a)", "iv.", "1.)", "• 9.") belongs to what
# follows it.
ENUMERATOR = re.compile(r"(?:[•·▪‣◦]\s*)?\(?(?:\d{1,3}|[A-Za-z]|[ivxlcIVXLC]{1,6})(?:\.\)|[.)])")
# An enumerator Punkt left at the end of the sentence before it ("Steps: 1.) Open it." or
# "… here. • 9. Check"): only forms that never end a sentence as text: "1.)", a bulleted
# number, a lower-case letter. A bare "3." may be a number ending a sentence, "I." a pronoun.
_TRAILING_ENUMERATOR = re.compile(
    r"\s((?:[•·▪‣◦]\s*)?\(?\d{1,3}\.\)|[•·▪‣◦]\s*\(?\d{1,3}[.)]|\(?[a-z][.)])$"
)


def _package_stub(name: str, path: str) -> types.ModuleType:
    """An empty package ``name`` whose submodules are looked for in ``path``."""
    module = types.ModuleType(name)
    module.__path__ = [path]
    spec = importlib.machinery.ModuleSpec(name, None, is_package=True)
    spec.submodule_search_locations = [path]
    module.__spec__ = spec
    return module


def _import_punkt() -> Any:
    """Import ``nltk.tokenize.punkt`` and only what it imports itself (~0.05 s), not nltk.

    ``import nltk`` runs nltk's ``__init__``, which imports nearly all of nltk (~0.4 s, most
    of a warm ``bitext align``'s time; with scipy and scikit-learn installed, as the
    sentence-transformers extra brings them, 3.8 s and +100 MB), and so does
    ``nltk.tokenize``'s. Punkt needs none of it: for that one import both packages are empty
    stand-ins, so only ``punkt.py`` and the few modules it names load (the same code, so the
    same sentences). Afterwards the stand-ins and the modules loaded under them are taken out
    of ``sys.modules`` again: a later ``import nltk`` anywhere in the process gets all of nltk
    as usual (Punkt's classes then exist twice, harmlessly). Skipped when nltk is already
    loaded. Not thread-safe during that one import; bitext imports it once.
    """
    name = "nltk.tokenize.punkt"
    if "nltk" in sys.modules:
        return importlib.import_module(name)
    spec = importlib.util.find_spec("nltk")
    if spec is None or not spec.submodule_search_locations:
        return importlib.import_module(name)  # raises the usual ImportError
    root = next(iter(spec.submodule_search_locations))
    before = set(sys.modules)
    sys.modules["nltk"] = _package_stub("nltk", root)
    sys.modules["nltk.tokenize"] = _package_stub("nltk.tokenize", os.path.join(root, "tokenize"))
    try:
        return importlib.import_module(name)
    finally:
        for loaded in [m for m in sys.modules if m.partition(".")[0] == "nltk"]:
            if loaded not in before:
                del sys.modules[loaded]


@lru_cache(maxsize=1)
def _tokenizer() -> Any:
    punkt = _import_punkt()
    PunktLanguageVars = punkt.PunktLanguageVars
    PunktParameters = punkt.PunktParameters
    PunktSentenceTokenizer = punkt.PunktSentenceTokenizer
    PunktToken = punkt.PunktToken

    class LanguageVars(PunktLanguageVars):  # type: ignore[misc,valid-type]
        """nltk's own patterns, compiled with the stdlib ``re``.

        nltk routes every pattern through ``nltk.redos`` (the third-party ``regex`` engine
        plus a 5-second wall-clock limit per call) because its callers may pass hostile
        patterns. These patterns are fixed and linear; with ``re`` English splits ~1.4x
        faster, and a huge paragraph on a busy machine cannot hit that time limit.
        """

        re_boundary_realignment = re.compile(
            PunktLanguageVars.re_boundary_realignment.pattern, re.MULTILINE
        )

        def _word_tokenizer_re(self) -> re.Pattern[str]:
            if not hasattr(self, "_stdlib_word_re"):
                fmt = {
                    "NonWord": self._re_non_word_chars,
                    "MultiChar": self._re_multi_char_punct,
                    "WordStart": self._re_word_start,
                }
                self._stdlib_word_re = re.compile(self._word_tokenize_fmt % fmt, re.VERBOSE)
            return self._stdlib_word_re

        def period_context_re(self) -> re.Pattern[str]:
            if not hasattr(self, "_stdlib_period_re"):
                fmt = {"NonWord": self._re_non_word_chars, "SentEndChars": self._re_sent_end_chars}
                self._stdlib_period_re = re.compile(self._period_context_fmt % fmt, re.VERBOSE)
            return self._stdlib_period_re

    class Token(PunktToken):  # type: ignore[misc,valid-type]
        __slots__ = ()
        _RE_ELLIPSIS = re.compile(r"\.\.+$")
        _RE_NUMERIC = re.compile(r"^-?[\.,]?\d[\d,\.-]*\.?$")
        _RE_INITIAL = re.compile(r"[^\W\d]\.$")
        _RE_ALPHA = re.compile(r"[^\W\d]+$")

    params = PunktParameters()
    params.abbrev_types = set(ABBREVIATIONS)
    params.collocations = set(COLLOCATIONS)
    params.sent_starters = set(SENTENCE_STARTERS)
    return PunktSentenceTokenizer(params, lang_vars=LanguageVars(), token_cls=Token)


def split_english(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans (absolute, trimmed) of English ``text[start:end]``."""
    chunk = text[start:end]
    if not re.search(r"[.?!…]", chunk):
        stripped = chunk.strip()
        if not stripped:
            return []
        lead = len(chunk) - len(chunk.lstrip())
        return [(start + lead, start + lead + len(stripped))]
    spans = [(start + a, start + b) for a, b in _tokenizer().span_tokenize(chunk)]
    spans = _break_after_closed_quotes(text, spans)
    spans = _break_after_hidden_ends(text, _move_trailing_enumerators(text, spans))
    return _join_continuations(text, _join_enumerators(text, spans))


def _move_trailing_enumerators(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """ "Steps: 1.) Open it. 2.) Close it.": Punkt ends the first sentence after "2.)"; the
    enumerator starts the next one instead."""
    out: list[tuple[int, int]] = []
    for i, (a, b) in enumerate(spans):
        m = _TRAILING_ENUMERATOR.search(text, a, b)
        if m and i + 1 < len(spans) and m.start(1) > a:
            head_end = m.start(1)
            while head_end > a and text[head_end - 1].isspace():
                head_end -= 1
            if text[head_end - 1] in ".?!…\"'”’)":
                out.append((a, head_end))
                spans[i + 1] = (m.start(1), spans[i + 1][1])
            else:  # "Steps: 1.)" introduces the first item: one sentence with it
                spans[i + 1] = (a, spans[i + 1][1])
        else:
            out.append((a, b))
    return out


# Where Punkt reads a sentence end as an abbreviation or an initial: "World War I. It ended"
# (a sentence starter follows "I."), and "We met at 6 P.M. Mr. Smith was late" (a title follows
# a time or company abbreviation, in a sentence that did not open with that time: "At 6 p.m.
# Mr. Smith arrived" stays whole).
_HIDDEN_END = re.compile(
    r"(?<=\s)(?:I|(?i:a\.m|p\.m|inc|ltd|corp|co|etc))\.(?=\s+([A-Z][a-z]*)(\.?))"
)
_TITLE_WORDS = frozenset(TITLES.split())
_OPENING_PREPOSITION = re.compile(
    r"[\s'\"“‘(]*(?:at|by|from|until|till|before|after|since|around)\b", re.IGNORECASE
)


def _break_after_hidden_ends(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for a, b in spans:
        for m in _HIDDEN_END.finditer(text, a, b):
            word, dot = m.group(1), m.group(2)
            if m.group().startswith("I"):
                ends = word.lower() in SENTENCE_STARTERS and not dot
            else:
                ends = (
                    word.lower() in _TITLE_WORDS
                    and dot == "."
                    and not _OPENING_PREPOSITION.match(text, a, m.start())
                )
            if ends:
                out.append((a, m.end()))
                a = m.end()
                while a < b and text[a].isspace():
                    a += 1
        out.append((a, b))
    return out


# Punkt only looks at . ? ! and misses a quotation cut off by a dash or trailed off by an
# ellipsis when the next one opens at once: 'But I—' 'You what?' / 'see you...' She left.
# (mac-dev English: 13 boundaries were missed before this rule; it added no wrong one.)
# Found from the closing quote backwards, so a long run of dots costs one pass, not n².
_QUOTE_CLOSE = re.compile(r"['\"’”](?=\s+['\"‘“]?[A-Z])")
_OPENS_QUOTE = re.compile(r"\s+['\"‘“][A-Z]")
_CUT_OFF = ("—", "–", "--", "...", "…", ". . .")


def _break_after_closed_quotes(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for a, b in spans:
        for m in _QUOTE_CLOSE.finditer(text, a, b):
            q = m.start()
            cut_off = text.endswith(_CUT_OFF, a, q)
            if cut_off or (text.endswith(".", a, q) and _OPENS_QUOTE.match(text, q + 1, b)):
                out.append((a, q + 1))
                a = q + 1
        out.append((a, b))
    return out


# An English sentence does not start with a lower-case word ('Why?' he asked. / a loud dong!
# like a bell / Wait . . . what?); "iPhone"-like words are the exception. In the English gold
# sets 2 of 4,400 sentences start lower case (both lists of metrical feet).
_LOWER_START = re.compile(r"[\s'\"“‘(\[]*[a-z](?![a-z]*[A-Z])")
# "J.M. Coetzee": several initials then a name. Punkt knows single initials, not runs of them.
_INITIALS_END = re.compile(r"(?<![A-Za-z.])(?:[A-Z]\.){2,3}$")
_ENUMERATED = re.compile(ENUMERATOR.pattern + r"\s")
_FIRST_WORD = re.compile(r"[\s'\"“‘(\[]*([A-Z][a-z]*)")


def _join_continuations(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for a, b in spans:
        if out and _continues(text, out[-1], a, b):
            out[-1] = (out[-1][0], b)
        else:
            out.append((a, b))
    return out


def _continues(text: str, prev: tuple[int, int], a: int, b: int) -> bool:
    if _ENUMERATED.match(text, a, b):
        return False  # "b) buy a licence." starts a list item, lower case or not
    if text[a] in ".…" or _LOWER_START.match(text, a, b):  # ". . ." cut inside, or lower case
        return True
    if _INITIALS_END.search(text[max(prev[0], prev[1] - 8) : prev[1]]):
        word = _FIRST_WORD.match(text, a, b)
        if word is not None and text.startswith(".", word.end()):
            return word.group(1).lower() not in _TITLE_WORDS  # "6 P.M. | Mr. Smith was late"
        return word is not None and word.group(1).lower() not in SENTENCE_STARTERS
    return False


def _join_enumerators(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Punkt ends a sentence after "1." in "1. Install it."; glue the enumerator back on."""
    out: list[tuple[int, int]] = []
    carry: int | None = None
    for a, b in spans:
        if carry is not None:
            a, carry = carry, None
        if ENUMERATOR.fullmatch(text, a, b):
            carry = a
            continue
        out.append((a, b))
    if carry is not None:
        out.append((carry, spans[-1][1]))
    return out
