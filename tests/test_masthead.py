"""The masthead: the date line (公历, 星期, 农历 from a calendar library) and its data."""

from __future__ import annotations

import datetime
import re

import pdfplumber
import pytest
from conftest import IssueDir, typeset

from typeset.render.dateline import dateline


@pytest.mark.parametrize(
    ("day", "printed"),
    [
        # The new moon of 2025-11-20 fell at 14:47 Beijing time: that day is 十月初一.
        (datetime.date(2025, 11, 20), "2025年11月20日 星期四 农历十月初一"),
        (datetime.date(2025, 11, 19), "2025年11月19日 星期三 农历九月三十"),
        (datetime.date(2026, 2, 17), "2026年2月17日 星期二 农历正月初一"),
        (datetime.date(2026, 11, 26), "2026年11月26日 星期四 农历十月十八"),
        (datetime.date(2027, 1, 6), "2027年1月6日 星期三 农历冬月廿九"),
    ],
)
def test_dateline(day: datetime.date, printed: str) -> None:
    assert str(dateline(day)) == printed


def test_the_issue_overrides_the_papers_masthead_data(issue_dir: IssueDir, tmp_path) -> None:
    text = issue_dir.yaml_path.read_text(encoding="utf-8")
    issue_dir.write_yaml(text.replace("pages:\n", "masthead:\n  price: 3.00元\npages:\n", 1))
    run = typeset("build", issue_dir.folder, "--out", tmp_path / "out")
    assert run.code == 0, run.stderr
    with pdfplumber.open(tmp_path / "out" / "test-issue" / "issue.pdf") as pdf:
        front = re.sub(r"\s+", "", pdf.pages[0].extract_text())
    assert "定价：3.00元" in front and "2.50元" not in front
    assert "2025年11月20日星期四农历十月初一" in front  # the minimal issue's date
