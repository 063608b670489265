"""Files to text: encodings, BOMs, line ends, and clear errors for what is not text.

Order of attempts (see ../shared/LIBRARIES.md, row 1): a BOM decides; else strict UTF-8; else
strict GB18030 when the result is mostly CJK; else chardet's guess; else the user is told which
encodings were tried. Line ends are kept as they are, so offsets match the file on disk.
"""

from __future__ import annotations

import codecs
import os
import re
import stat
import unicodedata
from dataclasses import dataclass

from .errors import InputError, UsageError
from .lang import han_count
from .layout.lines import ZERO_WIDTH

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Control characters other than tab, LF, VT, FF, CR, ESC: a text file has (almost) none.
_BINARY_BYTES = bytes(b for b in range(32) if b not in (9, 10, 11, 12, 13, 27))

#: Inputs larger than this are refused (bytes). 20 MB is about 100 times the largest document
#: of the gold sets (political/tgt/001, 214 KB) and six times a whole novel (War and Peace in
#: English, ~3.2 MB); above it the text, its sentences and their vectors take gigabytes, and a
#: file that large is far more often a mistake (a log, a dump, /proc/kcore) than an article.
DEFAULT_MAX_INPUT_BYTES = 20_000_000
#: raises (or lowers) the cap above, in megabytes (10**6 bytes); decimals are allowed.
MAX_INPUT_ENV = "BITEXT_MAX_INPUT_MB"
_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass(frozen=True)
class TextFile:
    """A decoded file: its text exactly as on disk (minus any BOM) and how it was decoded."""

    path: str
    text: str
    encoding: str


def max_input_bytes() -> int:
    """The input size cap in force: ``$BITEXT_MAX_INPUT_MB`` if set, else the default."""
    raw = os.environ.get(MAX_INPUT_ENV, "").strip()
    if not raw:
        return DEFAULT_MAX_INPUT_BYTES
    try:
        megabytes = float(raw)
    except ValueError:
        megabytes = -1.0
    if not megabytes > 0 or megabytes == float("inf"):
        raise UsageError(f"{MAX_INPUT_ENV} must be a positive number of megabytes, not {raw!r}")
    return int(megabytes * 1_000_000)


_KINDS = (
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISSOCK, "a socket"),
)


def _size_text(n: int) -> str:
    return f"{n / 1_000_000:.1f} MB" if n >= 100_000 else f"{n:,} bytes"


def read_bytes_capped(path: str | os.PathLike[str], max_bytes: int | None = None) -> bytes:
    """The bytes of a regular file no larger than the cap (``max_input_bytes()`` by default).

    A device, a named pipe or a socket is refused before it is opened: ``/dev/zero`` never
    ends and a FIFO blocks. The cap is checked on the size the file system reports and again
    on what is read, since files under ``/proc`` report a size of 0.
    """
    name = str(path)
    limit = max_input_bytes() if max_bytes is None else max_bytes
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise InputError(f"{name}: no such file") from None
    except OSError as exc:
        raise InputError(f"{name}: cannot read ({exc.strerror or exc})") from None
    if stat.S_ISDIR(info.st_mode):
        raise InputError(f"{name}: is a directory, expected a text file")
    if not stat.S_ISREG(info.st_mode):
        kind = next((k for test, k in _KINDS if test(info.st_mode)), "not a regular file")
        raise InputError(f"{name}: is {kind}, not a regular file; give a text file")
    too_big = InputError(
        f"{name}: larger than the input limit of {_size_text(limit)}; set {MAX_INPUT_ENV} to "
        "raise it"
    )
    if info.st_size > limit:
        raise too_big
    try:
        with open(path, "rb") as handle:
            data = handle.read(limit + 1)
    except OSError as exc:
        raise InputError(f"{name}: cannot read ({exc.strerror or exc})") from None
    if len(data) > limit:
        raise too_big
    return data


def read_text(
    path: str | os.PathLike[str], encoding: str | None = None, *, max_bytes: int | None = None
) -> TextFile:
    """Read ``path`` as text, detecting its encoding unless ``encoding`` is given.

    Raises ``InputError`` with a one-line message for a missing file, a directory, a device or
    pipe, a file over the size cap (``max_bytes``, default ``max_input_bytes()``), an empty or
    blank file, a binary file, bytes no tried encoding can decode, or text that is not valid
    Unicode.
    """
    name = str(path)
    data = read_bytes_capped(path, max_bytes)
    text, used = decode_bytes(data, name, encoding)
    if not text.strip().strip(ZERO_WIDTH).strip():
        raise InputError(f"{name}: file is empty")
    return TextFile(path=name, text=text, encoding=used)


def decode_bytes(
    data: bytes, name: str = "<bytes>", encoding: str | None = None
) -> tuple[str, str]:
    """Decode ``data``; return the text and the encoding used.

    Whatever decoded it, a NUL anywhere means a binary file, and a lone surrogate (which
    ``unicode_escape`` or ``surrogateescape`` can produce from ``\\ud800``) is invalid text that
    no later stage could encode.
    """
    text, used = _decode(data, name, encoding)
    if "\x00" in text:
        raise InputError(f"{name}: looks like a binary file, not text (it holds NUL bytes)")
    bad = _SURROGATE.search(text)
    if bad:
        line = text.count("\n", 0, bad.start()) + 1
        raise InputError(
            f"{name}:{line}: invalid text: a lone surrogate U+{ord(bad.group()):04X}, which is "
            "not a character; check --encoding"
        )
    return text, used


def _forced(data: bytes, name: str, encoding: str) -> tuple[str, str]:
    try:
        info = codecs.lookup(encoding)
    except LookupError:
        raise InputError(f"unknown encoding {encoding!r}") from None
    if not getattr(info, "_is_text_encoding", True):
        raise InputError(
            f"--encoding {encoding}: not a text encoding (it maps bytes to bytes or text to "
            "text); use one such as utf-8, gb18030 or utf-16"
        )
    try:
        return data.decode(encoding), encoding
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{name}: not valid {encoding} (byte {exc.start}); try another --encoding"
        ) from None
    except (UnicodeError, ValueError, TypeError, LookupError) as exc:
        raise InputError(
            f"{name}: cannot decode as {encoding} ({exc}); try another --encoding"
        ) from None


def _decode(data: bytes, name: str, encoding: str | None) -> tuple[str, str]:
    if encoding:
        return _forced(data, name, encoding)
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
