"""What the copyfit stage tells layout staff: text over (超), frames short (缺), jumps
that cannot work; each finding is also a warning or error at its frame in issue.yaml."""

from __future__ import annotations

from dataclasses import dataclass

from typeset.diagnostics import Diagnostics, Location
from typeset.fit.copyfit import FrameText, count_chars
from typeset.fit.fill import ArticleFill, article_fills
from typeset.fit.frames import FrameLayout
from typeset.issue.checks import PlacedFrame, page_frames
from typeset.issue.load import Issue
from typeset.output.report import FrameOverset, FrameShort


@dataclass(frozen=True)
class Findings:
    fills: list[ArticleFill]
    overset: list[FrameOverset]
    short: list[FrameShort]


def copyfit_findings(
    issue: Issue,
    texts: dict[str, FrameText],
    layouts: dict[str, FrameLayout],
    numbers: list[int],
    out: Diagnostics,
) -> Findings:
    """`numbers` are the page numbers in the order of the laid-out pages."""
    grid, copyfit = issue.paper.grid, issue.paper.copyfit
    totals = {name: count_chars(text.plain) for name, text in issue.texts.items()}
    fills = article_fills(
        texts, layouts, totals, grid.leading_pt, grid.column_chars, copyfit.short_after_lines
    )
    placed = {
        frame.id: frame
        for index, page in enumerate(issue.spec.pages)
        for frame in page_frames(page, index)
    }
    _check_jump_frames(issue, texts, layouts, out)
    overset = [
        *_article_overset(issue, fills, out),
        *_other_overset(issue, layouts, placed, texts, numbers, out),
    ]
    return Findings(fills, overset, _short(issue, fills, out))


def _check_jump_frames(
    issue: Issue, texts: dict[str, FrameText], layouts: dict[str, FrameLayout], out: Diagnostics
) -> None:
    for frame_id, text in texts.items():
        where = issue.source.locate(text.link.key)
        if text.jump_to is not None and layouts[frame_id].outside:
            # Never expected: the measured cut must hold on the page. Stop rather than print
            # the text twice, here and in the continuation.
            out.error(
                where,
                f"this frame of article '{text.article}' on page {text.link.page} no longer "
                "holds the text measured for it; please report this with the issue folder",
            )
        elif text.jump_to is not None and not text.pieces:
            out.error(
                where,
                f"this frame of article '{text.article}' on page {text.link.page} is too small: "
                "its head and the jump line leave no line for the text",
            )
        elif text.part and not text.pieces:
            out.warning(
                where,
                f"article '{text.article}' ends before this continuation frame; it stays empty",
            )


def _article_overset(
    issue: Issue, fills: list[ArticleFill], out: Diagnostics
) -> list[FrameOverset]:
    found = []
    for fill in (fill for fill in fills if fill.overset):
        item = FrameOverset(*_last_frame(issue, fill), fill.overset.chars, fill.overset.lines)
        why = (
            "the continuation frame is too small for the rest of the text"
            if fill.frames[-1].text.part
            else "the text does not fit its frame"
        )
        out.warning(item.location, f"{item} ({why}; cut at ▲ on the proof)")
        found.append(item)
    return found


def _last_frame(issue: Issue, fill: ArticleFill) -> tuple[int, str, Location]:
    """Page, name and place in issue.yaml of the frame where an article's text ends."""
    last = fill.frames[-1].text
    return last.link.page, f"article '{fill.article}'", issue.source.locate(last.link.key)


def _other_overset(
    issue: Issue,
    layouts: dict[str, FrameLayout],
    placed: dict[str, PlacedFrame],
    texts: dict[str, FrameText],
    numbers: list[int],
    out: Diagnostics,
) -> list[FrameOverset]:
    """Sidebars and ads are not cut: what runs out of them is counted and shown."""
    found = []
    for frame_id, layout in layouts.items():
        if frame_id in texts or not layout.outside or frame_id not in placed:
            continue
        if frame_id.endswith("-sidebar"):
            continue  # an error, with its lines, from fit/sidebar.py
        where = issue.source.locate(placed[frame_id].key)
        item = FrameOverset(
            numbers[layout.page_index],
            placed[frame_id].name,
            where,
            sum(line.chars for line in layout.outside),
            len(layout.outside),
        )
        out.warning(where, f"{item} (the text does not fit its frame)")
        found.append(item)
    return found


def _short(issue: Issue, fills: list[ArticleFill], out: Diagnostics) -> list[FrameShort]:
    found = []
    for fill in (fill for fill in fills if fill.short_lines):
        item = FrameShort(*_last_frame(issue, fill), fill.short_lines, fill.short_chars)
        out.warning(item.location, f"{item} (empty lines at the foot of its frame)")
        found.append(item)
    return found
