"""Where a frame is full: the last line of text it can hold, by the rules of the page."""

from __future__ import annotations

from typeset.fit.frames import EPSILON, PX_PER_PT, FrameLayout, SetLine
from typeset.fit.pieces import TextPosition


def fitting_end(
    layout: FrameLayout, start: TextPosition, leading_pt: float, *, reserve_line: bool
) -> TextPosition | None:
    """The end of the text that fits `layout` (which was given the text from `start`),
    or None when all of it fits.

    With `reserve_line`, one body line stays free below the last line kept, for the jump
    line (下转第N版), so that the jump line never pushes text out. A subhead is never
    left as the last thing in a frame: it goes on with its text into the next frame.
    """
    if not layout.outside:
        return None
    kept = [line for line in layout.lines if line.end is not None and layout.inside(line)]
    while kept and (kept[-1].subhead or (reserve_line and _no_room(layout, kept[-1], leading_pt))):
        kept.pop()
    return kept[-1].end if kept else start


def _no_room(layout: FrameLayout, last: SetLine, leading_pt: float) -> bool:
    return layout.bottom - last.bottom < leading_pt * PX_PER_PT - EPSILON
