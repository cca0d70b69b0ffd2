"""Jumps: the frames an article's text runs through, page after page (下转 / 上接).

An article starts in its placement; `continue_in` names a continuation frame, which may
itself continue elsewhere. The page numbers of the jump lines are read from where these
frames stand, so moving a frame in issue.yaml is the only edit a reordering needs.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from typeset.diagnostics import Diagnostics
from typeset.issue.checks import article_frame_id, continuation_frame_id
from typeset.issue.model import Continuation, Frame, Page
from typeset.issue.yaml_source import PathKey, YamlDocument


@dataclass(frozen=True)
class Link:
    """One frame of an article's text: its HTML id, its page, where it is written."""

    frame_id: str
    page: int
    frame: Frame
    key: PathKey


@dataclass(frozen=True)
class Chain:
    """The frames an article's text runs through, in reading order."""

    article: str
    links: tuple[Link, ...]


@dataclass(frozen=True)
class _Target:
    continuation: Continuation
    link: Link
    at: PathKey


def article_chains(pages: dict[int, Page], doc: YamlDocument, out: Diagnostics) -> dict[str, Chain]:
    """Every placed article's chain; broken jumps are reported and cut short."""
    targets = _continuations(pages, doc, out)
    taken: dict[str, str] = {}  # continuation id -> the article continuing in it
    chains: dict[str, Chain] = {}
    for index, page in pages.items():
        for j, placement in enumerate(page.articles):
            if placement.article in chains:
                continue  # placed twice: reported by the placement checks
            at: PathKey = ("pages", index, "articles", j)
            start = Link(
                article_frame_id(placement.article), page.number, placement.frame, (*at, "frame")
            )
            links = _follow(
                placement.article,
                start,
                (placement.continue_in, (*at, "continue_in")),
                targets,
                taken,
                doc,
                out,
            )
            chains[placement.article] = Chain(placement.article, links)
    if _all_pages_valid(pages, doc):  # else the broken page may hold the jump to it
        _report_unused(targets, taken, doc, out)
    return chains


def _all_pages_valid(pages: dict[int, Page], doc: YamlDocument) -> bool:
    written = doc.data.get("pages") if isinstance(doc.data, dict) else None
    return isinstance(written, list) and len(written) == len(pages)


def _continuations(
    pages: dict[int, Page], doc: YamlDocument, out: Diagnostics
) -> dict[str, _Target]:
    targets: dict[str, _Target] = {}
    for index, page in pages.items():
        for j, continuation in enumerate(page.continuations):
            at: PathKey = ("pages", index, "continuations", j)
            if continuation.id in targets:
                first = doc.locate((*targets[continuation.id].at, "id"))
                out.error(
                    doc.locate((*at, "id")),
                    f"continuation frame '{continuation.id}' is defined twice "
                    f"(first at line {first.line})",
                )
                continue
            link = Link(
                continuation_frame_id(continuation.id),
                page.number,
                continuation.frame,
                (*at, "frame"),
            )
            targets[continuation.id] = _Target(continuation, link, at)
    return targets


def _follow(
    article: str,
    start: Link,
    first: tuple[str | None, PathKey],
    targets: dict[str, _Target],
    taken: dict[str, str],
    doc: YamlDocument,
    out: Diagnostics,
) -> tuple[Link, ...]:
    """The chain from `start`, following `continue_in` until it ends or breaks."""
    links = [start]
    name, source = first
    while name is not None:
        where = doc.locate(source)
        if name not in targets:
            close = difflib.get_close_matches(name, list(targets), n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            known = f"; the issue has: {', '.join(targets)}" if targets and not hint else ""
            out.error(where, f"no continuation frame '{name}' to jump to{hint}{known}")
            break
        if name in taken:
            if taken[name] == article:
                path = " → ".join([article, *_taken_by(taken, article), name])
                out.error(where, f"article '{article}' jumps in a loop: {path}")
            else:
                out.error(
                    where,
                    f"continuation frame '{name}' already takes the text of article "
                    f"'{taken[name]}'; two articles cannot continue in one frame",
                )
            break
        taken[name] = article
        target = targets[name]
        if target.link.page < links[-1].page:
            out.warning(
                where,
                f"article '{article}' jumps from page {links[-1].page} back to page "
                f"{target.link.page} (continuation '{name}')",
            )
        links.append(target.link)
        source = (*target.at, "continue_in")
        name = target.continuation.continue_in
    return tuple(links)


def _taken_by(taken: dict[str, str], article: str) -> list[str]:
    """The continuation frames `article` has run into so far, in order."""
    return [name for name, owner in taken.items() if owner == article]


def _report_unused(
    targets: dict[str, _Target], taken: dict[str, str], doc: YamlDocument, out: Diagnostics
) -> None:
    """A continuation nothing jumps to is empty on its page; a ring of them is a loop."""
    reported: set[str] = set()
    for name, target in targets.items():
        if name in taken or name in reported:
            continue
        ring = [name]
        following = target.continuation.continue_in
        while following in targets and following not in ring and following not in taken:
            ring.append(following)
            following = targets[following].continuation.continue_in
        if following == name:
            reported.update(ring)
            out.error(
                doc.locate((*target.at, "continue_in")),
                f"continuation frames jump in a loop that no article starts: "
                f"{' → '.join([*ring, name])}",
            )
        else:
            reported.add(name)
            out.warning(
                doc.locate((*target.at, "id")),
                f"no article continues in continuation frame '{name}'; it stays empty",
            )
