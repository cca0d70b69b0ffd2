"""Copyfit by counting lines: where a frame followed by another is full, worked out from
the composed paragraphs' line counts on the grid, so the pages are laid out once.

Every body paragraph is composed before layout (compose/), so its line count is known;
every height in a frame is a whole number of body lines (style.css). A frame's columns
are filled in order, as `column-fill: auto` does: the head across all columns (kicker,
headline, subheadline, byline, wide photos), then photos in the column (never split),
the 上接 line, paragraphs line by line (orphans and widows are 1), subheads (a line of
space, their lines, never last in a column), and one line kept for the 下转 line. The
heights are the paper's (`headlines:` lines and `heights:` in paper.yaml), which its CSS
reads too; the build checks the laid-out pages against the count and measures instead
when they disagree (build.py), so a layout whose CSS sets other heights is slower, never
wrong.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from typeset.compose.articles import ComposedArticles
from typeset.fit.copyfit import FrameText
from typeset.fit.frames import FrameLayout
from typeset.fit.pieces import Piece, TextPosition
from typeset.issue.load import Issue
from typeset.issue.paper import Headlines, Heights
from typeset.render.view import ArticleView, subhead_lines

ViewOf = Callable[[FrameText], ArticleView]


@dataclass(frozen=True)
class _Item:
    """A piece of a frame's flow: `ends` are the text positions after each of its lines
    (None for a photo or the 上接 line); a subhead has its line of space before it."""

    lines: int
    ends: tuple[TextPosition | None, ...]
    split: bool  # paragraph lines may go on in the next column
    subhead: bool = False


class LineCount:
    """The copyfit by counting, for `fit_jumps`: where a draft's frame is full."""

    @classmethod
    def of(
        cls, issue: Issue, fonts: Path, composed: ComposedArticles, view_of: ViewOf
    ) -> LineCount:
        """Subheads are counted in the balanced lines the view gives them."""

        def lines_of(text: str) -> int:
            return len(subhead_lines(issue, fonts, text))

        return cls(composed, view_of, lines_of, issue.paper.headlines, issue.paper.heights)

    def __init__(
        self,
        composed: ComposedArticles,
        view_of: ViewOf,
        subhead_lines: Callable[[str], int],
        headlines: Headlines,
        heights: Heights,
    ) -> None:
        self.composed = composed
        self.view_of = view_of  # the frame as the template will show it
        self.subhead_lines = subhead_lines
        self.headlines = headlines
        self.heights = heights

    def __call__(self, draft: FrameText) -> TextPosition | None:
        """The end of the text the draft's frame holds (one line kept for 下转), or None
        when all of it fits."""
        view = self.view_of(draft)
        box = view.box
        parting = 0 if "bottom" in box.edges else self.heights.between_frames
        height = box.lines - parting - self._head(view)
        flow = [*self._column_items(view), *self._text_items(draft)]
        first = draft.pieces[0] if draft.pieces else None
        start = TextPosition(first.index, first.start) if first else TextPosition(0, 0)
        return _fill(flow, box.columns, height, start, self.heights.jump_line)

    def _head(self, view: ArticleView) -> int:
        """Body lines the head takes across all columns."""
        heights = self.heights
        if not view.starts:
            head = self.headlines.jump.lines * len(view.headline_lines)
        else:
            article = view.article
            style = getattr(self.headlines, article.headline_size)
            head = style.lines * len(view.headline_lines)
            parts = ((article.kicker, heights.kicker), (article.byline, heights.byline))
            head += sum(lines for text, lines in parts if text)
            head += heights.subheadline * len(view.subheadline_lines)  # balanced lines
        head += heights.below_head
        if view.wide_photos:
            head += max(photo.photo.lines for photo in view.wide_photos) + heights.below_photo
        return head

    def _column_items(self, view: ArticleView) -> list[_Item]:
        below_photo, jump_line = self.heights.below_photo, self.heights.jump_line
        items = [
            _Item(photo.photo.lines + below_photo, (None,), split=False)
            for photo in view.column_photos
        ]
        if view.jump_from:
            items.append(_Item(jump_line, (None,) * jump_line, split=False))
        return items

    def _text_items(self, draft: FrameText) -> list[_Item]:
        return [self._piece(draft.article, piece) for piece in draft.pieces]

    def _piece(self, article: str, piece: Piece) -> _Item:
        block = self.composed[article][piece.index]
        if block is None:
            lines = self.headlines.subhead.lines * self.subhead_lines(piece.block.text)
            lines += self.heights.above_subhead
            end = TextPosition(piece.index, piece.start + len(piece.block.text))
            return _Item(lines, (None,) * (lines - 1) + (end,), split=False, subhead=True)
        text = block.block.text
        ends = tuple(
            TextPosition(piece.index, len(text[: line.end].rstrip()))
            for line in block.between(piece.start, piece.start + len(piece.block.text))
        )
        return _Item(len(ends), ends, split=True)


def _fill(
    flow: list[_Item], columns: int, height: int, start: TextPosition, jump_line: int
) -> TextPosition | None:
    """None when the whole flow fits the columns; else the end of the last text line
    that fits with `jump_line` lines kept free at the foot of the last column (下转)."""
    if _placed(flow, columns, height, reserve=0) is None:
        return None
    if height <= jump_line:
        return start  # columns this short leave no line below the text for 下转
    placed = _placed(flow, columns, height, reserve=jump_line) or []
    ends = [end for end in placed if end is not None]
    return ends[-1] if ends else start


def _placed(
    flow: list[_Item], columns: int, height: int, reserve: int
) -> list[TextPosition | None] | None:
    """The ends of the lines placed before the first that does not fit (None if all do)."""
    capacity = columns * max(height, 0) - reserve
    placed: list[TextPosition | None] = []
    used = 0  # lines filled, the columns passed counted whole
    for item in flow:
        if height > 0 and used < capacity:
            room = height - used % height
            last_column = used // height == columns - 1
            usable = room - (reserve if last_column else 0)
            # A photo never splits; a subhead never ends a column: both go on to the next.
            wanted = item.lines + (1 if item.subhead else 0)
            if not item.split and wanted > usable and not last_column:
                used += room
        if item.split:
            take = max(0, min(item.lines, capacity - used))
        else:
            fits = used + item.lines + (1 if item.subhead else 0) <= capacity
            take = item.lines if fits else 0
        placed += item.ends[:take]
        used += take
        if take < item.lines:
            return placed
    return None


def cuts_hold(texts: dict[str, FrameText], layouts: dict[str, FrameLayout], leading: float) -> bool:
    """Whether the laid-out pages bear out the count: each frame followed by another
    holds its text, and is full (only its 下转 line after the text) when it jumps."""
    last_part = {}
    for text in texts.values():
        last_part[text.article] = max(last_part.get(text.article, 0), text.part)
    return all(
        not layouts[frame_id].outside
        and not layouts[frame_id].broken
        and (text.jump_to is None or layouts[frame_id].empty_lines(leading) == 0)
        for frame_id, text in texts.items()
        if text.part < last_part[text.article]
    )
