"""Copyfitting: which part of an article's text each of its frames holds.

WeasyPrint has no linked frames (CSS Regions), so the breaks are found by measuring: a
frame with a successor is laid out alone with all the text still to set, and the text
is cut after the last line it holds (one line kept free for the jump line). Each round
measures the next frame of every jumping article at once, so a build makes one small
measuring pass per jump depth and one pass for the pages. Text left over in an article's
last frame is cut there too, after the pages are laid out, and reported as overset.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from typeset.fit.breaks import fitting_end
from typeset.fit.frames import FrameLayout
from typeset.fit.pieces import START, Piece, TextPosition, normalized, pieces_between
from typeset.issue.jumps import Chain, Link
from typeset.text.blocks import ArticleText


@dataclass(frozen=True)
class Overset:
    """Text cut off at the foot of an article's last frame (超)."""

    chars: int
    lines: int  # column lines: a frame of 2 columns 1 line too short runs 2 lines out
    cut: TextPosition  # the first character that does not fit


@dataclass(frozen=True)
class FrameText:
    """What one frame of an article holds, and the pages its jump lines name."""

    article: str
    link: Link
    part: int  # 0 where the article starts
    pieces: tuple[Piece, ...]
    jump_to: int | None = None  # 下转: the page the text goes on on
    jump_from: int | None = None  # 上接: the page the text comes from
    overset: Overset | None = None

    @property
    def chars(self) -> int:
        return sum(count_chars(piece.block.text) for piece in self.pieces)


Measure = Callable[[list[FrameText]], dict[str, FrameLayout]]


def count_chars(text: str) -> int:
    """Characters as a copy editor counts them (字数): everything but spaces."""
    return sum(not char.isspace() for char in text)


def fit_jumps(
    chains: dict[str, Chain],
    texts: dict[str, ArticleText],
    measure: Measure,
    leading_pt: float,
    column_chars: int,
    count: Callable[[FrameText], TextPosition | None] | None = None,
) -> dict[str, FrameText]:
    """Every frame's text, by frame id; frames followed by another are filled to the full:
    where they are full is counted with `count` when given (fit/count.py), else measured."""
    starts = dict.fromkeys(chains, START)
    placed: dict[str, list[FrameText]] = {name: [] for name in chains}
    for part in range(max((len(chain.links) for chain in chains.values()), default=1) - 1):
        drafts = [
            _frame_text(chains[name], part, texts[name], starts[name])
            for name in chains
            if part + 1 < len(chains[name].links) and _left(texts[name], starts[name])
        ]
        if not drafts:
            break
        ends = (
            {draft.link.frame_id: count(draft) for draft in drafts}
            if count
            else _measured_ends(drafts, starts, measure, leading_pt, column_chars)
        )
        for draft in drafts:
            name = draft.article
            end = ends[draft.link.frame_id]
            if end is None:
                placed[name].append(draft)
                starts[name] = TextPosition(len(texts[name].blocks), 0)
                continue
            next_page = chains[name].links[part + 1].page
            cut = replace(
                draft,
                pieces=pieces_between(texts[name].blocks, starts[name], end),
                jump_to=next_page,
            )
            placed[name].append(cut)
            starts[name] = normalized(texts[name].blocks, end)
    return {
        text.link.frame_id: text
        for name, chain in chains.items()
        for text in _with_rest(chain, placed[name], texts[name], starts[name])
    }


def _measured_ends(
    drafts: list[FrameText],
    starts: dict[str, TextPosition],
    measure: Measure,
    leading_pt: float,
    column_chars: int,
) -> dict[str, TextPosition | None]:
    """Where each draft's frame is full (None: all its text fits). A frame is measured with
    half as much again as its area holds, not with all the rest of a long article, which
    would be laid out in columns nobody sees; only if all of that fits is it measured again
    with everything."""
    ends: dict[str, TextPosition | None] = {}
    pending = [(draft, _trimmed(draft, column_chars)) for draft in drafts]
    while pending:
        layouts = measure([trimmed for _, trimmed in pending])
        retry = []
        for draft, trimmed in pending:
            start = starts[draft.article]
            end = fitting_end(layouts[draft.link.frame_id], start, leading_pt, reserve_line=True)
            if end is None and trimmed != draft:
                retry.append((draft, draft))
            else:
                ends[draft.link.frame_id] = end
        pending = retry
    return ends


def _trimmed(draft: FrameText, column_chars: int) -> FrameText:
    """The draft's first pieces, up to one and a half times what its frame's area holds."""
    frame = draft.link.frame
    enough = 1.5 * frame.span * frame.lines * column_chars
    kept, total = [], 0
    for piece in draft.pieces:
        if total >= enough:
            break
        kept.append(piece)
        total += len(piece.block.text)
    return replace(draft, pieces=tuple(kept))


def _frame_text(chain: Chain, part: int, text: ArticleText, start: TextPosition) -> FrameText:
    """Frame `part` of the chain holding all the text from `start`."""
    return FrameText(
        chain.article,
        chain.links[part],
        part,
        pieces_between(text.blocks, start),
        jump_from=chain.links[part - 1].page if part else None,
    )


def _left(text: ArticleText, start: TextPosition) -> bool:
    return start.block < len(text.blocks)


def _with_rest(
    chain: Chain, placed: list[FrameText], text: ArticleText, start: TextPosition
) -> list[FrameText]:
    """The measured frames, then the next frame with the rest, then empty ones."""
    frames = list(placed)
    for part in range(len(placed), len(chain.links)):
        if part == len(placed) and (part == 0 or _left(text, start)):
            frames.append(_frame_text(chain, part, text, start))
        else:
            frames.append(FrameText(chain.article, chain.links[part], part, ()))
    return frames


def cut_overset(
    texts: dict[str, FrameText],
    layouts: dict[str, FrameLayout],
    articles: dict[str, ArticleText],
    leading_pt: float,
) -> dict[str, FrameText]:
    """The frames whose text runs out of them, cut after their last full line."""
    cut = {}
    for frame_id, text in texts.items():
        layout = layouts[frame_id]
        if not layout.outside or not text.pieces:
            continue
        first = text.pieces[0]
        start = TextPosition(first.index, first.start)
        end = fitting_end(layout, start, leading_pt, reserve_line=False) or start
        blocks = articles[text.article].blocks
        kept = pieces_between(blocks, start, end)
        lost = text.chars - sum(count_chars(piece.block.text) for piece in kept)
        overset = Overset(lost, len(layout.outside), normalized(blocks, end))
        cut[frame_id] = replace(text, pieces=kept, overset=overset)
    return cut
