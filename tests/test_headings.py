"""Headlines that wrap are balanced and broken where Chinese allows (issue 3, rule 9)."""

from __future__ import annotations

import pdfplumber
from conftest import ISSUE_HEAD, IssueDir, paragraph_of_lines, typeset

ISSUE = (
    ISSUE_HEAD
    + """\
  - number: 1
    section: 测试
    template: inner
    articles:
      - article: plain
        frame: {column: 1, span: 2, line: 1, lines: 20}
      - article: comma
        frame: {column: 3, span: 2, line: 1, lines: 20}
      - article: short
        frame: {column: 5, span: 2, line: 1, lines: 20}
articles:
  plain: {headline: 东海省扩大检查检验结果互认范围试点工作, body: articles/a.md}
  comma: {headline: 医疗AI走进诊室，还要迈过几道坎, body: articles/a.md}
  short: {headline: 心梗救治再提速, body: articles/a.md}
"""
)


def headline_lines(folder, tmp_path) -> dict[str, list[str]]:
    """Each headline's lines as printed (22 pt 黑体), keyed by the frame's column."""
    run = typeset("build", folder, "--out", tmp_path / "out")
    assert run.code == 0, run.stderr
    with pdfplumber.open(tmp_path / "out" / "test-issue" / "issue.pdf") as pdf:
        chars = [c for c in pdf.pages[0].chars if round(c["size"]) == 22]
    lines: dict[tuple[int, int], list[dict]] = {}
    for char in chars:
        lines.setdefault((int(char["x0"] // 240), round(char["top"])), []).append(char)
    found: dict[int, list[str]] = {}
    for (column, _top), line in sorted(lines.items()):
        found.setdefault(column, []).append("".join(c["text"] for c in line))
    return found


def test_wrapped_headlines_are_balanced_at_sensible_breaks(issue_dir: IssueDir, tmp_path) -> None:
    issue_dir.write_yaml(ISSUE)
    issue_dir.write_article("a.md", "正文。\n")
    plain, comma, short = headline_lines(issue_dir.folder, tmp_path).values()
    assert "".join(plain) == "东海省扩大检查检验结果互认范围试点工作"
    assert len(plain) == 2 and abs(len(plain[0]) - len(plain[1])) <= 1  # not 11 + 8
    assert comma == ["医疗AI走进诊室，", "还要迈过几道坎"]  # after the comma, not inside "AI"
    assert short == ["心梗救治再提速"]  # a headline that fits stays on one line


SUBHEAD_AT_FOOT = (
    ISSUE_HEAD
    + """\
  - number: 1
    section: 测试
    template: inner
    articles:
      - article: one
        frame: {column: 1, span: 2, line: 1, lines: 14}
articles:
  one: {headline: 短题, headline_size: small, body: articles/one.md}
"""
)


def test_a_subhead_is_never_left_alone_at_the_foot_of_a_column(
    issue_dir: IssueDir, tmp_path
) -> None:
    # 14 lines - 1 apart from the next frame - 3 of headline = 10 lines a column. Eight
    # lines of text, then the subhead's space and line would make it the column's last line.
    issue_dir.write_yaml(SUBHEAD_AT_FOOT)
    issue_dir.write_article(
        "one.md", f"{paragraph_of_lines(8)}\n\n## 小标题在此\n\n{paragraph_of_lines(6)}\n"
    )
    run = typeset("build", issue_dir.folder, "--out", tmp_path / "out")
    assert run.code == 0, run.stderr
    with pdfplumber.open(tmp_path / "out" / "test-issue" / "issue.pdf") as pdf:
        chars = pdf.pages[0].chars
    body = [c for c in chars if "Song" in c["fontname"]]
    subhead = [c for c in chars if c["text"] == "小" and round(c["size"], 1) == 9.5]
    first_column_right = min(c["x0"] for c in body) + 13 * 9
    (mark,) = subhead
    assert mark["x0"] > first_column_right  # moved to the top of the next column
    next_line = [c for c in body if c["x0"] > first_column_right and c["top"] > mark["top"]]
    assert next_line  # with its text under it
