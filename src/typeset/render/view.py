"""What the templates see: the issue's data with every frame turned into a box.

Templates hold the look; this module holds the arithmetic, so a template never computes
a position and a new paper needs no new code.
"""

from __future__ import annotations

from dataclasses import dataclass

from typeset.issue.checks import page_frames
from typeset.issue.load import Issue
from typeset.issue.model import Ad, Article, IssueSpec, Page, Photo
from typeset.issue.paper import Masthead, Template
from typeset.issue.yaml_source import PathKey
from typeset.render.dateline import Dateline, dateline
from typeset.render.geometry import Box, PageGeometry
from typeset.text.blocks import Block


@dataclass(frozen=True)
class PhotoView:
    photo: Photo
    url: str
    width: float


@dataclass(frozen=True)
class ArticleView:
    """An article in its frame. `key` names the frame in the HTML for the overset check."""

    key: str
    name: str
    article: Article
    blocks: tuple[Block, ...]
    box: Box
    wide_photos: tuple[PhotoView, ...]
    column_photos: tuple[PhotoView, ...]


@dataclass(frozen=True)
class AdView:
    key: str
    ad: Ad
    box: Box
    image_url: str | None


@dataclass(frozen=True)
class PageView:
    page: Page
    template: Template
    sidebar: Box | None
    articles: tuple[ArticleView, ...]
    ads: tuple[AdView, ...]


@dataclass(frozen=True)
class FontView:
    family: str
    url: str
    weight: int
    unicode_range: str | None = None


@dataclass(frozen=True)
class IssueView:
    spec: IssueSpec
    masthead: Masthead
    dateline: Dateline
    geometry: PageGeometry
    fonts: tuple[FontView, ...]
    stylesheet_url: str
    pages: tuple[PageView, ...]


def issue_view(issue: Issue, fonts_dir_url: str) -> IssueView:
    geometry = PageGeometry.of(issue.paper)
    in_file_order = enumerate(issue.spec.pages)
    pages = tuple(
        _page_view(issue, geometry, page, index)
        for index, page in sorted(in_file_order, key=_page_number)
    )
    return IssueView(
        spec=issue.spec,
        masthead=issue.masthead,
        dateline=dateline(issue.spec.date),
        geometry=geometry,
        fonts=tuple(
            FontView(face.family, f"{fonts_dir_url}/{face.file}", face.weight, face.unicode_range)
            for face in issue.paper.fonts
        ),
        stylesheet_url=(issue.layout / issue.paper.stylesheet).resolve().as_uri(),
        pages=pages,
    )


def _page_number(indexed: tuple[int, Page]) -> int:
    return indexed[1].number


def _page_view(issue: Issue, geometry: PageGeometry, page: Page, index: int) -> PageView:
    """`index` is the page's place in issue.yaml, which names its files and frames."""
    template = issue.paper.templates[page.template]
    ids = {placed.key: placed.id for placed in page_frames(page, index)}
    at = ("pages", index)
    return PageView(
        page=page,
        template=template,
        sidebar=geometry.box(page.sidebar, template) if page.sidebar else None,
        articles=tuple(
            _article_view(
                issue,
                geometry,
                ids[(*at, "articles", j, "frame")],
                p.article,
                geometry.box(p.frame, template),
            )
            for j, p in enumerate(page.articles)
        ),
        ads=tuple(
            AdView(
                key=ids[(*at, "ads", j, "frame")],
                ad=ad,
                box=geometry.box(ad.frame, template),
                image_url=_file_url(issue, (*at, "ads", j, "image")),
            )
            for j, ad in enumerate(page.ads)
        ),
    )


def _article_view(
    issue: Issue, geometry: PageGeometry, key: str, name: str, box: Box
) -> ArticleView:
    article = issue.spec.articles[name]
    photos = [
        PhotoView(
            photo,
            _file_url(issue, ("articles", name, "photos", j, "image")) or "",
            geometry.span_width(photo.span),
        )
        for j, photo in enumerate(article.photos)
    ]
    return ArticleView(
        key=key,
        name=name,
        article=article,
        blocks=issue.texts[name].blocks,
        box=box,
        wide_photos=tuple(p for p in photos if p.photo.span > 1),
        column_photos=tuple(p for p in photos if p.photo.span == 1),
    )


def _file_url(issue: Issue, key: PathKey) -> str | None:
    path = issue.files.get(key)
    return path.as_uri() if path else None
