"""The build report: what layout staff read after `make` (report.txt)."""

from __future__ import annotations

from dataclasses import dataclass

from typeset.diagnostics import Location
from typeset.text.punctuation import PunctuationFix


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


def punctuation_section(fixes: tuple[PunctuationFix, ...]) -> str:
    """The half-width marks the build made full-width, one per line, for the proofreader."""
    if not fixes:
        return "No half-width punctuation was converted.\n"
    lines = [f"Punctuation (标点) — {len(fixes)} half-width marks made full-width:"]
    lines += [f"  {fix}" for fix in fixes]
    return "\n".join(lines) + "\n"
