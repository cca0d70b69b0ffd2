"""Frames as WeasyPrint laid them out: their lines traced back to the article's text.

A fixed-height multi-column box in WeasyPrint does not stop at its height: it adds
columns past its right edge (and a plain box runs past its bottom), so the lines outside
a frame's rectangle are the text that did not fit. Each body line is traced to the block
and offset it ends at, through the `data-block` / `data-start` attributes the article
template puts on every piece. This reads WeasyPrint's box tree (`Page._page_box`), an
internal API: the version range is pinned in pyproject.toml and tests/test_overset.py
fails if it moves.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import TypeVar

from weasyprint.document import Page as LaidOutPage
from weasyprint.formatting_structure import boxes

from typeset.fit.pieces import TextPosition

EPSILON = 0.5  # px; rounding of WeasyPrint's positions
PX_PER_PT = 4 / 3  # WeasyPrint measures in CSS px
Kind = TypeVar("Kind", bound=boxes.Box)


@dataclass(frozen=True)
class SetLine:
    """One laid-out line: where it stands and, for body text, where it ends in the text."""

    left: float
    top: float
    bottom: float
    chars: int
    end: TextPosition | None  # None for lines that are not article text (headline, caption)
    subhead: bool
    text: str = ""  # as laid out: what an ad that is not cut shows past its frame


@dataclass(frozen=True)
class FrameLayout:
    """One laid-out frame: its rectangle and its lines in reading order (px)."""

    frame_id: str
    page_index: int
    left: float
    top: float
    right: float
    bottom: float
    lines: tuple[SetLine, ...]
    low_points: tuple[float, ...]  # per column: the bottom of the lowest content in it
    broken: bool = False  # too small for a line of its text: WeasyPrint lost or moved it
    fixed_bottom: float = 0.0  # the bottom of what never moves to another column: the
    # head across the columns and the photos (`column-span: all`, `break-inside: avoid`)

    def inside(self, line: SetLine) -> bool:
        return (
            not self.broken
            and line.left + EPSILON < self.right
            and line.bottom <= self.bottom + EPSILON
        )

    @property
    def outside(self) -> list[SetLine]:
        return [line for line in self.lines if not self.inside(line)]

    def spare_lines(self, leading_pt: float) -> int:
        """Whole body lines between the lowest head or photo and the foot of the frame."""
        return max(0, int((self.bottom - self.fixed_bottom + EPSILON) // (leading_pt * PX_PER_PT)))

    def empty_lines(self, leading_pt: float) -> int:
        """Whole body lines left empty at the foot of the frame's columns."""
        pitch = leading_pt * PX_PER_PT
        return sum(max(0, int((self.bottom - low + EPSILON) // pitch)) for low in self.low_points)


def read_frames(pages: list[LaidOutPage], columns: dict[str, int]) -> dict[str, FrameLayout]:
    """Every frame of the pages, as laid out; `columns` gives the number of columns of the
    frames that have more than one."""
    found: dict[str, FrameLayout] = {}
    for index, page in enumerate(pages):
        for box in _frames(page._page_box):
            frame_id = box.element.get("data-frame")
            if frame_id in found:
                # A frame that cannot take a single line of its text is carried over to the
                # next page by WeasyPrint: none of its text fits.
                found[frame_id] = replace(found[frame_id], broken=True)
            else:
                found[frame_id] = _read(box, index, frame_id, columns.get(frame_id, 1))
    return found


def _frames(box: boxes.Box) -> Iterator[boxes.Box]:
    element = getattr(box, "element", None)
    if (
        element is not None
        and element.get("data-frame")
        and getattr(box, "element_tag", None) == element.tag
        and not isinstance(box, boxes.InlineBox)
    ):
        yield box
        return
    for child in getattr(box, "children", ()):
        yield from _frames(child)


def _read(frame: boxes.Box, page_index: int, frame_id: str, columns: int) -> FrameLayout:
    left, top = frame.border_box_x(), frame.border_box_y()
    right, bottom = left + frame.border_width(), top + frame.border_height()
    tracer = _Tracer()
    lines = tuple(tracer.lines(frame))
    return FrameLayout(
        frame_id,
        page_index,
        left,
        top,
        right,
        bottom,
        lines,
        _low_points(frame, left, right, columns),
        broken=not tracer.traced_all(frame.element),
        fixed_bottom=max(_fixed_bottoms(frame), default=top),
    )


class _Tracer:
    """Walks a frame's boxes in order, keeping a cursor in the text of each piece."""

    def __init__(self) -> None:
        self.cursors: dict[int, int] = {}  # id(element) -> characters consumed so far
        self.sources: dict[int, str] = {}  # id(element) -> its text, joined once

    def source(self, piece: object) -> str:
        if id(piece) not in self.sources:
            self.sources[id(piece)] = "".join(piece.itertext())
        return self.sources[id(piece)]

    def lines(self, box: boxes.Box, piece: object = None) -> Iterator[SetLine]:
        element = getattr(box, "element", None)
        tag = getattr(box, "element_tag", "")
        if element is not None and element.get("data-block") is not None and "::" not in tag:
            piece = element
        for child in getattr(box, "children", ()):
            if isinstance(child, boxes.LineBox):
                yield self._line(child, piece)
            elif not child.is_absolutely_positioned():  # marks over the frame, not its text
                yield from self.lines(child, piece)

    def _line(self, line: boxes.LineBox, piece: object) -> SetLine:
        texts = [text.text for text in _outermost(line, boxes.TextBox)]
        end = None
        if piece is not None:
            end = TextPosition(
                int(piece.get("data-block")),
                int(piece.get("data-start")) + self._advance(piece, "".join(texts)),
            )
        return SetLine(
            line.position_x,
            line.position_y,
            line.position_y + line.height,
            sum(len(text) for text in texts),
            end,
            piece is not None and piece.tag != "p",
            "".join(texts),
        )

    def traced_all(self, frame: object) -> bool:
        """Whether every piece of text in the frame's HTML came out in lines: WeasyPrint
        drops what it cannot place when a frame has no room for a single line."""
        return all(
            self.cursors.get(id(piece), 0) >= len(self.source(piece).rstrip())
            for piece in frame.iter()
            if piece.get("data-block") is not None
        )

    def _advance(self, piece: object, shown: str) -> int:
        """Move the piece's cursor past `shown`, skipping spaces the line breaker ate."""
        source = self.source(piece)
        at = self.cursors.get(id(piece), 0)
        for char in shown:
            while at < len(source) and source[at] != char and source[at].isspace():
                at += 1
            if at >= len(source) or source[at] != char:
                raise AssertionError(f"laid-out text {shown!r} is not in {source[:40]!r}")
            at += 1
        self.cursors[id(piece)] = at
        return at


def _low_points(frame: boxes.Box, left: float, right: float, columns: int) -> tuple[float, ...]:
    """For each column, the bottom of the lowest line or picture that reaches into it."""
    width = (right - left) / columns
    lows = [frame.content_box_y()] * columns
    for start, end, bottom in _content(frame):
        for column in range(columns):
            if start < left + (column + 1) * width - EPSILON and end > left + column * width:
                lows[column] = max(lows[column], bottom)
    return tuple(lows)


def _fixed_bottoms(box: boxes.Box) -> Iterator[float]:
    """The bottom, with its margin, of each box that stands where it is: a frame's height
    can shrink to the lowest of them and no further. Subheads (`break-inside: avoid` too)
    flow with the text."""
    for child in getattr(box, "children", ()):
        element = getattr(child, "element", None)
        text = element is not None and element.get("data-block") is not None
        if child.style["column_span"] == "all" or (
            child.style["break_inside"] == "avoid" and not text
        ):
            yield child.position_y + child.margin_height()
        elif not isinstance(child, boxes.LineBox):
            yield from _fixed_bottoms(child)


def _content(box: boxes.Box) -> Iterator[tuple[float, float, float]]:
    """(left, right, bottom) of each line and picture, and of each block spanning all
    columns (headline, wide photos) with its spacing below."""
    for child in getattr(box, "children", ()):
        if child.style["column_span"] == "all":
            yield (
                child.position_x,
                child.position_x + child.margin_width(),
                child.position_y + child.margin_height(),
            )
        elif isinstance(child, boxes.LineBox):
            left = box.content_box_x()
            yield left, left + box.width, child.position_y + child.height
        elif isinstance(child, boxes.ReplacedBox):
            yield (
                child.position_x,
                child.position_x + child.margin_width(),
                child.position_y + child.margin_height(),
            )
        elif not child.is_absolutely_positioned():
            yield from _content(child)


def _outermost(box: boxes.Box, kind: type[Kind]) -> Iterator[Kind]:
    """The descendants of `box` of type `kind` that are not inside another one."""
    for child in getattr(box, "children", ()):
        if isinstance(child, kind):
            yield child
        else:
            yield from _outermost(child, kind)
