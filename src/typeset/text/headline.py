"""Headlines that wrap: broken where Chinese allows, into lines of even width.

WeasyPrint 70 has no `text-wrap: balance`, and a greedy break leaves a headline with a
full first line and one or two characters on the next, which no paper prints. This
module picks the breaks itself from the characters' advance widths, so the layout gets a
headline already split into lines.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from typeset.compose.lines import outside_book_titles
from typeset.compose.opportunities import Kinsoku, break_opportunities
from typeset.text.script import STOPS

MOST_LINES = 4
TOLERANCE = 0.5  # pt: rounding between these widths and the layout's
REST_SLACK = 1.1  # lines lose the spaces they break at: a rest may measure a little more
PUNCTUATION_BONUS = 0.3  # of the measure: how much unevenness a break after ，：、 is worth


def balanced_lines(
    text: str, width_of: Callable[[str], float], measure: float, level: Kinsoku = "gb"
) -> tuple[str, ...]:
    """The headline as lines no wider than `measure`: as few lines as fit, then the most
    even ones, preferring breaks after punctuation; never one character alone."""
    if width_of(text) <= measure + TOLERANCE:
        return (text,)
    breaks = _breaks(text, level)
    for count in range(2, MOST_LINES + 1):
        candidates = list(_fitting_splits(text, breaks, count, width_of, measure))
        if candidates:
            return min(candidates, key=lambda lines: _badness(lines, width_of, measure))
    return (text,)  # no even split fits: the layout wraps it as it can


def _breaks(text: str, level: Kinsoku) -> list[int]:
    """Where a headline may break: the composer's opportunities (ICU, the paper's 禁则,
    numbers with their units, Latin words whole), never after its first or before its
    last character, and inside a book title 《…》 only when there is no other break."""
    found = [i for i in break_opportunities(text, level, paragraph=False) if 2 <= i < len(text) - 1]
    return outside_book_titles(text, found) or found


def _fitting_splits(
    text: str, breaks: list[int], count: int, width_of: Callable[[str], float], measure: float
) -> Iterator[tuple[str, ...]]:
    """Every split into `count` lines that fit, line by line: a line stops growing once too
    wide, and a rest too wide for the lines left is given up. (Trying every combination of
    breaks took hours on a 2,000-character headline.)"""
    most = measure + TOLERANCE

    def rest_of(begin: int, first: int, lines: tuple[str, ...]) -> Iterator[tuple[str, ...]]:
        rest = text[begin:].strip()
        left = count - len(lines)
        if width_of(rest) > left * most * REST_SLACK:
            return
        if left == 1:
            if len(rest) > 1 and width_of(rest) <= most:
                yield (*lines, rest)
            return
        for j in range(first, len(breaks)):
            line = text[begin : breaks[j]].strip()
            if width_of(line) > most:
                break
            if len(line) > 1:
                yield from rest_of(breaks[j], j + 1, (*lines, line))

    yield from rest_of(0, 0, ())


def _badness(lines: tuple[str, ...], width_of: Callable[[str], float], measure: float) -> float:
    widths = [width_of(line) for line in lines]
    after_punctuation = sum(line[-1] in STOPS for line in lines[:-1])
    return max(widths) - min(widths) - PUNCTUATION_BONUS * measure * after_punctuation
