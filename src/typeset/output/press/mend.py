"""WeasyPrint's PDF/X made ready for the press, one page file at a time."""

from __future__ import annotations

import hashlib
import io
import re
import uuid

import pikepdf

from typeset.issue.paper import MM, Press
from typeset.output.press.boxes import move_origin, set_bleed
from typeset.output.press.intent import name_condition
from typeset.output.press.overprint import overprint_black
from typeset.output.press.pdfx1a import bare_cff_fonts, drop_page_groups

# WeasyPrint gives each PDF/X-4 file a random XMP document ID, and a file ID made from it.
RANDOM_DOCUMENT_ID = re.compile(rb"xmp\.did:[0-9a-f-]{36}")
FILE_ID = re.compile(rb"/ID \[[^\]]*\]")


def press_ready(pdf: bytes, press: Press) -> bytes:
    """Boxes at the paper's bleed and origin, black overprint as the paper says, the output
    condition named, PDF/X-1a's objects where it is asked for, and document and file IDs
    made from the content instead of a random number, so the same input gives the same
    bytes."""
    content = FILE_ID.sub(b"", RANDOM_DOCUMENT_ID.sub(b"", pdf))
    stable = uuid.UUID(bytes=hashlib.sha256(content).digest()[:16])
    with pikepdf.open(io.BytesIO(pdf)) as document:
        document.trailer.ID = pikepdf.Array([pikepdf.String(stable.bytes)] * 2)
        for page in document.pages:
            set_bleed(page, press.bleed_mm * MM)
            move_origin(document, page)
        if press.overprint_black:
            overprint_black(document)
        name_condition(document, press.output_condition)
        if press.standard == "PDF/X-1a":
            bare_cff_fonts(document)
            drop_page_groups(document)
        if "/Metadata" in document.Root:
            xmp = document.Root.Metadata
            xmp.write(RANDOM_DOCUMENT_ID.sub(f"xmp.did:{stable}".encode(), xmp.read_bytes()))
        out = io.BytesIO()
        document.save(out, deterministic_id=True)
    return out.getvalue()
