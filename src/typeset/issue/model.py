"""The shape of `issue.yaml`: what layout staff write for one issue of the paper."""

from __future__ import annotations

import datetime
import re
from typing import Annotated, Any, Literal

from pydantic import Field, StringConstraints, field_validator

from typeset.issue.paper import MastheadOverride
from typeset.issue.strict import Strict


def _count(most: int) -> type[int]:
    """A whole number from 1 to `most`; `true` is not 1, and 10^23 pages are refused here
    rather than deep in the layout."""
    return Annotated[int, Field(strict=True, ge=1, le=most)]  # type: ignore[return-value]


GridCount = _count(1_000)  # columns and lines of a frame or photo
PageNumber = _count(999)
IssueNumber = _count(10_000_000)
# A text printed on the page: never empty, and a line or a few (a headline, a caption).
Text = Annotated[str, StringConstraints(min_length=1, max_length=500)]
ARTICLE_KEY = re.compile(r"[A-Za-z0-9_-]+")


class Frame(Strict):
    """A rectangle on the page grid: columns across, body lines down (both from 1)."""

    column: GridCount
    span: GridCount
    line: GridCount
    lines: GridCount

    @property
    def last_column(self) -> int:
        return self.column + self.span - 1

    @property
    def last_line(self) -> int:
        return self.line + self.lines - 1

    def overlaps(self, other: Frame) -> bool:
        return not (
            self.last_column < other.column
            or other.last_column < self.column
            or self.last_line < other.line
            or other.last_line < self.line
        )


class Photo(Strict):
    image: str
    caption: Text
    credit: Text | None = None
    span: GridCount = 1
    lines: GridCount


class Article(Strict):
    kicker: Text | None = None
    headline: Text
    subheadline: Text | None = None
    byline: Text | None = None
    headline_size: Literal["large", "medium", "small"] = "medium"
    jump_headline: Text | None = None  # short form over a continuation; else the headline
    body: str
    photos: list[Photo] = Field(default_factory=list)


FrameId = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_-]+$")]


class Placement(Strict):
    """Where an article starts; `continue_in` names the frame its text goes on in (下转)."""

    article: str
    frame: Frame
    continue_in: FrameId | None = None


class Continuation(Strict):
    """A frame taking the text that an article jumps to from another frame (上接).

    It names no article: whichever frame continues in it fills it, so that moving this
    frame to another page is the only edit a reordering needs."""

    id: FrameId
    frame: Frame
    continue_in: FrameId | None = None


class Ad(Strict):
    frame: Frame
    label: Text = "广告"
    headline: Text | None = None
    text: Text | None = None
    image: str | None = None


class Page(Strict):
    number: PageNumber
    section: Text
    template: str
    editor: str | None = None
    proofreader: str | None = None
    designer: str | None = None
    sidebar: Frame | None = None
    contents: list[str] | None = None  # 本期导读: the articles it lists; else all of them
    articles: list[Placement] = Field(default_factory=list)
    continuations: list[Continuation] = Field(default_factory=list)
    ads: list[Ad] = Field(default_factory=list)


class IssueHeader(Strict):
    """The top of `issue.yaml`; pages and articles are validated one by one after it, so
    that one broken page does not hide the errors of the others."""

    paper: str
    date: datetime.date
    number: IssueNumber
    total_number: IssueNumber
    masthead: MastheadOverride = Field(default_factory=MastheadOverride)
    pages: list[Any] = Field(min_length=1)
    articles: dict[str, Any] = Field(default_factory=dict)

    @field_validator("paper")
    @classmethod
    def _a_layout_folder(cls, paper: str) -> str:
        if not cls.paper_name_ok(paper):
            raise ValueError("the name of a folder under layouts/, such as 'xinglin'")
        return paper

    @staticmethod
    def paper_name_ok(paper: str) -> bool:
        """A folder name, never a path: `../../etc` cannot name a layout."""
        return re.fullmatch(r"[A-Za-z0-9_-]+", paper) is not None

    @field_validator("articles")
    @classmethod
    def _article_keys(cls, articles: dict[str, Any]) -> dict[str, Any]:
        for key in articles:
            if not ARTICLE_KEY.fullmatch(key):
                raise ValueError(f"article key '{key}': use letters, digits, - and _")
        return articles


class IssueSpec(IssueHeader):
    pages: list[Page] = Field(min_length=1)
    articles: dict[str, Article] = Field(default_factory=dict)
