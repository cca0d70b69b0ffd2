"""Same inputs, same bytes; dates only from SOURCE_DATE_EPOCH."""

from __future__ import annotations

import shutil
from pathlib import Path

import pikepdf
from conftest import ROOT, IssueDir, typeset


def built_files(issue_dir: IssueDir, out, env: dict) -> dict[str, bytes]:
    assert typeset("build", issue_dir.folder, "--out", out, env=env).code == 0
    folder = out / "test-issue"
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*.pdf"))}


def test_two_builds_are_byte_identical(issue_dir: IssueDir, tmp_path) -> None:
    env = {"SOURCE_DATE_EPOCH": "1764000000"}
    first = built_files(issue_dir, tmp_path / "a", {**env, "PYTHONHASHSEED": "1"})
    second = built_files(issue_dir, tmp_path / "b", {**env, "PYTHONHASHSEED": "2"})
    assert sorted(first) == ["issue.pdf", "pages/page-01.pdf", "pages/page-02.pdf"]
    assert first == second
    with pikepdf.open(tmp_path / "a" / "test-issue" / "issue.pdf") as pdf:
        assert str(pdf.docinfo["/CreationDate"]).startswith("D:20251124")


def test_without_source_date_epoch_no_date_is_written(issue_dir: IssueDir, tmp_path) -> None:
    env = {"SOURCE_DATE_EPOCH": ""}
    first = built_files(issue_dir, tmp_path / "a", env)
    assert first == built_files(issue_dir, tmp_path / "b", env)
    with pikepdf.open(tmp_path / "a" / "test-issue" / "issue.pdf") as pdf:
        assert "/CreationDate" not in pdf.docinfo


def _clone(root: Path, issue: IssueDir) -> Path:
    """The project as another checkout holds it: its own folder, the issue inside it."""
    for part in ("src", "layouts", "fonts"):
        shutil.copytree(ROOT / part, root / part, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(issue.folder, root / "issues" / issue.folder.name)
    return root


def _outputs(clone: Path, env: dict[str, str]) -> dict[str, bytes]:
    """Pages, print files and a proof round built in `clone` with its own code."""
    issue = clone / "issues" / "test-issue"
    environment = {**env, "SOURCE_DATE_EPOCH": "1764000000", "PYTHONPATH": str(clone / "src")}
    for purpose in ((), ("--print",), ("--proof",)):
        run = typeset("build", *purpose, issue, cwd=clone, env=environment)
        assert run.code == 0, run.stderr
    folder = clone / "build" / "test-issue"
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and not path.name.startswith(".")
    }


def test_two_checkouts_in_other_folders_and_locales_give_the_same_bytes(
    issue_dir: IssueDir, tmp_path: Path
) -> None:
    first = _outputs(
        _clone(tmp_path / "a", issue_dir),
        {"TZ": "UTC", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "PYTHONHASHSEED": "1"},
    )
    second = _outputs(
        _clone(tmp_path / "checkout two" / "深处", issue_dir),
        {"TZ": "America/New_York", "LANG": "zh_CN.UTF-8", "LC_ALL": "", "PYTHONHASHSEED": "2"},
    )
    assert {"issue.pdf", "print/manifest.json", "proof/round-1/page-01.pdf"} <= set(first)
    assert [name for name in first if first[name] != second.get(name)] == []
    assert first.keys() == second.keys()
