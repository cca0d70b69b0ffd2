"""`typeset preflight` on real PDFs written by WeasyPrint, spoilt one way at a time."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pikepdf
import pytest
from PIL import Image
from weasyprint import HTML

from tests.conftest import ROOT, typeset
from typeset.issue.paper import Press
from typeset.output.press.mend import press_ready
from typeset.preflight.run import Options, preflight

PRESS_PROFILE = ROOT / "layouts" / "xinglin" / "newsprint.icc"
FONT = ROOT / "fonts" / "TypesetKai-Regular.subset.ttf"
PIXELS = 100  # the test image is 100×100 px
PRESS = Press()  # the paper's defaults
NO_OUTPUT_INTENT = "no PDF/X output intent (/OutputIntents with /S /GTS_PDFX)"


def page_html(body: str, image_mm: float = 25.4 * PIXELS / 300, profile: str = "") -> str:
    """A 100×80 mm page with 13 mm bleed, CMYK black text in an embedded font and a CMYK
    JPEG drawn `image_mm` wide (300 ppi by default)."""
    return f"""<style>
      @font-face {{ font-family: Kai; src: url({FONT.as_uri()}); }}
      {profile}
      @page {{ size: 100mm 80mm; bleed: 13mm; margin: 10mm; }}
      body {{ font-family: Kai; color: device-cmyk(0 0 0 1); }}
      img {{ width: {image_mm}mm; }}
    </style>
    <p>医学科学研究</p><img src="image.jpg">{body}"""


def render(
    folder: Path, name: str, html: str, press: Press | None = PRESS, standard: str = "PDF/X-4"
) -> Path:
    """`html` as PDF/X in `folder`, beside a CMYK JPEG, made ready for the press as the
    build makes its print files (unless `press` is None)."""
    image = folder / "image.jpg"
    if not image.exists():
        Image.new("CMYK", (PIXELS, PIXELS), (0, 128, 255, 0)).save(image)
    variant = (press.standard if press else standard).lower()
    pdf = HTML(string=html, base_url=str(folder) + "/").write_pdf(pdf_variant=variant)
    path = folder / name
    path.write_bytes(press_ready(pdf, press) if press else pdf)
    return path


def messages(found, severity: str = "error") -> list[str]:
    return [item.message for item in found.items if item.severity == severity]


@pytest.fixture(scope="module")
def clean(tmp_path_factory) -> Path:
    return render(tmp_path_factory.mktemp("clean"), "clean.pdf", page_html(""))


def test_a_clean_page_has_nothing_but_the_missing_output_intent(clean):
    found = preflight([clean])
    # Without a CMYK profile WeasyPrint writes no output intent: the press profile's test.
    assert messages(found) == [NO_OUTPUT_INTENT]
    assert messages(found, "warning") == []
    # The JPEG is C0 M50 Y100 K0.
    assert messages(found, "note") == ["total ink at most 150 % (limit 240 %)"]
    assert found.summary == "preflight: 1 file, 1 error, 0 warnings"


def test_a_clean_page_with_the_press_profile_passes(tmp_path):
    profile = (
        f"@color-profile device-cmyk {{ src: url({PRESS_PROFILE.as_uri()}); "
        "components: cyan, magenta, yellow, black; }"
    )
    path = render(tmp_path, "page.pdf", page_html("", profile=profile))
    found = preflight([path])
    assert messages(found) == messages(found, "warning") == []


def test_black_text_that_knocks_out_is_a_warning(tmp_path):
    knocking_out = render(tmp_path, "knockout.pdf", page_html(""), press=None)
    assert messages(preflight([knocking_out]), "warning") == [
        "black (K 100 %) text knocks out the colour under it in 1 places: "
        "it should overprint (/op true, /OPM 1)"
    ]


def test_a_paper_may_turn_black_overprint_off(tmp_path):
    press = Press(overprint_black=False)
    found = preflight([render(tmp_path, "knockout.pdf", page_html(""), press=press)])
    assert "knocks out" in " ".join(messages(found, "warning"))


def test_a_glyph_missing_from_its_font_program_is_an_error(misnumbered_font_pdf):
    found = preflight([misnumbered_font_pdf])
    [error] = [item for item in found.items if item.message.startswith("font ")]
    assert error.page == 1
    assert re.search(
        r"(\d+) of the \1 glyphs the text uses are not in the embedded font", error.message
    )
    assert "CID-keyed CFF, looked up by its charset" in error.message


def test_total_ink_over_the_limit_is_an_error_that_says_where(tmp_path):
    box = (
        '<div style="position: absolute; left: 40mm; top: 30mm; width: 20mm; height: 10mm;'
        ' background: device-cmyk(1 1 1 1)"></div>'
    )
    found = preflight([render(tmp_path, "ink.pdf", page_html(box))])
    [error] = [m for m in messages(found) if "ink" in m]
    # The page's margin is 10 mm: the box starts 50 mm across and 40 mm down the trim.
    assert error == (
        "total ink 400 % at 50 mm across, 40 mm down from the trim's top left, "
        "over the paper's 240 %"
    )


def test_pdfx1a_holds_pdf13_objects_only(tmp_path):
    html = page_html("")
    as_weasyprint_writes_it = render(tmp_path, "plain.pdf", html, None, "PDF/X-1a")
    errors = messages(preflight([as_weasyprint_writes_it]))
    assert "font BBCTMN+Kai is embedded as /OpenType, not allowed in PDF/X-1a" not in errors
    x1a = Press(standard="PDF/X-1a")
    serif = html.replace(
        FONT.as_uri(), (ROOT / "fonts" / "NotoSerifSC-Regular.subset.otf").as_uri()
    )
    plain = preflight([render(tmp_path, "serif.pdf", serif, None, "PDF/X-1a")])
    assert [m for m in messages(plain) if "PDF/X-1a" in m] == [
        f"font {serif_font_name(tmp_path / 'serif.pdf')} is embedded as /OpenType, "
        "not allowed in PDF/X-1a"
    ]
    mended = preflight([render(tmp_path, "x1a.pdf", serif, press=x1a)])
    assert messages(mended) == [NO_OUTPUT_INTENT]


def serif_font_name(path: Path) -> str:
    with pikepdf.open(path) as pdf:
        [font] = pdf.pages[0].Resources.Font.values()
        return str(font.BaseFont).lstrip("/")


def test_rgb_text_is_an_error(tmp_path):
    path = render(tmp_path, "rgb.pdf", page_html('<p style="color: rgb(255,0,0)">红色</p>'))
    assert "text in RGB colour 1 0 0" in messages(preflight([path]))


def test_text_in_rich_black_is_an_error_and_pure_k_is_not(tmp_path):
    body = (
        '<p style="color: device-cmyk(0.6 0.4 0.4 1)">黑</p>'
        '<p style="color: device-cmyk(0 0 0 0.8)">灰</p>'
    )
    errors = messages(preflight([render(tmp_path, "rich.pdf", page_html(body))]))
    assert errors == [
        NO_OUTPUT_INTENT,
        "text in rich black, CMYK colour 0.6 0.4 0.4 1: black text is K only",
    ]


@pytest.mark.parametrize(("ppi", "severity"), [(150, "warning"), (100, "error"), (72, "error")])
def test_low_resolution_images(tmp_path, ppi, severity):
    path = render(tmp_path, "image.pdf", page_html("", image_mm=25.4 * PIXELS / ppi))
    found = [item for item in preflight([path]).items if "ppi" in item.message]
    assert [(item.severity, item.page) for item in found] == [(severity, 1)]
    assert f"100×100 px is drawn at {ppi} ppi" in found[0].message


def test_command_line_thresholds_override_the_defaults(tmp_path):
    path = render(tmp_path, "image.pdf", page_html("", image_mm=25.4 * PIXELS / 72))
    found = preflight([path], Options(warn_ppi=80, error_ppi=60))
    assert [item.severity for item in found.items if "ppi" in item.message] == ["warning"]


def test_a_missing_trim_box_is_an_error(clean, tmp_path):
    path = tmp_path / "no-trim.pdf"
    with pikepdf.open(clean) as pdf:
        del pdf.pages[0].obj["/TrimBox"]
        pdf.save(path)
    assert "no TrimBox" in messages(preflight([path]))


def write_folder(folder: Path, page: Path, **manifest) -> Path:
    """A print folder as `typeset build --print` leaves it: the page and manifest.json."""
    folder.mkdir()
    data = page.read_bytes()
    (folder / "xinglin-20261126-01.pdf").write_bytes(data)
    entry = {
        "page": 1,
        "file": "xinglin-20261126-01.pdf",
        "bytes": len(data),
        "standard": "PDF/X-4",
        "sha256": hashlib.sha256(data).hexdigest(),
    }
    content = {
        "issue": "2026-11-26",
        "paper": "xinglin",
        "title": "杏林科学报 2026年11月26日",
        "standard": "PDF/X-4",
        "trim_mm": [100.0, 80.0],
        "bleed_mm": 3.0,
        "output_profile": "newsprint.icc",
        "image_ppi": {"warn_below": 200, "error_below": 120},
        "overset": [],
        "forced": False,
        "pages": [entry],
        **manifest,
    }
    (folder / "manifest.json").write_text(json.dumps(content, ensure_ascii=False))
    return folder


def test_a_print_folder_is_checked_against_its_manifest(clean, tmp_path):
    folder = write_folder(tmp_path / "print", clean)
    assert messages(preflight([folder])) == [NO_OUTPUT_INTENT]


def test_a_page_changed_since_the_build_and_an_unlisted_pdf_are_errors(clean, tmp_path):
    folder = write_folder(tmp_path / "print", clean, trim_mm=[390.0, 540.0])
    manifest = json.loads((folder / "manifest.json").read_text())
    manifest["pages"][0]["sha256"] = "0" * 64
    (folder / "manifest.json").write_text(json.dumps(manifest))
    (folder / "stray.pdf").write_bytes(clean.read_bytes())
    found = {str(item) for item in preflight([folder]).items}
    page = folder / "xinglin-20261126-01.pdf"
    assert f"{page}: error: changed since the build: its sha256 is not the manifest's" in found
    assert (
        f"{page}: page 1: error: TrimBox is 100.0×80.0 mm, the paper's trim is 390.0×540.0 mm"
        in found
    )
    assert f"{folder / 'stray.pdf'}: error: not listed in manifest.json" in found


def test_overset_is_an_error_unless_the_build_was_forced(clean, tmp_path):
    place = "第1版 头条 远程病理: 超 13 字 / 1 行"
    unforced = preflight([write_folder(tmp_path / "a", clean, overset=[place])])
    forced = preflight([write_folder(tmp_path / "b", clean, overset=[place], forced=True)])
    assert f"overset text in a build that was not forced: {place}" in messages(unforced)
    assert messages(forced, "warning") == [f"overset text, build forced: {place}"]


def overwrite_the_middle(data: bytes) -> bytes:
    middle = len(data) // 2
    return data[:middle] + b"\0" * 2000 + data[middle + 2000 :]


def cut_in_half(data: bytes) -> bytes:
    return data[: len(data) // 2]


@pytest.mark.parametrize(
    ("damage", "error"),
    [
        (overwrite_the_middle, "damaged PDF, read only by repairing it: "),
        (cut_in_half, "cannot read this PDF: "),
    ],
)
def test_a_damaged_pdf_is_one_error_without_a_traceback(clean, tmp_path, damage, error):
    damaged = tmp_path / "damaged.pdf"
    damaged.write_bytes(damage(clean.read_bytes()))
    run = typeset("preflight", damaged)
    assert run.code == 1
    assert "Traceback" not in run.stderr
    assert run.stderr.startswith(f"{damaged}: error: {error}")
    assert run.stderr.endswith("\npreflight: 1 file, 1 error, 0 warnings\n")
