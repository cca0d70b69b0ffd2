"""Every PDF the build writes draws the same in PDFium (the previews), Ghostscript and
MuPDF (the engines many RIPs and prepress tools are built on): no text as boxes, none
missing. A control page in a misnumbered CID font shows that the comparison sees both."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SAMPLE, typeset
from renderers import difference, ghostscript, image_boxes, mupdf, pdfium, without_images

ENGINES = {"Ghostscript": ghostscript, "MuPDF": mupdf}
# Percent of full ink, per 3 mm cell. Measured on the sample: mean 0.8–1.5, worst 14–37
# (MuPDF without ICC support turns the red of CMYK print files a little darker); with the
# unreadable fonts of before: mean 3.1–6.4, worst 72–84.
MEAN_LIMIT = 2.0
WORST_LIMIT = 50.0


def engines_apart(pdf: Path, page: int, folder: Path) -> dict[str, tuple[float, float]]:
    """The engines that draw one page unlike PDFium (images left out), with their mean and
    worst difference."""
    boxes = image_boxes(pdf, page)
    reference = without_images(pdfium(pdf, page, folder), boxes)
    found = {}
    for name, render in ENGINES.items():
        mean, worst = difference(reference, without_images(render(pdf, page, folder), boxes))
        if mean > MEAN_LIMIT or worst > WORST_LIMIT:
            found[name] = (round(mean, 1), round(worst, 1))
    return found


@pytest.fixture(scope="module")
def sample_proof(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("proof")
    run = typeset("build", "--proof", SAMPLE, "--out", out)
    assert run.code == 0, run.stderr
    return out / SAMPLE.name / "proof" / "round-1" / "page-01.pdf"


def outputs(sample_build: Path, sample_print: Path, sample_proof: Path) -> list[tuple[Path, int]]:
    whole = [(sample_build / "issue.pdf", number) for number in (1, 2, 3, 4)]
    singles = [(sample_build / "pages" / "page-04.pdf", 1)]
    printed = [(path, 1) for path in sorted(sample_print.glob("*.pdf"))]
    return [*whole, *singles, *printed, (sample_proof, 1)]


def test_every_output_draws_alike_in_every_engine(
    sample_build: Path, sample_print: Path, sample_proof: Path, tmp_path: Path
) -> None:
    apart = {
        f"{pdf.parent.name}/{pdf.name} p.{page}": found
        for pdf, page in outputs(sample_build, sample_print, sample_proof)
        if (found := engines_apart(pdf, page, tmp_path))
    }
    assert apart == {}


def test_a_misnumbered_font_is_seen(misnumbered_font_pdf: Path, tmp_path: Path) -> None:
    assert set(engines_apart(misnumbered_font_pdf, 1, tmp_path)) == set(ENGINES)
