"""The date line: 公历, 星期 and 农历 as the paper prints them, from a calendar library."""

from __future__ import annotations

import datetime

import pytest

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
