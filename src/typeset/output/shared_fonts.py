"""One embedded program per font in issue.pdf.

Each page PDF carries its own subset of every face, because WeasyPrint subsets per
document and each page is laid out alone (jobs/). Put together, the 16 pages of a
sample issue carried 16 copies of the common characters: 6.3 MB. WeasyPrint's subsets
keep the source's glyph ids (HarfBuzz's retain-gids), so one subset of the source font
holding the glyphs of every page serves every page: only the embedded program changes,
and each page keeps its own font dictionaries (widths, ToUnicode map).
"""

from __future__ import annotations

import io
from collections import defaultdict
from collections.abc import Iterator, Sequence
from functools import cache
from pathlib import Path

import pikepdf
import uharfbuzz as hb
from fontTools.ttLib import TTFont

PROGRAM_KEYS = ("/FontFile2", "/FontFile3")
# The tables WeasyPrint drops from its subsets too: a PDF reader needs none of them.
DROPPED_TABLES = ("BASE", "DSIG", "EBDT", "EBLC", "EBSC", "GPOS", "GSUB", "JSTF", "LTSH")


def share_font_programs(pdf: pikepdf.Pdf, sources: Sequence[Path]) -> None:
    """Point every font descriptor whose program is a subset of one of `sources` (the
    font files the pages were set in) at one subset of that source with the glyphs of
    all of them. A program no source matches is left as it is."""
    by_name = {_postscript_name_of_file(path): path for path in sources}
    descriptors: dict[Path, list[pikepdf.Dictionary]] = defaultdict(list)
    glyphs: dict[Path, set[int]] = defaultdict(lambda: {0})
    for font in _cid_fonts(pdf):
        descriptor = font.FontDescriptor
        key = next((key for key in PROGRAM_KEYS if key in descriptor), None)
        if key is None:
            continue
        source = by_name.get(_postscript_name(descriptor[key].read_bytes()))
        if source is None:
            continue
        descriptors[source].append(descriptor)
        glyphs[source] |= _widths_glyphs(font.get("/W", pikepdf.Array()))
    for source, found in descriptors.items():
        program = _subset(source, glyphs[source])
        key = next(key for key in PROGRAM_KEYS if key in found[0])
        stream = pdf.make_stream(program)
        if key == "/FontFile3":
            stream.Subtype = pikepdf.Name.OpenType
        else:
            stream.Length1 = len(program)
        for descriptor in found:
            descriptor[key] = stream
            if "/CIDSet" in descriptor:  # would list one page's glyphs only; optional
                del descriptor["/CIDSet"]


def _cid_fonts(pdf: pikepdf.Pdf) -> Iterator[pikepdf.Dictionary]:
    """The descendant (CID) fonts of every page's Type 0 fonts, each once."""
    seen: set[tuple[int, int]] = set()
    for page in pdf.pages:
        fonts = page.resources.get("/Font", pikepdf.Dictionary())
        for font in fonts.values():
            for descendant in font.get("/DescendantFonts", pikepdf.Array()):
                if descendant.objgen not in seen and "/FontDescriptor" in descendant:
                    seen.add(descendant.objgen)
                    yield descendant


def _widths_glyphs(widths: pikepdf.Array) -> set[int]:
    """The glyph ids a CID font's /W array gives widths for: WeasyPrint writes one for
    every glyph the page shows (`c [w1 w2 …]` and `c_first c_last w`)."""
    found: set[int] = set()
    items = list(widths)
    index = 0
    while index < len(items):
        first = int(items[index])
        if isinstance(items[index + 1], pikepdf.Array):
            found.update(range(first, first + len(items[index + 1])))
            index += 2
        else:
            found.update(range(first, int(items[index + 1]) + 1))
            index += 3
    return found


@cache
def _postscript_name_of_file(path: Path) -> str | None:
    return _postscript_name(path.read_bytes())


def _postscript_name(program: bytes) -> str | None:
    """The font's PostScript name (name ID 6), which HarfBuzz's subsets keep."""
    try:
        with TTFont(io.BytesIO(program), lazy=True) as font:
            return font["name"].getDebugName(6)
    except Exception:  # a program fontTools cannot read is left alone
        return None


def _subset(source: Path, glyphs: set[int]) -> bytes:
    """A subset of `source` with `glyphs` at their own ids, made as WeasyPrint makes its."""
    face = hb.Face(hb.Blob.from_file_path(str(source)))
    wanted = hb.SubsetInput()
    for glyph in sorted(glyphs):
        wanted.glyph_set.add(glyph)
    for tag in DROPPED_TABLES:
        wanted.drop_table_tag_set.add(int.from_bytes(tag.encode(), "big"))
    wanted.flags = (
        hb.SubsetFlags.RETAIN_GIDS
        | hb.SubsetFlags.PASSTHROUGH_UNRECOGNIZED
        | hb.SubsetFlags.DESUBROUTINIZE
        | hb.SubsetFlags.NO_HINTING
        | hb.SubsetFlags.NOTDEF_OUTLINE
    )
    return hb.subset(face, wanted).blob.data
