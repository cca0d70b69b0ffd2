"""Headlines that wrap: broken where Chinese allows, into lines of even width.

WeasyPrint 70 has no `text-wrap: balance`, and a greedy break leaves a headline with a
full first line and one or two characters on the next, which no paper prints. This
module picks the breaks itself from the characters' advance widths, so the layout gets a
headline already split into lines.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import accumulate, combinations, pairwise

from typeset.compose.opportunities import Kinsoku, break_opportunities
from typeset.text.script import STOPS

MOST_LINES = 4
TOLERANCE = 0.5  # pt: rounding between these widths and the layout's
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
        candidates = [
            lines
            for cut in combinations(breaks, count - 1)
            if (lines := _split(text, cut))
            and all(len(line) > 1 and width_of(line) <= measure + TOLERANCE for line in lines)
        ]
        if candidates:
            return min(candidates, key=lambda lines: _badness(lines, width_of, measure))
    return (text,)  # no even split fits: the layout wraps it as it can


def _breaks(text: str, level: Kinsoku) -> list[int]:
    """Where a headline may break: the composer's opportunities (ICU, the paper's 禁则,
    numbers with their units, Latin words whole), never after its first or before its
    last character, and inside a book title 《…》 only when there is no other break."""
    found = [i for i in break_opportunities(text, level, paragraph=False) if 2 <= i < len(text) - 1]
    depth = list(accumulate((char == "《") - (char == "》") for char in text))
    outside = [i for i in found if depth[i - 1] <= 0]
    return outside or found


def _split(text: str, cut: tuple[int, ...]) -> tuple[str, ...]:
    edges = (0, *cut, len(text))
    return tuple(text[a:b].strip() for a, b in pairwise(edges))


def _badness(lines: tuple[str, ...], width_of: Callable[[str], float], measure: float) -> float:
    widths = [width_of(line) for line in lines]
    after_punctuation = sum(line[-1] in STOPS for line in lines[:-1])
    return max(widths) - min(widths) - PUNCTUATION_BONUS * measure * after_punctuation
