"""Fonts: a font that is not embedded is replaced at the RIP, and the page reflows or shows
boxes; Chinese text is never safe with a substitute."""

from __future__ import annotations

import pikepdf

from typeset.preflight.content import Event, FontUse
from typeset.preflight.findings import FileFindings

_FONT_FILES = ("/FontFile", "/FontFile2", "/FontFile3")


def check_fonts(events: list[Event], number: int, out: FileFindings) -> None:
    for event in events:
        if not isinstance(event, FontUse):
            continue
        if event.font is None:
            out.error(f"font {event.name} is used but missing from the resources", number)
        elif not _embedded(event.font):
            name = str(event.font.get("/BaseFont", event.name)).lstrip("/")
            out.error(f"font {name} is not embedded", number)


def _embedded(font: pikepdf.Object) -> bool:
    """Type0 fonts keep their file in the descendant; Type3 glyphs are drawn in the PDF."""
    if font.get("/Subtype") == "/Type3":
        return True
    if font.get("/Subtype") == "/Type0":
        descendants = font.get("/DescendantFonts", pikepdf.Array())
        font = descendants[0] if len(descendants) else pikepdf.Dictionary()
    descriptor = font.get("/FontDescriptor", pikepdf.Dictionary())
    return any(key in descriptor for key in _FONT_FILES)
