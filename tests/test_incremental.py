"""Incremental and parallel builds: a page whose inputs did not change is not laid out
again, and every PDF is byte-identical to a full serial build of the same files."""

from __future__ import annotations

import os
from pathlib import Path

import pdfplumber
from conftest import IssueDir, paragraph_of_lines, typeset
from PIL import Image

ENV = {"SOURCE_DATE_EPOCH": "1764000000"}


def build(issue_dir: IssueDir, out: Path, *flags: str) -> str:
    """Build with -v (a line per page); the build's stderr."""
    run = typeset("build", issue_dir.folder, "--out", out, "-v", *flags, env=ENV)
    assert run.code == 0, run.stderr
    return run.stderr


def pdfs(out: Path) -> dict[str, bytes]:
    folder = out / "test-issue"
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*.pdf"))}


def test_parallel_and_incremental_builds_equal_a_full_serial_build(
    issue_dir: IssueDir, tmp_path: Path
) -> None:
    build(issue_dir, tmp_path / "serial", "-j", "1")
    said = build(issue_dir, tmp_path / "parallel", "-j", "2")
    assert "第1版: laid out" in said and "第2版: laid out" in said
    assert pdfs(tmp_path / "parallel") == pdfs(tmp_path / "serial")

    before = pdfs(tmp_path / "parallel")
    issue_dir.write_article("second.md", f"改稿{paragraph_of_lines(4)}\n")
    said = build(issue_dir, tmp_path / "parallel", "-j", "2")
    assert "第1版: unchanged" in said and "第2版: laid out" in said
    after = pdfs(tmp_path / "parallel")
    assert after["pages/page-01.pdf"] == before["pages/page-01.pdf"]
    assert after["pages/page-02.pdf"] != before["pages/page-02.pdf"]
    build(issue_dir, tmp_path / "fresh", "-j", "1")
    assert after == pdfs(tmp_path / "fresh")
    with pdfplumber.open(tmp_path / "parallel" / "test-issue" / "issue.pdf") as pdf:
        assert len(pdf.pages) == 2
        assert "改稿" in pdf.pages[1].extract_text().replace("\n", "")


def test_a_page_is_laid_out_again_when_a_file_it_shows_changes(
    issue_dir: IssueDir, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    build(issue_dir, out)
    ad = issue_dir.folder / "images" / "ad.png"
    os.utime(ad, (1, 1))  # same bytes, new time: still the same page
    assert "第2版: unchanged" in build(issue_dir, out)
    Image.new("RGB", (600, 400), (20, 120, 80)).save(ad)
    said = build(issue_dir, out)
    assert "第1版: unchanged" in said and "第2版: laid out" in said
    fresh = tmp_path / "fresh"
    build(issue_dir, fresh, "-j", "1")
    assert pdfs(out) == pdfs(fresh)
