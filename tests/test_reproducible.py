"""Same inputs, same bytes; dates only from SOURCE_DATE_EPOCH."""

from __future__ import annotations

import pikepdf
from conftest import IssueDir, typeset


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
