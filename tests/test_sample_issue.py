"""The sample issue as a reader sees it: read back from the built PDFs."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pdfplumber
import pikepdf
import pytest
from conftest import ROOT, body_lines
from fontTools.ttLib import TTFont
from renderers import difference, ghostscript, mupdf

MM = 72 / 25.4
TOP_MARGIN, LEADING = 16 * MM, 13.5  # layouts/xinglin/paper.yaml
NAMEPLATE_LINES, FOLIO_LINES = 17, 6
COLUMN, TYPE_WIDTH = 13 * 9, 8 * 13 * 9 + 7 * 1.5 * 9


def page_text(pdf_path: Path, index: int, header_lines: int | None = None) -> str:
    """A page's text without white space (letter-spaced and justified text alike);
    with `header_lines`, only the nameplate or folio zone."""
    with pdfplumber.open(pdf_path) as pdf:
        page = pdf.pages[index]
        if header_lines is not None:
            page = page.crop((0, 0, page.width, TOP_MARGIN + header_lines * LEADING))
        return re.sub(r"\s+", "", page.extract_text())


@pytest.fixture(scope="module")
def issue_pdf(sample_build: Path) -> Path:
    return sample_build / "issue.pdf"


def test_every_page_in_order_on_broadsheet_paper(issue_pdf: Path, sample_build: Path) -> None:
    with pikepdf.open(issue_pdf) as pdf:
        assert len(pdf.pages) == 4
        for page in pdf.pages:
            x0, y0, x1, y1 = (float(v) for v in page.mediabox)
            width, height = x1 - x0, y1 - y0
            assert (round(width / MM), round(height / MM)) == (390, 540)
    assert sorted(p.name for p in (sample_build / "pages").iterdir()) == [
        f"page-0{n}.pdf" for n in range(1, 5)
    ]


def test_the_nameplate(issue_pdf: Path) -> None:
    text = page_text(issue_pdf, 0, NAMEPLATE_LINES)
    for expected in (
        "杏林科学报",
        "XINGLINSCIENCEWEEKLY",
        "2026年11月26日",
        "星期四农历十月十八",
        "第47期总第1893期",
        "本期4版",
        "国内统一连续出版物号CN99-0147",
    ):
        assert expected in text


def test_the_credits_sidebar_and_pricing_box(issue_pdf: Path) -> None:
    with pdfplumber.open(issue_pdf) as pdf:
        page = pdf.pages[0]
        left = (page.width - TYPE_WIDTH) / 2
        sidebar = page.crop((left, 0, left + COLUMN, page.height))  # column 1
        text = re.sub(r"\s+", "", sidebar.extract_text())
    for expected in (
        "主管单位：东海省科学技术协会",
        "主办单位：杏林科学报社",
        "学术顾问委员会：（按姓氏笔画排序）",
        "编辑指导委员会",
        "委员：（按姓氏笔画排序）丁苒于朗王竞王思源",
        "总编辑：张敬之",
        "邮编：990126",
        "定价：2.50元",
        "本期导读第2版临床",
    ):
        assert expected in text


def test_the_front_page_column_article(issue_pdf: Path) -> None:
    text = page_text(issue_pdf, 0)
    for expected in (
        "专家之声",
        "远程病理是县域精准诊疗的关键支点",
        "●沈知微陆秉谦",
        "（下转第4版）",
    ):
        assert expected in text
    with pdfplumber.open(issue_pdf) as pdf:
        page = pdf.pages[0]
        headshots = [image for image in page.images if round(image["width"]) == COLUMN]
        assert len(headshots) == 2  # one column wide each
        captions = {}
        for image in headshots:  # the 楷体 line under each photo's centre is its caption
            middle = (image["top"] + image["bottom"]) / 2
            below = page.within_bbox((image["x0"], middle, image["x1"], middle + 6 * LEADING))
            kai = [char for char in below.chars if "Kai" in char["fontname"]]
            captions[middle] = "".join(char["text"] for char in kai)
        assert sorted(captions.values()) == ["沈知微", "陆秉谦"]


@pytest.mark.parametrize(
    ("index", "folio"),
    [
        (
            1,
            [
                "第2版",
                "临床",
                "杏林科学报",
                "2026年11月26日",
                "星期四",
                "责任编辑：顾明澜",
                "校对：陶一苇",
                "美编：欧阳晴",
            ],
        ),
        (2, ["第3版", "健康", "责任编辑：苏念慈"]),
        (3, ["第4版", "观点", "责任编辑：葛书瑶"]),
    ],
)
def test_inner_pages_carry_their_folio(issue_pdf: Path, index: int, folio: list[str]) -> None:
    text = page_text(issue_pdf, index, FOLIO_LINES)
    for expected in folio:
        assert expected in text


def test_the_front_page_article_jumps_to_page_4_without_losing_a_character(
    issue_pdf: Path,
) -> None:
    source = (ROOT / "issues/2026-11-26/articles/remote-pathology.md").read_text("utf-8")
    with pdfplumber.open(issue_pdf) as pdf:
        front = body_lines(
            pdf.pages[0],
            TOP_MARGIN + NAMEPLATE_LINES * LEADING,
            TOP_MARGIN + (NAMEPLATE_LINES + 31) * LEADING,
        )
        page4 = body_lines(pdf.pages[3], TOP_MARGIN + (FOLIO_LINES + 70) * LEADING)
        texts = [page_text(issue_pdf, 0), page_text(issue_pdf, 3)]
    left, right = ("".join(c["text"] for line in part for c in line) for part in (front, page4))
    assert left + right == re.sub(r"\s|#", "", source)
    assert len(right) > 500  # a real continuation, not a line or two
    assert "（下转第4版）" in texts[0] and "（上接第1版）" in texts[1]
    assert "远程病理是精准诊疗的关键支点" in texts[1]  # the jump headline


def test_the_continuation_the_photo_and_the_ads(issue_pdf: Path) -> None:
    page2 = page_text(issue_pdf, 1)
    assert "本报记者程雨桐摄" in page2
    page3 = page_text(issue_pdf, 2)
    assert "广告" in page3 and "关爱健康，从一次体检开始" in page3
    assert "征订" in page_text(issue_pdf, 3)


def test_each_page_file_is_that_page(issue_pdf: Path, sample_build: Path) -> None:
    title = "杏林科学报 2026年11月26日 第47期（总第1893期）"
    with pikepdf.open(issue_pdf) as pdf:
        assert str(pdf.docinfo["/Title"]) == title
    sections = ["要闻", "临床", "健康", "观点"]
    for index in range(4):
        single = sample_build / "pages" / f"page-0{index + 1}.pdf"
        with pikepdf.open(single) as pdf:
            assert len(pdf.pages) == 1
            assert str(pdf.docinfo["/Title"]) == f"{title} 第{index + 1}版 {sections[index]}"
        assert page_text(single, 0) == page_text(issue_pdf, index)


def test_fonts_are_embedded_and_come_from_fonts_folder(sample_build: Path) -> None:
    ours = {
        TTFont(path, lazy=True)["name"].getDebugName(6)
        for path in (ROOT / "fonts").glob("*.subset.*")
    }
    for pdf_path in [sample_build / "issue.pdf", *sorted((sample_build / "pages").iterdir())]:
        with pikepdf.open(pdf_path) as pdf:
            for page in pdf.pages:
                fonts = page.Resources.Font
                for font in (fonts[name] for name in fonts):
                    descriptor = font.DescendantFonts[0].FontDescriptor
                    [program] = [
                        descriptor[k] for k in ("/FontFile2", "/FontFile3") if k in descriptor
                    ]
                    embedded = TTFont(io.BytesIO(program.read_bytes()))
                    assert embedded["name"].getDebugName(6) in ours, pdf_path


def test_issue_pdf_shares_one_font_program_per_face_and_draws_as_its_pages(
    sample_build: Path, tmp_path: Path
) -> None:
    """issue.pdf is put together from the page files; each face is embedded once, holding
    the glyphs of every page, and each page still draws as its own file does in the
    engines that look glyphs up strictly (Ghostscript, MuPDF). Ghostscript's anti-aliasing
    of large glyphs moves with the font's bounding box, so cells are compared: a glyph
    lost from a 9 pt line changes its cell by 15 % or more."""
    issue_pdf = sample_build / "issue.pdf"
    with pikepdf.open(issue_pdf) as pdf:
        programs = {
            descriptor[key].objgen
            for page in pdf.pages
            for font in page.Resources.Font.values()
            for descriptor in [font.DescendantFonts[0].FontDescriptor]
            for key in ("/FontFile2", "/FontFile3")
            if key in descriptor
        }
    pages = sorted((sample_build / "pages").iterdir())
    assert len(programs) <= 4  # the paper's four faces, not four per page
    assert issue_pdf.stat().st_size < sum(page.stat().st_size for page in pages) * 0.75
    for number, page in enumerate(pages, start=1):
        for draw in (ghostscript, mupdf):
            mean, worst = difference(draw(issue_pdf, number, tmp_path), draw(page, 1, tmp_path))
            assert mean < 0.1 and worst < 8, (draw.__name__, page.name, mean, worst)


def test_the_sample_is_laid_out_once(sample_build: Path) -> None:
    """Issue 11: where the front-page frame is full is counted from the composed lines,
    so no measuring pass is needed; the build summary says how many passes it made."""
    summary = (sample_build.parent / "stderr.txt").read_text(encoding="utf-8")
    assert re.search(r"\b1 layout pass", summary), summary[-300:]


def test_the_report_says_everything_fits(sample_build: Path) -> None:
    report = (sample_build / "report.txt").read_text(encoding="utf-8")
    assert report.startswith("杏林科学报 2026年11月26日 第47期（总第1893期）")
    assert "4 pages: 第1版 要闻，第2版 临床，第3版 健康，第4版 观点" in report
    assert "All text fits its frames." in report
    assert "remote-pathology" in report and "第1版 → 第4版" in report


def test_every_quotation_mark_is_full_width_in_every_face(issue_pdf: Path) -> None:
    """楷体 included: subheadlines, bylines, captions (issue 3, rule 5)."""
    with pdfplumber.open(issue_pdf) as pdf:
        quotes = [c for page in pdf.pages for c in page.chars if c["text"] in "“”‘’"]
    assert {font.split("+")[-1] for font in (c["fontname"] for c in quotes)} >= {
        "XL-Song",
        "XL-Kai",
    }
    narrow = [c for c in quotes if abs(c["width"] - c["size"]) >= 0.1]
    assert not narrow, [(c["text"], c["fontname"], c["width"], c["size"]) for c in narrow][:5]
