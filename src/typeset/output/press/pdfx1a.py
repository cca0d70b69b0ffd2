"""PDF/X-1a:2003 allows PDF 1.3 objects only; WeasyPrint writes two newer ones."""

from __future__ import annotations

import io

import pikepdf
from fontTools.ttLib import TTFont


def bare_cff_fonts(pdf: pikepdf.Pdf) -> None:
    """Each OpenType font program (FontFile3 /OpenType, PDF 1.6) replaced by the CFF table
    it wraps (FontFile3 /CIDFontType0C, PDF 1.3). The glyphs and CIDs are the same bytes."""
    for font_file in _font_files(pdf):
        if font_file.get("/Subtype") != "/OpenType":
            continue
        font = TTFont(io.BytesIO(font_file.read_bytes()))
        cid_keyed = hasattr(font["CFF "].cff.topDictIndex[0], "ROS")
        font_file.write(font.reader["CFF "])  # pikepdf compresses it again on saving
        font_file.Subtype = pikepdf.Name.CIDFontType0C if cid_keyed else pikepdf.Name.Type1C


def drop_page_groups(pdf: pikepdf.Pdf) -> None:
    """A page's transparency group is transparency to a PDF/X-1a checker even when nothing
    on the page is transparent (preflight checks that nothing is)."""
    for page in pdf.pages:
        group = page.obj.get("/Group")
        if group is not None and group.get("/S") == "/Transparency":
            del page.obj["/Group"]


def _font_files(pdf: pikepdf.Pdf) -> list[pikepdf.Stream]:
    """Every compact font program, wherever its font is used (pages, forms, patterns)."""
    return [
        obj.FontFile3
        for obj in pdf.objects
        if isinstance(obj, pikepdf.Dictionary)
        and obj.get("/Type") == "/FontDescriptor"
        and "/FontFile3" in obj
    ]
