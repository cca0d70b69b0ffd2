"""Page boxes for the press: the BleedBox at the paper's bleed, the MediaBox at 0 0."""

from __future__ import annotations

import pikepdf

_BOXES = ("/MediaBox", "/CropBox", "/BleedBox", "/TrimBox", "/ArtBox")


def set_bleed(page: pikepdf.Page, bleed: float) -> None:
    """WeasyPrint puts the BleedBox 10 pt (3.5 mm) out whatever the bleed; a box wider
    than the artwork's bleed shows the press a white strip."""
    left, bottom, right, top = (float(value) for value in page.TrimBox)
    page.BleedBox = [left - bleed, bottom - bleed, right + bleed, top + bleed]


def move_origin(pdf: pikepdf.Pdf, page: pikepdf.Page) -> None:
    """Shift the page so that its MediaBox starts at 0 0.

    WeasyPrint keeps the trim at the origin and the marks' room below and left of it, so
    the MediaBox starts at about −37 pt; some prepress tools mishandle a negative origin.
    The content is moved with a `cm` around it, every box and annotation rectangle with it.
    """
    dx, dy = (-float(value) for value in page.MediaBox[:2])
    if dx == 0 and dy == 0:
        return
    for name in _BOXES:
        if name in page.obj:
            x0, y0, x1, y1 = (float(value) for value in page.obj[name])
            page.obj[name] = pikepdf.Array([x0 + dx, y0 + dy, x1 + dx, y1 + dy])
    for annotation in page.obj.get("/Annots", pikepdf.Array()):
        if "/Rect" in annotation:
            x0, y0, x1, y1 = (float(value) for value in annotation.Rect)
            annotation.Rect = pikepdf.Array([x0 + dx, y0 + dy, x1 + dx, y1 + dy])
    _shift_patterns(page, dx, dy)
    page.contents_coalesce()
    content = page.obj.Contents
    shift = f"q 1 0 0 1 {dx:.6f} {dy:.6f} cm\n".encode()
    content.write(shift + content.read_bytes() + b"\nQ\n")


def _shift_patterns(page: pikepdf.Page, dx: float, dy: float) -> None:
    """A page's patterns are placed in the page's default space, which `cm` does not move."""
    patterns = page.obj.get("/Resources", pikepdf.Dictionary()).get("/Pattern", {})
    for pattern in patterns.values():
        matrix = pikepdf.Matrix(*map(float, pattern.get("/Matrix", [1, 0, 0, 1, 0, 0])))
        pattern.Matrix = pikepdf.Array((matrix @ pikepdf.Matrix(1, 0, 0, 1, dx, dy)).shorthand)
