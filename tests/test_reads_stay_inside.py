"""Nothing outside the issue, its layout and `fonts/` is opened (issue 14): every file a
build opens is traced, from Python (an audit hook) and from the C libraries (strace), and
links from the issue to sentinel files outside are never followed."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest
from conftest import ROOT, IssueDir, needs_strace, typeset

EPOCH = {"SOURCE_DATE_EPOCH": "1764115200"}

# Runs the command line with every Python-level open recorded into argv[1].
TRACED = """
import json, os, sys
opened = []
def record(event, args):
    if event == "open" and isinstance(args[0], (str, bytes, os.PathLike)):
        opened.append(os.fsdecode(args[0]))
sys.addaudithook(record)
from typeset.cli import main
code = main(sys.argv[2:])
with open(sys.argv[1], "w") as out:
    json.dump(opened, out)
sys.exit(code)
"""


def _python_files() -> list[Path]:
    """Where Python and its packages live: reading them is running the program."""
    paths = sysconfig.get_paths()
    places = {sys.prefix, sys.base_prefix, paths["stdlib"], paths["purelib"], paths["platlib"]}
    return [Path(place).resolve() for place in places] + [ROOT / "src"]


def _outside(opened: list[str], allowed: list[Path]) -> list[str]:
    roots = [path.resolve() for path in allowed]
    return sorted(
        {
            name
            for name in opened
            if not any(Path(name).resolve().is_relative_to(root) for root in roots)
        }
    )


@pytest.mark.parametrize(
    "purpose", [(), ("--print",), ("--proof",)], ids=["pages", "print", "proof"]
)
def test_a_build_opens_only_the_issue_layout_fonts_and_its_output(
    issue_dir: IssueDir, tmp_path: Path, purpose: tuple[str, ...]
) -> None:
    out, log, temporary = tmp_path / "out", tmp_path / "opened.json", tmp_path / "tmp"
    temporary.mkdir()
    command = [sys.executable, "-c", TRACED, log, "build", *purpose, "--out", out, issue_dir.folder]
    done = subprocess.run(
        [str(part) for part in command],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "TMPDIR": str(temporary), **EPOCH},
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    opened = [name for name in json.loads(log.read_text()) if name != str(log)]
    assert any("issue.yaml" in name for name in opened)  # the hook saw the build's reads
    # Besides the program itself: WeasyPrint's fonts handed to fontconfig in temporary
    # files, and the table of file types Python's mimetypes reads.
    allowed = [issue_dir.folder, ROOT / "layouts", ROOT / "fonts", out, temporary]
    allowed += [*_python_files(), Path("/dev/null"), Path("/etc/mime.types")]
    outside = _outside(opened, allowed)
    assert outside == [], "\n".join(outside)


def _sentinels(tmp_path: Path) -> dict[str, Path]:
    outside = tmp_path / "outside"
    outside.mkdir()
    sentinels = {
        "yaml": outside / "SENTINEL-issue.yaml",
        "md": outside / "SENTINEL-article.md",
        "png": outside / "SENTINEL-image.png",
    }
    for path in sentinels.values():
        path.write_bytes(b"SENTINEL_SECRET\n")
    return sentinels


@needs_strace
@pytest.mark.parametrize("linked", ["issue.yaml", "articles/second.md", "images/ad.png"])
def test_links_to_files_outside_are_never_opened(
    issue_dir: IssueDir, tmp_path: Path, linked: str
) -> None:
    sentinel = _sentinels(tmp_path)[Path(linked).suffix.lstrip(".")]
    path = issue_dir.folder / linked
    path.unlink()
    path.symlink_to(sentinel)
    trace = tmp_path / "trace"
    done = subprocess.run(
        [
            "strace",
            "-f",
            "-qq",
            "-e",
            "trace=open,openat,openat2",
            "-o",
            str(trace),
            sys.executable,
            "-m",
            "typeset",
            "build",
            "--out",
            str(tmp_path / "out"),
            str(issue_dir.folder),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", **EPOCH},
        timeout=600,
    )
    assert done.returncode == 1
    assert "SENTINEL_SECRET" not in done.stderr and "Traceback" not in done.stderr
    assert re.search(r"(outside the issue folder|leaves the issue folder)", done.stderr)
    opens = [line for line in trace.read_text().splitlines() if "SENTINEL" in line]
    assert opens == []
    assert not (tmp_path / "out" / "test-issue").exists()


def test_check_of_an_issue_linking_outside_prints_nothing_of_the_file(
    issue_dir: IssueDir, tmp_path: Path
) -> None:
    sentinel = tmp_path / "secret.yaml"
    sentinel.write_text("SECRET_KEY_abc: 1\npaper: xinglin\n")
    issue_dir.yaml_path.unlink()
    issue_dir.yaml_path.symlink_to(sentinel)
    run = typeset("check", issue_dir.folder)
    assert run.code == 1 and "SECRET_KEY_abc" not in run.stderr
