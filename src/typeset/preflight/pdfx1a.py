"""PDF/X-1a:2003 holds PDF 1.3 objects only (in a file of version 1.4 at most): font
programs as Type 1, TrueType or bare CFF (/Type1C, /CIDFontType0C), no OpenType font
files and no transparency groups, which a PDF/X-1a RIP may refuse or misread."""

from __future__ import annotations

import pikepdf

from typeset.preflight.findings import FileFindings

_BARE_CFF = ("/Type1C", "/CIDFontType0C")


def check_pdfx1a_objects(pdf: pikepdf.Pdf, out: FileFindings) -> None:
    if pdf.pdf_version > "1.4":
        out.error(f"PDF version {pdf.pdf_version}: PDF/X-1a allows 1.4 at most")
    for obj in pdf.objects:
        if not isinstance(obj, pikepdf.Dictionary | pikepdf.Stream):
            continue
        if obj.get("/Type") == "/FontDescriptor" and "/FontFile3" in obj:
            subtype = str(obj.FontFile3.get("/Subtype"))
            if subtype not in _BARE_CFF:
                name = str(obj.get("/FontName", "?")).lstrip("/")
                out.error(f"font {name} is embedded as {subtype}, not allowed in PDF/X-1a")
        group = obj.get("/Group")
        if isinstance(group, pikepdf.Dictionary) and group.get("/S") == "/Transparency":
            what = "a page" if obj.get("/Type") == "/Page" else "a form"
            out.error(f"{what} has a transparency group, not allowed in PDF/X-1a")
