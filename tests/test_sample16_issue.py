"""The 16-page sample issue (2026-12-03) as a reader sees it: built once, read back."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pdfplumber
import pytest
from conftest import ROOT, typeset
from typography import body_lines, kinsoku_violations, loose_lines

ISSUE = ROOT / "issues" / "2026-12-03"
MM = 72 / 25.4
TOP_MARGIN, LEADING = 16 * MM, 13.5  # layouts/xinglin/paper.yaml
NAMEPLATE_LINES, FOLIO_LINES = 17, 6
COLUMN, GUTTER, TYPE_WIDTH = 13 * 9, 1.5 * 9, 8 * 13 * 9 + 7 * 1.5 * 9
# 版名 of pages 2-16 (page 1 carries the nameplate instead of a folio)
SECTIONS = {2: "要闻", 3: "综合", 4: "综合", 5: "临床", 6: "临床", 7: "健康", 8: "健康", 9: "综合"}
SECTIONS |= {10: "观点", 11: "科普", 12: "科普", 13: "人物", 14: "基层", 15: "副刊", 16: "文化"}


@pytest.fixture(scope="module")
def build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("sample16")
    run = typeset("build", ISSUE, "--out", out, env={"SOURCE_DATE_EPOCH": "1764720000"})
    assert run.code == 0, run.stderr
    return out / ISSUE.name


@pytest.fixture(scope="module")
def pages(build: Path) -> list[str]:
    """Every page's text without white space."""
    with pdfplumber.open(build / "issue.pdf") as pdf:
        return [re.sub(r"\s+", "", page.extract_text()) for page in pdf.pages]


def frame_text(
    pdf_path: Path, page: int, column: int, span: int, line: int, lines: int, header_lines: int
) -> str:
    """The text inside one frame of the grid (issue.yaml units), without white space."""
    with pdfplumber.open(pdf_path) as pdf:
        sheet = pdf.pages[page - 1]
        left = (sheet.width - TYPE_WIDTH) / 2 + (column - 1) * (COLUMN + GUTTER)
        top = TOP_MARGIN + (header_lines + line - 1) * LEADING
        box = (left, top, left + span * COLUMN + (span - 1) * GUTTER, top + lines * LEADING)
        return re.sub(r"\s+", "", sheet.crop(box).extract_text())


def test_sixteen_pages_with_their_sections_in_order(build: Path, pages: list[str]) -> None:
    assert len(pages) == 16
    assert len(list((build / "pages").glob("page-*.pdf"))) == 16
    assert "2026年12月3日" in pages[0] and "第48期总第1894期" in pages[0]
    assert "本期16版" in pages[0]
    for number, section in SECTIONS.items():
        folio = frame_text(build / "issue.pdf", number, 1, 8, 1, FOLIO_LINES, header_lines=0)
        assert f"第{number}版" in folio and section in folio, number


def test_the_front_page_lead_jumps_to_page_9_and_goes_on_there(
    build: Path, pages: list[str]
) -> None:
    assert "（下转第9版）" in pages[0]
    assert "（上接第1版）" in pages[8]
    body = re.sub(
        r"\s+|^## .*$",
        "",
        (ISSUE / "articles" / "stroke-golden-hour.md").read_text(encoding="utf-8"),
        flags=re.M,
    )
    pdf = build / "issue.pdf"
    last_column = frame_text(pdf, 1, 8, 1, 1, 34, NAMEPLATE_LINES)  # the frame is columns 2-8
    head = frame_text(pdf, 9, 1, 4, 1, 2, FOLIO_LINES)
    first_column = frame_text(pdf, 9, 1, 1, 3, 18, FOLIO_LINES)  # under the jump headline
    before = last_column.split("（下转第9版）")[0][-12:]
    assert first_column.startswith("（上接第1版）")
    after = first_column.removeprefix("（上接第1版）")[:12]
    assert head == "让脑卒中救治跑赢“黄金时间”"
    assert before in body and after in body
    assert body.index(before) < body.index(after)
    end = frame_text(pdf, 9, 4, 1, 1, 20, FOLIO_LINES)[-12:]
    assert body.endswith(end)  # the article ends on page 9: nothing is lost


def test_all_text_fits_its_frames(build: Path) -> None:
    report = json.loads((build / "report.json").read_text(encoding="utf-8"))
    assert len(report["articles"]) == 65
    assert report["overset"] == [] and report["short"] == []
    assert sum(article["chars"] for article in report["articles"]) > 90_000


def test_body_lines_are_tight_and_keep_kinsoku(build: Path) -> None:
    """Issue 11 on 16 pages, measured from the glyphs: no justified line has more than
    0.15 em between its Han characters, none is reported as 松行, none breaks a 禁则."""
    lines = body_lines(build / "issue.pdf", ISSUE)
    assert len(lines) > 7000
    assert [line.text for _, line in loose_lines(lines)] == []
    assert json.loads((build / "report.json").read_text(encoding="utf-8"))["loose"] == []
    assert kinsoku_violations(lines) == []
