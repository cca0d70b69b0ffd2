"""Every article of an issue composed for the paper's column, and a warning at the source
line of each loose line (松行) no choice of breaks could avoid."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from typeset.compose.lines import ComposedBlock
from typeset.compose.texts import body_composer
from typeset.diagnostics import Diagnostics, Location
from typeset.issue.paper import Paper
from typeset.text.blocks import ArticleText

ComposedArticles = dict[str, tuple[ComposedBlock | None, ...]]


@dataclass(frozen=True)
class LooseLine:
    """A justified line the composer could set no tighter (松行): where, what, how loose."""

    location: Location
    text: str
    stretch_em: float  # extra space between its characters

    def __str__(self) -> str:
        return f"松行 {self.stretch_em:.2f} em: {self.text}"


def compose_articles(
    texts: dict[str, ArticleText], paper: Paper, fonts: Path, out: Diagnostics
) -> tuple[ComposedArticles, tuple[LooseLine, ...]]:
    """Each article's blocks composed (None for subheads, which the layout sets), and
    the loose lines, each also a warning at its paragraph's source line."""
    composer = body_composer(paper, fonts)
    composed = {name: composer.article(text) for name, text in texts.items()}
    loose = tuple(
        LooseLine(
            Location(block.block.path, block.block.first_line),
            block.block.text[line.start : line.end],
            round(line.stretch, 3),
        )
        for blocks in composed.values()
        for block in filter(None, blocks)
        for line in block.lines
        if line.loose
    )
    for item in loose:
        out.warning(
            item.location,
            f"{item} (loose line: no choice of line breaks sets it tighter)",
        )
    return composed, loose
