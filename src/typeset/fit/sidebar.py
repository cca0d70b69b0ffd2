"""The credits sidebar must hold all of its content: an error with the lines over.

The sidebar clips what runs past its frame (`overflow: hidden`) and a block set at its
foot (本期导读) covers what runs into it, so a credits list too long for its frame would
print short, or overprinted, with no word. Its laid-out lines are read from WeasyPrint's
box tree, as `fit/frames.py` reads the articles' frames.
"""

from __future__ import annotations

from collections.abc import Iterator

from weasyprint.document import Page as LaidOutPage
from weasyprint.formatting_structure import boxes

from typeset.diagnostics import Diagnostics
from typeset.issue.load import Issue

EPSILON = 0.5  # px; rounding of WeasyPrint's positions


def sidebars_over(pages: list[LaidOutPage]) -> dict[str, list[str]]:
    """The lines over of each sidebar on the laid-out pages of one page's document (its
    frame id → the text of each line that does not fit; none when all fit)."""
    over: dict[str, list[str]] = {}
    for page in pages:
        for sidebar in _sidebars(page._page_box):
            frame = sidebar.element.get("data-frame")
            if frame in over:  # WeasyPrint carried the rest over to a next page
                over[frame] += [text for _, text in _lines(sidebar) if text]
            else:
                over[frame] = _lines_over(sidebar) + _left_out(sidebar)
    return over


def _left_out(sidebar: boxes.Box) -> list[str]:
    """The paragraphs of the sidebar's HTML that were not laid out at all: on a page
    laid out alone, WeasyPrint drops what would have run on to a next page."""
    laid_out = "".join("".join(_texts(line)) for line in _line_boxes(sidebar))
    laid_out = "".join(laid_out.split())
    return [
        text
        for paragraph in sidebar.element.iter("p")
        if (text := "".join("".join(paragraph.itertext()).split())) and text not in laid_out
    ]


def _line_boxes(box: boxes.Box) -> Iterator[boxes.LineBox]:
    for child in getattr(box, "children", ()):
        if isinstance(child, boxes.LineBox):
            yield child
        else:
            yield from _line_boxes(child)


def report_sidebars(
    overs: list[tuple[int, dict[str, list[str]]]], issue: Issue, out: Diagnostics
) -> None:
    """An error at the page's `sidebar:` for each sidebar with lines over; `overs` holds
    each page number with what `sidebars_over` found on it."""
    index_of = {page.number: index for index, page in enumerate(issue.spec.pages)}
    for number, over in overs:
        for lines in filter(None, over.values()):
            out.error(
                issue.source.locate(("pages", index_of[number], "sidebar")),
                f"the credits sidebar on page {number} does not fit its frame: "
                f"{len(lines)} line{'s' if len(lines) > 1 else ''} over, from "
                f"'{lines[0][:16]}'; make the frame longer, or shorten the credits "
                "(masthead: credits: in paper.yaml)",
            )


def _sidebars(box: boxes.Box) -> Iterator[boxes.Box]:
    element = getattr(box, "element", None)
    if (
        element is not None
        and str(element.get("data-frame", "")).endswith("-sidebar")
        and getattr(box, "element_tag", None) == element.tag
    ):
        yield box
        return
    for child in getattr(box, "children", ()):
        yield from _sidebars(child)


def _lines_over(sidebar: boxes.Box) -> list[str]:
    """The text of each line standing below the room the sidebar's flow has: its content
    box, less a block placed at its foot."""
    limit = sidebar.content_box_y() + sidebar.height
    for child in sidebar.children:
        if child.is_absolutely_positioned():
            limit = min(limit, child.position_y)
    return [text for bottom, text in _lines(sidebar) if bottom > limit + EPSILON and text]


def _lines(box: boxes.Box) -> Iterator[tuple[float, str]]:
    for child in getattr(box, "children", ()):
        if isinstance(child, boxes.LineBox):
            yield child.position_y + child.height, "".join(_texts(child)).strip()
        elif not child.is_absolutely_positioned():
            yield from _lines(child)


def _texts(box: boxes.Box) -> Iterator[str]:
    if isinstance(box, boxes.TextBox):
        yield box.text
    for child in getattr(box, "children", ()):
        yield from _texts(child)
