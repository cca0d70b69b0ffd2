"""Where things go on the page, in points, from the paper's grid.

Frames are given in grid units (columns, body lines) so every text on a page shares one
grid; this is the single place that turns them into lengths.
"""

from __future__ import annotations

from dataclasses import dataclass

from typeset.issue.model import Frame
from typeset.issue.paper import MM, Grid, Paper, Template


@dataclass(frozen=True)
class Box:
    """A rectangle inside the type area, in points from its top left corner."""

    left: float
    top: float
    width: float
    height: float
    columns: int
    lines: int
    edges: tuple[str, ...]  # which of "left", "right", "bottom" touch the type area's edge


@dataclass(frozen=True)
class PageGeometry:
    """The trim and the type area, centred across and hung from the top margin."""

    width: float
    height: float
    margin_top: float
    margin_side: float
    margin_bottom: float
    grid: Grid

    @classmethod
    def of(cls, paper: Paper) -> PageGeometry:
        width, height = paper.trim.width_mm * MM, paper.trim.height_mm * MM
        top = paper.grid.top_margin_mm * MM
        return cls(
            width=width,
            height=height,
            margin_top=top,
            margin_side=(width - paper.grid.width) / 2,
            margin_bottom=height - top - paper.grid.height,
            grid=paper.grid,
        )

    def box(self, frame: Frame, template: Template) -> Box:
        grid = self.grid
        pitch = grid.column_width + grid.gutter
        edges = {
            "left": frame.column == 1,
            "right": frame.last_column == grid.columns,
            "bottom": template.header_lines + frame.last_line == grid.lines,
        }
        return Box(
            left=(frame.column - 1) * pitch,
            top=(template.header_lines + frame.line - 1) * grid.leading_pt,
            width=self.span_width(frame.span),
            height=frame.lines * grid.leading_pt,
            columns=frame.span,
            lines=frame.lines,
            edges=tuple(edge for edge, touches in edges.items() if touches),
        )

    def span_width(self, span: int) -> float:
        return span * self.grid.column_width + (span - 1) * self.grid.gutter
