"""Notes back to their source lines: the character at a note's place on its round's page
(note_places.py) is found in the round's text (text.json), hence its article and frame, and
then in today's text of that article: its Markdown file, line and column; a headline, a
caption or an ad is found in issue.yaml instead.

Found by the words around the character rather than by offsets, because the text may have
changed since that round: when those words are no longer there, the note is 已改 (changed,
for the proofreader to confirm) and points at where they were.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from typeset.diagnostics import Diagnostics, Location, find_in_lines
from typeset.issue.load import Issue
from typeset.issue.yaml_source import PathKey
from typeset.proof.note_places import PrintedLines, PrintedPlace, printed_lines, printed_place
from typeset.proof.notes import Note, WrittenNote
from typeset.proof.snapshot import PageSnapshot, read_snapshot
from typeset.text.blocks import Block

AROUND = 3  # characters each side of the noted one that must still be there to be 未改


@dataclass(frozen=True)
class LocatedNote:
    note: Note
    written: Location  # the note in proof-notes.yaml
    source: Location  # what it is about: Markdown line, issue.yaml field, or `written`
    words: str  # the printed words at its place, in the round it was made on ("" if none)
    changed: bool  # those words are not in today's text: 已改, to be confirmed

    def __str__(self) -> str:
        changed = "（此处已改，待确认）" if self.changed else ""
        return f"{self.source}: {self.note.heading}：{self.note.text}{changed}"


@dataclass(frozen=True)
class _Found:
    location: Location
    changed: bool


def locate_notes(
    notes: tuple[WrittenNote, ...], issue: Issue, proof_folder: Path, out: Diagnostics
) -> tuple[LocatedNote, ...]:
    """Every open note at its source; one that cannot be placed is a warning at the note."""
    rounds = _Rounds(proof_folder)
    return tuple(
        _locate(written, issue, rounds, out) for written in notes if written.note.status == "open"
    )


class _Rounds:
    """The rounds' printed pages and texts, each read once however many notes are on it
    (reading a page's characters with PDFium takes about 0.1 s)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._lines: dict[tuple[int, int], PrintedLines] = {}
        self._texts: dict[int, dict[int, PageSnapshot]] = {}

    def page(self, number: int, page: int) -> tuple[PrintedLines, PageSnapshot] | None:
        """Round `number`'s page `page`: its printed lines and its text; None if not kept."""
        folder = self.folder / f"round-{number}"
        pdf, text = folder / f"page-{page:02d}.pdf", folder / "text.json"
        if not pdf.is_file() or not text.is_file():
            return None
        if number not in self._texts:
            snapshot = read_snapshot(text.read_text("utf-8"))
            self._texts[number] = {each.page: each for each in snapshot}
        if (number, page) not in self._lines:
            self._lines[number, page] = printed_lines(pdf)
        found = self._texts[number].get(page)
        return None if found is None else (self._lines[number, page], found)


def _locate(written: WrittenNote, issue: Issue, rounds: _Rounds, out: Diagnostics) -> LocatedNote:
    note = written.note
    page = rounds.page(note.round, note.page)
    if page is None:
        out.warning(
            written.location, f"{note.heading}: round {note.round} has no 第{note.page}版 here"
        )
        return LocatedNote(note, written.location, written.location, "", False)
    lines, text = page
    place = printed_place(lines, note.x_mm, note.y_mm)
    if place is None:
        out.warning(written.location, f"{note.heading}: no text near its place")
        return LocatedNote(note, written.location, written.location, "", False)
    found = _in_body(place, text, issue) or _in_fields(place, note.page, issue)
    words = _around(place.line, place.index)
    if found is None:
        out.warning(written.location, f"{note.heading}: “{words}” is in no article or field")
        return LocatedNote(note, written.location, written.location, words, False)
    return LocatedNote(note, written.location, found.location, words, found.changed)


def _around(text: str, index: int) -> str:
    return text[max(index - AROUND, 0) : index + AROUND + 1]


def _in_body(place: PrintedPlace, page: PageSnapshot, issue: Issue) -> _Found | None:
    """The place in an article's body: which article from the round's text, where from
    today's Markdown."""
    for frame in page.frames:
        if (
            _around(place.line, place.index) in _squeezed(frame.text)
            and frame.article in issue.texts
        ):
            return _in_article(place, issue.texts[frame.article].blocks)
    return None


def _in_article(place: PrintedPlace, blocks: tuple[Block, ...]) -> _Found:
    """Where the noted character is in today's blocks: at the words around it if they are
    all still there (未改), else where the most of them still are (已改)."""
    texts = [_squeezed(block.text) for block in blocks]
    for before, after, changed in _windows(place):
        word = place.line[place.index - before : place.index + after + 1]
        best = _best(texts, word, place, before)
        if best is not None:
            number, offset = best
            return _Found(_markdown_location(blocks[number], offset + before), changed)
    first = blocks[0]  # an article has at least one block
    return _Found(Location(first.path, first.first_line), True)


def _windows(place: PrintedPlace) -> Iterator[tuple[int, int, bool]]:
    """(characters before, after, changed) to look for: all the words around first."""
    before = min(AROUND, place.index)
    after = min(AROUND, len(place.line) - place.index - 1)
    yield before, after, False
    for size in range(AROUND, 1, -1):  # the words before it or after it, one side left
        if before >= size:
            yield size, -1, True
    for size in range(AROUND, 1, -1):
        if after >= size:
            yield -1, size, True


def _best(texts: list[str], word: str, place: PrintedPlace, before: int) -> tuple[int, int] | None:
    """The block and offset of `word` whose surroundings agree best with the printed line."""
    if not word:
        return None
    start = place.index - before  # where `word` starts in the printed line
    best: tuple[int, int, int] | None = None
    for number, text in enumerate(texts):
        offset = text.find(word)
        while offset >= 0:
            score = _agreement(text, offset, place.line, start)
            if best is None or score > best[0]:
                best = (score, number, offset)
            offset = text.find(word, offset + 1)
    return None if best is None else (best[1], best[2])


def _agreement(text: str, offset: int, line: str, start: int) -> int:
    """How many characters of the printed line stand the same around this occurrence."""
    shift = offset - start
    return sum(
        1 for i, char in enumerate(line) if 0 <= i + shift < len(text) and text[i + shift] == char
    )


def _markdown_location(block: Block, offset: int) -> Location:
    """Line and column in the Markdown of the `offset`-th non-space character of `block`:
    the same character counted the same number of times in the block's source lines
    (Markdown adds only marks such as ** and line breaks, never Chinese characters)."""
    text = _squeezed(block.text)
    offset = min(max(offset, 0), len(text) - 1)
    if offset < 0:
        return Location(block.path, block.first_line)
    char, seen = text[offset], text[:offset].count(text[offset])
    lines = block.path.read_text("utf-8").splitlines()
    for number in range(block.first_line - 1, min(block.last_line, len(lines))):
        line = lines[number]
        for column, found in enumerate(line):
            if found == char:
                if seen == 0:
                    return Location(block.path, number + 1, column + 1)
                seen -= 1
    return Location(block.path, block.first_line)


def _in_fields(place: PrintedPlace, page: int, issue: Issue) -> _Found | None:
    """The place in a text typed in issue.yaml: a headline, a caption, an ad. The printed
    line may hold more than the field (a dash before a subheadline, a photo's credit)."""
    for before, after, _ in _windows(place):
        word = place.line[place.index - before : place.index + after + 1]
        for path, value in _fields(issue, page):
            offset = value.find(word)
            if word and offset >= 0:
                where = issue.source.locate(path)
                lines = issue.source.path.read_text("utf-8").splitlines()
                at = offset + before
                return _Found(find_in_lines(where.path, lines, where.line, value[at:]), False)
    return None


def _fields(issue: Issue, number: int) -> Iterator[tuple[PathKey, str]]:
    """The issue.yaml texts printed on page `number`, with where each is written."""
    spec = issue.spec
    for index, page in enumerate(spec.pages):
        if page.number != number:
            continue
        names = [placement.article for placement in page.articles]
        names += [
            name
            for name, chain in issue.chains.items()
            if any(link.page == number for link in chain.links)
        ]
        for name in dict.fromkeys(names):
            article = spec.articles.get(name)
            if article is None:
                continue
            for field in ("kicker", "headline", "subheadline", "byline", "jump_headline"):
                value = getattr(article, field)
                if value:
                    yield ("articles", name, field), value
            for j, photo in enumerate(article.photos):
                yield ("articles", name, "photos", j, "caption"), photo.caption
        for j, ad in enumerate(page.ads):
            for field in ("headline", "text", "label"):
                value = getattr(ad, field)
                if value:
                    yield ("pages", index, "ads", j, field), value


def _squeezed(text: str) -> str:
    """Without spaces and line breaks: PDFium's reading of spaces is not the text's."""
    return "".join(text.split())
