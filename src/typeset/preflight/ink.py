"""Total ink: the sum of the four plates' coverage at any spot. Newsprint takes about
240 %; more sets off on the next sheet and does not dry in a coldset press.

The page is rendered into separations by Ghostscript (`tiffsep`), which paints overprints
the way a RIP does, so black text over a photo counts with the photo under it. No Python
package renders PDF separations; Ghostscript is the reference open RIP.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pikepdf
from PIL import Image, ImageMath

from typeset.preflight.findings import FileFindings

RESOLUTION = 50  # pixels per inch: cells of half a millimetre
MM_PER_INCH = 25.4
GHOSTSCRIPT = "gs"


@dataclass(frozen=True)
class Coverage:
    """A page's highest total ink, in percent, and where it is, in mm from the trim's
    top left corner."""

    percent: float
    x_mm: float
    y_mm: float


def check_ink(
    path: Path, pdf: pikepdf.Pdf, first_page: int, limit: float, out: FileFindings
) -> None:
    """Each page's highest coverage against `limit` percent; a note when it is within."""
    coverages = measure_ink(path, pdf, out)
    for index, coverage in enumerate(coverages):
        number = first_page + index
        where = (
            f"{coverage.x_mm:.0f} mm across, {coverage.y_mm:.0f} mm down from the trim's top left"
        )
        if coverage.percent > limit:
            out.error(
                f"total ink {coverage.percent:.0f} % at {where}, over the paper's {limit:g} %",
                number,
            )
        else:
            out.note(f"total ink at most {coverage.percent:.0f} % (limit {limit:g} %)", number)


def measure_ink(path: Path, pdf: pikepdf.Pdf, out: FileFindings) -> list[Coverage]:
    """Every page's highest coverage inside its BleedBox (the marks beyond it are in
    registration colour, 400 %, and are cut off)."""
    if shutil.which(GHOSTSCRIPT) is None:
        out.error("total ink not measured: Ghostscript is missing (apt-get install ghostscript)")
        return []
    with tempfile.TemporaryDirectory(prefix="typeset-ink-") as folder:
        pattern = Path(folder) / "page-%04d.tif"
        command = [
            GHOSTSCRIPT, "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=tiffsep",
            f"-r{RESOLUTION}", f"-sOutputFile={pattern}", str(path),
        ]  # fmt: skip
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            out.error(f"total ink not measured: Ghostscript failed ({done.stderr.strip()[:200]})")
            return []
        return [
            _page_coverage(Path(folder) / f"page-{index + 1:04d}.tif", page)
            for index, page in enumerate(pdf.pages)
        ]


def _page_coverage(tiff: Path, page: pikepdf.Page) -> Coverage:
    media = [float(value) for value in page.mediabox]
    bleed = [float(value) for value in page.obj.get("/BleedBox", page.mediabox)]
    trim = [float(value) for value in page.obj.get("/TrimBox", page.mediabox)]
    scale = RESOLUTION / 72
    crop = (
        round((bleed[0] - media[0]) * scale),
        round((media[3] - bleed[3]) * scale),
        round((bleed[2] - media[0]) * scale),
        round((media[3] - bleed[1]) * scale),
    )
    with Image.open(tiff) as composite:
        cyan, magenta, yellow, black = composite.crop(crop).split()
    total = ImageMath.lambda_eval(
        lambda plates: plates["c"] + plates["m"] + plates["y"] + plates["k"],
        c=cyan, m=magenta, y=yellow, k=black,
    )  # fmt: skip
    highest = total.getextrema()[1]
    peaks = ImageMath.lambda_eval(lambda a: a["max"](a["t"] - (highest - 1), 0), t=total)
    left, top, _, _ = peaks.convert("L").getbbox() or (0, 0, 0, 0)
    to_mm = MM_PER_INCH / RESOLUTION
    return Coverage(
        percent=100 * highest / 255,
        x_mm=left * to_mm + (bleed[0] - trim[0]) / 72 * MM_PER_INCH,
        y_mm=top * to_mm + (trim[3] - bleed[3]) / 72 * MM_PER_INCH,
    )
