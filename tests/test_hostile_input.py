"""Hostile and broken issues (issue 14): each gives one located error, or a correct result,
within seconds, with no traceback. Every case runs the real `typeset check` (or `build`) on
the exact input, so it keeps guarding whichever code does the step.

Errors are matched on `path:line:col:` and the message's words, with or without an
`error: ` tag between them."""

from __future__ import annotations

import os
import re
import shutil
import struct
import time
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import MINIMAL_ISSUE, ROOT, IssueDir, typeset
from PIL import Image

SECONDS = 20  # "within a few seconds", with room for a loaded CI machine


def _check(issue: IssueDir, *extra: str) -> str:
    started = time.monotonic()
    run = typeset("check", *extra, issue.folder)
    seconds = time.monotonic() - started
    assert "Traceback" not in run.stderr, run.stderr[-3000:]
    assert seconds < SECONDS, f"check took {seconds:.0f} s"
    assert run.code == 1, run.stderr
    return run.stderr


def _located(stderr: str, path: Path, line: int | None, words: str) -> None:
    """An error at `path` (line `line` if given) whose message has `words` (a regex)."""
    where = re.escape(str(path)) + {None: r":\d+:\d+", 0: ""}.get(line, f":{line}:\\d+")
    pattern = rf"^{where}: (error: )?.*{words}"
    assert re.search(pattern, stderr, re.M), f"no {pattern!r} in:\n{stderr[:3000]}"


def _yaml_error(issue: IssueDir, text: str, line: int | None, words: str) -> None:
    issue.yaml_path.write_bytes(text.encode("utf-8", "surrogateescape"))
    _located(_check(issue), issue.yaml_path, line, words)


# --- issue.yaml ---------------------------------------------------------------------------

# Nine levels of ten aliases each: 10^9 values once expanded.
ALIAS_BOMB = "extra:\n  a0: &a0 [x]\n" + "".join(
    f"  a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 10)}]\n" for n in range(1, 10)
)


@pytest.mark.parametrize(
    ("name", "text", "line", "words"),
    [
        ("self alias", MINIMAL_ISSUE + "extra: &r [*r]\n", None, "alias refers to its own"),
        ("nested [", MINIMAL_ISSUE + "extra: " + "[" * 20000 + "]" * 20000, None, "too deep"),
        ("nested {", MINIMAL_ISSUE + "extra: " + "{a: " * 5000 + "}" * 5000, None, "too deep"),
        ("NUL", MINIMAL_ISSUE.replace("林小文", "林\x00小文"), 9, "U\\+0000 is not allowed"),
        ("BEL", MINIMAL_ISSUE.replace("何静", "何\x07静"), 18, "U\\+0007 is not allowed"),
        ("timestamp", MINIMAL_ISSUE.replace("2025-11-20", "!!timestamp notadate"), 2, "timest"),
        ("bool", MINIMAL_ISSUE.replace("number: 12", "number: !!bool maybe"), 3, "!!bool"),
        ("int", MINIMAL_ISSUE.replace("number: 12", "number: !!int 1x"), 3, "!!int"),
        ("alias bomb", MINIMAL_ISSUE + ALIAS_BOMB, None, "too large"),
        ("number true", MINIMAL_ISSUE.replace("number: 12", "number: true"), 3, "whole number"),
        (
            "page 10^23",
            MINIMAL_ISSUE.replace("number: 1\n", "number: 100000000000000000000000\n"),
            6,
            "must be at most 999",
        ),
        (
            "empty headline",
            MINIMAL_ISSUE.replace("headline: 第二版文章", "headline: ''"),
            None,
            "must not be empty",
        ),
        (
            "blank headline",
            MINIMAL_ISSUE.replace("headline: 第二版文章", "headline: '   '"),
            None,
            "must not be empty",
        ),
        (
            "key with space",
            MINIMAL_ISSUE.replace("  second:", "  'sec ond':"),
            None,
            "article key 'sec ond'",
        ),
        ("key with <>", MINIMAL_ISSUE.replace("  second:", "  '<b>':"), None, "article key '<b>'"),
        ("set tag", MINIMAL_ISSUE + "extra: !!set {a, b}\n", None, "set' is not allowed"),
        (
            "python tag",
            MINIMAL_ISSUE + "extra: !!python/object/apply:os.system [ls]\n",
            None,
            "python",
        ),
        ("complex key", MINIMAL_ISSUE + "? [a, b]\n: 1\n", None, "plain word"),
        (
            "bad byte",
            MINIMAL_ISSUE.replace("editor: 林小文", "editor: 林\udcff文"),
            9,
            "not UTF-8",
        ),
    ],
)
def test_hostile_issue_yaml(issue_dir: IssueDir, name: str, text: str, line, words) -> None:
    _yaml_error(issue_dir, text, line, words)


def test_bad_utf8_byte_is_reported_at_its_line_and_column(issue_dir: IssueDir) -> None:
    issue_dir.yaml_path.write_bytes(
        MINIMAL_ISSUE.encode().replace("林小文".encode(), b"\xe6\x9e\x97\xff")
    )
    _located(_check(issue_dir), issue_dir.yaml_path, 9, "not UTF-8: byte 0xFF")
    assert f"{issue_dir.yaml_path}:9:14:" in _check(issue_dir)


def test_a_bom_is_accepted_in_issue_yaml_and_articles(issue_dir: IssueDir) -> None:
    issue_dir.yaml_path.write_bytes(b"\xef\xbb\xbf" + MINIMAL_ISSUE.encode())
    article = issue_dir.folder / "articles" / "lead.md"
    article.write_bytes(b"\xef\xbb\xbf" + article.read_bytes())
    run = typeset("check", issue_dir.folder)
    assert run.code == 0, run.stderr


def test_issue_yaml_linking_outside_is_not_read(issue_dir: IssueDir, tmp_path: Path) -> None:
    secret = tmp_path / "secret.yaml"
    secret.write_text("SECRET_KEY_abc: 1\n" + MINIMAL_ISSUE)
    issue_dir.yaml_path.unlink()
    issue_dir.yaml_path.symlink_to(secret)
    stderr = _check(issue_dir)
    assert "SECRET_KEY_abc" not in stderr
    _located(stderr, issue_dir.yaml_path, 0, "outside the issue folder")
    issue_dir.yaml_path.unlink()
    issue_dir.yaml_path.symlink_to("/etc/passwd")
    _located(_check(issue_dir), issue_dir.yaml_path, 0, "outside the issue folder")


@pytest.mark.parametrize("kind", ["fifo", "folder"])
def test_issue_yaml_that_is_no_file(issue_dir: IssueDir, kind: str) -> None:
    issue_dir.yaml_path.unlink()
    if kind == "fifo":
        os.mkfifo(issue_dir.yaml_path)
    else:
        issue_dir.yaml_path.mkdir()
    _located(_check(issue_dir), issue_dir.yaml_path, 1, "cannot read file")


# --- articles -----------------------------------------------------------------------------


def _article_error(issue: IssueDir, text: str | bytes, line: int | None, words: str) -> str:
    path = issue.folder / "articles" / "second.md"
    path.write_bytes(text if isinstance(text, bytes) else text.encode())
    stderr = _check(issue)
    _located(stderr, path, line, words)
    return stderr


@pytest.mark.parametrize(
    ("name", "text", "line", "words"),
    [
        ("file link", "正文\n\n[链接](file:///etc/passwd)\n", 3, "not a web address"),
        ("javascript link", "正文\n\n[链接](javascript:alert(1))\n", 3, "not a web address"),
        ("autolink", "正文\n\n<file:///etc/passwd>\n", 3, "not a web address"),
        ("reference", "正文\n\n[链接][r]\n\n[r]: javascript:alert(1)\n", 5, "not a web address"),
        ("image", "正文\n\n![图](file:///etc/passwd)\n", 3, "photos"),
        ("image reference", "正文\n\n![图][r]\n\n[r]: file:///etc/passwd\n", 5, "photos"),
        ("table", "正文\n\n| 甲 | 乙 |\n| --- | --- |\n| 1 | 2 |\n", 3, "tables"),
        ("ogham space", "正文\u1680正文\n", 1, "U\\+1680"),
    ],
)
def test_hostile_article(issue_dir: IssueDir, name: str, text, line, words) -> None:
    _article_error(issue_dir, text, line, words)


def test_a_bad_byte_in_an_article_is_reported_at_its_line_and_column(issue_dir: IssueDir) -> None:
    text = "第一段\n\n第二段\n\n第三".encode() + b"\xff" + "段\n".encode()
    stderr = _article_error(issue_dir, text, 5, "not UTF-8: byte 0xFF")
    assert "second.md:5:3:" in stderr


def test_ten_thousand_nested_quotes_are_one_error(issue_dir: IssueDir) -> None:
    stderr = _article_error(issue_dir, ">" * 10000 + " 引文\n", 1, "block quotes")
    assert stderr.count("block quotes") == 1


@pytest.mark.parametrize("kind", ["fifo", "folder"])
def test_an_article_that_is_no_file(issue_dir: IssueDir, kind: str) -> None:
    path = issue_dir.folder / "articles" / "second.md"
    path.unlink()
    os.mkfifo(path) if kind == "fifo" else path.mkdir()
    words = "not a regular file" if kind == "fifo" else "is a folder"
    text = issue_dir.yaml_path.read_text("utf-8")
    _located(
        _check(issue_dir),
        issue_dir.yaml_path,
        int(issue_dir.where(text, "articles/second.md").split(":")[-3]),
        words,
    )


def test_a_ten_megabyte_article_is_refused_at_once(issue_dir: IssueDir) -> None:
    _article_error(issue_dir, "正文" * 1_700_000 + "\n", None, "too large")


def test_two_hundred_thousand_paragraphs_are_refused_at_once(issue_dir: IssueDir) -> None:
    _article_error(issue_dir, "文\n\n" * 200_000, None, "too long")


@pytest.mark.parametrize(
    "paragraph",
    [
        # Just under the article limit (1,000,000 bytes) each.
        "word " * 190_000,  # Latin: the web-address pattern was quadratic
        "a" * 990_000,
        "1" * 990_000,
        "1.1." * 240_000,
        "a.b+" * 240_000,
        "http://" + "a" * 980_000,
        "1年" * 240_000,  # a number and unit every two characters: 240,000 no-break runs
        "**1年**" * 70_000,  # as many runs as no-break stretches
    ],
    ids=["words", "letters", "digits", "dots", "dotted letters", "address", "units", "runs"],
)
def test_a_megabyte_paragraph_is_checked_in_seconds(issue_dir: IssueDir, paragraph: str) -> None:
    (issue_dir.folder / "articles" / "second.md").write_text(paragraph + "\n")
    started = time.monotonic()
    run = typeset("check", issue_dir.folder)
    assert time.monotonic() - started < SECONDS
    assert "Traceback" not in run.stderr
    assert run.code in (0, 1), run.stderr  # Latin letters may be missing from the fonts


# --- images -------------------------------------------------------------------------------


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def _png_with(chunk: bytes) -> bytes:
    """A 1×1 PNG carrying `chunk` before its pixels."""
    header = _png_chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0))
    pixels = _png_chunk(b"IDAT", zlib.compress(b"\x00\x00"))
    return b"\x89PNG\r\n\x1a\n" + header + chunk + pixels + _png_chunk(b"IEND", b"")


def _image_error(issue: IssueDir, data: bytes, words: str, name: str = "ad.png") -> None:
    (issue.folder / "images" / name).write_bytes(data)
    if name != "ad.png":
        issue.write_yaml(MINIMAL_ISSUE.replace("images/ad.png", f"images/{name}"))
    text = issue.yaml_path.read_text("utf-8")
    line = int(issue.where(text, f"images/{name}").split(":")[-3])
    _located(_check(issue), issue.yaml_path, line, words)


BOMB = zlib.compress(b"\x00" * 200_000_000, 9)


@pytest.mark.parametrize(
    ("name", "chunk"),
    [
        ("zTXt", _png_chunk(b"zTXt", b"note\x00\x00" + BOMB)),
        ("iCCP", _png_chunk(b"iCCP", b"icc\x00\x00" + BOMB)),
    ],
)
def test_a_png_chunk_inflating_to_200_megabytes(issue_dir: IssueDir, name: str, chunk) -> None:
    _image_error(issue_dir, _png_with(chunk), "not a readable image")


def test_eps_under_a_png_name(issue_dir: IssueDir) -> None:
    eps = b"%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 10 10\nshowpage\n%%EOF\n"
    _image_error(issue_dir, eps, "(EPS|not a readable image|PNG or JPEG)")


SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"'
    ' width="10" height="10">{}</svg>'
)
NESTED_USE = (
    "<defs><g id='u0'><rect width='1' height='1'/></g>"
    + "".join(
        f"<g id='u{n}'>" + f"<use xlink:href='#u{n - 1}'/>" * 10 + "</g>" for n in range(1, 9)
    )
    + "</defs><use xlink:href='#u8'/>"
)


@pytest.mark.parametrize(
    ("name", "body", "words"),
    [
        (
            "font-face",
            "<style>@font-face { font-family: x; src: url(file:///etc/passwd) }</style>",
            "refers to",
        ),
        (
            "style url",
            "<rect style=\"fill: url('file:///etc/passwd')\" width='1' height='1'/>",
            "refers to",
        ),
        ("image href", "<image href='file:///etc/passwd' width='1' height='1'/>", "refers to"),
        ("xlink image", "<image xlink:href='../issue.yaml' width='1' height='1'/>", "refers to"),
        ("nested use", NESTED_USE, "too complex"),
        (
            "use loop",
            "<g id='a'><use xlink:href='#b'/></g><g id='b'><use xlink:href='#a'/></g>",
            "too complex",
        ),
    ],
)
def test_hostile_svg(issue_dir: IssueDir, name: str, body: str, words: str) -> None:
    _image_error(issue_dir, SVG.format(body).encode(), words, "ad.svg")


def test_svg_using_its_own_parts_is_fine(issue_dir: IssueDir) -> None:
    body = (
        "<defs><rect id='r' width='1' height='1'/></defs>"
        "<use xlink:href='#r'/><rect style='fill: url(#r)'/>"
    )
    (issue_dir.folder / "images" / "ad.svg").write_text(SVG.format(body))
    issue_dir.write_yaml(MINIMAL_ISSUE.replace("images/ad.png", "images/ad.svg"))
    run = typeset("check", issue_dir.folder)
    assert run.code == 0, run.stderr


@pytest.mark.parametrize("kind", ["fifo", "folder", "outside link"])
def test_an_image_that_is_no_file_or_lies_outside(
    issue_dir: IssueDir, tmp_path: Path, kind: str
) -> None:
    path = issue_dir.folder / "images" / "ad.png"
    path.unlink()
    actions: dict[str, Callable[[], object]] = {
        "fifo": lambda: os.mkfifo(path),
        "folder": path.mkdir,
        "outside link": lambda: path.symlink_to(tmp_path / "outside.png"),
    }
    Image.new("RGB", (5, 5)).save(tmp_path / "outside.png")
    actions[kind]()
    words = {
        "fifo": "not a regular file",
        "folder": "is a folder",
        "outside link": "leaves the issue",
    }
    text = issue_dir.yaml_path.read_text("utf-8")
    line = int(issue_dir.where(text, "images/ad.png").split(":")[-3])
    _located(_check(issue_dir), issue_dir.yaml_path, line, words[kind])


# --- builds -------------------------------------------------------------------------------


def test_a_two_thousand_character_headline_is_refused(issue_dir: IssueDir) -> None:
    headline = ("医学科学研究推动临床诊疗，" * 160)[:2000]
    text = issue_dir.write_yaml(
        MINIMAL_ISSUE.replace("headline: 第二版文章", f"headline: {headline}")
    )
    line = int(issue_dir.where(text, "headline: 医").split(":")[-3])
    _located(_check(issue_dir), issue_dir.yaml_path, line, "at most 500 characters")


def test_the_longest_headline_builds_in_seconds(issue_dir: IssueDir, tmp_path: Path) -> None:
    """Balancing its lines tried every combination of breaks: hours for this one."""
    headline = ("医学科学研究推动临床诊疗，" * 40)[:500]
    issue_dir.write_yaml(MINIMAL_ISSUE.replace("headline: 第二版文章", f"headline: {headline}"))
    started = time.monotonic()
    run = typeset("build", "--out", tmp_path / "out", issue_dir.folder)
    assert time.monotonic() - started < 60
    assert "Traceback" not in run.stderr
    assert run.code == 0, run.stderr


def test_a_file_the_layout_may_not_read_is_one_located_line(
    issue_dir: IssueDir, tmp_path: Path
) -> None:
    """A stylesheet (the layout's, not the issue's) naming a file outside: the fetcher
    refuses it, and the build says so in one line instead of WeasyPrint's traceback."""
    layouts = tmp_path / "layouts"
    shutil.copytree(ROOT / "layouts", layouts)
    style = layouts / "xinglin" / "style.css"
    style.write_text('@import url("file:///etc/hostname");\n' + style.read_text("utf-8"))
    run = typeset("--layouts", layouts, "build", "--out", tmp_path / "out", issue_dir.folder)
    assert run.code == 1 and "Traceback" not in run.stderr, run.stderr
    _located(run.stderr, issue_dir.yaml_path, 1, "could not read a file: .*file:///etc/hostname")
    assert not (tmp_path / "out" / "test-issue").exists()


@pytest.mark.parametrize("epoch", ["abc", "-5", "99999999999999", "1.5"])
def test_an_unusable_source_date_epoch_is_one_line(issue_dir: IssueDir, epoch: str) -> None:
    run = typeset(
        "build",
        "--out",
        issue_dir.folder.parent / "out",
        issue_dir.folder,
        env={"SOURCE_DATE_EPOCH": epoch},
    )
    assert run.code == 2 and "Traceback" not in run.stderr
    assert run.stderr.strip().splitlines() == [
        f"typeset: SOURCE_DATE_EPOCH='{epoch}' is not a number of seconds since 1970 "
        "(for example 1764115200); unset it or correct it"
    ]
