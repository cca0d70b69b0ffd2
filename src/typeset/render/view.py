"""What the templates see: the issue's data with every frame turned into a box.

Templates hold the look; this module holds the arithmetic, so a template never computes
a position and a new paper needs no new code.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from typeset.fit.copyfit import FrameText
from typeset.fonts.metrics import text_width
from typeset.issue.checks import page_frames
from typeset.issue.load import Issue
from typeset.issue.model import Ad, Article, IssueSpec, Page, Photo
from typeset.issue.paper import HeadlineStyle, Masthead, Template
from typeset.issue.yaml_source import PathKey
from typeset.render.dateline import Dateline, dateline
from typeset.render.fetcher import issue_file_url
from typeset.render.geometry import Box, PageGeometry
from typeset.text.headline import balanced_lines


@dataclass(frozen=True)
class PhotoView:
    photo: Photo
    url: str
    width: float


@dataclass(frozen=True)
class ArticleView:
    """One frame of an article: where it starts (head, photos) or a continuation (jump
    headline, 上接 line). `key` names the frame in the HTML for the copyfit stage."""

    key: str
    name: str
    article: Article
    text: FrameText
    box: Box
    wide_photos: tuple[PhotoView, ...]
    column_photos: tuple[PhotoView, ...]
    jump_to: str | None  # the jump line at the end of the text, worded by the paper
    jump_from: str | None
    headline_lines: tuple[str, ...]  # the headline (or jump headline), balanced

    @property
    def starts(self) -> bool:
        return self.text.part == 0


@dataclass(frozen=True)
class AdView:
    key: str
    ad: Ad
    box: Box
    image_url: str | None


@dataclass(frozen=True)
class PageView:
    """A page; a `bare` one holds only the frames being measured, without its template."""

    page: Page
    bare: bool
    template: Template
    sidebar: Box | None
    articles: tuple[ArticleView, ...]
    ads: tuple[AdView, ...]


@dataclass(frozen=True)
class FontView:
    family: str
    url: str
    weight: int


@dataclass(frozen=True)
class PressView:
    """What a print file adds around the trim: bleed, the marks' room, the CMYK profile."""

    bleed_mm: float
    marks_mm: float
    profile_url: str
    standard: str


@dataclass(frozen=True)
class IssueView:
    spec: IssueSpec
    masthead: Masthead
    dateline: Dateline
    geometry: PageGeometry
    fonts: tuple[FontView, ...]
    stylesheet_url: str
    pages: tuple[PageView, ...]
    proof_marks: bool  # overset marked on the page; off in a final build
    headlines: tuple[tuple[str, HeadlineStyle], ...]  # by name: large, medium, small, jump
    press: PressView | None = None  # print files only
    stamp: str | None = None  # proofs only: 校样, round and time, in the margin


@dataclass(frozen=True)
class _Frames:
    """What the frames hold, and which to show: all of them, or only those measured."""

    texts: dict[str, FrameText]
    only: set[str] | None
    fonts_dir: Path  # where the headline face is read from, for balancing

    def shown(self, key: str) -> bool:
        return self.only is None or key in self.only


def issue_view(
    issue: Issue,
    fonts_dir: Path,
    texts: dict[str, FrameText],
    *,
    only: set[str] | None = None,
    proof_marks: bool = True,
    press: bool = False,
    stamp: str | None = None,
) -> IssueView:
    """The issue's pages with the frame texts the copyfit stage chose; with `only`, bare
    pages holding just those frames, for measuring."""
    geometry = PageGeometry.of(issue.paper)
    frames = _Frames(texts, only, fonts_dir)
    fonts_dir_url = fonts_dir.resolve().as_uri()
    in_file_order = enumerate(issue.spec.pages)
    pages = tuple(
        _page_view(issue, geometry, page, index, frames)
        for index, page in sorted(in_file_order, key=_page_number)
        if only is None or any(frames.shown(p.id) for p in page_frames(page, index))
    )
    return IssueView(
        spec=issue.spec,
        masthead=issue.masthead,
        dateline=dateline(issue.spec.date),
        geometry=geometry,
        fonts=tuple(
            FontView(face.family, f"{fonts_dir_url}/{face.file}", face.weight)
            for face in issue.paper.fonts
        ),
        stylesheet_url=(issue.layout / issue.paper.stylesheet).resolve().as_uri(),
        pages=pages,
        proof_marks=proof_marks,
        headlines=tuple(
            (name, getattr(issue.paper.headlines, name))
            for name in ("large", "medium", "small", "jump")
        ),
        press=_press_view(issue) if press else None,
        stamp=stamp,
    )


def _press_view(issue: Issue) -> PressView:
    press = issue.paper.press
    profile = (issue.layout / press.profile).resolve().as_uri()
    return PressView(press.bleed_mm, press.marks_mm, profile, press.standard)


def _page_number(indexed: tuple[int, Page]) -> int:
    return indexed[1].number


def _page_view(
    issue: Issue, geometry: PageGeometry, page: Page, index: int, frames: _Frames
) -> PageView:
    """`index` is the page's place in issue.yaml, which names its files and frames."""
    template = issue.paper.templates[page.template]
    ids = {placed.key: placed.id for placed in page_frames(page, index)}
    at = ("pages", index)
    return PageView(
        page=page,
        bare=frames.only is not None,
        template=template,
        sidebar=geometry.box(page.sidebar, template) if page.sidebar else None,
        articles=tuple(
            _article_view(
                issue,
                geometry,
                frames,
                frames.texts[placed.id],
                geometry.box(placed.frame, template),
            )
            for placed in page_frames(page, index)
            if placed.id in frames.texts and frames.shown(placed.id)
        ),
        ads=tuple(
            AdView(
                key=ids[(*at, "ads", j, "frame")],
                ad=ad,
                box=geometry.box(ad.frame, template),
                image_url=_file_url(issue, (*at, "ads", j, "image")),
            )
            for j, ad in enumerate(page.ads)
            if frames.only is None
        ),
    )


def _article_view(
    issue: Issue, geometry: PageGeometry, frames: _Frames, text: FrameText, box: Box
) -> ArticleView:
    name = text.article
    article = issue.spec.articles[name]
    photos = (
        []
        if text.part
        else [
            PhotoView(
                photo,
                _file_url(issue, ("articles", name, "photos", j, "image")) or "",
                geometry.span_width(photo.span),
            )
            for j, photo in enumerate(article.photos)
        ]
    )
    wording = issue.paper.jump_lines
    return ArticleView(
        key=text.link.frame_id,
        name=name,
        article=article,
        text=text,
        box=box,
        wide_photos=tuple(p for p in photos if p.photo.span > 1),
        column_photos=tuple(p for p in photos if p.photo.span == 1),
        jump_to=_worded(wording.to, text.jump_to),
        jump_from=_worded(wording.from_, text.jump_from),
        headline_lines=_headline_lines(issue, frames.fonts_dir, text, box.width),
    )


def _headline_lines(
    issue: Issue, fonts_dir: Path, text: FrameText, width: float
) -> tuple[str, ...]:
    """The headline over this frame, in balanced lines as wide as the frame at most."""
    article, headlines = issue.spec.articles[text.article], issue.paper.headlines
    headline = (article.jump_headline or article.headline) if text.part else article.headline
    style = headlines.jump if text.part else getattr(headlines, article.headline_size)
    path = fonts_dir / issue.paper.headline_face.file

    def width_of(line: str) -> float:
        spacing = issue.paper.typography.latin_spacing_em
        return text_width(path, line, style.size_pt, style.letter_spacing_pt, spacing)

    return balanced_lines(headline, width_of, width)


def _worded(wording: str, page: int | None) -> str | None:
    return None if page is None else wording.replace("{page}", str(page))


def _file_url(issue: Issue, key: PathKey) -> str | None:
    path = issue.files.get(key)
    return issue_file_url(issue.folder, path) if path else None
