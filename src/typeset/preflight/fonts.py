"""Fonts: a font that is not embedded is replaced at the RIP, and the page reflows or shows
boxes; Chinese text is never safe with a substitute. An embedded font is read back the way
a strict RIP reads it: each glyph the text asks for must be in the font program, found the
way the PDF specification says (for a CID-keyed CFF font, through its charset)."""

from __future__ import annotations

import io
from collections import defaultdict
from dataclasses import dataclass

import pikepdf
from fontTools.cffLib import CFFFontSet
from fontTools.ttLib import TTFont, TTLibError

from typeset.preflight.content import Event, FontUse, Glyphs
from typeset.preflight.findings import FileFindings

_FONT_FILES = ("/FontFile", "/FontFile2", "/FontFile3")
_SHOWN_MISSING = 5  # how many of the missing glyphs a finding names


def check_fonts(events: list[Event], number: int, out: FileFindings) -> None:
    for event in events:
        if not isinstance(event, FontUse):
            continue
        if event.font is None:
            out.error(f"font {event.name} is used but missing from the resources", number)
        elif not _embedded(event.font):
            out.error(f"font {_base_name(event.font, event.name)} is not embedded", number)
    _check_glyphs(events, number, out)


def _embedded(font: pikepdf.Object) -> bool:
    """Type0 fonts keep their file in the descendant; Type3 glyphs are drawn in the PDF."""
    if font.get("/Subtype") == "/Type3":
        return True
    descriptor = _descendant(font).get("/FontDescriptor", pikepdf.Dictionary())
    return any(key in descriptor for key in _FONT_FILES)


def _descendant(font: pikepdf.Object) -> pikepdf.Object:
    """The CIDFont of a Type0 font, the font itself otherwise."""
    if font.get("/Subtype") != "/Type0":
        return font
    descendants = font.get("/DescendantFonts", pikepdf.Array())
    return descendants[0] if len(descendants) else pikepdf.Dictionary()


def _base_name(font: pikepdf.Object, fallback: str) -> str:
    return str(font.get("/BaseFont", fallback)).lstrip("/")


def _check_glyphs(events: list[Event], number: int, out: FileFindings) -> None:
    """Each Identity-encoded Type0 font's used CIDs against its embedded program."""
    used: dict[tuple[int, int], set[int]] = defaultdict(set)
    fonts: dict[tuple[int, int], pikepdf.Object] = {}
    for event in events:
        if isinstance(event, Glyphs) and event.font is not None and _two_byte(event.font):
            key = event.font.objgen
            fonts[key] = event.font
            codes = event.codes
            used[key].update(int.from_bytes(codes[i : i + 2]) for i in range(0, len(codes), 2))
    for key, cids in used.items():
        font = fonts[key]
        program = _program(_descendant(font))
        if program is None:
            continue
        missing = sorted(cid for cid in cids if not program.has(cid))
        if missing:
            shown = ", ".join(map(str, missing[:_SHOWN_MISSING]))
            more = " …" if len(missing) > _SHOWN_MISSING else ""
            out.error(
                f"font {_base_name(font, '?')}: {len(missing)} of the {len(cids)} glyphs the "
                f"text uses are not in the embedded font program as a strict RIP looks them "
                f"up ({program.lookup}; CIDs {shown}{more}): Ghostscript and MuPDF draw them "
                "as boxes or not at all",
                number,
            )


def _two_byte(font: pikepdf.Object) -> bool:
    """A Type0 font with Identity-H/V encoding, where each two bytes of text are a CID."""
    return font.get("/Subtype") == "/Type0" and str(font.get("/Encoding")) in (
        "/Identity-H",
        "/Identity-V",
    )


@dataclass(frozen=True)
class _Program:
    """The CIDs an embedded font program can draw, and how a RIP finds them."""

    cids: frozenset[int] | None  # None: any CID below `glyphs`
    glyphs: int
    lookup: str

    def has(self, cid: int) -> bool:
        return cid in self.cids if self.cids is not None else cid < self.glyphs


def _program(cid_font: pikepdf.Object) -> _Program | None:
    """The embedded program of a CIDFont, read with fontTools; None if it cannot be read
    (preflight's other checks report a font that is not embedded)."""
    descriptor = cid_font.get("/FontDescriptor", pikepdf.Dictionary())
    for key in _FONT_FILES:
        if key in descriptor:
            data = descriptor[key].read_bytes()
            subtype = str(descriptor[key].get("/Subtype", ""))
            break
    else:
        return None
    try:
        if subtype == "/CIDFontType0C":
            cff = CFFFontSet()
            cff.decompile(io.BytesIO(data), None)
            return _cff_program(cff)
        font = TTFont(io.BytesIO(data), lazy=True)
        if "CFF " in font:
            return _cff_program(font["CFF "].cff)
        return _truetype_program(font, cid_font)
    except (TTLibError, AssertionError, KeyError, ValueError, IndexError, EOFError):
        return None


def _cff_program(cff: CFFFontSet) -> _Program:
    """A CID-keyed CFF is looked up through its charset; another by glyph index."""
    top = cff.topDictIndex[0]
    charset = top.charset
    if hasattr(top, "ROS"):
        cids = frozenset(0 if name == ".notdef" else int(name[3:]) for name in charset)
        return _Program(cids, len(charset), "CID-keyed CFF, looked up by its charset")
    return _Program(None, len(charset), "CFF, by glyph index")


def _truetype_program(font: TTFont, cid_font: pikepdf.Object) -> _Program:
    """TrueType glyphs are found through CIDToGIDMap: Identity, or a stream of indices."""
    glyphs = font["maxp"].numGlyphs
    mapping = cid_font.get("/CIDToGIDMap", pikepdf.Name.Identity)
    if isinstance(mapping, pikepdf.Stream):
        table = mapping.read_bytes()
        gids = (int.from_bytes(table[i : i + 2]) for i in range(0, len(table), 2))
        cids = frozenset(cid for cid, gid in enumerate(gids) if 0 < gid < glyphs)
        return _Program(cids | {0}, glyphs, "TrueType through its CIDToGIDMap")
    return _Program(None, glyphs, "TrueType, by glyph index")
