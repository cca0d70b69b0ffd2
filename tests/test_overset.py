"""Text that does not fit its frame is cut at the frame, marked on the proof and reported
with exact counts; a frame with empty lines is reported as short; a final build refuses
overset text unless forced.

These tests also guard the WeasyPrint internals that fit/frames.py reads: if the box tree
moves in a new WeasyPrint, the counts here go wrong and the tests fail loudly.
"""

from __future__ import annotations

import json

import pdfplumber
from conftest import ISSUE_HEAD, IssueDir, paragraph_of_lines, typeset

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
    issue_dir.write_yaml(ONE_FRAME.format(span=span, lines=lines))
    issue_dir.write_article("tight.md", "\n\n".join(paragraph_of_lines(n) for n in paragraphs))
    run = typeset("build", issue_dir.folder, "--out", tmp_path / "out")
    assert run.code == 0, run.stderr
    return run.stderr


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
    # Two columns of 6 lines hold 12; the text takes 5 lines of the first.
    expected = "第1版 article 'tight': 缺 7 行（约 91 字）"
    assert expected in report(tmp_path)
    assert f"{issue_dir.yaml_path}:11:16: warning: {expected}" in stderr
    data = json.loads((tmp_path / "out" / "test-issue" / "report.json").read_text("utf-8"))
    (article,) = data["articles"]
    fit = (article["chars"], article["capacity"], article["short"], article["over"])
    assert fit == (61, 61 + 7 * 13, {"lines": 7, "chars": 91}, None)


def test_a_frame_that_fits_reports_nothing(issue_dir: IssueDir, tmp_path) -> None:
    stderr = build(issue_dir, tmp_path, span=1, lines=HEADER_LINES + 6, paragraphs=[6])
    assert "All text fits its frames." in report(tmp_path)
    assert "all text fits" in stderr
