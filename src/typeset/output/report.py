"""The build report: what layout staff read after `make` (report.txt)."""

from __future__ import annotations

from dataclasses import dataclass

from typeset.diagnostics import Location


@dataclass(frozen=True)
class FrameOverset:
    """An overset frame as people name it: page, frame, where it is defined, how much."""

    page: int
    name: str
    location: Location
    chars: int
    lines: int

    def __str__(self) -> str:
        return f"第{self.page}版 {self.name}: 超 {self.chars} 字 / {self.lines} 行"


def report_text(title: str, pages: list[str], overset: list[FrameOverset]) -> str:
    lines = [title, "", f"{len(pages)} pages: " + "，".join(pages), ""]
    if overset:
        lines.append("Overset (超) — text that does not fit its frame:")
        lines += [f"  {item}  ({item.location})" for item in overset]
    else:
        lines.append("All text fits its frames.")
    return "\n".join(lines) + "\n"
