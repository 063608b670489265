"""Hostile and careless input (issue 17): no data loss, no hang, no traceback.

Every case runs the real CLI in a subprocess with a timeout and an address-space cap
(``RLIMIT_AS``), so a regression (an alias bomb, ``/dev/zero``) fails the test instead of
hanging CI or eating the machine. Each asserts the exit code, exactly one ``Error:`` line, no
traceback, and that every file that existed before the run is byte-identical after it.
Most cases fail before a model is loaded, so they take a fraction of a second.
"""

from __future__ import annotations

import hashlib
import os
import pty
import resource
import shutil
import stat
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"
#: address-space caps (bytes): a run that loads no model stays far below 1 GB; one that loads
#: the built-in encoder peaks near 1.5 GB of address space (numpy, OpenBLAS buffers).
NO_MODEL_AS = 1_000_000_000
MODEL_AS = 3_000_000_000
#: seconds; a case that fails early takes well under 2 s even on a busy machine.
TIMEOUT = 60


def _limit(cap: int):
    def set_limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))

    return set_limit


def bitext(
    *args: str | Path,
    cwd: Path,
    env: dict[str, str] | None = None,
    cap: int = NO_MODEL_AS,
    code: str | None = None,
) -> subprocess.CompletedProcess[str]:
    """``python -m bitext ARGS`` (or ``python -c CODE ARGS``) with a timeout and a memory cap."""
    full_env = {
        **os.environ,
        "PYTHONPATH": str(REPO),
        "BITEXT_CACHE_DIR": str(cwd / ".bitext-cache"),
        "COLUMNS": "200",
    }
    full_env.pop("BITEXT_DEBUG", None)
    full_env.update(env or {})
    head = ["-c", code] if code else ["-m", "bitext"]
    return subprocess.run(
        [sys.executable, *head, *map(str, args)],
        cwd=cwd,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        preexec_fn=_limit(cap),
        check=False,
    )


def snapshot(root: Path) -> dict[str, str]:
    """SHA-256 of every regular file under ``root`` (the embedding cache left out)."""
    out = {}
    for path in sorted(root.rglob("*")):
        if ".bitext-cache" in path.parts or not path.is_file() or path.is_symlink():
            continue
        out[str(path.relative_to(root))] = hashlib.sha256(path.read_bytes()).hexdigest()
    return out


def one_error(proc: subprocess.CompletedProcess[str], exit_code: int = 2) -> str:
    """The single ``Error:`` line of a failed run; checks the exit code and no traceback."""
    assert "Traceback" not in proc.stderr, proc.stderr
    assert proc.returncode == exit_code, (proc.returncode, proc.stderr)
    errors = [line for line in proc.stderr.splitlines() if line.startswith("Error:")]
    assert len(errors) == 1, proc.stderr
    return errors[0]


def refused(tmp_path: Path, *args: str | Path, env: dict[str, str] | None = None) -> str:
    """Run, expect exit 2 with one Error line, and every pre-existing file unchanged."""
    before = snapshot(tmp_path)
    line = one_error(bitext(*args, cwd=tmp_path, env=env))
    assert snapshot(tmp_path) == before
    return line


@pytest.fixture
def pair(tmp_path: Path) -> tuple[Path, Path]:
    en, zh = tmp_path / "a.en.txt", tmp_path / "a.zh.txt"
    shutil.copy(EXAMPLES / "article.en.txt", en)
    shutil.copy(EXAMPLES / "article.zh.txt", zh)
    return en, zh


# -- 1. an input is never overwritten -------------------------------------------------------------


@pytest.mark.parametrize("command", ["align", "report"])
def test_hard_link_to_an_input_is_refused(tmp_path, pair, command) -> None:
    en, zh = pair
    os.link(zh, tmp_path / "h.zh.txt")
    line = refused(tmp_path, command, en, zh, "-o", "h.zh.txt", "--force")
    assert "same file" in line and "h.zh.txt" in line


def test_symlink_and_other_spelling_of_an_input_are_refused(tmp_path, pair) -> None:
    en, _ = pair
    (tmp_path / "sub").mkdir()
    os.symlink(en, tmp_path / "link.txt")
    assert "same file" in refused(tmp_path, "split", en, "-o", "link.txt", "--force")
    line = refused(tmp_path, "split", "a.en.txt", "-o", "sub/../a.en.txt", "--force")
    assert "same file" in line


def _docs(tmp_path: Path) -> None:
    for side, example in (("en", "article.en.txt"), ("zh", "article.zh.txt")):
        folder = tmp_path / "docs" / side
        folder.mkdir(parents=True)
        shutil.copy(EXAMPLES / example, folder / "x.md")


def test_lint_output_inside_an_input_folder_is_refused(tmp_path) -> None:
    _docs(tmp_path)
    line = refused(tmp_path, "lint", "docs/en", "docs/zh", "-o", "docs/zh/x.md", "--force")
    assert "docs/zh/x.md" in line and "input" in line


def test_lint_output_matching_a_pair_rule_is_refused(tmp_path) -> None:
    _docs(tmp_path)
    rule = "docs/en/*.md=docs/zh/*.md"
    line = refused(tmp_path, "lint", "--pair", rule, "-o", "docs/en/x.md", "--force")
    assert "docs/en/x.md" in line
    line = refused(tmp_path, "lint", "--pair", rule, "--write-baseline", "docs/zh/x.md", "--force")
    assert "docs/zh/x.md" in line


def test_glob_expansion_is_compared_too(tmp_path) -> None:
    _docs(tmp_path)
    line = refused(tmp_path, "lint", "docs/*/x.md", "-o", "docs/en/./x.md", "--force")
    assert "input" in line and "refusing to overwrite" in line


def test_glossary_export_onto_its_own_file_is_refused(tmp_path) -> None:
    (tmp_path / "g.yaml").write_text("name: g\nterms:\n  - {en: a, zh: b}\n", encoding="utf-8")
    args = ("glossary", "export", "g.yaml", "--format", "csv", "-o", "g.yaml", "--force")
    assert "input" in refused(tmp_path, *args)


# -- 2. writes are atomic -------------------------------------------------------------------------


@pytest.fixture
def small_tmpfs(tmp_path: Path):
    """A 64 KB tmpfs at ``tmp_path/mnt`` (root only); unmounted afterwards."""
    mnt = tmp_path / "mnt"
    mnt.mkdir()
    if not shutil.which("mount"):
        pytest.skip("no mount command")
    made = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(mnt)],
        capture_output=True,
        text=True,
        check=False,
    )
    if made.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {made.stderr.strip() or made.returncode}")
    try:
        yield mnt
    finally:
        subprocess.run(["umount", "-l", str(mnt)], check=False)


def _long_text(tmp_path: Path) -> Path:
    path = tmp_path / "long.en.txt"
    sentence = "The model was evaluated on a held-out set of long documents. "
    path.write_text((sentence * 8 + "\n\n") * 300, encoding="utf-8")  # ~150 KB
    return path


def test_full_disk_keeps_the_old_output(tmp_path, small_tmpfs) -> None:
    old = small_tmpfs / "out.txt"
    old.write_text("the good old output\n", encoding="utf-8")
    source = _long_text(tmp_path)
    line = refused(tmp_path, "split", source, "-o", old, "--force")
    assert "no space left" in line
    assert old.read_text(encoding="utf-8") == "the good old output\n"
    assert sorted(p.name for p in small_tmpfs.iterdir()) == ["out.txt"]  # no temp file left


def test_read_only_folder_is_one_error_line(tmp_path, small_tmpfs) -> None:
    old = small_tmpfs / "out.txt"
    old.write_text("kept\n", encoding="utf-8")
    remount = ["mount", "-o", "remount,ro", str(small_tmpfs)]
    if subprocess.run(remount, capture_output=True, check=False).returncode != 0:
        pytest.skip("cannot remount the tmpfs read-only")
    line = refused(tmp_path, "split", _long_text(tmp_path), "-o", old, "--force")
    assert "read-only" in line
    assert old.read_text(encoding="utf-8") == "kept\n"


def test_full_stdout_is_one_error_line(tmp_path, pair) -> None:
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full")
    en, _ = pair
    with open("/dev/full", "w") as full:
        proc = subprocess.run(
            [sys.executable, "-m", "bitext", "split", str(en)],
            cwd=tmp_path,
            env={**os.environ, "PYTHONPATH": str(REPO)},
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            timeout=TIMEOUT,
            preexec_fn=_limit(NO_MODEL_AS),
            check=False,
        )
    assert "no space left" in one_error(proc)


def test_new_output_gets_the_usual_mode(tmp_path, pair) -> None:
    en, _ = pair
    proc = bitext("split", en, "-o", "new.txt", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    mask = os.umask(0)
    os.umask(mask)
    assert stat.S_IMODE((tmp_path / "new.txt").stat().st_mode) == 0o666 & ~mask


# -- 3. small files that eat the machine ----------------------------------------------------------


def _bomb(levels: int) -> str:
    lines = ["name: bomb", 'x0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, levels + 1):
        lines.append(f"x{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]")
    lines.append(f"terms: [{{en: x, zh: y, note: *a{levels}}}]")
    return "\n".join(lines) + "\n"


def test_alias_bomb_is_refused_quickly(tmp_path) -> None:
    (tmp_path / "bomb.yaml").write_text(_bomb(9), encoding="utf-8")  # 9^10 strings if expanded
    assert "aliases" in refused(tmp_path, "glossary", "check", "bomb.yaml")


def test_recursive_alias_is_refused(tmp_path) -> None:
    (tmp_path / "rec.yaml").write_text(
        "name: r\nterms: &t [{en: a, zh: b, note: *t}]\n", encoding="utf-8"
    )
    assert "alias" in refused(tmp_path, "glossary", "check", "rec.yaml")


def test_deep_nesting_is_refused(tmp_path) -> None:
    (tmp_path / "deep.yaml").write_text(
        "name: d\nterms: " + "[" * 3000 + "]" * 3000 + "\n", encoding="utf-8"
    )
    assert "nested" in refused(tmp_path, "glossary", "check", "deep.yaml")


def test_one_file_extended_six_ways_six_deep_is_read_once(tmp_path) -> None:
    folder = tmp_path / "g"
    (folder / "sub").mkdir(parents=True)
    depth = 6
    for k in range(depth):
        lines = [f"name: l{k}"]
        if k < depth - 1:
            nxt = f"L{k + 1}.yaml"
            refs = [nxt, f"./{nxt}", f"../g/{nxt}", str(folder / nxt), f".//{nxt}", f"sub/../{nxt}"]
            lines += ["extends:", *(f'  - "{r}"' for r in refs)]
        lines += ["terms:", *(f"  - {{en: term{k}x{i}, zh: 术语{k}{i}}}" for i in range(20))]
        (folder / f"L{k}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    proc = bitext("glossary", "check", "g/L0.yaml", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "ok, 120 terms" in proc.stdout


def test_extends_cycle_is_refused(tmp_path) -> None:
    (tmp_path / "a.yaml").write_text("name: a\nextends: b.yaml\nterms: []\n", encoding="utf-8")
    (tmp_path / "b.yaml").write_text("name: b\nextends: ./a.yaml\nterms: []\n", encoding="utf-8")
    assert "extends this file again" in refused(tmp_path, "glossary", "check", "a.yaml")


def test_huge_glossary_is_refused_by_size(tmp_path) -> None:
    term = "  - {en: term%d, zh: 术语}\n"
    body = "".join(term % i for i in range(90_000))
    (tmp_path / "big.yaml").write_text("name: big\nterms:\n" + body, encoding="utf-8")
    assert (tmp_path / "big.yaml").stat().st_size > 2_000_000
    assert "larger than 2 MB" in refused(tmp_path, "glossary", "check", "big.yaml")


def test_extends_of_a_secret_file_never_echoes_it(tmp_path) -> None:
    secret = tmp_path / "shadow"
    secret.write_text("root:$6$SECRETHASH:20228:0:99999:7:::\nbin:*:1:2:::\n", encoding="utf-8")
    (tmp_path / "g.yaml").write_text(
        f"name: g\nextends: {secret}\nterms:\n  - {{en: a, zh: b}}\n", encoding="utf-8"
    )
    line = refused(tmp_path, "glossary", "check", "g.yaml")
    assert "not a glossary" in line
    proc = bitext("glossary", "check", "g.yaml", cwd=tmp_path)
    assert "SECRETHASH" not in proc.stderr + proc.stdout and "99999" not in proc.stderr


# -- 4. non-regular files and size ----------------------------------------------------------------


def test_dev_zero_is_refused(tmp_path, pair) -> None:
    en, _ = pair
    assert "character device" in refused(tmp_path, "align", "/dev/zero", en)


def test_fifo_is_refused_without_blocking(tmp_path) -> None:
    os.mkfifo(tmp_path / "pipe.txt")
    assert "named pipe" in refused(tmp_path, "split", "pipe.txt")


def test_input_size_cap_is_configurable(tmp_path, pair) -> None:
    en, _ = pair
    line = refused(tmp_path, "split", en, env={"BITEXT_MAX_INPUT_MB": "0.001"})
    assert "larger than the input limit" in line and "BITEXT_MAX_INPUT_MB" in line
    assert bitext("split", en, cwd=tmp_path, env={"BITEXT_MAX_INPUT_MB": "5"}).returncode == 0
    assert "BITEXT_MAX_INPUT_MB" in refused(
        tmp_path, "split", en, env={"BITEXT_MAX_INPUT_MB": "lots"}
    )


def test_glossary_that_is_a_device_is_refused(tmp_path) -> None:
    (tmp_path / "g.yaml").write_text(
        "name: g\nextends: /dev/zero\nterms:\n  - {en: a, zh: b}\n", encoding="utf-8"
    )
    refused(tmp_path, "glossary", "check", "g.yaml")


# -- 5. error lines, never tracebacks -------------------------------------------------------------


@pytest.mark.parametrize(
    "name", ["[/x].txt", "[bold]x[/bold].txt", "[link=file:x.txt]x[/link].txt"]
)
def test_markup_in_a_file_name_is_printed_as_it_is(tmp_path, name) -> None:
    line = refused(tmp_path, "split", name)
    assert f"{name}: no such file" in line


def test_markup_in_a_config_error_is_kept(tmp_path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool]\nbitext = 5\n", encoding="utf-8")
    line = refused(tmp_path, "lint", "--config", "pyproject.toml", "x.en.md")
    assert "[tool.bitext] must be a table" in line


@pytest.mark.parametrize("value", ["5", '"bitext"', "[1, 2]"])
def test_odd_tool_key_in_a_parent_pyproject_is_a_config_error(tmp_path, pair, value) -> None:
    (tmp_path / "pyproject.toml").write_text(f"tool = {value}\n", encoding="utf-8")
    (tmp_path / "docs").mkdir()
    en, zh = pair
    shutil.copy(en, tmp_path / "docs" / en.name)
    shutil.copy(zh, tmp_path / "docs" / zh.name)
    line = refused(tmp_path, "lint", "docs/a.en.txt", "docs/a.zh.txt")
    assert "pyproject.toml" in line and "'tool' must be a table" in line


def test_codec_that_is_not_a_text_encoding(tmp_path, pair) -> None:
    en, _ = pair
    assert "not a text encoding" in refused(tmp_path, "split", en, "--encoding", "rot13")


_BOOM = (
    "import sys; import bitext.split as _; "
    "pkg = sys.modules['bitext.split']; "
    "pkg.split_file = lambda *a, **k: (_ for _ in ()).throw(RuntimeError('boom [/x]')); "
    "from bitext.cli.main import main; sys.exit(main(sys.argv[1:]))"
)


def test_unexpected_exception_is_an_internal_error_line(tmp_path, pair) -> None:
    en, _ = pair
    proc = bitext("split", en, cwd=tmp_path, code=_BOOM)
    line = one_error(proc)
    assert line.startswith("Error: internal error: RuntimeError: boom [/x]")
    debug = bitext("split", en, cwd=tmp_path, code=_BOOM, env={"BITEXT_DEBUG": "1"})
    assert "Traceback" in debug.stderr and "RuntimeError: boom" in debug.stderr


# -- 7. control characters and invalid text -------------------------------------------------------


def test_lone_surrogate_is_an_input_error(tmp_path) -> None:
    (tmp_path / "esc.txt").write_text("Fine text.\nThen \\ud800 broken.\n", encoding="ascii")
    line = refused(tmp_path, "split", "esc.txt", "--encoding", "unicode_escape")
    assert "esc.txt:2:" in line and "surrogate" in line


def test_nul_after_the_first_64_kb_is_binary(tmp_path) -> None:
    data = b"Plain English sentence here. " * 3000 + b"\x00\x01\x02binary tail"
    (tmp_path / "late.txt").write_bytes(data)
    assert "binary" in refused(tmp_path, "split", "late.txt")


def test_zero_width_only_lines_are_not_sentences(tmp_path) -> None:
    (tmp_path / "zw.txt").write_text(
        "First sentence here.\n\n\u200b\u200b\n\n\u200d\ufeff\nLast one here.\n", encoding="utf-8"
    )
    proc = bitext("split", "zw.txt", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines() == ["First sentence here.", "Last one here."]
    (tmp_path / "only.txt").write_text("\u200b\n\u200b\u200c\n", encoding="utf-8")
    assert "empty" in refused(tmp_path, "split", "only.txt")


def test_terminal_never_gets_a_raw_escape(tmp_path) -> None:
    (tmp_path / "esc.en.txt").write_text(
        "Clear \x1b[2J the screen.\nA CSI \x9b2J too.\n", encoding="utf-8"
    )
    master, slave = pty.openpty()
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "bitext", "split", "esc.en.txt"],
            cwd=tmp_path,
            env={**os.environ, "PYTHONPATH": str(REPO)},
            stdout=slave,
            stderr=subprocess.PIPE,
            timeout=TIMEOUT,
            preexec_fn=_limit(NO_MODEL_AS),
            check=False,
        )
        os.close(slave)
        chunks = []
        while True:
            try:
                chunk = os.read(master, 4096)
            except OSError:
                break
            if not chunk:
                break
            chunks.append(chunk)
    finally:
        os.close(master)
    shown = b"".join(chunks).decode("utf-8")
    assert proc.returncode == 0
    assert "\x1b" not in shown and "\x9b" not in shown
    assert "Clear ␛[2J the screen." in shown


def test_escape_in_a_file_name_is_not_sent_raw(tmp_path) -> None:
    proc = bitext("split", "evil\x1b[2J.txt", cwd=tmp_path)
    assert "\x1b" not in one_error(proc)


@pytest.mark.slow
def test_xml_outputs_parse_with_control_characters_and_sarif_uris_are_encoded(tmp_path) -> None:
    """One model load: TMX from align, JUnit and SARIF from lint, on files with ESC/VT/FF
    and a name with ``#``, ``%`` and spaces."""
    en = tmp_path / "my #1 doc%.en.txt"
    zh = tmp_path / "my #1 doc%.zh.txt"
    en.write_text(
        (EXAMPLES / "article.en.txt").read_text(encoding="utf-8").replace(". ", ".\x1b[2J ", 3)
        + "\x0bA vertical tab.\x0c\n",
        encoding="utf-8",
    )
    zh.write_text(
        (EXAMPLES / "article.zh.txt").read_text(encoding="utf-8").replace("。", "。\x1b[1m", 3),
        encoding="utf-8",
    )
    proc = bitext("align", en, zh, "--format", "tmx", "-o", "out.tmx", cwd=tmp_path, cap=MODEL_AS)
    assert proc.returncode == 0, proc.stderr
    tmx = ET.parse(tmp_path / "out.tmx")
    assert tmx.getroot().find("body/tu") is not None
    assert "control characters" in proc.stderr

    proc = bitext(
        "lint", en.name, zh.name, "--format", "junit", "-o", "out.xml", cwd=tmp_path, cap=MODEL_AS
    )
    assert proc.returncode in (0, 1), proc.stderr
    ET.parse(tmp_path / "out.xml")

    proc = bitext(
        "lint", en.name, zh.name, "--format", "sarif", "-o", "out.sarif", cwd=tmp_path, cap=MODEL_AS
    )
    assert proc.returncode in (0, 1), proc.stderr
    text = (tmp_path / "out.sarif").read_text(encoding="utf-8")
    assert "my%20%231%20doc%25.en.txt" in text and '"my #1 doc%.en.txt"' not in text


def test_sarif_relative_uri_is_percent_encoded() -> None:
    from bitext.report.sarif import artifact_uri

    assert artifact_uri("docs/my #1 doc%.en.txt") == "docs/my%20%231%20doc%25.en.txt"
    assert artifact_uri("/abs/my #1.txt") == "file:///abs/my%20%231.txt"


def test_xml_helpers_leave_only_what_xml_allows() -> None:
    from bitext.controls import visible, xml_strip, xml_visible

    assert xml_strip("a\x1bb\x0bc\td\n") == ("abc\td\n", 2)
    assert xml_visible("a\x1bb") == "a␛b"
    assert visible("x\x1b[2J\x9by") == "x␛[2J\\x9by"


# -- 9. a config nobody chose ---------------------------------------------------------------------


@pytest.mark.skipif(os.geteuid() != 0, reason="chown to another user needs root")
def test_config_owned_by_someone_else_and_writable_warns(tmp_path) -> None:
    parent = tmp_path / "shared"
    (parent / "work").mkdir(parents=True)
    config = parent / ".bitext.toml"
    config.write_text('fail-on = "never"\nignore = ["term"]\n', encoding="utf-8")
    os.chown(config, 54321, 54321)
    os.chmod(config, 0o666)
    proc = bitext("lint", "work/missing.en.md", cwd=parent)
    one_error(proc)
    warnings = [line for line in proc.stderr.splitlines() if line.startswith("Warning:")]
    assert len(warnings) == 1 and ".bitext.toml" in warnings[0]
    assert "another user" in warnings[0]
    os.chmod(config, 0o644)
    proc = bitext("lint", "work/missing.en.md", cwd=parent)
    assert "Warning:" not in proc.stderr


def test_own_config_gives_no_warning(tmp_path) -> None:
    from bitext.config import unsafe_config_warning

    config = tmp_path / ".bitext.toml"
    config.write_text("", encoding="utf-8")
    os.chmod(config, 0o666)
    assert unsafe_config_warning(config) is None


def test_xml_invalid_is_exactly_what_xml_1_0_forbids():
    """XML_INVALID is written as the forbidden set (fast to compile); it must match exactly the
    code points outside XML 1.0's ``Char`` production, no more and no fewer."""
    import re

    from bitext.controls import XML_INVALID

    char = re.compile("[\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
    wrong = [
        c for c in range(0x110000) if bool(XML_INVALID.match(chr(c))) == bool(char.match(chr(c)))
    ]
    assert wrong == []
