"""What changed in the text since the last round: per page, per article frame, character by
character (Chinese has no spaces to diff words by), and frames added, removed or moved."""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher

from typeset.proof.snapshot import FrameSnapshot, PageSnapshot

CONTEXT = 10  # characters shown either side of a change


@dataclass(frozen=True)
class Edit:
    """One stretch of text deleted, inserted or both, with its neighbours in this round."""

    deleted: str
    inserted: str
    before: str
    after: str

    def __str__(self) -> str:
        deleted = f"[-{self.deleted}-]" if self.deleted else ""
        inserted = f"{{+{self.inserted}+}}" if self.inserted else ""
        return _one_line(f"…{self.before}{deleted}{inserted}{self.after}…")


@dataclass(frozen=True)
class FrameChange:
    article: str
    frame: str
    status: str  # edited, added, removed, moved from 第N版, moved to 第N版
    edits: tuple[Edit, ...] = ()


@dataclass(frozen=True)
class PageChanges:
    page: int
    frames: tuple[FrameChange, ...]
    in_round: bool  # False for a page the previous round had and this one has not


def compare(
    previous: tuple[PageSnapshot, ...], current: tuple[PageSnapshot, ...]
) -> tuple[PageChanges, ...]:
    """Each page of either round with the changes to its frames since the previous round."""
    before, now = _frames_by_id(previous), _frames_by_id(current)
    numbers = sorted({page.page for page in (*previous, *current)})
    return tuple(
        _page_changes(number, _on(previous, number), _on(current, number), before, now)
        for number in numbers
    )


def _page_changes(
    number: int,
    had: tuple[FrameSnapshot, ...] | None,
    has: tuple[FrameSnapshot, ...] | None,
    before: dict[str, tuple[int, FrameSnapshot]],
    now: dict[str, tuple[int, FrameSnapshot]],
) -> PageChanges:
    """A page's frames that are new, edited or moved here, then those that left it."""
    arrived = [change for frame in has or () if (change := _change(frame, number, before))]
    left = [_gone(frame, now) for frame in had or () if _left(frame, number, now)]
    return PageChanges(number, tuple(arrived + left), in_round=has is not None)


def edits(old: str, new: str) -> tuple[Edit, ...]:
    """The differences between two texts, character by character."""
    matcher = SequenceMatcher(None, old, new, autojunk=False)
    return tuple(
        Edit(old[i1:i2], new[j1:j2], new[max(0, j1 - CONTEXT) : j1], new[j2 : j2 + CONTEXT])
        for tag, i1, i2, j1, j2 in matcher.get_opcodes()
        if tag != "equal"
    )


def _change(
    frame: FrameSnapshot, page: int, before: dict[str, tuple[int, FrameSnapshot]]
) -> FrameChange | None:
    if frame.frame not in before:
        return FrameChange(frame.article, frame.frame, "added")
    was_on, old = before[frame.frame]
    found = edits(old.printed, frame.printed)
    if was_on != page:
        return FrameChange(frame.article, frame.frame, f"moved from 第{was_on}版", found)
    return FrameChange(frame.article, frame.frame, "edited", found) if found else None


def _gone(frame: FrameSnapshot, now: dict[str, tuple[int, FrameSnapshot]]) -> FrameChange:
    """A frame of the previous round no longer on its page."""
    status = f"moved to 第{now[frame.frame][0]}版" if frame.frame in now else "removed"
    return FrameChange(frame.article, frame.frame, status)


def _left(frame: FrameSnapshot, page: int, now: dict[str, tuple[int, FrameSnapshot]]) -> bool:
    return frame.frame not in now or now[frame.frame][0] != page


def _on(pages: tuple[PageSnapshot, ...], number: int) -> tuple[FrameSnapshot, ...] | None:
    """The frames on page `number`, None when the round has no such page."""
    return next((page.frames for page in pages if page.page == number), None)


def _frames_by_id(pages: tuple[PageSnapshot, ...]) -> dict[str, tuple[int, FrameSnapshot]]:
    return {frame.frame: (page.page, frame) for page in pages for frame in page.frames}


def _one_line(text: str) -> str:
    return text.replace("\n", "¶")
