"""Pieces of an article's text: the blocks, or parts of blocks, that one frame holds."""

from __future__ import annotations

from dataclasses import dataclass

from typeset.text.blocks import Block


@dataclass(frozen=True, order=True)
class TextPosition:
    """A place in an article's text: a block and an offset in that block's text."""

    block: int
    offset: int


START = TextPosition(0, 0)


@dataclass(frozen=True)
class Piece:
    """A block or part of one. `start` is where it begins in the whole block, so that a
    laid-out line can be traced back to the article's text."""

    index: int
    start: int
    block: Block
    continues: bool  # the block goes on in the next frame: its last line is justified

    @property
    def continued(self) -> bool:
        """The block began in the frame before: no first-line indent here."""
        return self.start > 0


def pieces_between(
    blocks: tuple[Block, ...], start: TextPosition, end: TextPosition | None = None
) -> tuple[Piece, ...]:
    """The pieces from `start` up to `end` (the end of the text when None)."""
    end = end or TextPosition(len(blocks), 0)
    found = []
    for index in range(start.block, min(end.block + 1, len(blocks))):
        block = blocks[index]
        first = start.offset if index == start.block else 0
        last = end.offset if index == end.block else len(block.text)
        if first < last:
            continues = index == end.block and last < len(block.text)
            found.append(Piece(index, first, block.slice(first, last), continues))
    return tuple(found)


def normalized(blocks: tuple[Block, ...], position: TextPosition) -> TextPosition:
    """The same place, moved past the end of a block and past spaces a line break ate."""
    block, offset = position.block, position.offset
    while block < len(blocks):
        text = blocks[block].text
        while offset < len(text) and text[offset].isspace():
            offset += 1
        if offset < len(text):
            break
        block, offset = block + 1, 0
    return TextPosition(block, offset)
