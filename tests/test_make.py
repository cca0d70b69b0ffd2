"""`make` and the command line never go stale: freshness by content, any directory, an
issue folder or its issue.yaml, clean keeps the record, copied issues are noticed."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import MINIMAL_ISSUE, ROOT, IssueDir, make_issue_dir, paragraph_of_lines, typeset
from PIL import Image

BIN = Path(sys.executable).parent


def make(folder: Path, *args: str) -> subprocess.CompletedProcess:
    """The project's Makefile run in `folder`, with this test run's installed typeset."""
    return subprocess.run(
        ["make", "--no-print-directory", "-f", str(ROOT / "Makefile"), f"BIN={BIN}", *args],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "MAKEFLAGS": ""},
    )


def test_version_and_help() -> None:
    run = typeset("--version")
    assert run.code == 0 and run.stdout.startswith("typeset 0.")
    shown = make(ROOT, "help").stdout
    for target in ("make check", "make print", "FORCE=1", "make proof", "make distclean"):
        assert target in shown


def test_typeset_runs_from_any_directory_and_takes_the_issue_yaml(
    issue_dir: IssueDir, tmp_path: Path
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    run = typeset("check", issue_dir.yaml_path, cwd=elsewhere)
    assert run.code == 0, run.stderr
    assert run.stderr.strip() == f"{issue_dir.folder}: ok"
    # inside a repository, its own layouts are used and its build/ written
    repository = tmp_path / "repository"
    shutil.copytree(ROOT / "layouts", repository / "layouts")
    (repository / "fonts").symlink_to(ROOT / "fonts")
    copied = make_issue_dir(repository / "issues")
    run = typeset("build", copied.yaml_path, cwd=elsewhere)
    assert run.code == 0, run.stderr
    assert (repository / "build" / "test-issue" / "issue.pdf").is_file()
    (repository / "layouts" / "xinglin" / "paper.yaml").write_text("trim: 1\n", "utf-8")
    run = typeset("check", copied.folder, cwd=elsewhere)
    assert run.code == 1 and f"{repository}/layouts/xinglin/paper.yaml" in run.stderr


def test_a_build_is_redone_exactly_when_an_input_changes(
    issue_dir: IssueDir, tmp_path: Path
) -> None:
    out = tmp_path / "out"

    def build() -> str:
        run = typeset("build", "--if-changed", issue_dir.folder, "--out", out)
        assert run.code == 0, run.stderr
        return "built" if "pages," in run.stderr else "up to date"

    assert build() == "built"
    assert build() == "up to date"
    photo = issue_dir.folder / "images" / "IMG 2041.png"  # a new file, a space in its name
    Image.new("RGB", (30, 40), "white").save(photo)
    assert build() == "built"
    assert build() == "up to date"
    Image.new("RGB", (30, 40), "black").save(photo)  # same name, other content
    assert build() == "built"
    photo.unlink()
    assert build() == "built"
    os.utime(issue_dir.yaml_path)  # touched, not changed
    assert build() == "up to date"


def test_proofs_only_for_changed_issues(issue_dir: IssueDir, tmp_path: Path) -> None:
    out = tmp_path / "out"

    def proof(*flags: str) -> list[str]:
        run = typeset("build", "--proof", *flags, issue_dir.folder, "--out", out)
        assert run.code == 0, run.stderr
        return sorted(path.name for path in (out / "test-issue" / "proof").iterdir())

    assert proof("--if-changed") == ["round-1"]
    assert proof("--if-changed") == ["round-1"]
    issue_dir.write_article("second.md", f"{paragraph_of_lines(4)}\n")
    assert proof("--if-changed") == ["round-1", "round-2"]
    assert proof() == ["round-1", "round-2", "round-3"]  # asked for: made anyway


def test_make_clean_keeps_proofs_and_print_files(tmp_path: Path) -> None:
    issue = tmp_path / "build" / "2026-11-26"
    for folder in ("pages", "proof/round-1", "print"):
        (issue / folder).mkdir(parents=True)
    for name in ("issue.pdf", "report.txt", "proof/round-1/page-01.pdf", "print/manifest.json"):
        (issue / name).write_text("x")
    (tmp_path / "build" / ".cache").mkdir()
    assert make(tmp_path, "clean").returncode == 0
    left = sorted(p.relative_to(issue).as_posix() for p in issue.rglob("*"))
    assert left == [
        "print",
        "print/manifest.json",
        "proof",
        "proof/round-1",
        "proof/round-1/page-01.pdf",
    ]
    assert not (tmp_path / "build" / ".cache").exists()
    (tmp_path / ".venv").mkdir()
    assert make(tmp_path, "distclean").returncode == 0
    assert not (tmp_path / "build").exists() and not (tmp_path / ".venv").exists()


def test_make_print_goes_on_past_an_overset_issue_and_force_builds_it(tmp_path: Path) -> None:
    good = make_issue_dir(tmp_path / "good").folder.rename(tmp_path / "good-issue")
    over = IssueDir(make_issue_dir(tmp_path / "over").folder.rename(tmp_path / "over-issue"))
    over.write_article("second.md", f"{paragraph_of_lines(60)}\n")
    issues = f"ISSUES={good} {over.folder}"
    (tmp_path / "pyproject.toml").symlink_to(ROOT / "pyproject.toml")  # what .venv is from
    run = make(tmp_path, "print", issues)
    assert run.returncode != 0
    assert "final build refused" in run.stderr
    assert (tmp_path / "build" / "good-issue" / "print" / "manifest.json").is_file()
    assert not (tmp_path / "build" / "over-issue" / "print").exists()
    assert "preflight: 2 files, 0 errors" in run.stderr  # the good issue's, preflighted
    forced = make(tmp_path, "print", issues, "FORCE=1")
    assert forced.returncode == 0, forced.stderr


def test_a_copied_issue_that_repeats_another_is_warned(tmp_path: Path) -> None:
    issues = tmp_path / "issues"
    first = make_issue_dir(issues)
    first.folder.rename(issues / "2025-11-20")
    copy = issues / "2025-11-27"
    shutil.copytree(issues / "2025-11-20", copy)
    run = typeset("check", copy)
    assert run.code == 0
    yaml_path = copy / "issue.yaml"
    for message in (
        f"{yaml_path}:2:7: warning: the folder is named '2025-11-27' but the issue's date is "
        "2025-11-20",
        f"{yaml_path}:2:7: warning: issue '2025-11-20' has the same date, 2025-11-20",
        f"{yaml_path}:3:9: warning: issue '2025-11-20' has the same 期号, 12",
        f"{yaml_path}:4:15: warning: issue '2025-11-20' has the same 总期号, 345",
    ):
        assert message in run.stderr
    (copy / "issue.yaml").write_text(
        MINIMAL_ISSUE.replace("2025-11-20", "2025-11-27")
        .replace("number: 12", "number: 13")
        .replace("345", "346"),
        encoding="utf-8",
    )
    assert "warning" not in typeset("check", copy).stderr
