"""Checks across the parts of an issue that a schema alone cannot express."""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from dataclasses import dataclass

from typeset.diagnostics import Diagnostics, Location
from typeset.issue.model import Article, Frame, Page, Placement
from typeset.issue.paper import Masthead, Paper
from typeset.issue.yaml_source import PathKey, YamlDocument


@dataclass(frozen=True)
class PlacedFrame:
    """A frame on a page: its id in the HTML, its name for messages, where it was written."""

    id: str
    name: str
    frame: Frame
    key: PathKey


def article_frame_id(article: str) -> str:
    return f"article-{article}"


def continuation_frame_id(name: str) -> str:
    return f"continuation-{name}"


def page_frames(page: Page, index: int) -> Iterator[PlacedFrame]:
    """Every frame of a page; `index` is the page's position in issue.yaml."""
    base: PathKey = ("pages", index)
    number = page.number
    if page.sidebar is not None:
        yield PlacedFrame(
            f"p{number}-sidebar", "the credits sidebar", page.sidebar, (*base, "sidebar")
        )
    for j, placement in enumerate(page.articles):
        yield PlacedFrame(
            article_frame_id(placement.article),
            f"article '{placement.article}'",
            placement.frame,
            (*base, "articles", j, "frame"),
        )
    for j, continuation in enumerate(page.continuations):
        yield PlacedFrame(
            continuation_frame_id(continuation.id),
            f"continuation frame '{continuation.id}'",
            continuation.frame,
            (*base, "continuations", j, "frame"),
        )
    for j, ad in enumerate(page.ads):
        yield PlacedFrame(
            f"p{number}-ad{j + 1}", f"ad {j + 1}", ad.frame, (*base, "ads", j, "frame")
        )


def check_issue(
    pages: dict[int, Page],
    articles: dict[str, Article],
    declared: set[str],
    placed: set[str],
    paper: Paper,
    doc: YamlDocument,
    out: Diagnostics,
) -> None:
    """Pages by their index in the file; `declared` also names articles that failed schema,
    `placed` the articles placed on pages that did."""
    _check_page_numbers(pages, doc, out)
    _check_placements(pages, articles, declared, doc, out)
    _check_all_placed(articles, placed, doc, out)
    _check_contents(pages, doc, out)
    for index, page in pages.items():
        _check_page(page, index, paper, doc, out)


def _check_page_numbers(pages: dict[int, Page], doc: YamlDocument, out: Diagnostics) -> None:
    first: dict[int, int] = {}
    for index, page in pages.items():
        if page.number in first:
            earlier = doc.locate(("pages", first[page.number], "number"))
            out.error(
                doc.locate(("pages", index, "number")),
                f"page {page.number} is defined twice (first at line {earlier.line})",
            )
        first.setdefault(page.number, index)


def _check_placements(
    pages: dict[int, Page],
    articles: dict[str, Article],
    declared: set[str],
    doc: YamlDocument,
    out: Diagnostics,
) -> None:
    placed: dict[str, Location] = {}
    for index, page in pages.items():
        for j, placement in enumerate(page.articles):
            where = doc.locate(("pages", index, "articles", j, "article"))
            if placement.article not in declared:
                out.error(where, f"no article '{placement.article}' under 'articles:'")
            elif placement.article in placed:
                out.error(
                    where,
                    f"article '{placement.article}' is placed twice "
                    f"(first at line {placed[placement.article].line})",
                )
            placed.setdefault(placement.article, where)
            if placement.article in articles:
                _check_photos(articles[placement.article], placement, doc, out)


def _check_all_placed(
    articles: dict[str, Article], placed: set[str], doc: YamlDocument, out: Diagnostics
) -> None:
    for name in articles:
        if name not in placed:
            out.warning(
                doc.locate(("articles", name), key=True),
                f"article '{name}' is not placed on any page",
            )


def _check_contents(pages: dict[int, Page], doc: YamlDocument, out: Diagnostics) -> None:
    """A page's chosen 本期导读 names articles that start on other pages, once each."""
    starts_on = {
        placement.article: page.number for page in pages.values() for placement in page.articles
    }
    for index, page in pages.items():
        if page.contents is None:
            continue
        if page.sidebar is None:
            out.error(
                doc.locate(("pages", index, "contents"), key=True),
                "'contents:' chooses the headlines of the 本期导读 box; this page has no sidebar",
            )
        elsewhere = [name for name, number in starts_on.items() if number != page.number]
        seen: set[str] = set()
        for j, name in enumerate(page.contents):
            where = doc.locate(("pages", index, "contents", j))
            if starts_on.get(name) == page.number:
                out.error(where, f"article '{name}' is on this page; 本期导读 lists other pages'")
            elif name not in starts_on:
                close = difflib.get_close_matches(name, elsewhere, n=1)
                hint = f" (did you mean '{close[0]}'?)" if close else ""
                out.error(where, f"no article '{name}' is placed on another page{hint}")
            elif name in seen:
                out.error(where, f"article '{name}' is listed twice")
            seen.add(name)


def check_contents_box(
    pages: dict[int, Page], masthead: Masthead, doc: YamlDocument, out: Diagnostics
) -> None:
    """A page's `contents:` needs a 本期导读 box in the sidebar, or nothing prints it."""
    if any(entry.block == "contents" for entry in masthead.credits):
        return
    for index, page in pages.items():
        if page.contents is not None and page.sidebar is not None:
            out.error(
                doc.locate(("pages", index, "contents"), key=True),
                "'contents:' chooses the headlines of the 本期导读 box, and the sidebar has "
                "none: list {block: contents} in masthead: credits: (paper.yaml)",
            )


def _check_photos(
    article: Article, placement: Placement, doc: YamlDocument, out: Diagnostics
) -> None:
    """A photo must fit the frame its article is placed in."""
    for j, photo in enumerate(article.photos):
        where = doc.locate(("articles", placement.article, "photos", j))
        if photo.span > placement.frame.span:
            out.error(
                where,
                f"the photo spans {photo.span} columns; the frame of article "
                f"'{placement.article}' has {placement.frame.span}",
            )
        if photo.lines > placement.frame.lines:
            out.error(
                where,
                f"the photo is {photo.lines} lines tall; the frame of article "
                f"'{placement.article}' has {placement.frame.lines}",
            )


def _check_page(page: Page, index: int, paper: Paper, doc: YamlDocument, out: Diagnostics) -> None:
    template = paper.templates.get(page.template)
    if template is None:
        close = difflib.get_close_matches(page.template, list(paper.templates), n=1)
        hint = f"did you mean '{close[0]}'? " if close else ""
        out.error(
            doc.locate(("pages", index, "template")),
            f"unknown template '{page.template}' ({hint}the paper has: "
            f"{', '.join(paper.templates)})",
        )
        return
    if template.sidebar and page.sidebar is None:
        out.error(
            doc.locate(("pages", index)),
            f"template '{page.template}' needs a 'sidebar:' frame for the credits",
        )
    if page.sidebar is not None and not template.sidebar:
        out.error(
            doc.locate(("pages", index, "sidebar"), key=True),
            f"template '{page.template}' has no credits sidebar",
        )
    body_lines = paper.grid.lines - template.header_lines
    frames = list(page_frames(page, index))
    for i, placed in enumerate(frames):
        _check_on_grid(placed, paper.grid.columns, body_lines, doc, out)
        for other in frames[:i]:
            if placed.frame.overlaps(other.frame):
                out.error(
                    doc.locate(placed.key),
                    f"the frame of {placed.name} overlaps the frame of {other.name} "
                    f"(line {doc.locate(other.key).line})",
                )


def _check_on_grid(
    placed: PlacedFrame, columns: int, lines: int, doc: YamlDocument, out: Diagnostics
) -> None:
    frame = placed.frame
    if frame.last_column > columns:
        out.error(
            doc.locate(placed.key),
            f"the frame of {placed.name} reaches column {frame.last_column}; "
            f"the page has {columns} columns",
        )
    if frame.last_line > lines:
        out.error(
            doc.locate(placed.key),
            f"the frame of {placed.name} reaches body line {frame.last_line}; "
            f"the type area below the header has {lines} lines",
        )
