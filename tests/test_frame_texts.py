"""Issue 11: the texts in frames besides the body (captions, sidebar entries, ad texts) are
composed by the same clreq rules for their own measure, and folio, date and jump lines get
the same Han–Latin space; read back from the glyphs of a built PDF.

The texts below are written so that Pango's greedy breaking broke them badly (measured on
the build before the composer set them): the caption split 《医学科学报》 and left 图 alone
on its last line, the ad split 100|万元, the sidebar address left 号 alone.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from itertools import pairwise
from pathlib import Path

import pdfplumber
import pytest
from conftest import (
    MINIMAL_ISSUE,
    changed_layouts,
    make_issue_dir,
    paragraph_of_lines,
    typeset,
)

from typeset.text.script import CLOSING, STOPS, is_han

CAPTION = "基层医院医生在远程会诊《医学科学报》刊出的病理图谱专栏前讨论疑难病例时所用的切片图"
CREDIT = "本报记者 林思远 摄"
AD = "杏林医学院附属医院健康管理中心今年投100万元更新体检设备，每周一至周六开检，欢迎预约。"
SUBHEADLINE = "远程病理会诊平台已连接全省八十七家县级医院病理科"  # 副题, over three lines
ADDRESS = "东海省清源市杏林区望江路八十八号"  # 16 characters: 15 fit the sidebar's line
LATIN_EM = 0.25  # layouts/xinglin/paper.yaml, typography: latin_spacing_em

# MINIMAL_ISSUE with the texts above, and the lead jumping to page 2.
ISSUE = (
    MINIMAL_ISSUE.replace(
        "    byline: 林思远 周晓岚\n",
        f"    subheadline: {SUBHEADLINE}\n    byline: 林思远 周晓岚\n",
    )
    .replace("caption: 林思远, span: 1", f"caption: {CAPTION}, credit: {CREDIT}, span: 1")
    .replace("        headline: 健康体检\n", f"        headline: 健康体检\n        text: {AD}\n")
    .replace(
        "        frame: {column: 2, span: 3, line: 1, lines: 30}\n",
        "        frame: {column: 2, span: 1, line: 1, lines: 30}\n        continue_in: lead-2\n",
    )
    .replace(
        "    ads:\n",
        "    continuations:\n      - id: lead-2\n"
        "        frame: {column: 3, span: 2, line: 1, lines: 40}\n    ads:\n",
    )
)


def build(tmp_path: Path, change: Callable[[str], str]) -> Path:
    """The issue built with the paper.yaml `change` made; its issue.pdf, in one layout
    pass (the lead jumps: where its frame is full is counted, subheadline lines too)."""
    issue = make_issue_dir(tmp_path)
    issue.write_yaml(ISSUE)
    issue.write_article("lead.md", f"{paragraph_of_lines(30)}\n")
    layouts = changed_layouts(tmp_path, change)
    out = tmp_path / "out"
    run = typeset("--layouts", layouts.folder, "build", issue.folder, "--out", out)
    assert run.code == 0, run.stderr
    assert re.search(r"\b1 layout pass", run.stderr), run.stderr[-300:]
    return out / "test-issue" / "issue.pdf"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The issue built with the address in the paper's credits."""
    return build(
        tmp_path_factory.mktemp("frame-texts"),
        lambda text: text.replace(
            "    - {label: 邮编",
            f"    - {{label: 通讯地址, lines: [{ADDRESS}]}}\n    - {{label: 邮编",
        ),
    )


def _lines(page, size: float, left: float = 0, right: float | None = None) -> list[list[dict]]:
    """The characters of one size between two x positions, as lines, top to bottom."""
    found: dict[float, list[dict]] = {}
    for char in page.chars:
        if (
            abs(char["size"] - size) < 0.05
            and left <= char["x0"] < (right or page.width)
            and char["text"] != " "
        ):
            found.setdefault(round(char["top"], 1), []).append(char)
    return [sorted(found[top], key=lambda c: c["x0"]) for top in sorted(found)]


def _text(line: list[dict]) -> str:
    return "".join(char["text"] for char in line)


def _texts_of(lines: list[list[dict]], source: str) -> list[str]:
    """The lines that together make `source` (the text layer holds it exactly)."""
    texts = [_text(line) for line in lines]
    for start in range(len(texts)):
        for end in range(start + 1, len(texts) + 1):
            if "".join(texts[start:end]) == source:
                return texts[start:end]
    raise AssertionError(f"{source!r} is not in the text layer: {texts}")


def _breaks_by_the_rules(lines: list[str]) -> None:
    assert len(lines) > 1, lines  # the texts are long enough to break
    for before, line in pairwise(lines):
        assert line[0] not in CLOSING + STOPS, (before, line)  # 禁则
        assert before.count("《") == before.count("》"), (before, line)  # a title whole
        assert not (before[-1].isdigit() and is_han(line[0])), (before, line)  # 100万元
    assert all(len(line.strip()) > 1 for line in lines), lines  # no character alone


def test_a_caption_breaks_by_the_rules(built: Path) -> None:
    with pdfplumber.open(built) as pdf:
        lines = _texts_of(_lines(pdf.pages[0], 8), f"{CAPTION}\u3000{CREDIT}".replace(" ", ""))
    _breaks_by_the_rules(lines)
    assert lines[-1].endswith(CREDIT.replace(" ", ""))  # the credit never broken


def test_an_ad_text_breaks_by_the_rules(built: Path) -> None:
    with pdfplumber.open(built) as pdf:
        _breaks_by_the_rules(_texts_of(_lines(pdf.pages[1], 11), AD))


def test_a_sidebar_entry_breaks_by_the_rules(built: Path) -> None:
    with pdfplumber.open(built) as pdf:
        page = pdf.pages[0]
        lines = _texts_of(_lines(page, 7, right=200), ADDRESS)
    _breaks_by_the_rules(lines)


def test_a_subheadline_wider_than_its_frame_is_balanced(built: Path) -> None:
    with pdfplumber.open(built) as pdf:
        lines = _texts_of(_lines(pdf.pages[0], 11), f"——{SUBHEADLINE}")
    assert len(lines) == 3 and max(map(len, lines)) - min(map(len, lines)) <= 2, lines


def _latin_gaps(page, text: str) -> list[float]:
    """The blanks between each Han character and a digit next to it, in em of the text,
    on the line of `page` that holds `text` (one size)."""
    sizes = {char["size"] for char in page.chars}
    line = next(line for size in sizes for line in _lines(page, size) if text in _text(line))
    return [
        (b["x0"] - a["x1"]) / a["size"]
        for a, b in pairwise(line)
        if (is_han(a["text"]) and b["text"].isdigit())
        or (a["text"].isdigit() and is_han(b["text"]))
    ]


def test_folio_date_and_jump_lines_share_the_han_latin_space(built: Path) -> None:
    """One rule in one place (compose/spacing.py): the nameplate's date, the folio's
    number and date, the jump lines, the sidebar's 定价 all stand a quarter em apart."""
    wanted = {
        0: ["2025年11月20日", "第12期", "（下转第2版）", "定价：2.50元"],
        1: ["第2版", "2025年11月20日", "（上接第1版）"],
    }
    with pdfplumber.open(built) as pdf:
        for index, texts in wanted.items():
            for text in texts:
                gaps = _latin_gaps(pdf.pages[index], text)
                assert gaps and gaps == pytest.approx([LATIN_EM] * len(gaps), abs=0.01), text


def test_without_latin_spacing_the_folio_and_jump_lines_have_none(tmp_path: Path) -> None:
    """The paper's `latin_spacing_em` is the one figure: 0 sets them close."""
    pdf_path = build(
        tmp_path, lambda text: text.replace("latin_spacing_em: 0.25", "latin_spacing_em: 0")
    )
    with pdfplumber.open(pdf_path) as pdf:
        for text in ("第2版", "2025年11月20日", "（上接第1版）"):
            gaps = _latin_gaps(pdf.pages[1], text)
            assert gaps and gaps == pytest.approx([0.0] * len(gaps), abs=0.01), text
