"""Text that does not fit its frame is cut at the frame, marked on the proof and reported
with exact counts, the place in the Markdown where the cut falls and the lines the frame
needs; a frame with empty lines is reported as short, with the lines it can lose; a final
build refuses overset text unless forced.

These tests also guard the WeasyPrint internals that fit/frames.py reads: if the box tree
moves in a new WeasyPrint, the counts here go wrong and the tests fail loudly.
"""

from __future__ import annotations

import json
import re
import unicodedata

import pdfplumber
from conftest import (
    ISSUE_HEAD,
    MINIMAL_ISSUE,
    SAMPLE,
    IssueDir,
    body_lines,
    paragraph_of_lines,
    typeset,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from typeset.diagnostics import Diagnostics
from typeset.text.markdown import read_article

ONE_FRAME = (
    ISSUE_HEAD
    + """\
  - number: 1
    section: 测试
    template: inner
    articles:
      - article: tight
        frame: {{column: 1, span: {span}, line: 1, lines: {lines}}}
articles:
  tight:
    headline: 短题
    headline_size: small
    body: articles/tight.md
"""
)
# A small headline takes 2 lines and 1 line of space; under a frame that does not reach the
# foot of the page, 1 line parts it from the next frame (layouts/xinglin/style.css).
HEADER_LINES = 3 + 1
COLUMN, GUTTER = 13 * 9, 1.5 * 9  # layouts/xinglin/paper.yaml, in points
TYPE_AREA_WIDTH = 8 * COLUMN + 7 * GUTTER


def build(issue_dir: IssueDir, tmp_path, span: int, lines: int, paragraphs: list[int]) -> str:
    issue_dir.write_article("tight.md", "\n\n".join(paragraph_of_lines(n) for n in paragraphs))
    return rebuild(issue_dir, tmp_path, span, lines)


def rebuild(issue_dir: IssueDir, tmp_path, span: int, lines: int) -> str:
    """The issue built with its frame `lines` tall, as the editor would type it."""
    issue_dir.write_yaml(ONE_FRAME.format(span=span, lines=lines))
    run = typeset("build", issue_dir.folder, "--out", tmp_path / "out")
    assert run.code == 0, run.stderr
    return run.stderr


def report_data(tmp_path) -> dict:
    return json.loads((tmp_path / "out" / "test-issue" / "report.json").read_text("utf-8"))


def printed_body(tmp_path) -> str:
    """The body text the page prints under the headline, line after line (no folio line,
    no proof mark)."""
    with pdfplumber.open(tmp_path / "out" / "test-issue" / "issue.pdf") as pdf:
        page = pdf.pages[0]
        head = max(char["bottom"] for char in page.chars if char["text"] in "短题")
        return "".join(char["text"] for line in body_lines(page, top=head) for char in line)


def chinese_text(length: int, skip: int = 0) -> str:
    """Distinct running text without punctuation (13 characters a line, as FILLER), so
    that the words after a cut are found once: the sample issue's Chinese characters."""
    text = "".join(
        char
        for path in sorted((SAMPLE / "articles").glob("*.md"))
        for char in path.read_text("utf-8")
        if unicodedata.category(char) == "Lo"
    )
    return text[skip : skip + length]


def report(tmp_path) -> str:
    return (tmp_path / "out" / "test-issue" / "report.txt").read_text(encoding="utf-8")


def test_a_frame_one_line_too_small(issue_dir: IssueDir, tmp_path) -> None:
    stderr = build(issue_dir, tmp_path, span=1, lines=HEADER_LINES + 5, paragraphs=[6])
    expected = "第1版 article 'tight': 超 13 字 / 1 行"
    assert expected in report(tmp_path)
    assert f"{issue_dir.yaml_path}:11:16: warning: {expected}" in stderr


def test_overset_of_a_multi_column_frame_is_cut_at_its_last_column_and_marked(
    issue_dir: IssueDir, tmp_path
) -> None:
    build(issue_dir, tmp_path, span=2, lines=HEADER_LINES + 5, paragraphs=[6, 6])
    assert "第1版 article 'tight': 超 26 字 / 2 行" in report(tmp_path)
    with pdfplumber.open(tmp_path / "out" / "test-issue" / "issue.pdf") as pdf:
        page = pdf.pages[0]
        body = [c for c in page.chars if "Song" in c["fontname"]]
        text = page.extract_text()
        type_area_left = (page.width - TYPE_AREA_WIDTH) / 2
    frame_right = type_area_left + 2 * COLUMN + GUTTER
    assert not [c for c in body if c["x0"] > frame_right]
    assert len(body) == 2 * (11 + 5 * 13) - 26  # all but what the report counts
    assert "▲ 超 26 字 / 2 行" in text  # the proof shows where the text was cut


def test_a_final_build_refuses_overset_text_unless_forced(issue_dir: IssueDir, tmp_path) -> None:
    build(issue_dir, tmp_path, span=1, lines=HEADER_LINES + 5, paragraphs=[6])
    before = (tmp_path / "out" / "test-issue" / "issue.pdf").read_bytes()
    refused = typeset("build", "--final", issue_dir.folder, "--out", tmp_path / "out")
    assert refused.code == 1
    refusal = "final build refused: 第1版 article 'tight': 超 13 字 / 1 行"
    assert f"{issue_dir.yaml_path}:11:16: error: {refusal}" in refused.stderr
    assert (tmp_path / "out" / "test-issue" / "issue.pdf").read_bytes() == before
    forced = typeset("build", "--final", "--force", issue_dir.folder, "--out", tmp_path / "out")
    assert forced.code == 0, forced.stderr
    assert "FORCED" in report(tmp_path)
    with pdfplumber.open(tmp_path / "out" / "test-issue" / "issue.pdf") as pdf:
        assert "▲" not in pdf.pages[0].extract_text()  # no proof marks for the printer


def test_a_frame_with_empty_lines_is_reported_short(issue_dir: IssueDir, tmp_path) -> None:
    stderr = build(issue_dir, tmp_path, span=2, lines=HEADER_LINES + 6, paragraphs=[3, 2])
    # Two columns of 6 lines hold 12; the text takes 5 lines of the first: 3 lines of the
    # frame (6 of its columns) can go.
    expected = (
        "第1版 article 'tight': 缺 7 行（约 91 字）: 7 empty lines: add about 91 characters "
        "or shrink the frame by 3 lines (lines: 10 → 7)"
    )
    assert expected.split(": 7 empty")[0] in report(tmp_path)
    assert f"{issue_dir.yaml_path}:11:16: warning: {expected}" in stderr.splitlines()
    (article,) = report_data(tmp_path)["articles"]
    fit = (article["chars"], article["capacity"], article["short"], article["over"])
    assert fit == (61, 61 + 7 * 13, {"lines": 7, "chars": 91}, None)
    stderr = rebuild(issue_dir, tmp_path, span=2, lines=HEADER_LINES + 6 - 3)
    assert "all text fits" in stderr and "缺" not in stderr


def test_a_frame_that_fits_reports_nothing(issue_dir: IssueDir, tmp_path) -> None:
    stderr = build(issue_dir, tmp_path, span=1, lines=HEADER_LINES + 6, paragraphs=[6])
    assert "All text fits its frames." in report(tmp_path)
    assert "all text fits" in stderr


def test_overset_points_at_the_cut_in_the_article_and_counts_frame_lines(
    issue_dir: IssueDir, tmp_path
) -> None:
    """A 2-column frame 4 lines short: the warning names the place in the Markdown where
    the cut falls and the first words cut, and says the frame needs 4 more lines (8 column
    lines run out); giving the frame 4 more lines in issue.yaml makes everything fit."""
    first = chinese_text(11 + 13 * 5 - 1) + "。"  # 6 lines
    second = chinese_text(11 + 13 * 11, skip=200)  # 12 lines, 3 characters in bold
    source = f"{first}\n\n{second[:3]}**{second[3:8]}**{second[8:]}\n"
    md = issue_dir.write_article("tight.md", source)
    lines = HEADER_LINES + 5  # columns of 5 lines: 10 lines fit, 8 run out
    stderr = rebuild(issue_dir, tmp_path, span=2, lines=lines).splitlines()
    kept = 11 + 13 * 3  # the first 4 lines of the second paragraph
    cut_words = second[kept : kept + 20]
    column = kept + len("****") + 1  # the bold markers stand before the cut
    at = stderr.index(
        f"{issue_dir.yaml_path}:11:16: warning: 第1版 article 'tight': 超 104 字 / 8 行: "
        "the text does not fit its frame; the frame needs 4 more lines (lines: 9 → 13) or "
        "cut about 104 characters (cut at ▲ on the proof)"
    )
    assert stderr[at + 1 : at + 6] == [
        "   11 |         frame: {column: 1, span: 2, line: 1, lines: 9}",
        "      |                ^",
        f"{md}:3:{column}: note: the text that does not fit starts here: {cut_words}…",
        f"    3 | {source.splitlines()[2]}",
        "      | " + " " * (2 * (column - 5) + 4) + "^",  # Chinese in 2 cells, '*' in 1
    ]
    assert source.splitlines()[2][column - 1 :].startswith(cut_words)
    printed = printed_body(tmp_path)  # the last line printed is followed by the words quoted
    assert printed == first + second[:kept]
    (overset,) = report_data(tmp_path)["overset"]
    assert overset["text"] == second[kept:]  # the whole text cut off
    assert (overset["cut_at"], overset["frame"]) == (
        f"{md}:3:{column}",
        {"lines": 9, "change": 4, "at_least": False},
    )
    assert f"      {second[kept:]}" in report(tmp_path).splitlines()

    assert "1 over" in rebuild(issue_dir, tmp_path, span=2, lines=lines + 3)  # not enough
    assert "1 more line (lines: 12 → 13)" in report(tmp_path)
    assert "all text fits" in rebuild(issue_dir, tmp_path, span=2, lines=lines + 4)
    assert printed_body(tmp_path) == first + second


def test_the_cut_in_a_paragraph_written_over_several_lines(issue_dir: IssueDir, tmp_path) -> None:
    """The note counts lines and columns of the file, not of the text the paragraph
    becomes (its lines joined)."""
    lines = [chinese_text(30, skip=30 * n) for n in range(4)]
    source = "\n".join(lines) + "\n"  # one paragraph of 120 characters: 10 lines
    md = issue_dir.write_article("tight.md", source)
    stderr = rebuild(issue_dir, tmp_path, span=1, lines=HEADER_LINES + 5)
    kept = 11 + 13 * 4  # 5 lines print: the cut is 3 characters into the third line
    note = f"{md}:3:4: note: the text that does not fit starts here: {''.join(lines)[kept:][:20]}…"
    assert note in stderr.splitlines()
    assert printed_body(tmp_path) == "".join(lines)[:kept]


AD = """\
      - frame: {column: 5, span: 2, line: 1, lines: 20}
        headline: 健康体检
        image: images/ad.png"""
AD_TEXT = (
    "每年一次全面体检，守护您和家人的健康。预约电话请拨打本院体检中心服务热线，"
    "周一至周日全天候为您服务，欢迎来电咨询，节假日不休息，专家团队为您解读报告。"
)


def test_an_ad_that_runs_out_says_how_many_lines_its_frame_needs(
    issue_dir: IssueDir, tmp_path
) -> None:
    """An ad is not cut: its frame is reported with the lines to add (in body lines of the
    grid, as issue.yaml counts them) and a note where the words that do not show stand."""

    def build_ad(lines: int) -> tuple[str, str]:
        ad = f"      - frame: {{column: 5, span: 2, line: 1, lines: {lines}}}\n"
        text = issue_dir.write_yaml(
            MINIMAL_ISSUE.replace(AD, f"{ad}        headline: 健康体检\n        text: {AD_TEXT}")
        )
        run = typeset("build", issue_dir.folder, "--out", tmp_path / "out")
        assert run.code == 0, run.stderr
        return text, run.stderr

    text, stderr = build_ad(8)
    lines = stderr.splitlines()
    warning = re.compile(
        re.escape(f"{issue_dir.where(text, '{column: 5')} warning: 第2版 ad 1: ")
        + r"超 (\d+) 字 / \d+ 行: the text does not fit its frame; the frame needs (\d+) more "
        r"lines \(lines: 8 → (\d+)\) or cut about \1 characters$"
    )
    [(at, found)] = [(i, m) for i, line in enumerate(lines) if (m := warning.match(line))]
    chars, more, total = (int(group) for group in found.groups())
    assert total == 8 + more
    missing = AD_TEXT[-chars:]  # the ad's last lines
    assert lines[at + 3] == (
        f"{issue_dir.where(text, missing[:8])} note: the text that does not fit starts here: "
        f"{missing[:20]}{'…' if len(missing) > 20 else ''}"
    )
    (overset,) = report_data(tmp_path)["overset"]
    assert (overset["text"], overset["frame"]["change"]) == (missing, more)
    assert "ad 1" in build_ad(total - 1)[1]  # one line short
    assert "ad 1" not in build_ad(total)[1]


MARKDOWN_PIECES = [
    "中文字",
    "正文，",
    "**粗体**",
    "*斜体*",
    "\\*",
    "&amp;",
    "\n",
    "\n\n",
    "  ",
    "`code`",
    "`a\nb`",
    "[链接](https://example.com/a)",
    "<https://example.com>",
    "Latin words",
    "\n## 小标题\n\n",
    "\\\n",
    "  \n",
]


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.sampled_from(MARKDOWN_PIECES), max_size=30))
def test_every_character_of_an_article_is_located_where_it_stands_in_its_file(
    tmp_path, pieces: list[str]
) -> None:
    """What the overset note points at: the character of the text at its line and column
    in the Markdown, through markup, escapes (at their backslash), entities (at their
    '&') and line breaks (a space made of one: at the line's end)."""
    path = tmp_path / "a.md"
    path.write_text("".join(pieces), encoding="utf-8")
    text = read_article(path, Diagnostics())
    assert text is not None
    lines = path.read_text(encoding="utf-8").splitlines()
    for block in text.blocks:
        for offset, char in enumerate(block.text):
            where = block.location(offset)
            line = lines[where.line - 1]
            found = line[where.column - 1] if where.column <= len(line) else "\n"
            assert found == char or (found, char) in {("\\", "*"), ("\n", " ")}
        part = block.slice(1)  # a frame's piece of the block is located the same
        assert [part.location(i) for i in range(len(part.text))] == [
            block.location(i) for i in range(1, len(block.text))
        ]
