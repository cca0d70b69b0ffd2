"""`changes.txt` for people and `changes.json` for tools: what changed since the last round."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

from typeset.proof.changes import FrameChange, PageChanges
from typeset.proof.highlight import PixelBox
from typeset.proof.previews import DPI

CHANGES_JSON = "changes.json"
FIRST_ROUND = "round 1: nothing to compare with"


def changed_pages(
    changes: tuple[PageChanges, ...], boxes: dict[int, tuple[PixelBox, ...]]
) -> list[int]:
    """Pages whose text or picture changed."""
    return [page.page for page in changes if page.frames or boxes.get(page.page)]


def changes_text(
    number: int, changes: tuple[PageChanges, ...], boxes: dict[int, tuple[PixelBox, ...]]
) -> str:
    if number == 1:
        return FIRST_ROUND + "\n"
    changed = changed_pages(changes, boxes)
    lines = [f"round {number} against round {number - 1}: {summary(changes, boxes)}", ""]
    for page in changes:
        lines += _page_lines(page, page.page in changed, bool(boxes.get(page.page)))
    return "\n".join(lines) + "\n"


def summary(changes: tuple[PageChanges, ...], boxes: dict[int, tuple[PixelBox, ...]]) -> str:
    """How many of this round's pages changed."""
    changed = set(changed_pages(changes, boxes))
    return _counted([page.page in changed for page in changes if page.in_round])


def summary_of(round_folder: Path) -> str:
    """The summary of a round already written, read back from its changes.json."""
    data = json.loads((round_folder / CHANGES_JSON).read_text("utf-8"))
    if data["compared_with"] is None:
        return FIRST_ROUND
    return _counted([page["changed"] for page in data["pages"] if page["in_round"]])


def _counted(changed: list[bool]) -> str:
    count = sum(changed)
    return f"{count} page{'' if count == 1 else 's'} changed, {changed.count(False)} unchanged"


def changes_json(
    number: int, changes: tuple[PageChanges, ...], boxes: dict[int, tuple[PixelBox, ...]]
) -> str:
    changed = changed_pages(changes, boxes)
    data = {
        "round": number,
        "compared_with": number - 1 if number > 1 else None,
        "dpi": DPI,
        "pages": [
            {
                "page": page.page,
                "in_round": page.in_round,
                "changed": page.page in changed,
                "frames": [asdict(frame) for frame in page.frames],
                "boxes": [asdict(box) for box in boxes.get(page.page, ())],
                "image": changes_image_name(page.page) if boxes.get(page.page) else None,
            }
            for page in changes
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def changes_image_name(page: int) -> str:
    return f"page-{page:02d}-changes.png"


def _page_lines(page: PageChanges, changed: bool, drawn: bool) -> list[str]:
    where = f"第{page.page}版"
    if not page.in_round:
        return [f"{where}: not in this round", *(_frame_lines(where, f) for f in page.frames)]
    if not changed:
        return [f"{where}: unchanged"]
    head = f"{where}: changed" + (f" (see {changes_image_name(page.page)})" if drawn else "")
    if not page.frames:
        head += "; the text is the same: a picture, an ad or the layout moved"
    return [head, *(_frame_lines(where, frame) for frame in page.frames)]


def _frame_lines(where: str, frame: FrameChange) -> str:
    lines = [f"  {frame.frame} ({frame.article}): {frame.status}"]
    lines += [f"    {where} {frame.article}: {edit}" for edit in frame.edits]
    return "\n".join(lines)
