"""Page previews: a PDF page as a picture, for reading on screen and for comparing rounds."""

from __future__ import annotations

import pypdfium2 as pdfium
from PIL import Image

DPI = 100  # enough to read body text (9 pt) on screen; both rounds use the same


def render_page(pdf: bytes, dpi: int = DPI) -> Image.Image:
    """The first page of `pdf` in RGB at `dpi`."""
    document = pdfium.PdfDocument(pdf)
    try:
        return document[0].render(scale=dpi / 72).to_pil().convert("RGB")
    finally:
        document.close()


def to_pixels(points: float) -> int:
    return round(points * DPI / 72)
