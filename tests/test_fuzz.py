"""Fuzzing `typeset check` (issue 14): hypothesis corrupts the small issue's YAML, an
article and an image a few hundred times per run — cut, repeat and insert stretches,
YAML and Markdown syntax, hostile values, bad bytes — and each check must end within
seconds with a result, never a traceback.

The checks run in this process through the command line's `main`, so that a few hundred
of them take a minute; an exception out of `main` is the traceback a user would see.
"""

from __future__ import annotations

import contextlib
import io
import re
import shutil
import signal
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import ROOT, make_issue_dir
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from typeset.cli import main

SECONDS = 10  # per check; a sound one takes a tenth of that
EXAMPLES = 200  # per test: three tests, 500 corrupted issues per run (10–40 s)
SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,  # the alarm below catches hangs; times vary on a shared machine
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    # Explaining a failure traces every line, ten times slower: the alarm would go off.
    phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.target, Phase.shrink],
)

# What a corruption inserts: YAML and Markdown syntax, values that stretch the schema,
# paths out of the issue, control characters, bytes that are not UTF-8.
PIECES = [
    b"&a ",
    b"*a",
    b"&a [*a]",
    b"!!bool ",
    b"!!timestamp ",
    b"!!python/object:os.system ",
    b"!!binary ",
    b"!!set ",
    b"? ",
    b"<<: *a",
    b"[",
    b"]",
    b"{",
    b"}",
    b"- ",
    b": ",
    b"|",
    b">",
    b"\t",
    b"\n",
    b"#",
    b"'",
    b'"',
    b"\\",
    b"%YAML 1.1\n",
    b"---\n",
    b"...\n",
    b"100000000000000000000000",
    b"-1",
    b"0",
    b"true",
    b"null",
    b"~",
    b".nan",
    b"1e999",
    b"2025-13-40",
    b"../",
    b"/etc/passwd",
    b"file:///etc/passwd",
    b"images",
    b"articles",
    b"\x00",
    b"\x07",
    b"\x1b",
    b"\xff",
    b"\xe6\x9e",
    b"\xef\xbb\xbf",
    "\u1680".encode(),
    "\u3000".encode(),
    "\U0001f600".encode(),
    "（".encode(),
    b"http://",
    b"a@b.c",
    b"1,000",
    b"## ",
    b"# ",
    b"**",
    b"*",
    b"`",
    b"```\n",
    b"![x](y.png)",
    b"[x](javascript:x)",
    b"<file:///etc/passwd>",
    b"| a | b |\n| - | - |\n",
    b"> " * 40,
    b"    ",
    b"<b>",
    b"{{ x }}",
]


def _mutations(max_size: int) -> st.SearchStrategy:
    """Lists of (kind, where, length, piece): edits applied in turn to a file's bytes."""
    edit = st.tuples(
        st.sampled_from(["insert", "delete", "repeat", "replace"]),
        st.floats(0, 1),
        st.integers(0, 200),
        st.one_of(st.sampled_from(PIECES), st.binary(max_size=12)),
    )
    return st.lists(edit, min_size=1, max_size=max_size)


def _mutated(data: bytes, edits: list[tuple[str, float, int, bytes]]) -> bytes:
    for kind, where, length, piece in edits:
        at = int(where * len(data))
        stretch = data[at : at + length]
        if kind == "insert":
            data = data[:at] + piece + data[at:]
        elif kind == "delete":
            data = data[:at] + data[at + length :]
        elif kind == "repeat":
            data = data[:at] + stretch * 1000 + data[at:]
        else:
            data = data[:at] + piece + data[at + len(piece) :]
    return data


@contextlib.contextmanager
def _alarm(seconds: int) -> Iterator[None]:
    def hang(signum, frame):
        raise TimeoutError(f"typeset check took more than {seconds} s")

    previous = signal.signal(signal.SIGALRM, hang)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@pytest.fixture(scope="module")
def pristine() -> Iterator[Path]:
    """The small issue, copied for each example."""
    with tempfile.TemporaryDirectory() as folder:
        yield make_issue_dir(Path(folder)).folder


def _check_corrupted(pristine: Path, name: str, edits: list) -> None:
    with tempfile.TemporaryDirectory() as folder:
        issue = Path(folder) / "test-issue"
        shutil.copytree(pristine, issue)
        target = issue / name
        target.write_bytes(_mutated(target.read_bytes(), edits))
        stderr = io.StringIO()
        args = ["--layouts", str(ROOT / "layouts"), "--fonts", str(ROOT / "fonts")]
        with _alarm(SECONDS), contextlib.redirect_stderr(stderr):
            code = main([*args, "check", str(issue)])
    assert code in (0, 1), stderr.getvalue()
    if code == 1:  # every error names its file, and its line:col unless it is the whole file
        errors = [line for line in stderr.getvalue().splitlines() if ": error: " in line]
        assert errors, stderr.getvalue()
        assert all(re.match(r"\S+(:\d+:\d+)?: error: ", line) for line in errors), errors


@SETTINGS
@given(edits=_mutations(4))
def test_corrupted_issue_yaml(pristine: Path, edits: list) -> None:
    _check_corrupted(pristine, "issue.yaml", edits)


@SETTINGS
@given(edits=_mutations(4))
def test_corrupted_article(pristine: Path, edits: list) -> None:
    _check_corrupted(pristine, "articles/lead.md", edits)


@settings(SETTINGS, max_examples=EXAMPLES // 2)
@given(edits=_mutations(3))
def test_corrupted_image(pristine: Path, edits: list) -> None:
    _check_corrupted(pristine, "images/ad.png", edits)
