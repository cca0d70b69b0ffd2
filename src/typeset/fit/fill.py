"""How full each article's frames are: characters, capacity, over (超) and short (缺)."""

from __future__ import annotations

from dataclasses import dataclass

from typeset.fit.copyfit import FrameText, Overset
from typeset.fit.frames import FrameLayout


@dataclass(frozen=True)
class FrameFill:
    """One frame of an article after the build."""

    text: FrameText
    empty_lines: int  # whole body lines left empty at the foot of its columns
    capacity: int  # characters it holds when full (what it holds, plus its empty lines)

    @property
    def page(self) -> int:
        return self.text.link.page


@dataclass(frozen=True)
class ArticleFill:
    article: str
    chars: int
    frames: tuple[FrameFill, ...]
    short_after_lines: int
    column_chars: int

    @property
    def capacity(self) -> int:
        return sum(frame.capacity for frame in self.frames)

    @property
    def overset(self) -> Overset | None:
        return self.frames[-1].text.overset

    @property
    def short_lines(self) -> int:
        """Empty lines in the last frame, when more than the paper lets pass."""
        empty = self.frames[-1].empty_lines
        return empty if empty > self.short_after_lines and not self.overset else 0

    @property
    def short_chars(self) -> int:
        """About how many characters the empty lines would hold."""
        return self.short_lines * self.column_chars

    @property
    def jumps(self) -> list[int]:
        """The pages the text runs over, when it jumps."""
        pages = [frame.page for frame in self.frames if frame.text.pieces]
        return pages if len(pages) > 1 else []


def article_fills(
    texts: dict[str, FrameText],
    layouts: dict[str, FrameLayout],
    total_chars: dict[str, int],
    leading_pt: float,
    column_chars: int,
    short_after_lines: int,
) -> list[ArticleFill]:
    """Each article's fill, in the order its first frame comes in the issue."""
    by_article: dict[str, list[FrameFill]] = {}
    for frame_id, text in texts.items():
        empty = 0 if text.jump_to or text.overset else layouts[frame_id].empty_lines(leading_pt)
        fill = FrameFill(text, empty, text.chars + empty * column_chars)
        by_article.setdefault(text.article, []).append(fill)
    return [
        ArticleFill(name, total_chars[name], tuple(frames), short_after_lines, column_chars)
        for name, frames in by_article.items()
    ]
