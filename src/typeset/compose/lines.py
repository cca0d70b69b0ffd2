"""Composed paragraphs: each block of an article as lines with their advances, which the
layout places as they are (render/justify.py), and the loose lines (松行) it could not
avoid, for the build's warnings."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from itertools import accumulate, pairwise
from pathlib import Path

from typeset.compose.adjust import adjusted, stretch_gaps
from typeset.compose.linebreak import EMERGENCY, LOOSE_EM, Measure, break_lines, fit
from typeset.compose.opportunities import Kinsoku, weighted_opportunities
from typeset.compose.spacing import Spacing
from typeset.compose.widths import advances
from typeset.text.blocks import ArticleText, Block, Run


@dataclass(frozen=True)
class ComposedLine:
    """Characters [start, end) of a block; `extra` is the advance after each, in em."""

    start: int
    end: int
    extra: tuple[float, ...]
    justified: bool
    stretch: float  # em added to each widened gap (0 when shrunk or not justified)
    hang: float = 0.0  # em of its last mark's blank half set past the measure

    @property
    def loose(self) -> bool:
        return self.justified and self.stretch > LOOSE_EM


@dataclass(frozen=True)
class ComposedBlock:
    block: Block
    lines: tuple[ComposedLine, ...]

    def between(self, start: int, end: int) -> tuple[ComposedLine, ...]:
        """The lines of the part [start, end) of the block (a frame's piece of it)."""
        return tuple(line for line in self.lines if start <= line.start < end)


@dataclass(frozen=True)
class Composer:
    """The paper's rules for one measure: level of 禁则, Han–Latin spacing, faces. With
    `keep_whole` (short texts, ragged: no loose line to avoid), a book title 《…》 and a
    number with its unit are broken only where nothing else fits, and a run marked
    `nobreak` (a credit, a sidebar note) never; in body text a number may leave its unit
    at a penalty, to avoid a loose line (its `nobreak` marks, text/breaks.py, are for
    what Pango sets). Without `justify` (a sidebar), no line is stretched to the measure."""

    measure: Measure
    level: Kinsoku
    latin_em: float
    face_of: Callable[[Run], Path]
    keep_whole: bool = False
    justify: bool = True

    def block(self, block: Block) -> ComposedBlock:
        text = block.text
        spacing = self._spacing(block)
        chances = weighted_opportunities(text, self.level, paragraph=True)
        if self.keep_whole:
            allowed = outside_book_titles(text, _outside_nobreak_runs(block, list(chances)))
            chances = {at: EMERGENCY if chances[at] else 0.0 for at in allowed}
        ends = break_lines(spacing, chances, self.measure, self.level)
        lines = []
        for start, end in pairwise([0, *ends]):
            width = self.measure.width - (self.measure.indent if start == 0 else 0.0)
            justify = self.justify and (end < len(text) or self.measure.justify_last)
            hang = spacing.hang(spacing.visible_end(start, end) - 1)
            _, hung = fit(*spacing.line(start, end), width, not justify, hang)
            hang = hang if hung else 0.0
            extra = adjusted(spacing, start, end, width + hang, justify)
            stretch = _stretch(spacing, start, end, width + hang) if justify else 0.0
            lines.append(ComposedLine(start, end, tuple(extra), justify, stretch, hang))
        return ComposedBlock(block, tuple(lines))

    def line(self, block: Block) -> ComposedBlock:
        """The block as one line, never broken (a folio, a date, a jump line): only its
        spacing, the same as in a composed paragraph."""
        text = block.text
        spacing = self._spacing(block)
        extra = adjusted(spacing, 0, len(text), math.inf, justify=False) if text else []
        return ComposedBlock(block, (ComposedLine(0, len(text), tuple(extra), False, 0.0),))

    def _spacing(self, block: Block) -> Spacing:
        """The block's advances and its spacing by the paper's rules, before breaking."""
        return Spacing.of(block.text, advances(block, self.face_of), self.latin_em)

    def article(self, text: ArticleText) -> tuple[ComposedBlock | None, ...]:
        """Each paragraph composed; subheads (None) are set by the layout."""
        return tuple(
            self.block(block) if block.kind == "paragraph" else None for block in text.blocks
        )


def outside_book_titles(text: str, positions: list[int]) -> list[int]:
    """The positions not inside a book title 《…》 (nested ones counted)."""
    depth = list(accumulate((char == "《") - (char == "》") for char in text))
    return [i for i in positions if depth[i - 1] <= 0]


def _outside_nobreak_runs(block: Block, positions: list[int]) -> list[int]:
    """The positions not inside a run marked `nobreak` (a photo credit, a sidebar note)."""
    inside: set[int] = set()
    at = 0
    for run in block.runs:
        if run.nobreak:
            inside.update(range(at + 1, at + len(run.text)))
        at += len(run.text)
    return [i for i in positions if i not in inside]


def _stretch(spacing: Spacing, start: int, end: int, width: float) -> float:
    """The even extra space justification adds between the characters of a line, in em
    (what a reader sees between two Han characters; a mark at the line's end keeping its
    full em is not stretch); a line with no gap to widen is as loose as the room it leaves."""
    visible = spacing.visible_end(start, end)
    spare = width - spacing.natural(start, visible)
    if spare <= 1e-9:
        return 0.0
    gaps = stretch_gaps(spacing, start, visible)
    return spare / len(gaps) if gaps else spare
