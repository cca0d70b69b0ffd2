"""One entry for composing any text of the paper for a measure: body paragraphs in their
column, captions under their photo, sidebar entries, ad texts, and the lines that are
never broken (folio, date, jump lines), which get the same spacing.

The measure is the frame's width less what its frame keeps inside (paper.yaml `texts:`),
in em of the text's size; the faces, 禁则 level and Han–Latin spacing are the paper's.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from typeset.compose.linebreak import Measure
from typeset.compose.lines import ComposedBlock, Composer
from typeset.issue.paper import Paper, TextStyle
from typeset.text.blocks import Block, Run


def composer(
    paper: Paper,
    fonts: Path,
    face_of: Callable[[Run], str],
    measure: Measure,
    keep_whole: bool = False,
    justify: bool = True,
) -> Composer:
    """A composer with the paper's rules; `face_of(run)` names the family a run is set in."""
    typography = paper.typography

    def file_of(run: Run) -> Path:
        return fonts / paper.face(face_of(run), run.bold and not run.italic).file

    return Composer(
        measure, typography.kinsoku, typography.latin_spacing_em, file_of, keep_whole, justify
    )


def body_composer(paper: Paper, fonts: Path) -> Composer:
    """Body paragraphs: the column, the first line indented, emphasis in its own face."""
    typography = paper.typography

    def face_of(run: Run) -> str:
        return typography.emphasis_family if run.italic else typography.body_family

    return composer(
        paper, fonts, face_of, Measure(paper.grid.column_chars, typography.paragraph_indent_em)
    )


def text_composer(
    paper: Paper, fonts: Path, style: TextStyle, width_pt: float, indent_em: float = 0.0
) -> Composer:
    """A short text of `style` in a frame `width_pt` wide (its inset taken off), every
    line `indent_em` in: lines justified as the style says (the last one never), no
    book title broken while another break exists."""

    def face_of(run: Run) -> str:
        return style.strong_family if run.bold and style.strong_family else style.family

    width = (width_pt - 2 * style.inset_pt) / style.size_pt - indent_em
    return composer(paper, fonts, face_of, Measure(width), True, style.justify)


def text_block(*runs: Run, source: Path = Path()) -> Block:
    """A text typed in issue.yaml or paper.yaml (not an article's) as a block to compose."""
    return Block("paragraph", tuple(run for run in runs if run.text), source, 0, 0)


def one_line(paper: Paper, fonts: Path, text: str) -> ComposedBlock:
    """A line never broken (folio, date, jump line): the paper's spacing, nothing else."""
    body = body_composer(paper, fonts)
    return body.line(text_block(Run(text)))
