"""Print files as the printer receives them: read back with pikepdf, checked with preflight."""

from __future__ import annotations

import hashlib
import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pikepdf
import pytest
from conftest import SAMPLE, IssueDir, build_print, make_issue_dir, paragraph_of_lines, typeset
from PIL import Image

from typeset.preflight.content import Paint, walk_page

MM = 72 / 25.4
EPOCH = {"SOURCE_DATE_EPOCH": "1764115200"}


def pdfs(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.pdf"))


def mm(box: pikepdf.Array) -> list[float]:
    return [round(float(value) / MM, 2) for value in box]


def painted(content: pikepdf.Object, resources: pikepdf.Dictionary) -> Iterator[tuple[str, tuple]]:
    """('text', fill colour) for each text shown and ('image', xobject) for each image drawn,
    following form XObjects."""
    fill: tuple = ("DeviceGray", 0)
    for operands, operator in pikepdf.parse_content_stream(content):
        name = str(operator)
        if name in ("g", "rg", "k"):
            space = {"g": "DeviceGray", "rg": "DeviceRGB", "k": "DeviceCMYK"}[name]
            fill = (space, *map(float, operands))
        elif name == "cs":
            fill = (str(operands[0]).lstrip("/"),)
        elif name in ("sc", "scn"):
            fill = (fill[0], *map(float, operands))
        elif name in ("Tj", "TJ", "'", '"'):
            yield "text", fill
        elif name == "Do":
            xobject = resources.XObject[operands[0]]
            if xobject.Subtype == "/Image":
                yield "image", (xobject,)
            else:
                yield from painted(xobject, xobject.get("/Resources", resources))


def images_on(path: Path) -> list[tuple[int, str]]:
    """Width in pixels and colour space of each image drawn on the page."""
    with pikepdf.open(path) as pdf:
        page = pdf.pages[0]
        return [
            (int(x.Width), str(x.ColorSpace))
            for kind, (x, *_) in painted(page.obj, page.Resources)
            if kind == "image"
        ]


def test_every_page_is_pdfx4_with_trim_bleed_and_marks(sample_print: Path) -> None:
    files = pdfs(sample_print)
    assert [f.name for f in files] == [f"xinglin-20261126-0{n}.pdf" for n in (1, 2, 3, 4)]
    for path in files:
        with pikepdf.open(path) as pdf:
            [page] = pdf.pages
            assert mm(page.MediaBox) == [0, 0, 416, 566]  # from 0 0: 10 mm for the marks
            assert mm(page.BleedBox) == [10, 10, 406, 556]
            assert mm(page.TrimBox) == [13, 13, 403, 553]
            assert pdf.open_metadata()["pdfxid:GTS_PDFXVersion"] == "PDF/X-4"
            [intent] = pdf.Root.OutputIntents
            assert intent.S == "/GTS_PDFX" and intent.DestOutputProfile.N == 4
            assert intent.OutputConditionIdentifier == "Custom"  # not a registered condition
            assert "ISO 12647-3:2013" in str(intent.OutputCondition)


def test_black_text_and_rules_overprint_and_colours_knock_out(sample_print: Path) -> None:
    for path in pdfs(sample_print):
        with pikepdf.open(path) as pdf:
            paints = [e for e in walk_page(pdf.pages[0]) if isinstance(e, Paint)]
        black = [e for e in paints if e.colour.values == (0, 0, 0, 1) and e.what == "text"]
        red = [e for e in paints if e.colour.values == (0, 1, 0.9, 0.1)]
        assert black and all(e.overprint for e in black)
        assert red and not any(e.overprint for e in red)
        rules = [e for e in paints if e.colour.values == (0, 0, 0, 1) and e.what == "fill"]
        assert rules and all(e.overprint for e in rules)  # column rules and frame borders


def test_fonts_embedded_colours_cmyk_text_in_black_ink_only(sample_print: Path) -> None:
    for path in pdfs(sample_print):
        with pikepdf.open(path) as pdf:
            page = pdf.pages[0]
            for font in page.Resources.Font.values():
                descriptor = font.DescendantFonts[0].FontDescriptor
                assert any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))
            marks = list(painted(page.obj, page.Resources))
            text_colours = {colour for kind, colour in marks if kind == "text"}
            assert ("DeviceCMYK", 0, 0, 0, 1) in text_colours
            assert {colour[0] for colour in text_colours} == {"DeviceCMYK"}, text_colours
            rich_black = [c for c in text_colours if c[4] >= 0.9 and any(c[1:4])]
            assert not rich_black
            for _, (image,) in (m for m in marks if m[0] == "image"):
                assert image.ColorSpace in ("/DeviceCMYK", "/DeviceGray")
            assert b" rg" not in page.Contents.read_bytes()


def test_photos_are_cmyk_at_the_print_resolution(sample_print: Path) -> None:
    images = images_on(sample_print / "xinglin-20261126-01.pdf")
    assert len(images) == 3  # the lead's photo and two portraits
    assert {space for _, space in images} == {"/DeviceCMYK"}
    # The 600 × 750 portraits, one column (117 pt) wide, are resampled to 300 ppi.
    assert min(width for width, _ in images) == round(117 / 72 * 300)


def test_manifest_lists_each_page_with_its_checksum(sample_print: Path) -> None:
    manifest = json.loads((sample_print / "manifest.json").read_text("utf-8"))
    assert manifest["standard"] == "PDF/X-4" and manifest["trim_mm"] == [390, 540]
    assert manifest["overset"] == [] and manifest["forced"] is False
    for number, entry in enumerate(manifest["pages"], 1):
        data = (sample_print / entry["file"]).read_bytes()
        assert entry["page"] == number and entry["standard"] == "PDF/X-4"
        assert entry["bytes"] == len(data)
        assert entry["sha256"] == hashlib.sha256(data).hexdigest()


def test_preflight_passes_the_sample_and_fails_a_changed_file(
    sample_print: Path, tmp_path: Path
) -> None:
    run = typeset("preflight", sample_print)
    assert run.code == 0 and "4 files, 0 errors, 0 warnings" in run.stderr, run.stderr
    copy = shutil.copytree(sample_print, tmp_path / "print")
    damaged = copy / "xinglin-20261126-03.pdf"
    data = bytearray(damaged.read_bytes())
    data[len(data) // 2 : len(data) // 2 + 64] = b"\0" * 64
    damaged.write_bytes(bytes(data))
    run = typeset("preflight", copy)
    assert run.code == 1
    assert "xinglin-20261126-03.pdf" in run.stderr and "changed since the build" in run.stderr


def test_same_input_same_bytes(sample_print: Path, tmp_path: Path) -> None:
    again = build_print(SAMPLE, tmp_path)
    for path in [*pdfs(sample_print), sample_print / "manifest.json"]:
        assert (again / path.name).read_bytes() == path.read_bytes(), path.name


@pytest.fixture
def small_issue(tmp_path: Path) -> IssueDir:
    return make_issue_dir(tmp_path)


def test_rgb_image_comes_out_cmyk_and_a_grey_one_grey(
    small_issue: IssueDir, tmp_path: Path
) -> None:
    Image.new("L", (600, 400), 128).convert("RGB").save(small_issue.folder / "images" / "ad.png")
    printed = build_print(small_issue.folder, tmp_path / "out")
    spaces = {space for path in pdfs(printed) for _, space in images_on(path)}
    assert spaces == {"/DeviceCMYK", "/DeviceGray"}  # the blue-grey photo, the grey ad


@pytest.mark.parametrize(("pixels", "severity"), [((244, 226), "warning"), ((117, 108), "error")])
def test_low_resolution_photo_is_reported(
    small_issue: IssueDir, tmp_path: Path, pixels: tuple[int, int], severity: str
) -> None:
    """The photo is one column (1.625 in) by 8 lines (1.5 in): 150 and 72 ppi."""
    Image.new("RGB", pixels, (200, 80, 60)).save(small_issue.folder / "images" / "head.png")
    printed = build_print(small_issue.folder, tmp_path / "out")
    run = typeset("preflight", printed)
    [finding] = [line for line in run.stderr.splitlines() if f"{pixels[0]}×" in line]
    assert f"page 1: {severity}: images/head.png (article 'lead', 第1版) {pixels[0]}×" in finding
    assert run.code == (1 if severity == "error" else 0)


def test_failed_build_leaves_the_last_print_files(small_issue: IssueDir, tmp_path: Path) -> None:
    out = tmp_path / "out"
    printed = build_print(small_issue.folder, out)
    before = {path.name: path.read_bytes() for path in printed.iterdir()}
    # Text one frame too long: a print build is final, and refuses overset text.
    small_issue.write_article("second.md", f"{paragraph_of_lines(40)}\n")
    run = typeset("build", "--print", small_issue.folder, "--out", out, env=EPOCH)
    assert run.code == 1 and "final build refused" in run.stderr
    assert {path.name: path.read_bytes() for path in printed.iterdir()} == before


def test_pages_build_keeps_the_print_files(small_issue: IssueDir, tmp_path: Path) -> None:
    out = tmp_path / "out"
    printed = build_print(small_issue.folder, out)
    assert typeset("build", small_issue.folder, "--out", out).code == 0
    assert len(pdfs(printed)) == 2 and (printed / "manifest.json").is_file()


@pytest.mark.parametrize(
    ("image", "message"),
    [
        (b"GIF89a truncated", "is not a readable image"),
        (None, "is too large to process: 12000×9000 pixels"),
    ],
)
def test_bad_image_names_its_file_and_article(
    small_issue: IssueDir, image: bytes | None, message: str
) -> None:
    path = small_issue.folder / "images" / "head.png"
    if image is None:
        Image.new("1", (12000, 9000)).save(path)
    else:
        path.write_bytes(image)
    run = typeset("build", "--print", small_issue.folder, "--out", small_issue.folder / "out")
    assert run.code == 1 and "Traceback" not in run.stderr
    assert f"article 'lead': 'head.png' {message}" in run.stderr, run.stderr
    assert not (small_issue.folder / "out").exists()


def test_pdfx1a_where_the_printer_asks(small_issue: IssueDir, tmp_path: Path) -> None:
    layouts = shutil.copytree(SAMPLE.parents[1] / "layouts", tmp_path / "layouts")
    paper = layouts / "xinglin" / "paper.yaml"
    paper.write_text(paper.read_text("utf-8").replace("PDF/X-4 ", "PDF/X-1a"), "utf-8")
    out = tmp_path / "out"
    run = typeset("--layouts", layouts, "build", "--print", small_issue.folder, "--out", out)
    assert run.code == 0, run.stderr
    printed = out / small_issue.folder.name / "print"
    for path in pdfs(printed):
        with pikepdf.open(path) as pdf:
            assert pdf.pdf_version == "1.4"
            assert pdf.docinfo["/GTS_PDFXVersion"] == "PDF/X-1a:2003"
            programs = {
                str(obj.FontFile3.Subtype)
                for obj in pdf.objects
                if isinstance(obj, pikepdf.Dictionary) and "/FontFile3" in obj
            }
            assert programs == {"/CIDFontType0C"}  # bare CFF, as PDF 1.3 has it
    manifest = json.loads((printed / "manifest.json").read_text("utf-8"))
    assert {page["standard"] for page in manifest["pages"]} == {"PDF/X-1a"}
    assert typeset("preflight", printed).code == 0
