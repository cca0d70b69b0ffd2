"""The proofreader's output: build/<issue-id>/proof/round-N/, a new folder each round."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PIL import Image

from typeset.output.files import replace_folder
from typeset.output.typeset import TypesetIssue
from typeset.proof.changes import PageChanges, compare
from typeset.proof.changes_files import (
    CHANGES_JSON,
    changes_image_name,
    changes_json,
    changes_text,
)
from typeset.proof.highlight import PixelBox, changed_boxes, highlighted
from typeset.proof.previews import render_page, to_pixels
from typeset.proof.report import proof_report
from typeset.proof.round_page import (
    READING_DPI,
    reading_image_name,
    round_html,
    round_page,
    save_reading_image,
)
from typeset.proof.snapshot import PageSnapshot, read_snapshot, snapshot, snapshot_json

TEXT_JSON = "text.json"


@dataclass(frozen=True)
class _Comparison:
    changes: tuple[PageChanges, ...]
    boxes: dict[int, tuple[PixelBox, ...]]


def write_proof(typeset: TypesetIssue, issue_folder: Path) -> Path:
    """Round N's pages, previews, text and report, and what changed since round N-1."""
    proof = typeset.proof
    if proof is None:
        raise ValueError("a proof build needs its round")
    folder = issue_folder / "proof"
    whole = typeset.whole(f"{typeset.report.title} {proof.stamp}")
    singles = typeset.page_pdfs
    previews = {number: render_page(pdf) for number, pdf in singles}
    reading = {number: render_page(pdf, READING_DPI) for number, pdf in singles}
    pages = snapshot(typeset.view)
    previous = folder / f"round-{proof.number - 1}"
    comparison = _compare(typeset, previous, pages, previews)
    before = {n for n in reading if (previous / reading_image_name(n)).is_file()}
    index = round_html(round_page(typeset, comparison.changes, comparison.boxes, before))

    def fill(staging: Path) -> None:
        (staging / "issue.pdf").write_bytes(whole)
        for number, single in singles:
            (staging / f"page-{number:02d}.pdf").write_bytes(single)
            previews[number].save(staging / f"page-{number:02d}.png")
            save_reading_image(reading[number], staging / reading_image_name(number))
        for number, boxes in comparison.boxes.items():
            picture = highlighted(previews[number], boxes)
            picture.save(staging / changes_image_name(number))
        (staging / TEXT_JSON).write_text(snapshot_json(pages), "utf-8")
        (staging / "proof-report.txt").write_text(
            proof_report(typeset.report, proof, pages), "utf-8"
        )
        parts = (proof.number, comparison.changes, comparison.boxes)
        (staging / "changes.txt").write_text(changes_text(*parts), "utf-8")
        (staging / CHANGES_JSON).write_text(changes_json(*parts), "utf-8")
        (staging / "index.html").write_text(index, "utf-8")

    target = folder / proof.name
    replace_folder(target, fill)
    return target


def _compare(
    typeset: TypesetIssue,
    previous: Path,
    pages: tuple[PageSnapshot, ...],
    previews: dict[int, Image.Image],
) -> _Comparison:
    """The text and picture changes against the previous round, none in round 1."""
    if not (previous / TEXT_JSON).is_file():
        return _Comparison((), {})
    changes = compare(read_snapshot((previous / TEXT_JSON).read_text("utf-8")), pages)
    area = _type_area(typeset)
    boxes = {}
    for number, preview in previews.items():
        # The last round's preview, saved losslessly from the same rendering: no new render.
        old = previous / f"page-{number:02d}.png"
        if not old.is_file():
            continue
        with Image.open(old) as before:
            found = changed_boxes(before.convert("RGB"), preview, area)
        if found:
            boxes[number] = found
    return _Comparison(changes, boxes)


def _type_area(typeset: TypesetIssue) -> PixelBox:
    """The type area in preview pixels: the margins hold the stamp, which always changes."""
    geometry = typeset.view.geometry
    left, top = geometry.margin_side, geometry.margin_top
    return PixelBox(
        to_pixels(left),
        to_pixels(top),
        to_pixels(left + geometry.grid.width),
        to_pixels(top + geometry.grid.height),
    )
