"""The PDF/X standard a file declares, and the output intent every PDF/X file needs: the
CMYK profile of the press the separations are made for."""

from __future__ import annotations

import pikepdf

from typeset.preflight.findings import FileFindings

_PDFXID = "{http://www.npes.org/pdfx/ns/id/}GTS_PDFXVersion"
# PDF/X-4 is declared in XMP metadata, PDF/X-1a in the document information dictionary.
_INFO_VERSION = {"PDF/X-1a:2003": "PDF/X-1a"}


def declared_standard(pdf: pikepdf.Pdf) -> str | None:
    """ "PDF/X-4" or "PDF/X-1a" as this project names them, or None."""
    if str(pdf.open_metadata().get(_PDFXID, "")) == "PDF/X-4":
        return "PDF/X-4"
    info = pdf.trailer.get("/Info", pikepdf.Dictionary())
    return _INFO_VERSION.get(str(info.get("/GTS_PDFXVersion", "")))


def check_standard(pdf: pikepdf.Pdf, expected: str | None, out: FileFindings) -> None:
    """The declared standard (the expected one when known) and a CMYK output intent."""
    declared = declared_standard(pdf)
    if expected is not None and declared != expected:
        out.error(f"declares {declared or 'no PDF/X standard'}, the build says {expected}")
    elif declared is None:
        out.error("declares no PDF/X standard (PDF/X-4 or PDF/X-1a)")
    _check_output_intent(pdf, out)


def _check_output_intent(pdf: pikepdf.Pdf, out: FileFindings) -> None:
    intents = [
        intent
        for intent in pdf.Root.get("/OutputIntents", pikepdf.Array())
        if intent.get("/S") == "/GTS_PDFX"
    ]
    if not intents:
        out.error("no PDF/X output intent (/OutputIntents with /S /GTS_PDFX)")
        return
    profile = intents[0].get("/DestOutputProfile")
    if profile is None:
        out.error("the output intent has no DestOutputProfile")
    elif profile.get("/N") != 4:
        out.error(f"the output intent's profile is not CMYK (/N {profile.get('/N')})")
