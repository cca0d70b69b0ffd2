"""What is set on each page, as text (`text.json`): what the next round is compared with."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass

from typeset.render.view import ArticleView, IssueView


@dataclass(frozen=True)
class FrameSnapshot:
    """One article frame exactly as printed: headline, jump lines and body text."""

    article: str
    frame: str
    headline: str
    jump_from: str | None
    text: str  # the frame's blocks (paragraphs, subheads), one per line
    jump_to: str | None

    @property
    def printed(self) -> str:
        """Everything the frame prints, in reading order: what a diff compares."""
        parts = (self.headline, self.jump_from, self.text, self.jump_to)
        return "\n".join(part for part in parts if part)


@dataclass(frozen=True)
class PageSnapshot:
    page: int
    section: str
    frames: tuple[FrameSnapshot, ...]


def snapshot(view: IssueView) -> tuple[PageSnapshot, ...]:
    """Every page of the laid-out issue with the text of each article frame on it."""
    return tuple(
        PageSnapshot(page.page.number, page.page.section, tuple(map(_frame, page.articles)))
        for page in view.pages
    )


def _frame(article: ArticleView) -> FrameSnapshot:
    return FrameSnapshot(
        article=article.name,
        frame=article.key,
        headline="".join(article.headline_lines) if article.text.pieces or article.starts else "",
        jump_from=article.jump_from,
        text="\n".join(piece.block.text for piece in article.text.pieces),
        jump_to=article.jump_to,
    )


def snapshot_json(pages: tuple[PageSnapshot, ...]) -> str:
    data = {"pages": [asdict(page) for page in pages]}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def read_snapshot(text: str) -> tuple[PageSnapshot, ...]:
    """A `text.json` written by `snapshot_json`, back as snapshots."""
    return tuple(
        PageSnapshot(
            page["page"], page["section"], tuple(FrameSnapshot(**f) for f in page["frames"])
        )
        for page in json.loads(text)["pages"]
    )
