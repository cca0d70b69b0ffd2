"""What is printed at a note's place: the character nearest it on its round's page PDF, and
the printed line it stands in (read back with PDFium, as a reader's PDF viewer would)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

import pypdfium2

MM = 72 / 25.4
NEAR_MM = 6.0  # a note further than this from any character is not about the text


@dataclass(frozen=True)
class PrintedChar:
    text: str
    left: float  # points from the page's top-left corner (the trim's, in proofs)
    top: float
    right: float
    bottom: float

    def distance(self, x: float, y: float) -> float:
        dx = max(self.left - x, 0.0, x - self.right)
        dy = max(self.top - y, 0.0, y - self.bottom)
        return math.hypot(dx, dy)


PrintedLines = tuple[tuple[PrintedChar, ...], ...]


@dataclass(frozen=True)
class PrintedPlace:
    """The printed line (spaces left out) and which of its characters is nearest the note."""

    line: str
    index: int

    @property
    def char(self) -> str:
        return self.line[self.index]


def printed_place(lines: PrintedLines, x_mm: float, y_mm: float) -> PrintedPlace | None:
    """The character nearest (x_mm, y_mm) among a page's `lines` and its line; None when no
    character is within NEAR_MM."""
    x, y = x_mm * MM, y_mm * MM
    best: tuple[float, int, int] | None = None
    for number, line in enumerate(lines):
        for index, char in enumerate(line):
            distance = char.distance(x, y)
            if best is None or distance < best[0]:
                best = (distance, number, index)
    if best is None or best[0] > NEAR_MM * MM:
        return None
    _, number, index = best
    return PrintedPlace("".join(char.text for char in lines[number]), index)


def printed_lines(pdf: Path) -> PrintedLines:
    """The page's characters in drawing order, cut into lines where PDFium ends one, or where
    the next character does not follow on the same baseline (another column or frame)."""
    document = pypdfium2.PdfDocument(pdf)
    try:
        page = document[0]
        height = page.get_height()
        text = page.get_textpage()
        lines: list[list[PrintedChar]] = [[]]
        for index in range(text.count_chars()):
            char = text.get_text_range(index, 1)
            if char.isspace():
                if char in "\r\n" and lines[-1]:
                    lines.append([])
                continue
            left, bottom, right, top = text.get_charbox(index, loose=True)
            placed = PrintedChar(char, left, height - top, right, height - bottom)
            if lines[-1] and not _follows(lines[-1][-1], placed):
                lines.append([])
            lines[-1].append(placed)
        return tuple(tuple(line) for line in lines if line)
    finally:
        document.close()


def _follows(before: PrintedChar, after: PrintedChar) -> bool:
    size = before.bottom - before.top
    same_baseline = abs(after.bottom - before.bottom) < size / 2
    return same_baseline and before.left < after.left < before.right + 2 * size
