"""The date line of the nameplate and folios: 公历 date, 星期 and 农历 date.

The lunar date comes from lunar-python (6tail's calendar, astronomical new moons in
Beijing time), never from hand-written tables.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from lunar_python import Solar


@dataclass(frozen=True)
class Dateline:
    gregorian: str  # 2026年11月26日
    weekday: str  # 星期四
    lunar: str  # 农历十月十八
    lunar_year: str  # 丙午年

    def __str__(self) -> str:
        return f"{self.gregorian} {self.weekday} {self.lunar}"


def dateline(date: datetime.date) -> Dateline:
    solar = Solar.fromYmd(date.year, date.month, date.day)
    lunar = solar.getLunar()
    return Dateline(
        gregorian=f"{date.year}年{date.month}月{date.day}日",
        weekday=f"星期{solar.getWeekInChinese()}",
        lunar=f"农历{lunar.getMonthInChinese()}月{lunar.getDayInChinese()}",
        lunar_year=f"{lunar.getYearInGanZhi()}年",
    )
