"""What the copyfit stage tells layout staff: text over (超), frames short (缺), jumps
that cannot work; each finding is also a warning or error at its frame in issue.yaml."""

from __future__ import annotations

import math
from dataclasses import dataclass

from typeset.diagnostics import Diagnostics, Location, find_in_lines
from typeset.fit.copyfit import FrameText, count_chars
from typeset.fit.fill import ArticleFill, article_fills
from typeset.fit.frames import EPSILON, PX_PER_PT, FrameLayout
from typeset.fit.pieces import TextPosition, pieces_between
from typeset.issue.checks import PlacedFrame, page_frames
from typeset.issue.load import Issue
from typeset.output.report import FrameOverset, FrameShort, FrameSize
from typeset.text.blocks import ArticleText


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
        *_article_overset(issue, fills, layouts, out),
        *_other_overset(issue, layouts, placed, texts, numbers, out),
    ]
    return Findings(fills, overset, _short(issue, fills, layouts, out))


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
    issue: Issue, fills: list[ArticleFill], layouts: dict[str, FrameLayout], out: Diagnostics
) -> list[FrameOverset]:
    """Each article's overset, at its last frame in issue.yaml, with a note at the place in
    its Markdown where the text stops fitting. The frame needs the lines its columns ran
    out by, shared among its columns, or, if more, those its head and photos lack (a
    frame too small for them lost its text: then at least that)."""
    pitch = issue.paper.grid.leading_pt * PX_PER_PT
    found = []
    for fill in fills:
        last = fill.frames[-1].text
        if (overset := last.overset) is None:
            continue
        frame, layout = last.link.frame, layouts[last.link.frame_id]
        cut_at, text = _cut_text(issue.texts[fill.article], overset.cut)
        over_fixed = (layout.fixed_bottom - layout.bottom - EPSILON) / pitch
        more = max(-(-overset.lines // frame.span), math.ceil(over_fixed))
        needed = FrameSize(frame.lines, more, at_least=layout.broken)
        item = FrameOverset(
            *_last_frame(issue, fill), overset.chars, overset.lines, needed, cut_at, text
        )
        why = (
            "the continuation frame is too small for the rest of the text"
            if last.part
            else "the text does not fit its frame"
        )
        out.warning(
            item.location, f"{item}: {why}; {item.remedy} (cut at ▲ on the proof)", *item.notes
        )
        found.append(item)
    return found


def _cut_text(article: ArticleText, cut: TextPosition) -> tuple[Location | None, str]:
    """Where the text that does not fit starts in the article's file, and that text."""
    if cut.block >= len(article.blocks):
        return None, ""
    pieces = pieces_between(article.blocks, cut)
    text = "\n".join(piece.block.text for piece in pieces)
    return article.blocks[cut.block].location(cut.offset), text


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
    leading_pt = issue.paper.grid.leading_pt
    found = []
    for frame_id, layout in layouts.items():
        if frame_id in texts or not layout.outside or frame_id not in placed:
            continue
        if frame_id.endswith("-sidebar"):
            continue  # an error, with its lines, from fit/sidebar.py
        frame = placed[frame_id]
        where = issue.source.locate(frame.key)
        text = "".join(line.text for line in layout.outside)
        item = FrameOverset(
            numbers[layout.page_index],
            frame.name,
            where,
            sum(line.chars for line in layout.outside),
            len(layout.outside),
            FrameSize(frame.frame.lines, _lines_over(layout, leading_pt)),
            _typed_at(issue, frame, text) if text else None,
            text,
        )
        out.warning(where, f"{item}: the text does not fit its frame; {item.remedy}", *item.notes)
        found.append(item)
    return found


def _typed_at(issue: Issue, frame: PlacedFrame, text: str) -> Location:
    """Where the words that run out of an ad stand in its `text:` in issue.yaml (the
    start of that value when they are not found on one line of it)."""
    start = issue.source.locate((*frame.key[:-1], "text"))
    lines = issue.source.path.read_text(encoding="utf-8-sig").splitlines()
    return find_in_lines(start.path, lines, start.line, text[:YAML_WORDS])


YAML_WORDS = 8  # characters searched for: fewer than a folded line of YAML holds


def _lines_over(layout: FrameLayout, leading_pt: float) -> int:
    """Body lines a frame of one flow (an ad, its content centred) needs added: its content
    runs past its foot, and, centred, as far above its top."""
    below = max(line.bottom for line in layout.lines) - layout.bottom
    above = layout.top - min(line.top for line in layout.lines)
    over = max(below, 0) + max(above, 0) - EPSILON
    return max(math.ceil(over / (leading_pt * PX_PER_PT)), 1)


def _short(
    issue: Issue, fills: list[ArticleFill], layouts: dict[str, FrameLayout], out: Diagnostics
) -> list[FrameShort]:
    """Frames with empty lines, and how many lines of the frame could go: the empty lines
    shared among its columns, no more than there are below its head and photos."""
    leading_pt = issue.paper.grid.leading_pt
    found = []
    for fill in (fill for fill in fills if fill.short_lines):
        link = fill.frames[-1].text.link
        below = layouts[link.frame_id].spare_lines(leading_pt)
        spare = FrameSize(link.frame.lines, -min(fill.short_lines // link.frame.span, below))
        item = FrameShort(*_last_frame(issue, fill), fill.short_lines, fill.short_chars, spare)
        out.warning(item.location, f"{item}: {item.remedy}")
        found.append(item)
    return found
