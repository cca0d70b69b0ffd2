"""`index.html` of a proof round: the pages large enough to read, the previous round beside
or over them, the changed regions marked, and the changes listed in Chinese, each taking
the reader to its place. One file that opens from the file manager: no server, no network;
the page pictures are the round's own files (and the previous round's, beside it)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, PackageLoader, select_autoescape
from PIL import Image

from typeset.output.typeset import TypesetIssue
from typeset.proof.changes import Edit, FrameChange, PageChanges
from typeset.proof.highlight import PixelBox
from typeset.proof.note_sources import LocatedNote
from typeset.proof.previews import DPI
from typeset.render.geometry import Box, PageGeometry

READING_DPI = 200  # twice the comparison previews: 9 pt body text at 25 px an em
READING_QUALITY = 85
MM = 72 / 25.4


@dataclass(frozen=True)
class Region:
    """A rectangle on a page picture, in percent of its width and height."""

    left: float
    top: float
    width: float
    height: float


@dataclass(frozen=True)
class ChangeLine:
    """One change as the proofreader reads it: 第N版《标题》：…旧 → 新…"""

    page: int
    headline: str
    status: str  # 修改, 新增, 删除, 由第N版移来, 移至第N版
    frame: str  # the frame it is in, to go to
    edits: tuple[Edit, ...]


@dataclass(frozen=True)
class NoteMark:
    """A proofreader's open note from an earlier round, at its place on this round's page."""

    number: int  # counts the notes on the round page, from 1
    page: int
    left: float  # percent of the page's width
    top: float
    heading: str  # 校对意见（第2轮·第1版·温可）
    text: str
    words: str  # what was printed there
    changed: bool  # the words there are not in the text any more: 已改, to be confirmed


@dataclass(frozen=True)
class Sheet:
    page: int
    section: str
    image: str
    previous_image: str | None  # the previous round's picture of this page, if it had one
    changed: tuple[Region, ...]
    frames: dict[str, Region]
    notes: tuple[NoteMark, ...] = ()


@dataclass(frozen=True)
class RoundPage:
    title: str
    round: int
    stamp: str
    previous: int | None
    sheets: tuple[Sheet, ...]
    changes: tuple[ChangeLine, ...]
    unchanged: tuple[int, ...]
    notes: tuple[NoteMark, ...] = ()


def reading_image_name(page: int) -> str:
    return f"page-{page:02d}.jpg"


def save_reading_image(picture: Image.Image, target: Path) -> None:
    picture.save(target, "JPEG", quality=READING_QUALITY, optimize=True)


def round_page(
    typeset: TypesetIssue,
    changes: tuple[PageChanges, ...],
    boxes: dict[int, tuple[PixelBox, ...]],
    previous_pages: set[int],
) -> RoundPage:
    """What the round's index.html shows; `previous_pages` are the pages the last round
    has a reading picture of."""
    proof = typeset.proof
    if proof is None:
        raise ValueError("a round page needs its round")
    previous = proof.number - 1 if proof.number > 1 else None
    geometry = typeset.view.geometry
    size = (geometry.width * DPI / 72, geometry.height * DPI / 72)  # the boxes' pixels
    headlines = {name: a.headline for name, a in typeset.issue.spec.articles.items()}
    notes = _note_marks(typeset.report.notes, proof.number, geometry)
    sheets = tuple(
        Sheet(
            page=page.page.number,
            section=page.page.section,
            image=reading_image_name(page.page.number),
            previous_image=f"../round-{previous}/{reading_image_name(page.page.number)}"
            if previous and page.page.number in previous_pages
            else None,
            changed=tuple(_pixels(box, size) for box in boxes.get(page.page.number, ())),
            frames={article.key: _frame_region(article.box, geometry) for article in page.articles},
            notes=tuple(note for note in notes if note.page == page.page.number),
        )
        for page in typeset.view.pages
    )
    lines = tuple(_line(page.page, frame, headlines) for page in changes for frame in page.frames)
    changed_pages = {line.page for line in lines} | {p for p, found in boxes.items() if found}
    unchanged = tuple(s.page for s in sheets if previous and s.page not in changed_pages)
    return RoundPage(
        typeset.report.title, proof.number, proof.stamp, previous, sheets, lines, unchanged, notes
    )


def round_html(page: RoundPage) -> str:
    environment = Environment(
        loader=PackageLoader("typeset.proof", "templates"),
        autoescape=select_autoescape(default=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return environment.get_template("round.html.j2").render(round=page)


_STATUS = {"edited": "修改", "added": "新增", "removed": "删除"}


def _line(page: int, frame: FrameChange, headlines: dict[str, str]) -> ChangeLine:
    status = _STATUS.get(frame.status, frame.status)
    if frame.status.startswith("moved from "):
        status = f"由{frame.status.removeprefix('moved from ')}移来"
    elif frame.status.startswith("moved to "):
        status = f"移至{frame.status.removeprefix('moved to ')}"
    return ChangeLine(
        page, headlines.get(frame.article, frame.article), status, frame.frame, frame.edits
    )


def _note_marks(
    notes: tuple[LocatedNote, ...], round_number: int, geometry: PageGeometry
) -> tuple[NoteMark, ...]:
    """The open notes made on earlier rounds, where they were put on the page."""
    width_mm, height_mm = geometry.width / MM, geometry.height / MM
    earlier = [located for located in notes if located.note.round < round_number]
    return tuple(
        NoteMark(
            number,
            located.note.page,
            min(100 * located.note.x_mm / width_mm, 100.0),
            min(100 * located.note.y_mm / height_mm, 100.0),
            located.note.heading,
            located.note.text,
            located.words,
            located.changed,
        )
        for number, located in enumerate(earlier, start=1)
    )


def _pixels(box: PixelBox, size: tuple[float, float]) -> Region:
    width, height = size
    return Region(
        100 * box.left / width,
        100 * box.top / height,
        100 * (box.right - box.left) / width,
        100 * (box.bottom - box.top) / height,
    )


def _frame_region(box: Box, geometry: PageGeometry) -> Region:
    left, top = geometry.margin_side + box.left, geometry.margin_top + box.top
    return Region(
        100 * left / geometry.width,
        100 * top / geometry.height,
        100 * box.width / geometry.width,
        100 * box.height / geometry.height,
    )
