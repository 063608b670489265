"""Reading files: encodings, BOMs, line ends, invisible characters, and clear errors."""

from __future__ import annotations

import codecs

import pytest

from bitext.document import LineIndex
from bitext.errors import InputError
from bitext.hygiene import clean_for_embedding
from bitext.layout.lines import paragraph_units
from bitext.reader import read_text
from tests.conftest import EXAMPLES

ZH = (
    "算力正是这场争论变得具体的地方。如今训练一个前沿模型要花费数亿美元。\n"
    "据一项行业估算，其中约六成仅用于购买芯片。\n"
)


@pytest.mark.parametrize(
    ("codec", "prefix", "expected"),
    [
        ("utf-8", b"", "utf-8"),
        ("utf-8", codecs.BOM_UTF8, "utf-8-sig"),
        ("utf-16-le", codecs.BOM_UTF16_LE, "utf-16"),
        ("utf-16-be", codecs.BOM_UTF16_BE, "utf-16"),
        ("gbk", b"", "gb18030"),
        ("gb18030", b"", "gb18030"),
    ],
)
def test_encodings_are_detected(tmp_path, codec, prefix, expected):
    path = tmp_path / "zh.txt"
    path.write_bytes(prefix + ZH.encode(codec))
    got = read_text(path)
    assert got.text == ZH
    assert got.encoding == expected


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom(tmp_path, codec):
    text = "Compute is where the debate becomes concrete.\n算力正是这场争论变得具体的地方。\n"
    path = tmp_path / "u16.txt"
    path.write_bytes(text.encode(codec))
    got = read_text(path)
    assert (got.text, got.encoding) == (text, codec)


def test_short_gbk_line_is_detected(tmp_path):
    path = tmp_path / "short.txt"
    path.write_bytes("人工智能".encode("gbk"))
    assert read_text(path).text == "人工智能"


def test_gbk_example_reads_as_the_utf8_example():
    gbk = read_text(EXAMPLES / "article.zh.gbk.txt")
    utf8 = read_text(EXAMPLES / "article.zh.txt")
    assert gbk.encoding == "gb18030"
    assert gbk.text == utf8.text


def test_forced_encoding(tmp_path):
    path = tmp_path / "latin.txt"
    path.write_bytes("naïve café résumé".encode("latin-1"))
    assert read_text(path, "latin-1").text == "naïve café résumé"
    gbk = tmp_path / "gbk.txt"
    gbk.write_bytes(ZH.encode("gbk"))
    with pytest.raises(InputError, match="not valid utf-8"):
        read_text(gbk, "utf-8")
    with pytest.raises(InputError, match="unknown encoding"):
        read_text(gbk, "no-such-codec")


@pytest.mark.parametrize("newline", ["\r\n", "\r", "\n"])
def test_line_ends_are_kept_and_positions_count_them(tmp_path, newline):
    path = tmp_path / "lines.txt"
    path.write_bytes(ZH.replace("\n", newline).encode("utf-8"))
    text = read_text(path).text
    assert newline in text  # offsets must match the file on disk
    offset = text.index("据一项")
    pos = LineIndex(text).position(offset)
    assert (pos.line, pos.column) == (2, 1)


def test_full_width_spaces_and_zero_width_characters_are_trimmed():
    text = (
        "\u3000\u3000Open-weight models\u200b changed the picture.\ufeff\n\n"
        "\u3000开放权重模型改变了局面。\u200b\n"
    )
    units = paragraph_units(text)
    assert [text[u.start : u.end] for u in units] == [
        "Open-weight models\u200b changed the picture.",
        "开放权重模型改变了局面。",
    ]
    assert clean_for_embedding(text[units[0].start : units[0].end], "en") == (
        "Open-weight models changed the picture."
    )


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"  \n\n \t\n", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary"),
    ],
)
def test_unreadable_files_raise_one_clear_error(tmp_path, content, message):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(InputError, match=message):
        read_text(path)


def test_missing_file_and_directory(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_text(tmp_path / "nope.txt")
    with pytest.raises(InputError, match="directory"):
        read_text(tmp_path)
