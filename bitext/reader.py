"""Files to text: encodings, BOMs, line ends, and clear errors for what is not text.

Order of attempts (see ../shared/LIBRARIES.md, row 1): a BOM decides; else strict UTF-8; else
strict GB18030 when the result is mostly CJK; else chardet's guess; else the user is told which
encodings were tried. Line ends are kept as they are, so offsets match the file on disk.
"""

from __future__ import annotations

import codecs
import os
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError
from .lang import han_count

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Control characters other than tab, LF, VT, FF, CR, ESC: a text file has (almost) none.
_BINARY_BYTES = bytes(b for b in range(32) if b not in (9, 10, 11, 12, 13, 27))


@dataclass(frozen=True)
class TextFile:
    """A decoded file: its text exactly as on disk (minus any BOM) and how it was decoded."""

    path: str
    text: str
    encoding: str


def read_text(path: str | os.PathLike[str], encoding: str | None = None) -> TextFile:
    """Read ``path`` as text, detecting its encoding unless ``encoding`` is given.

    Raises ``InputError`` with a one-line message for a missing file, a directory, an empty or
    blank file, a binary file, or bytes no tried encoding can decode.
    """
    p = Path(path)
    name = str(path)
    if not p.exists():
        raise InputError(f"{name}: no such file")
    if p.is_dir():
        raise InputError(f"{name}: is a directory, expected a text file")
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(f"{name}: cannot read ({exc.strerror or exc})") from None
    text, used = decode_bytes(data, name, encoding)
    if not text.strip():
        raise InputError(f"{name}: file is empty")
    return TextFile(path=name, text=text, encoding=used)


def decode_bytes(
    data: bytes, name: str = "<bytes>", encoding: str | None = None
) -> tuple[str, str]:
    """Decode ``data``; return the text and the encoding used."""
    if encoding:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise InputError(f"unknown encoding {encoding!r}") from None
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError as exc:
            raise InputError(
                f"{name}: not valid {encoding} (byte {exc.start}); try another --encoding"
            ) from None
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError:
                break
            return text.lstrip("\ufeff"), codec
    if not data:
        return "", "utf-8"
    sample = data[:65536]
    utf16 = _utf16_without_bom(sample)
    if utf16:
        try:
            return data.decode(utf16), utf16
        except UnicodeDecodeError:
            pass
    controls = sum(sample.count(bytes([b])) for b in _BINARY_BYTES)
    if b"\x00" in sample or controls > len(sample) // 100:
        raise InputError(f"{name}: looks like a binary file, not text")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    gb_text = _try_decode(data, "gb18030")
    if gb_text is not None and _mostly_cjk(gb_text):
        return gb_text, "gb18030"
    guessed = _chardet_guess(data)
    guessed_text = _try_decode(data, guessed) if guessed else None
    if guessed and guessed_text is not None and _plausible(guessed_text):
        return guessed_text, guessed
    raise InputError(
        f"{name}: cannot decode (tried UTF-8, GB18030{', ' + guessed if guessed else ''}); "
        "pass --encoding"
    )


def _try_decode(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


def _utf16_without_bom(sample: bytes) -> str | None:
    """UTF-16 saved without a BOM: English text then has a NUL in every other byte."""
    if len(sample) < 4 or len(sample) % 2:
        return None
    even = sample[0::2].count(0) / (len(sample) // 2)
    odd = sample[1::2].count(0) / (len(sample) // 2)
    if odd >= 0.3 and even <= 0.02:
        return "utf-16-le"
    if even >= 0.3 and odd <= 0.02:
        return "utf-16-be"
    return None


def _mostly_cjk(text: str) -> bool:
    """GB18030 decodes almost any byte soup; accept it only when the result reads as Chinese."""
    non_ascii = sum(1 for ch in text if ord(ch) > 127)
    return non_ascii > 0 and han_count(text) >= 0.6 * non_ascii


def _plausible(text: str) -> bool:
    """chardet always names some single-byte codec; reject a result that decodes to symbols.

    Random bytes read as cp862 give box-drawing marks and control codes beside Hebrew letters;
    real text in a legacy codec gives letters and punctuation.
    """
    odd = 0
    non_ascii = 0
    for ch in text:
        if ord(ch) < 128:
            continue
        non_ascii += 1
        if unicodedata.category(ch) in ("Cc", "Co", "Cn", "So", "Sk"):
            odd += 1
    return odd * 10 <= non_ascii


def _chardet_guess(data: bytes) -> str | None:
    import chardet

    guess = chardet.detect(data[:200_000]).get("encoding")
    return guess.lower() if guess else None
