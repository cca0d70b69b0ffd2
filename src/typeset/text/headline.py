"""Headlines that wrap: broken where Chinese allows, into lines of even width.

WeasyPrint 70 has no `text-wrap: balance`, and a greedy break leaves a headline with a
full first line and one or two characters on the next, which no paper prints. This
module picks the breaks itself from the characters' advance widths, so the layout gets a
headline already split into lines.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import combinations, pairwise

from typeset.text.script import CLOSING, OPENING, STOPS

MOST_LINES = 4
TOLERANCE = 0.5  # pt: rounding between these widths and the layout's
PUNCTUATION_BONUS = 0.3  # of the measure: how much unevenness a break after ，：、 is worth


def balanced_lines(text: str, width_of: Callable[[str], float], measure: float) -> tuple[str, ...]:
    """The headline as lines no wider than `measure`: as few lines as fit, then the most
    even ones, preferring breaks after punctuation; never one character alone."""
    if width_of(text) <= measure + TOLERANCE:
        return (text,)
    breaks = [i for i in range(2, len(text) - 1) if _can_break(text, i)]
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


def _can_break(text: str, i: int) -> bool:
    """Whether a line may end before text[i] (禁则, and no break inside a Latin word)."""
    left, right = text[i - 1], text[i]
    if left.isascii() and right.isascii() and left.isalnum() and right.isalnum():
        return False
    return right not in CLOSING + STOPS + "…—" and left not in OPENING


def _split(text: str, cut: tuple[int, ...]) -> tuple[str, ...]:
    edges = (0, *cut, len(text))
    return tuple(text[a:b].strip() for a, b in pairwise(edges))


def _badness(lines: tuple[str, ...], width_of: Callable[[str], float], measure: float) -> float:
    widths = [width_of(line) for line in lines]
    after_punctuation = sum(line[-1] in STOPS for line in lines[:-1])
    return max(widths) - min(widths) - PUNCTUATION_BONUS * measure * after_punctuation
