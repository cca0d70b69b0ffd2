"""Read body lines back from a built PDF: where each line starts and ends, on which baseline,
and whether it ends a paragraph, so the tests can check what a proofreader checks."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

import pdfplumber

from typeset.diagnostics import Diagnostics
from typeset.issue.load import Project, load_issue
from typeset.render.geometry import PageGeometry

ROOT = Path(__file__).resolve().parents[1]
BODY_SIZE = 9.0
TOLERANCE = 0.1  # pt, the issue's limit for flush edges and shared baselines
CLOSING_OR_MIDDLE = "，。、；：？！）】》」』”’"
OPENING = "（【《「『“‘"


@dataclass
class Line:
    page: int  # index in the PDF
    frame: str  # the article
    column: int  # from 0
    column_left: float
    column_right: float
    baseline: float
    chars: list[dict]
    ends_paragraph: bool = False

    @property
    def text(self) -> str:
        return "".join(c["text"] for c in self.chars)

    @property
    def x0(self) -> float:
        return self.chars[0]["x0"]

    @property
    def x1(self) -> float:
        return self.chars[-1]["x1"]


def body_lines(pdf_path: Path, issue_folder: Path, size: float = BODY_SIZE) -> list[Line]:
    """Every body line of every article frame, in reading order, paragraph ends marked."""
    issue = load_issue(issue_folder, Project(ROOT / "layouts", ROOT / "fonts"), Diagnostics())
    assert issue is not None
    geometry = PageGeometry.of(issue.paper)
    pitch = issue.paper.grid.column_width + issue.paper.grid.gutter
    lines: list[Line] = []
    pages = sorted(issue.spec.pages, key=lambda page: page.number)
    with pdfplumber.open(pdf_path) as pdf:
        for index, (spec, page) in enumerate(zip(pages, pdf.pages, strict=True)):
            chars = [c for c in page.chars if abs(c["size"] - size) < 0.05 and c["text"] != " "]
            template = issue.paper.templates[spec.template]
            for placed in spec.articles:
                box = geometry.box(placed.frame, template)
                left, top = geometry.margin_side + box.left, geometry.margin_top + box.top
                inside = [
                    c
                    for c in chars
                    if left - 1 <= c["x0"] < left + box.width and top <= c["top"] < top + box.height
                ]
                found = _frame_lines(inside, index, placed.article, left, pitch, issue.paper)
                _mark_paragraph_ends(found, issue.texts[placed.article])
                lines += found
    return lines


def _frame_lines(
    chars: list[dict], page: int, frame: str, left: float, pitch: float, paper
) -> list[Line]:
    by_key: dict[tuple[int, float], list[dict]] = {}
    for c in chars:
        column = int((c["x0"] - left + 1) // pitch)
        by_key.setdefault((column, -round(c["matrix"][5], 1)), []).append(c)
    lines = []
    for (column, _), found in sorted(by_key.items()):
        found.sort(key=lambda c: c["x0"])
        x = left + column * pitch
        baseline = found[0]["matrix"][5]
        lines.append(Line(page, frame, column, x, x + paper.grid.column_width, baseline, found))
    return lines


def _mark_paragraph_ends(lines: list[Line], text) -> None:
    """A line ends a paragraph when the frame's text up to its end is whole paragraphs."""
    flow = ""
    ends = []
    for line in lines:
        flow += line.text
        ends.append(len(flow))
    at = 0
    for block in text.blocks:
        wanted = "".join(block.text.split())
        found = flow.find(wanted, at)
        if found < 0:
            continue  # not (all) in this frame
        at = found + len(wanted)
        for line, end in zip(lines, ends, strict=True):
            if end == at:
                line.ends_paragraph = True


def flush_share(lines: list[Line]) -> tuple[int, int]:
    """(lines that end flush, lines that should): every line of a paragraph but its last."""
    justified = [line for line in lines if not line.ends_paragraph]
    flush = [line for line in justified if ends_flush(line)]
    return len(flush), len(justified)


def ends_flush(line: Line) -> bool:
    """The line's right edge is the column's: its last box's, or, for a closing mark or
    点号 whose blank half hangs (clreq's first shrink), the end of its ink, half an em in."""
    edge = line.x1 - line.column_right
    hangs = line.text[-1] in CLOSING_OR_MIDDLE and abs(edge - BODY_SIZE / 2) <= TOLERANCE
    return abs(edge) <= TOLERANCE or hangs


def kinsoku_violations(lines: list[Line]) -> list[str]:
    """Lines that start with closing or middle punctuation or the second half of …… ——,
    or end with opening punctuation."""
    bad = []
    for before, line in zip([None, *lines], lines, strict=False):
        text = line.text
        first = text[0]
        starts_paragraph = before is None or before.ends_paragraph
        if first in CLOSING_OR_MIDDLE and not starts_paragraph:
            bad.append(f"starts with {first}: {text}")
        if first in "…—" and before is not None and before.text.endswith(first):
            bad.append(f"splits {first * 2}: {before.text} / {text}")
        if text[-1] in OPENING:
            bad.append(f"ends with {text[-1]}: {text}")
    return bad


def baseline_spread(lines: list[Line], leading: float) -> float:
    """Largest distance of a body baseline from its frame's grid (first baseline + k lines)."""
    worst = 0.0
    frames = {(line.page, line.frame) for line in lines}
    for key in frames:
        baselines = [line.baseline for line in lines if (line.page, line.frame) == key]
        origin = min(baselines, key=lambda y: y % leading)
        for y in baselines:
            off = (y - origin) % leading
            worst = max(worst, min(off, leading - off))
    return worst


LOOSE_EM = 0.15  # the issue's limit for the extra space between Han characters of a line


def is_han_char(text: str) -> bool:
    return "\u4e00" <= text <= "\u9fff"


def han_looseness(line: Line, size: float = BODY_SIZE) -> float | None:
    """Median extra space between neighbouring Han characters of the line, in em (None
    when it has no two Han characters side by side)."""
    extra = sorted(
        (b["x0"] - a["x1"]) / size
        for a, b in pairwise(line.chars)
        if is_han_char(a["text"]) and is_han_char(b["text"])
    )
    if not extra:
        return None
    middle = len(extra) // 2
    return extra[middle] if len(extra) % 2 else (extra[middle - 1] + extra[middle]) / 2


def han_latin_gaps(line: Line, size: float = BODY_SIZE) -> list[float]:
    """The blank between each Han character and a Latin letter or digit next to it, in em."""
    return [
        (b["x0"] - a["x1"]) / size
        for a, b in pairwise(line.chars)
        if (is_han_char(a["text"]) and b["text"].isascii() and b["text"].isalnum())
        or (a["text"].isascii() and a["text"].isalnum() and is_han_char(b["text"]))
    ]


def loose_lines(lines: list[Line]) -> list[tuple[float, Line]]:
    """The justified lines looser than LOOSE_EM, loosest first."""
    found = [
        (looseness, line)
        for line in lines
        if not line.ends_paragraph
        and (looseness := han_looseness(line)) is not None
        and looseness > LOOSE_EM
    ]
    return sorted(found, key=lambda item: -item[0])
