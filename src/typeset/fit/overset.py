"""Text that did not fit its frame, measured on WeasyPrint's laid-out boxes.

A fixed-height multi-column box in WeasyPrint does not stop at its height: it adds
columns past its right edge (and a plain box runs past its bottom). Every line box that
lies outside its frame's rectangle is overset; its characters are counted from its text
boxes. This reads WeasyPrint's box tree (`Document.pages[i]._page_box`), an internal API:
the version range is pinned in pyproject.toml and tests/test_overset.py fails if it moves.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TypeVar

from weasyprint.document import Page as LaidOutPage
from weasyprint.formatting_structure import boxes

EPSILON = 0.5  # px; rounding of WeasyPrint's positions
Kind = TypeVar("Kind", bound=boxes.Box)


@dataclass(frozen=True)
class Overset:
    """How much of one frame's text is outside it."""

    frame: str
    page_index: int
    chars: int
    lines: int


def find_overset(pages: list[LaidOutPage]) -> list[Overset]:
    found = []
    for index, page in enumerate(pages):
        for frame in _frames(page._page_box):
            chars, lines = _outside(frame)
            if lines:
                found.append(Overset(frame.element.get("data-frame"), index, chars, lines))
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


def _outside(frame: boxes.Box) -> tuple[int, int]:
    right = frame.border_box_x() + frame.border_width() + EPSILON
    bottom = frame.border_box_y() + frame.border_height() + EPSILON
    chars = lines = 0
    for line in _outermost(frame, boxes.LineBox):
        if line.position_x + EPSILON >= right or line.position_y + line.height > bottom:
            lines += 1
            chars += sum(len(text.text) for text in _outermost(line, boxes.TextBox))
    return chars, lines


def _outermost(box: boxes.Box, kind: type[Kind]) -> Iterator[Kind]:
    """The descendants of `box` of type `kind` that are not inside another one."""
    for child in getattr(box, "children", ()):
        if isinstance(child, kind):
            yield child
        else:
            yield from _outermost(child, kind)
