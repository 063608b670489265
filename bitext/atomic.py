"""Writing a file so that it is either wholly new or untouched: a temporary file in the same
folder, then ``os.replace`` (how git writes its index). A full disk or a read-only folder leaves
the old file as it was and raises ``OutputError`` with one line a user can act on."""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from pathlib import Path

from .errors import OutputError

_REASONS = {
    errno.ENOSPC: "no space left on the device",
    errno.EROFS: "the file system is read-only",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.EDQUOT: "disk quota exceeded",
    errno.ENOTDIR: "a part of the path is a file, not a folder",
    errno.EISDIR: "it is a directory",
}


def os_error_reason(exc: OSError) -> str:
    """A short reason a user can act on ("no space left on the device") for an OSError."""
    return _REASONS.get(exc.errno or 0, exc.strerror or str(exc) or type(exc).__name__)


def _new_file_mode() -> int:
    """The mode ``open(path, "w")`` would give a new file (0o666 less the umask); mkstemp's
    temporary file is 0o600, which would make every output private to its writer."""
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


def write_bytes_atomic(path: str | Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` all at once; on failure the old file stays intact."""
    target = shown = Path(path)
    if target.is_symlink():
        # replace the file the link points to, and keep the link, as writing through it would
        target = Path(os.path.realpath(target))
    tmp_name: str | None = None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        with contextlib.suppress(OSError):
            mode = target.stat().st_mode & 0o7777 if target.exists() else _new_file_mode()
            os.chmod(tmp_name, mode)
        os.replace(tmp_name, target)
        tmp_name = None
    except OSError as exc:
        raise OutputError(f"{shown}: cannot write: {os_error_reason(exc)}") from None
    finally:
        if tmp_name is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp_name)


def write_text_atomic(path: str | Path, text: str, encoding: str = "utf-8") -> None:
    """``write_bytes_atomic`` for text, written with LF line ends as given."""
    write_bytes_atomic(path, text.encode(encoding))


__all__ = ["os_error_reason", "write_bytes_atomic", "write_text_atomic"]
