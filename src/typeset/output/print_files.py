"""The printer's output: one PDF/X file per page in `print/`, and `manifest.json` to check
that what arrived is what was sent (`typeset preflight` reads it)."""

from __future__ import annotations

import hashlib
import io
import re
import uuid
from pathlib import Path

import pikepdf

from typeset.issue.paper import MM
from typeset.output.files import replace_folder
from typeset.output.manifest import MANIFEST, Manifest, ManifestPage
from typeset.output.typeset import TypesetIssue


def write_print_files(typeset: TypesetIssue, issue_folder: Path) -> Path:
    press = typeset.issue.paper.press
    files = {
        print_file_name(typeset, number): _mended(pdf, press.bleed_mm * MM)
        for number, pdf in typeset.page_pdfs
    }
    manifest = _manifest(typeset, files)

    def fill(staging: Path) -> None:
        for name, pdf in files.items():
            (staging / name).write_bytes(pdf)
        (staging / MANIFEST).write_text(manifest.to_json(), "utf-8")

    target = issue_folder / "print"
    replace_folder(target, fill)
    return target


def print_file_name(typeset: TypesetIssue, page: int) -> str:
    """The file name the paper's `print: file_name` pattern gives a page."""
    pattern = typeset.issue.paper.press.file_name
    return pattern.format(paper=typeset.issue.layout.name, date=typeset.issue.spec.date, page=page)


# WeasyPrint gives each PDF/X-4 file a random XMP document ID, and a file ID made from it.
RANDOM_DOCUMENT_ID = re.compile(rb"xmp\.did:[0-9a-f-]{36}")
FILE_ID = re.compile(rb"/ID \[[^\]]*\]")


def _mended(pdf: bytes, bleed: float) -> bytes:
    """WeasyPrint's PDF/X with two things mended for the press.

    - The BleedBox at the paper's bleed around the TrimBox: WeasyPrint puts it 10 pt
      (3.5 mm) out whatever the bleed, and a box wider than the artwork's bleed shows the
      press a white strip. (The CSS bleed is wider still: it holds the printer's marks.)
    - Document and file IDs made from the content instead of a random number, so that
      the same input gives the same bytes.
    """
    content = FILE_ID.sub(b"", RANDOM_DOCUMENT_ID.sub(b"", pdf))
    stable = uuid.UUID(bytes=hashlib.sha256(content).digest()[:16])
    with pikepdf.open(io.BytesIO(pdf)) as document:
        document.trailer.ID = pikepdf.Array([pikepdf.String(stable.bytes)] * 2)
        for page in document.pages:
            left, bottom, right, top = (float(value) for value in page.TrimBox)
            page.BleedBox = [left - bleed, bottom - bleed, right + bleed, top + bleed]
        if "/Metadata" in document.Root:
            xmp = document.Root.Metadata
            xmp.write(RANDOM_DOCUMENT_ID.sub(f"xmp.did:{stable}".encode(), xmp.read_bytes()))
        out = io.BytesIO()
        document.save(out, deterministic_id=True)
    return out.getvalue()


def _manifest(typeset: TypesetIssue, files: dict[str, bytes]) -> Manifest:
    issue, report = typeset.issue, typeset.report
    press = issue.paper.press
    return Manifest(
        issue=issue.id,
        paper=issue.layout.name,
        title=report.title,
        standard=press.standard,
        trim_mm=(issue.paper.trim.width_mm, issue.paper.trim.height_mm),
        bleed_mm=press.bleed_mm,
        output_profile=press.profile,
        image_ppi=press.image_ppi,
        overset=[str(item) for item in report.overset],
        forced=report.forced,
        pages=[
            ManifestPage(
                page=number,
                file=name,
                bytes=len(pdf),
                standard=press.standard,
                sha256=hashlib.sha256(pdf).hexdigest(),
            )
            for number, (name, pdf) in zip(typeset.numbers, files.items(), strict=True)
        ],
    )
