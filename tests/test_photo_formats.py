"""Photos as photographers, scanners and phones deliver them: each prints as its picture,
on the proof pages and in the print files, or is refused at its line in issue.yaml."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pdfplumber
import pillow_heif
import pypdfium2
import pytest
from conftest import IssueDir, build_print, typeset
from PIL import Image, ImageStat

GREY = 140  # the test photo's grey level, of 255
SIZE = (300, 400)
pillow_heif.register_heif_opener()  # to write the phone photo


def _grey_16_bit(path: Path) -> None:
    """As a scanner writes grey: 16 bits, full range (Pillow's own 8-bit conversion clips
    it to white; WeasyPrint draws it as noise)."""
    Image.new("I", SIZE, GREY * 257).convert("I;16").save(path)


def _cmyk(path: Path) -> None:
    Image.new("CMYK", SIZE, (0, 0, 0, 255 - GREY)).save(path)


def _rgb(path: Path) -> None:
    Image.new("RGB", SIZE, (GREY, GREY, GREY)).save(path)


FORMATS: dict[str, Callable[[Path], None]] = {
    "head.png": _grey_16_bit,  # a 16-bit grey PNG
    "head.tif": _cmyk,  # a CMYK TIFF, as agencies send (WeasyPrint leaves it out)
    "head.heic": _rgb,  # a phone's photo
    "head.webp": _rgb,
}


def _photo_tone(pdf: Path) -> tuple[float, float]:
    """Mean and spread of grey in the middle of the first page's photo, drawn by PDFium
    (the middle: a photo fills its box and is clipped there, so the image is larger)."""
    with pdfplumber.open(pdf) as document:
        box = document.pages[0].images[0]
        scale = 100 / 72
        middle_x, middle_y = (box["x0"] + box["x1"]) / 2, (box["top"] + box["bottom"]) / 2
        crop = (middle_x - 10, middle_y - 10, middle_x + 10, middle_y + 10)
    rendered = pypdfium2.PdfDocument(pdf)
    try:
        picture = rendered[0].render(scale=scale, grayscale=True).to_pil().convert("L")
    finally:
        rendered.close()
    region = picture.crop(tuple(round(value * scale) for value in crop))
    stat = ImageStat.Stat(region)
    return stat.mean[0], stat.stddev[0]


def _with_photo(issue_dir: IssueDir, name: str) -> None:
    FORMATS[name](issue_dir.folder / "images" / name)
    text = issue_dir.yaml_path.read_text(encoding="utf-8")
    issue_dir.write_yaml(text.replace("images/head.png", f"images/{name}"))


@pytest.mark.parametrize("name", FORMATS)
def test_each_format_prints_as_its_picture(issue_dir: IssueDir, tmp_path: Path, name: str) -> None:
    _with_photo(issue_dir, name)
    run = typeset("build", issue_dir.folder, "--out", tmp_path / "out")
    assert run.code == 0, run.stderr
    mean, spread = _photo_tone(tmp_path / "out" / issue_dir.folder.name / "issue.pdf")
    # PDFium draws CMYK grey a little lighter than its RGB twin; left out, it is paper (255).
    assert abs(mean - GREY) < 25 and spread < 5, (mean, spread)


@pytest.mark.parametrize("name", ["head.png", "head.heic"])
def test_each_format_goes_to_press_as_its_picture(
    issue_dir: IssueDir, tmp_path: Path, name: str
) -> None:
    _with_photo(issue_dir, name)
    first = sorted(build_print(issue_dir.folder, tmp_path / "out").glob("*.pdf"))[0]
    mean, spread = _photo_tone(first)
    # Through the newsprint profile a mid grey prints a little darker or lighter.
    assert abs(mean - GREY) < 30 and spread < 5, (mean, spread)


def test_a_photo_cut_short_is_refused_at_its_line(issue_dir: IssueDir, tmp_path: Path) -> None:
    """A JPEG half copied opens, verifies and prints grey below the cut: it is an error."""
    whole = tmp_path / "whole.jpg"
    Image.effect_mandelbrot(SIZE, (-2, -1.5, 1, 1.5), 100).convert("RGB").save(whole)
    data = whole.read_bytes()
    (issue_dir.folder / "images" / "cut.jpg").write_bytes(data[: len(data) // 2])
    text = issue_dir.yaml_path.read_text(encoding="utf-8")
    text = issue_dir.write_yaml(text.replace("images/head.png", "images/cut.jpg"))
    run = typeset("build", issue_dir.folder, "--out", tmp_path / "out")
    assert run.code == 1
    assert f"{issue_dir.where(text, 'images/cut.jpg')} error: article 'lead': 'cut.jpg' is " in (
        run.stderr
    )
    assert "cut short" in run.stderr
    assert not (tmp_path / "out" / issue_dir.folder.name).exists()
