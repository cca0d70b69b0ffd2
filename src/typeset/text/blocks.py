"""The text of an article as the later stages see it: blocks of styled runs."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal

from typeset.diagnostics import Location


@dataclass(frozen=True)
class Run:
    """A stretch of text in one style. `nobreak` keeps it on one line (a number with its
    unit, an address, a paragraph's last characters); `code` is never converted."""

    text: str
    bold: bool = False
    italic: bool = False
    code: bool = False
    nobreak: bool = False


@dataclass(frozen=True)
class SourceSpan:
    """Where a stretch of a block's text stands in its file: from `offset` of the text on,
    character by character from `line`:`column` (from 1), up to the next span. Markdown
    markup (`**`, escapes, line ends) lies between spans, so the text's offsets are not
    the file's."""

    offset: int
    line: int
    column: int


@dataclass(frozen=True)
class Block:
    """A paragraph or a subhead, with the source lines it came from (from 1)."""

    kind: Literal["paragraph", "subhead"]
    runs: tuple[Run, ...]
    path: Path
    first_line: int
    last_line: int
    spans: tuple[SourceSpan, ...] = ()  # sorted by offset; none: only the lines are known

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)

    def location(self, offset: int) -> Location:
        """Where the character at `offset` of the text stands in the file."""
        at = bisect_right([span.offset for span in self.spans], offset) - 1
        if at < 0:
            return Location(self.path, self.first_line)
        span = self.spans[at]
        return Location(self.path, span.line, span.column + offset - span.offset)

    def slice(self, start: int, end: int | None = None) -> Block:
        """The part of the block between two offsets of its text, styles and places in the
        file kept."""
        end = len(self.text) if end is None else end
        runs: list[Run] = []
        at = 0
        for run in self.runs:
            left, right = max(start - at, 0), min(end - at, len(run.text))
            if left < right:
                runs.append(replace(run, text=run.text[left:right]))
            at += len(run.text)
        return replace(self, runs=tuple(runs), spans=self._spans_between(start, end))

    def without(self, offsets: list[int]) -> Block:
        """The block without the characters at `offsets` (ascending), styles and places
        in the file kept."""
        ends = [*offsets, len(self.text)]
        pieces = [
            self.slice(start + 1, end)
            for start, end in zip([-1, *offsets], ends, strict=True)
            if start + 1 < end
        ]
        runs = tuple(run for piece in pieces for run in piece.runs)
        spans: list[SourceSpan] = []
        at = 0
        for piece in pieces:
            spans += (replace(span, offset=span.offset + at) for span in piece.spans)
            at += len(piece.text)
        return replace(self, runs=runs, spans=tuple(spans))

    def _spans_between(self, start: int, end: int) -> tuple[SourceSpan, ...]:
        if not self.spans:
            return ()
        first = self.location(start)
        inner = [
            replace(span, offset=span.offset - start)
            for span in self.spans
            if start < span.offset < end
        ]
        return (SourceSpan(0, first.line, first.column), *inner)


@dataclass(frozen=True)
class ArticleText:
    path: Path
    blocks: tuple[Block, ...]

    @property
    def paragraphs(self) -> list[Block]:
        return [block for block in self.blocks if block.kind == "paragraph"]

    @property
    def plain(self) -> str:
        """The text without styles, blocks joined by line breaks."""
        return "\n".join(block.text for block in self.blocks)
