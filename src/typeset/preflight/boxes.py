"""Page boxes: a printer trims at the TrimBox and needs ink up to the BleedBox beyond it."""

from __future__ import annotations

import pikepdf

from typeset.preflight.expect import Expectations
from typeset.preflight.findings import FileFindings

POINTS_PER_MM = 72 / 25.4
TOLERANCE_MM = 0.1
Box = tuple[float, float, float, float]  # left, bottom, right, top in points


def check_boxes(page: pikepdf.Page, number: int, expect: Expectations, out: FileFindings) -> None:
    """MediaBox ⊇ BleedBox ⊇ TrimBox + bleed, and the trim the paper is printed at."""
    media = _box(page.mediabox)
    bleed, trim = _box(page.obj.get("/BleedBox")), _box(page.obj.get("/TrimBox"))
    for name, box in (("MediaBox", media), ("BleedBox", bleed), ("TrimBox", trim)):
        if box is None:
            out.error(f"no {name}", number)
    if trim is not None and expect.trim_mm is not None:
        _check_trim_size(trim, expect.trim_mm, number, out)
    if trim is not None and bleed is not None:
        _check_bleed(trim, bleed, expect.bleed_mm, number, out)
    if media is not None and bleed is not None and not _contains(media, bleed):
        out.error(f"MediaBox {_mm(media)} does not contain BleedBox {_mm(bleed)}", number)


def _check_trim_size(
    trim: Box, expected_mm: tuple[float, float], number: int, out: FileFindings
) -> None:
    size = ((trim[2] - trim[0]) / POINTS_PER_MM, (trim[3] - trim[1]) / POINTS_PER_MM)
    if any(abs(got - want) > TOLERANCE_MM for got, want in zip(size, expected_mm, strict=True)):
        out.error(
            f"TrimBox is {size[0]:.1f}×{size[1]:.1f} mm, "
            f"the paper's trim is {expected_mm[0]:.1f}×{expected_mm[1]:.1f} mm",
            number,
        )


def _check_bleed(trim: Box, bleed: Box, bleed_mm: float, number: int, out: FileFindings) -> None:
    """Every side: the BleedBox reaches at least `bleed_mm` beyond the TrimBox."""
    sides = {
        "left": trim[0] - bleed[0],
        "bottom": trim[1] - bleed[1],
        "right": bleed[2] - trim[2],
        "top": bleed[3] - trim[3],
    }
    short = {side: extent / POINTS_PER_MM for side, extent in sides.items()}
    short = {side: mm for side, mm in short.items() if mm < bleed_mm - TOLERANCE_MM}
    if short:
        sides_text = ", ".join(f"{side} {mm:.1f} mm" for side, mm in short.items())
        out.error(f"bleed is less than {bleed_mm:g} mm: {sides_text}", number)


def _box(value: object) -> Box | None:
    """A box as left, bottom, right, top; PDF allows any two opposite corners."""
    if not isinstance(value, pikepdf.Array) or len(value) != 4:
        return None
    x0, y0, x1, y1 = (float(number) for number in value)
    return min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)


def _contains(outer: Box, inner: Box) -> bool:
    slack = 0.01  # points: rounding in the writer
    return (
        outer[0] - slack <= inner[0]
        and outer[1] - slack <= inner[1]
        and inner[2] <= outer[2] + slack
        and inner[3] <= outer[3] + slack
    )


def _mm(box: Box) -> str:
    return "[" + " ".join(f"{value / POINTS_PER_MM:.1f}" for value in box) + "] mm"
