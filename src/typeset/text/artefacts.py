"""Leftovers of text pasted from a printed page's PDF, flagged and never changed.

A PDF's text comes out in its printed lines and columns: a paragraph cut in two at a
column break, a jump line the old page carried (（下转第9版）), the lines of a paragraph
broken where the printed column ended, the page's own header (第9版). Each would print
wrong; none can be repaired without a person's judgement, so each is a warning at its
source line, listed in the report, and the paper may switch each check off
(`input_checks:` in paper.yaml). Written by hand: these are facts of Chinese newspaper
text no library knows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

from typeset.diagnostics import Diagnostics, Location
from typeset.issue.paper import InputChecks
from typeset.text.blocks import ArticleText, Block
from typeset.text.script import CLOSING, OPENING, is_wide

# What a paragraph may end with: a stop (。！？), an ellipsis or dash, a closing mark, or
# the half-width forms a pasted text still has.
_ENDINGS = "。！？…—；：.!?;:" + CLOSING + "\"'"
_NUMERALS = "0-9０-９一二三四五六七八九十百"
JUMP_LINE = re.compile(rf"[（(]\s*[上下]?[转接]\s*第?\s*[{_NUMERALS}]+\s*版\s*[)）]")
# A column break cuts a paragraph after at least a line or two of a column; shorter
# paragraphs without a closing mark are verse lines, a letter's 此致 or a signature.
SPLIT_MIN_CHARS = 24
# A page's header or folio as its own line: 第9版, 第9版 要闻, 第 9 版·临床; or a bare page
# number.
FURNITURE = re.compile(rf"^(?:第\s*[{_NUMERALS}]+\s*版(?:\s*[·\s]?\s*\S{{1,8}})?|\d{{1,3}})$")


@dataclass(frozen=True)
class Artefact:
    """One leftover, as the report lists it: where, what kind, what the editor should do."""

    location: Location
    kind: str  # the key of `input_checks:` that switches it off
    message: str

    def __str__(self) -> str:
        return f"{self.location}: {self.message}"


def find_artefacts(
    texts: dict[str, ArticleText], checks: InputChecks, out: Diagnostics
) -> tuple[Artefact, ...]:
    """Every leftover of every article, each also a warning in `out`."""
    found: list[Artefact] = []
    for text in texts.values():
        lines = _source_lines(text.path)
        if checks.split_paragraphs:
            found += _split_paragraphs(text, lines)
        if checks.jump_lines:
            found += _jump_lines(text, lines)
        if checks.line_breaks or checks.page_furniture:
            found += _inside_paragraphs(text, lines, checks)
    for artefact in found:
        out.warning(
            artefact.location,
            f"{artefact.message} (silence with 'input_checks: {{{artefact.kind}: false}}' "
            "in paper.yaml)",
        )
    return tuple(found)


def _source_lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def _split_paragraphs(text: ArticleText, lines: list[str]) -> list[Artefact]:
    """A paragraph ending mid-sentence followed by one that goes on with it: a column
    break of the printed page turned into a paragraph break."""
    found = []
    # A page's header between the two halves is skipped: the sentence goes on after it.
    blocks = [block for block in text.blocks if not FURNITURE.match(block.text.strip())]
    for first, second in pairwise(blocks):
        if first.kind != "paragraph" or second.kind != "paragraph":
            continue
        end, start = first.text.rstrip(), second.text.lstrip()
        if len(end) < SPLIT_MIN_CHARS or end[-1] in _ENDINGS or not start or not _goes_on(start):
            continue
        found.append(
            Artefact(
                _line_end(text.path, lines, first.last_line),
                "split_paragraphs",
                f"paragraph split by mistake? line {first.last_line} ends without a closing "
                f"mark (…{end[-12:]}) and line {second.first_line} goes on mid-sentence "
                f"({start[:12]}…): if so, join the two lines into one paragraph",
            )
        )
    return found


def _line_end(path: Path, lines: list[str], number: int) -> Location:
    """The last character of a line: where a paragraph was cut or a line broken."""
    return Location(path, number, len(lines[number - 1].rstrip()))


def _goes_on(start: str) -> bool:
    """Text that continues a sentence: a Chinese character or a stop, not an opening
    mark, a numbered point (一、 or 1.) or a Latin capital."""
    first = start[0]
    if first in OPENING or re.match(rf"[{_NUMERALS}]+[、.．]", start):
        return False
    return is_wide(first) or first.islower()


def _jump_lines(text: ArticleText, lines: list[str]) -> list[Artefact]:
    found = []
    for block in text.blocks:
        for number in range(block.first_line, block.last_line + 1):
            for match in JUMP_LINE.finditer(lines[number - 1]):
                found.append(
                    Artefact(
                        Location(text.path, number, match.start() + 1),
                        "jump_lines",
                        f"a jump line typed in the text, '{match.group()}': the build writes "
                        "the jump lines from where the frames stand; delete this one",
                    )
                )
    return found


def _inside_paragraphs(text: ArticleText, lines: list[str], checks: InputChecks) -> list[Artefact]:
    found = []
    for block in text.blocks:
        numbers = range(block.first_line, block.last_line + 1)
        if checks.page_furniture:
            found += [
                Artefact(
                    Location(text.path, n, 1),
                    "page_furniture",
                    f"'{lines[n - 1].strip()}' looks like a page's header or folio pasted "
                    "with the text: delete the line if so",
                )
                for n in numbers
                if FURNITURE.match(lines[n - 1].strip())
            ]
        if checks.line_breaks and _broken_between_chinese(block, lines):
            found.append(
                Artefact(
                    _line_end(text.path, lines, block.first_line),
                    "line_breaks",
                    f"a line break inside a paragraph (lines {block.first_line}–"
                    f"{block.last_line}), as text pasted from a PDF has: they print as one "
                    "paragraph; join the lines, or leave a blank line where a paragraph ends",
                )
            )
    return found


def _broken_between_chinese(block: Block, lines: list[str]) -> bool:
    """Source lines of one paragraph meeting between Chinese characters: nobody wraps
    Chinese by hand, a PDF's printed lines do."""
    if block.kind != "paragraph":
        return False
    part = [lines[n - 1].rstrip(" \\") for n in range(block.first_line, block.last_line + 1)]
    return any(
        before and after and is_wide(before[-1]) and is_wide(after.lstrip()[:1] or " ")
        for before, after in pairwise(part)
    )
