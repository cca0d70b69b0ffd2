"""Jumps: an article's text runs through frames on several pages, cut exactly where each
frame is full, with 下转/上接 lines whose page numbers come from where the frames stand.

The test article is made of distinct characters, so any character lost or doubled at a
break shows up when the parts read back from the PDF are joined.
"""

from __future__ import annotations

import re

import pdfplumber
import pytest
from conftest import ISSUE_HEAD, IssueDir, body_lines, changed_layouts, typeset

COLUMN, GUTTER, LEADING = 13 * 9, 1.5 * 9, 13.5  # layouts/xinglin/paper.yaml, in points
TYPE_AREA_WIDTH = 8 * COLUMN + 7 * GUTTER
BODY_TOP = 16 * 72 / 25.4 + 6 * LEADING  # top margin, then the folio of an inner page
INDENT = 2 * 9
# Paragraph lengths in characters; 0 is a subhead.
SHAPE = [120, 95, 300, 0, 77, 150, 210, 60, 0, 180, 130, 45]


def distinct_hanzi(count: int) -> str:
    """GB 2312 level-1 characters in code order: all different, all in the fonts."""
    chars = []
    for row in range(0xB0, 0xD8):
        for cell in range(0xA1, 0xFF):
            try:
                chars.append(bytes([row, cell]).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    return "".join(chars[:count])


def article_text() -> str:
    source = distinct_hanzi(sum(SHAPE) + 8 * SHAPE.count(0))
    blocks, at = [], 0
    for length in SHAPE:
        size = length or 8
        text = source[at : at + size]
        blocks.append(f"## {text}" if length == 0 else text)
        at += size
    return "\n\n".join(blocks) + "\n"


def page_yaml(number: int, frames: str) -> str:
    return f"""  - number: {number}
    section: 第{number}版
    template: inner
{frames}"""


START = """    articles:
      - article: long
        frame: {column: 1, span: 3, line: 1, lines: 20}
        continue_in: long-a
"""
FIRST = """    continuations:
      - id: long-a
        frame: {column: 1, span: 2, line: 1, lines: 20}
        continue_in: long-b
"""
SECOND = """    continuations:
      - id: long-b
        frame: {column: 1, span: 4, line: 1, lines: 40}
"""
ARTICLES = """articles:
  long:
    headline: 长文标题
    jump_headline: 长文（续）
    body: articles/long.md
"""


def write_issue(issue_dir: IssueDir, frames_by_page: dict[int, str]) -> str:
    pages = "".join(page_yaml(number, frames) for number, frames in frames_by_page.items())
    issue_dir.write_article("long.md", article_text())
    return issue_dir.write_yaml(ISSUE_HEAD + pages + ARTICLES)


def build(
    issue_dir: IssueDir, tmp_path, *options: str
) -> tuple[dict[int, pdfplumber.page.Page], str]:
    run = typeset(*options, "build", issue_dir.folder, "--out", tmp_path / "out")
    assert run.code == 0, run.stderr
    return tmp_path / "out" / "test-issue", run.stderr


def read_pages(folder) -> dict[int, tuple[str, str, list[list[dict]]]]:
    """Per page number: the page's whole text, its body text, its body lines."""
    found = {}
    with pdfplumber.open(folder / "issue.pdf") as pdf:
        for page in pdf.pages:
            whole = page.extract_text()
            number = int(re.search(r"第\s*(\d+)\s*版", whole).group(1))  # 第 2 版: spaced
            lines = body_lines(page, BODY_TOP)
            found[number] = (whole, "".join(c["text"] for line in lines for c in line), lines)
    return found


def source_text() -> str:
    return re.sub(r"\s|#", "", article_text())


def test_the_parts_joined_are_the_article_character_for_character(
    issue_dir: IssueDir, tmp_path
) -> None:
    write_issue(issue_dir, {1: START, 2: FIRST, 3: SECOND})
    pages = read_pages(build(issue_dir, tmp_path)[0])
    parts = [pages[number][1] for number in (1, 2, 3)]
    assert all(parts), "every frame of the chain holds text"
    assert "".join(parts) == source_text()


def test_where_a_frame_is_full_is_counted_in_one_layout_pass(issue_dir: IssueDir, tmp_path) -> None:
    """Issue 11: the composed lines are counted on the grid (fit/count.py), so the chain
    of the test above, subheads and all, is laid out once, with no measuring pass."""
    write_issue(issue_dir, {1: START, 2: FIRST, 3: SECOND})
    _, stderr = build(issue_dir, tmp_path)
    assert re.search(r"\b1 layout pass", stderr), stderr[-300:]


def test_a_paper_with_other_heights_is_counted_too(issue_dir: IssueDir, tmp_path) -> None:
    """The heights the count uses are the paper's (paper.yaml), which its CSS reads: a
    paper with taller headlines and more space around heads and subheads needs no code,
    and its chain is still laid out once, every character in its place."""

    def taller(text: str) -> str:
        for name, lines in (("medium", 3), ("jump", 3)):
            text = re.sub(rf"({name}: {{size_pt: [0-9.]+), lines: \d", rf"\1, lines: {lines}", text)
        for name in ("below_head", "above_subhead"):
            text = re.sub(rf"\n  {name}: 1", f"\n  {name}: 2", text)
        return text

    layouts = changed_layouts(tmp_path, taller)
    assert "medium: {size_pt: 22, lines: 3}" in layouts.text and "above_subhead: 2" in layouts.text
    write_issue(issue_dir, {1: START, 2: FIRST, 3: SECOND})
    folder, stderr = build(issue_dir, tmp_path, "--layouts", str(layouts.folder))
    assert re.search(r"\b1 layout pass", stderr), stderr[-300:]
    pages = read_pages(folder)
    assert "".join(pages[number][1] for number in (1, 2, 3)) == source_text()


def test_jump_lines_name_the_pages_the_frames_are_on(issue_dir: IssueDir, tmp_path) -> None:
    write_issue(issue_dir, {1: START, 2: FIRST, 3: SECOND})
    folder, _ = build(issue_dir, tmp_path)
    pages = read_pages(folder)
    assert "（下转第2版）" in pages[1][0]
    assert "（上接第1版）" in pages[2][0] and "（下转第3版）" in pages[2][0]
    assert "（上接第2版）" in pages[3][0] and "下转" not in pages[3][0]
    assert "长文（续）" in pages[2][0] and "长文（续）" in pages[3][0]  # the jump headline
    report = (folder / "report.txt").read_text("utf-8")
    assert "第1版 → 第2版 → 第3版" in report


def test_moving_a_continuation_to_another_page_changes_both_lines(
    issue_dir: IssueDir, tmp_path
) -> None:
    write_issue(issue_dir, {1: START, 2: SECOND, 3: FIRST})  # long-a now on page 3
    folder, stderr = build(issue_dir, tmp_path)
    pages = read_pages(folder)
    assert "（下转第3版）" in pages[1][0]
    assert "（上接第1版）" in pages[3][0] and "（下转第2版）" in pages[3][0]
    assert "（上接第3版）" in pages[2][0]
    assert "".join(pages[number][1] for number in (1, 3, 2)) == source_text()
    assert "jumps from page 3 back to page 2" in stderr  # allowed, but warned


def test_the_jump_line_stands_inside_its_frame_at_the_end_of_the_text(
    issue_dir: IssueDir, tmp_path
) -> None:
    write_issue(issue_dir, {1: START, 2: FIRST, 3: SECOND})
    folder, _ = build(issue_dir, tmp_path)
    with pdfplumber.open(folder / "issue.pdf") as pdf:
        page = pdf.pages[0]
        jump = [c for c in page.chars if "Kai" in c["fontname"] and c["text"] in "下转"]
        last_body = body_lines(page, BODY_TOP)[-1][-1]
        left = (page.width - TYPE_AREA_WIDTH) / 2
    frame_right = left + 3 * COLUMN + 2 * GUTTER
    frame_bottom = BODY_TOP + (20 - 1) * LEADING  # one line parts it from the frame below
    assert jump and all(c["x1"] <= frame_right + 0.1 and c["bottom"] <= frame_bottom for c in jump)
    assert jump[0]["top"] > last_body["top"]  # on its own line, after the text


def test_a_paragraph_cut_by_a_break_goes_on_without_a_new_indent(
    issue_dir: IssueDir, tmp_path
) -> None:
    write_issue(issue_dir, {1: START, 2: FIRST, 3: SECOND})
    pages = read_pages(build(issue_dir, tmp_path)[0])
    paragraphs = [re.sub(r"\s|#", "", block) for block in article_text().split("\n\n")]
    starts = {sum(map(len, paragraphs[:i])) for i in range(len(paragraphs))}
    at = len(pages[1][1])
    for number in (2, 3):
        first = pages[number][2][0][0]
        column_left = min(c["x0"] for line in pages[number][2] for c in line)
        indent = first["x0"] - column_left
        assert indent == pytest.approx(INDENT if at in starts else 0, abs=0.5), number
        at += len(pages[number][1])


ERRORS = (
    ISSUE_HEAD
    + """  - number: 1
    section: 要闻
    template: inner
    articles:
      - article: one
        frame: {column: 1, span: 2, line: 1, lines: 20}
        continue_in: tail-oen
      - article: two
        frame: {column: 3, span: 2, line: 1, lines: 20}
        continue_in: tail-two
      - article: three
        frame: {column: 5, span: 2, line: 1, lines: 20}
        continue_in: tail-two
      - article: four
        frame: {column: 7, span: 2, line: 1, lines: 20}
        continue_in: loop-a
  - number: 2
    section: 二版
    template: inner
    continuations:
      - id: tail-one
        frame: {column: 1, span: 2, line: 1, lines: 20}
      - id: tail-two
        frame: {column: 3, span: 2, line: 1, lines: 20}
      - id: ring-a
        frame: {column: 5, span: 1, line: 1, lines: 20}
        continue_in: ring-b
      - id: ring-b
        frame: {column: 6, span: 1, line: 1, lines: 20}
        continue_in: ring-a
      - id: tail-two
        frame: {column: 7, span: 2, line: 1, lines: 20}
  - number: 3
    section: 三版
    template: inner
    continuations:
      - id: loop-a
        frame: {column: 1, span: 2, line: 1, lines: 20}
        continue_in: loop-b
      - id: loop-b
        frame: {column: 3, span: 2, line: 1, lines: 20}
        continue_in: loop-a
articles:
  one: {headline: 一, body: articles/a.md}
  two: {headline: 二, body: articles/a.md}
  three: {headline: 三, body: articles/a.md}
  four: {headline: 四, body: articles/a.md}
"""
)


def test_broken_jumps_are_errors_at_their_place(issue_dir: IssueDir) -> None:
    text = issue_dir.write_yaml(ERRORS)
    issue_dir.write_article("a.md", "正文。\n")
    run = typeset("check", issue_dir.folder)
    assert run.code == 1
    expected = [
        f"{issue_dir.where(text, 'tail-oen')} error: no continuation frame 'tail-oen' to jump to "
        "(did you mean 'tail-one'?)",
        f"{issue_dir.where(text, 'tail-two', 2)} error: continuation frame 'tail-two' "
        "already takes "
        "the text of article 'two'; two articles cannot continue in one frame",
        f"{issue_dir.where(text, 'ring-b', 1)} error: continuation frames jump in a loop that no "
        "article starts: ring-a → ring-b → ring-a",
        f"{issue_dir.where(text, 'tail-two', 4)} error: continuation frame 'tail-two' is defined "
        "twice (first at line 28)",
        f"{issue_dir.where(text, 'loop-a', 3)} error: article 'four' jumps in a loop: "
        "four → loop-a → loop-b → loop-a",
        f"{issue_dir.where(text, 'tail-one')} warning: no article continues in continuation "
        "frame 'tail-one'; it stays empty",
    ]
    for line in expected:
        assert line in run.stderr


def test_a_frame_too_small_for_its_head_and_jump_line_is_an_error(
    issue_dir: IssueDir, tmp_path
) -> None:
    tiny = START.replace("lines: 20", "lines: 5")  # 1 line apart, 3 of head, 1 for the jump
    text = write_issue(issue_dir, {1: tiny, 2: FIRST, 3: SECOND})
    run = typeset("build", issue_dir.folder, "--out", tmp_path / "out")
    assert run.code == 1
    assert (
        f"{issue_dir.where(text, '{column: 1, span: 3')} error: this frame of article 'long' "
        "on page 1 "
        "is too small: its head and the jump line leave no line for the text"
    ) in run.stderr
    assert not (tmp_path / "out").exists()


def test_a_continuation_too_small_for_the_rest_is_overset_there(
    issue_dir: IssueDir, tmp_path
) -> None:
    small = SECOND.replace("lines: 40", "lines: 10")
    text = write_issue(issue_dir, {1: START, 2: FIRST, 3: small})
    folder, stderr = build(issue_dir, tmp_path)
    where = issue_dir.where(text, "{column: 1, span: 4")
    assert re.search(
        re.escape(where) + r" warning: 第3版 article 'long': 超 \d+ 字 / \d+ 行: "
        r"the continuation frame is too small for the rest of the text; the frame needs \d+ "
        r"more lines \(lines: 10 → \d+\)",
        stderr,
    )
    shown = "".join(read_pages(folder)[n][1] for n in (1, 2, 3))
    assert source_text().startswith(shown)  # cut at the frame, nothing doubled
