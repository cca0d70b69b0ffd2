"""The room around each character of a paragraph, before it is broken into lines: the
natural space after it (标点挤压, Han–Latin spacing), what it may give up when a line
is too full (clreq §3.8, in priority order) and whether the gap after it may stretch.

Kept as running sums, so that the width, shrink and stretch of any line are found in
constant time while the line breaker tries its candidates.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import accumulate

from typeset.text.script import CLOSING, OPENING, STOPS, is_cjk_text, is_han, is_latin

SQUEEZE_EM = 0.5  # two adjacent marks lose the blank half of one of them
LATIN_MIN_EM = 0.125  # a Han–Latin gap never shrinks below ⅛ em
# 先挤进: what gives up its blank half first when a line is too full (全角式: only marks
# inside a line; at a line's edges every mark keeps its full em).
SHRINK_ORDER = ("brackets", "pauses", "latin", "stops")
_CLASS = {
    **dict.fromkeys(OPENING + CLOSING, "brackets"),
    **dict.fromkeys("、，；：", "pauses"),
    **dict.fromkeys("。？！", "stops"),
}


def squeezes(a: str, b: str) -> bool:
    """Whether full-width marks a, b meet with a blank half-em between them (。」 ，“ ）（)."""
    if a in CLOSING + STOPS:
        return b in OPENING + CLOSING + STOPS
    return a in OPENING and b in OPENING


def expandable(a: str, b: str) -> bool:
    """Whether justification may widen the gap between a and b: not inside a Latin word or
    number, and not inside …… or ——, which stay one unbroken mark."""
    if not a or not b or (a == b and a in "…—"):
        return False
    return is_cjk_text(a) or is_cjk_text(b) or a.isspace() or b.isspace()


def latin_gap(a: str, b: str) -> bool:
    """Whether a and b are a Han character and a Latin letter or digit, in either order."""
    return (is_han(a) and is_latin(b)) or (is_latin(a) and is_han(b))


def _kind(char: str) -> str:
    """What the spacing rules need to know of a character: o(pening), c(losing or
    stop), h(an), l(atin), w(ide or Chinese mark), s(pace), or - for anything else."""
    if char in OPENING:
        return "o"
    if char in CLOSING + STOPS:
        return "c"
    if is_han(char):
        return "h"
    if is_latin(char):
        return "l"
    if is_cjk_text(char):
        return "w"
    return "s" if char.isspace() else "-"


def _pair(a: str, b: str) -> tuple[bool, bool, bool]:
    """(squeezed, Han–Latin gap, stretchable) for two neighbours of kinds a and b."""
    squeeze = (a == "c" and b in "oc") or (a == "o" and b == "o")
    latin = (a, b) in (("h", "l"), ("l", "h"))
    chinese = "ochw"
    stretch = a in chinese or b in chinese or a == "s" or b == "s"
    return squeeze, latin, stretch


@dataclass(frozen=True)
class Spacing:
    """A paragraph's characters with their room, in em. Index j is character j and the
    gap after it; `shrink[k][j]` is what class SHRINK_ORDER[k] may take there."""

    text: str
    width: tuple[float, ...]
    after: tuple[float, ...]
    shrink: tuple[tuple[float, ...], ...]
    stretchy: tuple[bool, ...]
    _natural: tuple[float, ...]  # running sums: before j, width + after
    _shrink: tuple[float, ...]
    _gaps: tuple[int, ...]

    @classmethod
    def of(cls, text: str, width: list[float], latin_em: float) -> Spacing:
        count = len(text)
        after = [0.0] * count
        shrink = [[0.0] * count for _ in SHRINK_ORDER]
        stretchy = [False] * count
        squeezed = [False] * count
        latin_room = max(0.0, latin_em - LATIN_MIN_EM)
        kind = {char: _kind(char) for char in set(text)}  # a paragraph has few distinct
        pairs: dict[tuple[str, str], tuple[bool, bool, bool]] = {}
        for j in range(count - 1):
            key = (kind[text[j]], kind[text[j + 1]])
            if text[j] == text[j + 1] and text[j] in "…—":
                continue  # one mark of two halves: no space inside it
            found = pairs.get(key)
            if found is None:
                found = pairs[key] = _pair(*key)
            squeeze, latin, stretchy[j] = found
            if squeeze:
                after[j] = -SQUEEZE_EM
                squeezed[j] = squeezed[j + 1] = True
            elif latin:
                after[j] = latin_em
                shrink[2][j] = latin_room
        for j, char in enumerate(text):
            if char in _CLASS and not squeezed[j]:
                shrink[SHRINK_ORDER.index(_CLASS[char])][j] = SQUEEZE_EM
        total = [sum(column) for column in zip(*shrink, strict=True)] if count else []
        return cls(
            text,
            tuple(width),
            tuple(after),
            tuple(tuple(row) for row in shrink),
            tuple(stretchy),
            tuple(accumulate(map(float.__add__, width, after), initial=0.0)),
            tuple(accumulate(total, initial=0.0)),
            tuple(accumulate(stretchy, initial=0)),
        )

    def visible_end(self, start: int, end: int) -> int:
        """The end of a line [start, end) without the spaces it ends with."""
        while end > start + 1 and self.text[end - 1].isspace():
            end -= 1
        return end

    def sums(self) -> tuple[tuple[float, ...], tuple[float, ...], tuple[int, ...], tuple]:
        """The running sums (natural width, room to shrink, stretchable gaps, each before
        an index) and the spaces after each character, for the line breaker's inner loop."""
        return self._natural, self._shrink, self._gaps, self.after

    def edge_shrink(self, index: int) -> float:
        """What character `index` cannot give up when it starts a line (its own blank)."""
        if index >= len(self.text):
            return 0.0
        return self.shrink[0][index] + self.shrink[1][index] + self.shrink[3][index]

    def line(self, start: int, end: int) -> tuple[float, float, int]:
        """A line's natural width, the room it may give up (marks and gaps inside it, not
        at its edges) and the gaps it may widen (all of them in a line of Latin alone)."""
        visible = self.visible_end(start, end)
        room = self._shrink[visible - 1] - self._shrink[start] - self.edge_shrink(start)
        gaps = self._gaps[visible - 1] - self._gaps[start] or max(visible - start - 1, 0)
        return self.natural(start, visible), room, gaps

    def hang(self, index: int) -> float:
        """What character `index` may give up at a line's end: the blank half of a closing
        mark or 点号, whose ink is in its left half (it hangs past the measure)."""
        return SQUEEZE_EM if self.text[index] in CLOSING + STOPS else 0.0

    def natural(self, start: int, end: int) -> float:
        """A line's width before adjustment (its trailing spaces are not set)."""
        return self._natural[end] - self._natural[start] - self.after[end - 1]
