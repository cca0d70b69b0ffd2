"""The text of an article as the later stages see it: blocks of styled runs."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal


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
class Block:
    """A paragraph or a subhead, with the source lines it came from (from 1)."""

    kind: Literal["paragraph", "subhead"]
    runs: tuple[Run, ...]
    path: Path
    first_line: int
    last_line: int

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)

    def slice(self, start: int, end: int | None = None) -> Block:
        """The part of the block between two offsets of its text, styles kept."""
        end = len(self.text) if end is None else end
        runs: list[Run] = []
        at = 0
        for run in self.runs:
            left, right = max(start - at, 0), min(end - at, len(run.text))
            if left < right:
                runs.append(replace(run, text=run.text[left:right]))
            at += len(run.text)
        return replace(self, runs=tuple(runs))


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
