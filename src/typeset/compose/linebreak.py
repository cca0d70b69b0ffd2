"""Total-fit line breaking (Knuth and Plass, 1981) for Chinese text.

Every way of breaking the paragraph at its opportunities is weighed at once, so that one
loose line is traded for several slightly tighter ones; a line may be too full as long
as its marks and Han–Latin gaps can give up the difference (compose/adjust.py). Each
breakpoint looks back only over the candidates whose line could still fit, a bounded
number, so the work grows linearly with the paragraph. Written here because no Python
library breaks Chinese text by total fit (Pango, ICU and uniseg find opportunities only).
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import pairwise

from typeset.compose.opportunities import Kinsoku, emergency
from typeset.compose.spacing import Spacing

LOOSE_EM = 0.15  # more extra space than this between characters makes a loose line (松行)
EMERGENCY = 1e7  # demerits of a break inside a word, when nothing else fits
OVERFULL = 1e9  # demerits of a line that cannot fit at all
HANG_COST = 100.0  # badness of a line whose last mark hangs: as much as a loose line
UNJUSTIFIABLE = 1e12  # badness of a short line with one character: it cannot end flush


@dataclass(frozen=True)
class Measure:
    """The line length in em, the first line's indent, and whether the paragraph's last
    line is justified too."""

    width: float
    indent: float = 0.0
    justify_last: bool = False


def break_lines(
    spacing: Spacing, opportunities: dict[int, float], measure: Measure, level: Kinsoku
) -> list[int]:
    """The ends of the paragraph's lines, the last one its length; `opportunities` maps
    each place a line may end to the demerits of ending it there (Knuth and Plass's
    penalty: 0 for most, more between a number and its unit)."""
    length = len(spacing.text)
    if length == 0:
        return []
    positions = [0, *opportunities, length]
    candidates, emergencies = _with_emergency(spacing, positions, measure, level)
    lines = _Lines(spacing, candidates, measure)
    best = [math.inf] * len(candidates)
    previous = [0] * len(candidates)
    best[0] = 0.0
    for k in range(1, len(candidates)):
        at = candidates[k]
        penalty = EMERGENCY if at in emergencies else opportunities.get(at, 0.0)
        for i, bad in lines.fitting(k - 1, -1, k):
            if best[i] != math.inf:
                demerits = best[i] + (1 + bad) ** 2 + penalty
                if demerits < best[k]:
                    best[k], previous[k] = demerits, i
        if best[k] == math.inf and best[k - 1] != math.inf:
            best[k], previous[k] = best[k - 1] + OVERFULL, k - 1  # no line fits: overfull
    ends = []
    k = len(candidates) - 1
    while k > 0:
        ends.append(candidates[k])
        k = previous[k]
    return ends[::-1]


class _Lines:
    """The lines between two candidate breaks, weighed in constant time from running sums
    taken once per candidate (the inner loop of the line breaker)."""

    def __init__(self, spacing: Spacing, candidates: list[int], measure: Measure) -> None:
        self.measure = measure
        self.starts = candidates
        natural, shrink, gaps, after = spacing.sums()
        self.at = [natural[c] for c in candidates]
        self.start_shrink = [shrink[c] + spacing.edge_shrink(c) for c in candidates]
        self.start_gaps = [gaps[c] for c in candidates]
        visible = [spacing.visible_end(0, c) if c else 0 for c in candidates]
        self.visible = visible
        self.end_natural = [natural[v] - after[v - 1] if v else 0.0 for v in visible]
        self.end_shrink = [shrink[v - 1] if v else 0.0 for v in visible]
        self.end_gaps = [gaps[v - 1] if v else 0 for v in visible]
        self.hang = [spacing.hang(v - 1) if v else 0.0 for v in visible]
        self.last = len(candidates) - 1

    def fitting(self, first: int, last: int, k: int) -> Iterator[tuple[int, float]]:
        """(i, badness) of the lines from candidates first, first − 1, … (down to, not
        including, last) to candidate k, while they fit: how far each is from its
        natural set (a longer line fits even less, so the first that cannot ends it,
        after at most a line's worth of candidates)."""
        measure = self.measure
        full, indent = measure.width, measure.width - measure.indent
        ragged = k == self.last and not measure.justify_last
        natural_k, shrink_k, gaps_k, visible_k = (
            self.end_natural[k],
            self.end_shrink[k],
            self.end_gaps[k],
            self.visible[k],
        )
        at, start_shrink, start_gaps, starts = (
            self.at,
            self.start_shrink,
            self.start_gaps,
            self.starts,
        )
        hang = self.hang[k]
        for i in range(first, last, -1):
            start = starts[i]
            width = indent if start == 0 else full
            gaps = gaps_k - start_gaps[i] or max(visible_k - start - 1, 0)
            bad, _ = fit(natural_k - at[i], shrink_k - start_shrink[i], gaps, width, ragged, hang)
            if bad == math.inf:
                return
            yield i, bad


def fit(
    natural: float, room: float, gaps: int, width: float, ragged: bool, hang: float
) -> tuple[float, bool]:
    """(badness, hung) of a line: how far it is from its natural set (math.inf when it
    cannot fit), and whether its last mark's blank half hangs past the measure, which
    clreq shrinks first when a line is too full (its ink still ends at the measure)."""
    bad = _badness(natural, room, gaps, width, ragged)
    if hang and natural > width + 1e-9:
        hung = _badness(natural - hang, room, gaps, width, ragged) + HANG_COST
        if hung < bad:
            return hung, True
    return bad, False


def _badness(natural: float, room: float, gaps: int, width: float, ragged: bool) -> float:
    if natural > width + 1e-9:
        over = natural - width
        return math.inf if over > room + 1e-9 else 100 * (over / room) ** 3
    if ragged:
        return 0.0
    if gaps == 0:
        return 0.0 if width - natural < 1e-9 else UNJUSTIFIABLE
    return 100 * ((width - natural) / gaps / LOOSE_EM) ** 3


def _with_emergency(
    spacing: Spacing, positions: list[int], measure: Measure, level: Kinsoku
) -> tuple[list[int], set[int]]:
    """The break positions, with emergency ones inside any stretch between two of them
    that may be wider than a line (an address without a path); they cost so much that
    they are taken only where nothing else fits. Returns all, and the emergency ones."""
    found: list[int] = []
    emergencies: set[int] = set()
    text = spacing.text
    natural = spacing.sums()[0]
    for start, end in pairwise(positions):
        found.append(start)
        widest = measure.width - (measure.indent if start == 0 else 0.0)
        if natural[end] - natural[start] > widest:
            inner = [i for i in range(start + 1, end) if emergency(text, i, level)]
            found += inner
            emergencies.update(inner)
    found.append(positions[-1])
    return found, emergencies
