"""sentence-transformers models (LaBSE, multilingual-e5, bge-m3, ...) as bitext encoders.

Optional: needs ``pip install 'bitext[transformers]'``. bitext never downloads a model. The
spec is resolved to a directory on this machine *before* sentence-transformers sees it (a local
directory, or the Hugging Face cache with ``local_files_only``), because sentence-transformers
given a hub id it cannot find tries the network even with ``local_files_only=True`` (seen with
sentence-transformers 6.2: a DNS lookup of huggingface.co). So a missing model fails at once,
with one line saying how to get it. Checking the spec costs no import of torch; the weights load
on the first ``encode``.

Side effects, only once an ``st:`` model is chosen: ``HF_HUB_OFFLINE=1`` and
``HF_HUB_DISABLE_PROGRESS_BARS=1`` are set unless already set (huggingface_hub reads them at
import), and transformers' progress bars are switched off, so nothing writes to the terminal.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
from functools import lru_cache
from importlib.metadata import version as dist_version
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import ModelError
from .base import EncoderBase

#: Sentences per forward pass; sentence-transformers' own default is 32. Larger batches pad more.
BATCH_SIZE = 64
#: Files whose content defines a model besides its weights (hashed into the fingerprint).
_CONFIG_SUFFIXES = (".json", ".txt", ".model")
_CONFIG_MAX_BYTES = 4_000_000

INSTALL_HINT = "pip install 'bitext[transformers]'"


def _require_sentence_transformers() -> None:
    if importlib.util.find_spec("sentence_transformers") is None:
        raise ModelError(f"st: models need sentence-transformers; install it with: {INSTALL_HINT}")


def _looks_like_path(spec: str) -> bool:
    return spec.startswith(("/", "./", "../", "~", "\\")) or (len(spec) > 1 and spec[1] == ":")


def _not_found(spec: str) -> ModelError:
    return ModelError(
        f"model {spec!r} is not on this machine, and bitext never downloads models. "
        f"Download it once where the network is allowed (`hf download {spec}`, or "
        f"`SentenceTransformer({spec!r})` in Python), or pass a local directory: "
        "--model st:/path/to/model"
    )


def resolve_model_dir(spec: str) -> tuple[Path, str | None]:
    """The directory holding model ``spec`` and its hub revision (None for a local directory).

    Never touches the network: a hub id is looked up in the Hugging Face cache only.
    """
    path = Path(spec).expanduser()
    if path.is_dir():
        if not any((path / name).is_file() for name in ("modules.json", "config.json")):
            raise ModelError(
                f"{spec}: is not a sentence-transformers model directory (no modules.json or "
                "config.json in it)"
            )
        return path.resolve(), None
    if _looks_like_path(spec) or path.exists():
        raise ModelError(f"{spec}: no such model directory")
    # Before huggingface_hub is imported: it reads these once, at import time.
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    from huggingface_hub import snapshot_download
    from huggingface_hub.errors import HFValidationError

    candidates = [spec] if "/" in spec else [spec, f"sentence-transformers/{spec}"]
    for repo_id in candidates:
        try:
            snapshot = Path(snapshot_download(repo_id, local_files_only=True))
        except HFValidationError as exc:
            raise ModelError(f"{spec!r} is neither a model directory nor a hub id: {exc}") from exc
        except OSError:  # LocalEntryNotFoundError and friends
            continue
        return snapshot, snapshot.name
    raise _not_found(spec)


def fingerprint(directory: Path) -> str:
    """A short hash of the model's files: names and sizes of all, content of the config files.

    Identifies a local model directory without reading hundreds of MB of weights.
    """
    digest = hashlib.sha256()
    for file in sorted(p for p in directory.rglob("*") if p.is_file()):
        rel = file.relative_to(directory).as_posix()
        if rel.startswith(".") or "/." in rel:
            continue
        size = file.stat().st_size
        digest.update(f"{rel}\0{size}\0".encode())
        if file.suffix in _CONFIG_SUFFIXES and size <= _CONFIG_MAX_BYTES:
            digest.update(file.read_bytes())
    return digest.hexdigest()[:16]


def _max_seq_length(directory: Path) -> int | None:
    try:
        config = json.loads((directory / "sentence_bert_config.json").read_text("utf-8"))
    except (OSError, ValueError):
        return None
    value = config.get("max_seq_length")
    return int(value) if isinstance(value, int) else None


@lru_cache(maxsize=2)
def load_st_model(directory: str, device: str | None) -> Any:
    """Load the weights once per process; no progress bars, no network."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    try:
        import transformers
        from sentence_transformers import SentenceTransformer
    except ImportError as exc:
        raise ModelError(
            f"st: models need sentence-transformers, which failed to import ({exc}); "
            f"reinstall it with: {INSTALL_HINT}"
        ) from exc
    transformers.utils.logging.disable_progress_bar()
    try:
        return SentenceTransformer(directory, device=device, local_files_only=True)
    except Exception as exc:  # any failure to read a model directory is the user's to fix
        raise ModelError(
            f"cannot load the sentence-transformers model in {directory}: {exc}"
        ) from exc


class SentenceTransformerEncoder(EncoderBase):
    """Any sentence-transformers model on this machine, by hub id or local directory."""

    batch_size = BATCH_SIZE

    def __init__(self, model: str, device: str | None = None) -> None:
        super().__init__()
        _require_sentence_transformers()
        self.model = model
        self.device = device or os.environ.get("BITEXT_DEVICE") or None
        self.directory, revision = resolve_model_dir(model)
        self.name = f"st:{model}"
        self.version = dist_version("sentence-transformers")
        self._revision = revision or fingerprint(self.directory)
        self._dimension: int | None = None

    @property
    def parameters(self) -> dict[str, Any]:
        return {
            "revision": self._revision,
            "max_seq_length": _max_seq_length(self.directory),
            "normalize": True,
        }

    @property
    def dimension(self) -> int:  # type: ignore[override]
        if self._dimension is None:
            model = self.load()
            # renamed in sentence-transformers 6; the old name warns there
            getter = getattr(model, "get_embedding_dimension", None)
            if getter is None:
                getter = model.get_sentence_embedding_dimension
            self._dimension = int(getter())
        return self._dimension

    def load(self) -> Any:
        """Load the weights now (otherwise the first ``encode`` does)."""
        return load_st_model(str(self.directory), self.device)

    def _embed(self, texts: list[str]) -> np.ndarray:
        vectors = self.load().encode(
            texts,
            batch_size=self.batch_size,
            show_progress_bar=False,
            convert_to_numpy=True,
            normalize_embeddings=True,
        )
        return np.asarray(vectors, dtype=np.float32)
