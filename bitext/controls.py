"""Control characters in text we show or serialise: visible on a terminal, absent from XML.

A file can pass the binary check with a few ESC, VT or FF bytes in it (ANSI-coloured logs, page
breaks). Sent raw, ``\\x1b[2J`` clears the reader's terminal and a CI log viewer runs it too; in
XML 1.0 no C0 control but tab, LF and CR may appear at all, not even as ``&#27;``, so one stray
byte makes a TMX or JUnit file that no parser opens. Pure functions, no I/O.
"""

from __future__ import annotations

import re

#: what a terminal acts on: C0 controls except tab and LF, DEL, and C1 (U+0080-U+009F; some
#: terminals read U+009B as CSI, the same as ESC [).
TERMINAL_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
#: characters XML 1.0 forbids (its production ``Char``): C0 but tab/LF/CR, lone surrogates,
#: U+FFFE and U+FFFF. Written as the forbidden set, not the negated ``Char`` class: the same
#: characters (a test compares them on every code point), but compiled in 0.05 ms, not 3 ms,
#: and this module is imported by every ``bitext`` start-up.
XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _picture(ch: str) -> str:
    """``␛`` for ESC, ``␋`` for VT (Unicode's Control Pictures block); ``\\x9b`` for C1."""
    code = ord(ch)
    if code < 0x20:
        return chr(0x2400 + code)
    if code == 0x7F:
        return "\u2421"
    if code <= 0x9F:
        return f"\\x{code:02x}"
    return "\ufffd"


def visible(text: str) -> str:
    """``text`` with every terminal control shown as a harmless visible mark."""
    if not TERMINAL_CONTROLS.search(text):
        return text
    return TERMINAL_CONTROLS.sub(lambda m: _picture(m.group()), text)


def xml_visible(text: str) -> str:
    """``text`` with every character XML forbids shown as a visible mark (for reports)."""
    if not XML_INVALID.search(text):
        return text
    return XML_INVALID.sub(lambda m: _picture(m.group()), text)


def xml_strip(text: str) -> tuple[str, int]:
    """``text`` without the characters XML forbids, and how many were removed (for data such
    as a translation memory, where a mark would become part of the segment)."""
    cleaned, count = XML_INVALID.subn("", text)
    return cleaned, count


__all__ = ["TERMINAL_CONTROLS", "XML_INVALID", "visible", "xml_strip", "xml_visible"]
