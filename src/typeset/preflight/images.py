"""Image resolution: what counts on the plate is the effective resolution, the pixels over
the size the image is drawn at, not the resolution written in the image file."""

from __future__ import annotations

import hashlib
import math

import pikepdf

from typeset.preflight.content import Event, Image
from typeset.preflight.expect import Expectations
from typeset.preflight.findings import FileFindings


def check_images(events: list[Event], number: int, expect: Expectations, out: FileFindings) -> None:
    ppi = expect.ppi
    for event in events:
        if not isinstance(event, Image):
            continue
        resolution = effective_ppi(event.width, event.height, event.matrix)
        if resolution >= ppi.warn_below:
            continue
        name = _name(event, number, expect)
        message = f"{name} {event.width}×{event.height} px is drawn at {resolution:.0f} ppi"
        if resolution < ppi.error_below:
            out.error(f"{message} (at least {ppi.error_below:g} ppi needed)", number)
        else:
            out.warning(f"{message} (below {ppi.warn_below:g} ppi)", number)


def _name(event: Image, number: int, expect: Expectations) -> str:
    """The issue's file and who places it, when the build's manifest lists the image; the
    PDF's resource name otherwise."""
    digest = hashlib.sha256(event.image.read_raw_bytes()).hexdigest() if expect.images else ""
    listed = expect.images.get(digest)
    return f"{listed.source} ({listed.owner}, 第{number}版)" if listed else event.name


def effective_ppi(width: int, height: int, matrix: pikepdf.Matrix) -> float:
    """The lower of the two axes' pixels per inch: `matrix` maps the image's unit square to
    the page, so its columns are the drawn edges in points (rotation and skew included)."""
    across = math.hypot(matrix.a, matrix.b) / 72
    down = math.hypot(matrix.c, matrix.d) / 72
    if across == 0 or down == 0:
        return math.inf  # drawn at no size: nothing is printed
    return min(width / across, height / down)
