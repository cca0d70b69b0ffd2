"""Text from articles and from issue.yaml is printed as text: it can never become markup."""

from __future__ import annotations

import re

import pdfplumber
from conftest import MINIMAL_ISSUE, IssueDir, paragraph_of_lines, typeset


def test_tags_in_articles_and_headlines_are_printed_as_written(
    issue_dir: IssueDir, tmp_path
) -> None:
    issue_dir.write_yaml(MINIMAL_ISSUE.replace("headline: 第二版文章", "headline: 标题<b>加粗</b>"))
    issue_dir.write_article(
        "second.md",
        f"{paragraph_of_lines(2)}\n\n"
        '正文<script>alert(1)</script>与<img src="file:///etc/passwd">结束。\n',
    )
    run = typeset("build", issue_dir.folder, "--out", tmp_path / "out")
    assert run.code == 0, run.stderr
    with pdfplumber.open(tmp_path / "out" / "test-issue" / "issue.pdf") as pdf:
        page = pdf.pages[1]
        text = re.sub(r"\s+", "", page.extract_text())
        assert len(page.images) == 1  # the ad's image only: no <img> from the article
    assert "标题<b>加粗</b>" in text
    assert '正文<script>alert(1)</script>与<imgsrc="file:///etc/passwd">结束。' in text
