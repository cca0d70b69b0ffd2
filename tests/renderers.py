"""Render a PDF page with PDFium, Ghostscript and MuPDF, and compare the pictures.

Each engine's picture is reduced to cells of a few millimetres holding the mean ink of the
cell: anti-aliasing and hinting differences between engines average out, while a line of
text drawn as boxes (Ghostscript on an unreadable font) or not at all (MuPDF) changes the
ink of every cell it crosses.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pikepdf
import pypdfium2
from PIL import Image, ImageChops, ImageDraw, ImageStat

from typeset.preflight.content import Image as PdfImage
from typeset.preflight.content import walk_page

DPI = 100
CELL_MM = 3.0


def pdfium(pdf: Path, page: int, folder: Path) -> Image.Image:
    document = pypdfium2.PdfDocument(pdf)
    try:
        bitmap = document[page - 1].render(scale=DPI / 72, grayscale=True)
        return bitmap.to_pil().convert("L")
    finally:
        document.close()


def ghostscript(pdf: Path, page: int, folder: Path) -> Image.Image:
    out = folder / f"gs-{pdf.stem}-{page}.png"
    command = ["gs", "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=pnggray"]
    command += [f"-r{DPI}", f"-dFirstPage={page}", f"-dLastPage={page}"]
    command += ["-dTextAlphaBits=4", "-dGraphicsAlphaBits=4", f"-sOutputFile={out}", str(pdf)]
    subprocess.run(command, check=True, capture_output=True)
    return Image.open(out).convert("L")


def mupdf(pdf: Path, page: int, folder: Path) -> Image.Image:
    out = folder / f"mu-{pdf.stem}-{page}.png"
    command = ["mutool", "draw", "-q", "-c", "gray", "-r", str(DPI), "-o", str(out), str(pdf)]
    subprocess.run([*command, str(page)], check=True, capture_output=True)
    return Image.open(out).convert("L")


def cells(picture: Image.Image, size: tuple[int, int]) -> Image.Image:
    """The picture at `size` pixels, each pixel the mean of a cell of CELL_MM."""
    return picture.resize(size, Image.Resampling.BOX)


def difference(one: Image.Image, other: Image.Image) -> tuple[float, float]:
    """Mean and worst difference of ink between two pictures of one page, in percent of
    full ink per cell."""
    grid = (
        max(1, round(one.width / DPI * 25.4 / CELL_MM)),
        max(1, round(one.height / DPI * 25.4 / CELL_MM)),
    )
    a, b = cells(one, grid), cells(other.resize(one.size, Image.Resampling.BOX), grid)
    delta = ImageChops.difference(a, b)
    return ImageStat.Stat(delta).mean[0] / 2.55, delta.getextrema()[1] / 2.55


def image_boxes(pdf: Path, page: int) -> list[tuple[int, int, int, int]]:
    """Where the page's images are drawn, in pixels of the pictures above."""
    with pikepdf.open(pdf) as document:
        sheet = document.pages[page - 1]
        left, _, _, top = (float(value) for value in sheet.mediabox)
        boxes = []
        for event in walk_page(sheet):
            if isinstance(event, PdfImage):
                m = event.matrix
                corners = [
                    (m.e + m.a * u + m.c * v, m.f + m.b * u + m.d * v)
                    for u in (0, 1)
                    for v in (0, 1)
                ]
                xs = [(x - left) * DPI / 72 for x, _ in corners]
                ys = [(top - y) * DPI / 72 for _, y in corners]
                boxes.append((int(min(xs)), int(min(ys)), int(max(xs)) + 1, int(max(ys)) + 1))
        return boxes


def without_images(picture: Image.Image, boxes: list[tuple[int, int, int, int]]) -> Image.Image:
    """The picture with its images painted white: engines convert CMYK photos to screen
    colours each in their own way (MuPDF without ICC support by a plain formula)."""
    picture = picture.copy()
    draw = ImageDraw.Draw(picture)
    for box in boxes:
        draw.rectangle(box, fill=255)
    return picture
