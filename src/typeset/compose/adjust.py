"""One line's adjustment to its measure, in clreq's order (§3.8, 先挤进，后推出).

A line too full gives up room class by class (compose/spacing.py SHRINK_ORDER: the blank
halves of brackets and quotes, then of 、，；：, then the Han–Latin gaps down to ⅛ em,
then of 。？！), each class evenly, and only as much as it must. A line not full enough
is stretched evenly between its characters (not inside Latin words or ……, ——); a line of
Latin text alone (an address) between its letters, the last resort clreq allows.
"""

from __future__ import annotations

from typeset.compose.spacing import SHRINK_ORDER, Spacing
from typeset.text.script import OPENING


def adjusted(spacing: Spacing, start: int, end: int, width: float, justify: bool) -> list[float]:
    """The extra advance after each character of the line [start, end), in em: natural
    spacing, then shrink or stretch to `width` (for a line whose last mark hangs, the
    measure plus its blank half). Nothing after its last visible character."""
    visible = spacing.visible_end(start, end)
    extra = [spacing.after[j] for j in range(start, end)]
    for j in range(visible - 1, end):
        extra[j - start] = 0.0
    over = spacing.natural(start, visible) - width
    if over > 0:
        _shrink(spacing, start, visible, over, extra)
    elif justify and over < 0:
        _stretch(spacing, start, visible, -over, extra)
    return extra


def _shrink(spacing: Spacing, start: int, visible: int, over: float, extra: list[float]) -> None:
    for order in range(len(SHRINK_ORDER)):
        room = [(j, spacing.shrink[order][j]) for j in _shrinkable(spacing, start, visible)]
        room = [(j, amount) for j, amount in room if amount > 0]
        total = sum(amount for _, amount in room)
        if total <= 0:
            continue
        share = min(1.0, over / total)
        for j, amount in room:
            # An opening mark's blank half is on its left: the gap before it closes.
            at = j - 1 if spacing.text[j] in OPENING and order == 0 else j
            extra[at - start] -= share * amount
        over -= share * total
        if over <= 1e-9:
            return


def _shrinkable(spacing: Spacing, start: int, visible: int) -> range:
    """Indexes whose room may be taken: inside the line, not its first or last mark."""
    first = start + 1 if spacing.text[start] in OPENING else start
    return range(first, visible - 1)


def stretch_gaps(spacing: Spacing, start: int, visible: int) -> list[int]:
    """The gaps justification widens in the line [start, visible): those next to Chinese
    text or spaces, or between all its characters when it has none (an address)."""
    gaps = [j for j in range(start, visible - 1) if spacing.stretchy[j]]
    return gaps or list(range(start, visible - 1))


def _stretch(spacing: Spacing, start: int, visible: int, spare: float, extra: list[float]) -> None:
    gaps = stretch_gaps(spacing, start, visible)
    for j in gaps:
        extra[j - start] += spare / len(gaps)
