"""Preflight a print PDF, or a print folder against the manifest the build wrote there."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

import pikepdf

from typeset.issue.paper import ImagePpi
from typeset.output.manifest import MANIFEST
from typeset.preflight.boxes import check_boxes
from typeset.preflight.colours import check_colours
from typeset.preflight.content import walk_page
from typeset.preflight.expect import Expectations
from typeset.preflight.findings import FileFindings, Findings
from typeset.preflight.fonts import check_fonts
from typeset.preflight.images import check_images
from typeset.preflight.ink import check_ink
from typeset.preflight.manifest import (
    check_listed_file,
    check_overset,
    check_unlisted,
    read_manifest,
)
from typeset.preflight.overprint import check_black_overprint
from typeset.preflight.pdfx1a import check_pdfx1a_objects
from typeset.preflight.standard import check_standard, declared_standard
from typeset.preflight.transparency import check_transparency

# What reading a damaged PDF raises, from pikepdf or from objects of an unexpected type.
_UNREADABLE = (pikepdf.PdfError, OSError, ValueError, TypeError, KeyError, AttributeError)


@dataclass(frozen=True)
class Options:
    """The command line's thresholds; None where the manifest or the default applies."""

    warn_ppi: float | None = None
    error_ppi: float | None = None

    def thresholds(self, base: ImagePpi | None = None) -> ImagePpi:
        base = base or ImagePpi()
        return ImagePpi(
            warn_below=base.warn_below if self.warn_ppi is None else self.warn_ppi,
            error_below=base.error_below if self.error_ppi is None else self.error_ppi,
        )


def preflight(paths: list[Path], options: Options = Options()) -> Findings:
    """Every finding about `paths`: PDFs, or print folders holding a manifest.json."""
    out = Findings()
    for path in paths:
        if path.is_dir():
            _check_folder(path, options, out)
        else:
            _check_file(path, Expectations(ppi=options.thresholds()), 1, out)
    return out


def _check_folder(folder: Path, options: Options, out: Findings) -> None:
    """Each listed page against the manifest; without a usable one, each PDF on its own."""
    manifest_out = FileFindings(str(folder / MANIFEST), out)
    manifest = read_manifest(folder / MANIFEST, manifest_out)
    if manifest is None:
        for path in sorted(folder.glob("*.pdf")):
            _check_file(path, Expectations(ppi=options.thresholds()), 1, out)
        return
    check_overset(manifest, manifest_out)
    expect = Expectations(
        trim_mm=manifest.trim_mm,
        bleed_mm=manifest.bleed_mm,
        ppi=options.thresholds(manifest.image_ppi),
        max_ink_percent=manifest.max_ink_percent,
        overprint_black=manifest.overprint_black,
        images={image.sha256: image for image in manifest.images},
    )
    for entry in manifest.pages:
        path = folder / entry.file
        if check_listed_file(path, entry, FileFindings(str(path), out)):
            _check_file(path, replace(expect, standard=entry.standard), entry.page, out)
    check_unlisted(folder, manifest, out)


def _check_file(path: Path, expect: Expectations, first_page: int, out: Findings) -> None:
    """One PDF; a file pikepdf cannot read, or reads only by repairing it, is an error."""
    file_out = FileFindings(str(path), out)
    out.files += 1
    try:
        with pikepdf.open(path) as pdf:
            if not _damaged(pdf, file_out):
                _check_pdf(pdf, expect, first_page, file_out)
                check_ink(path, pdf, first_page, expect.max_ink_percent, file_out)
    except _UNREADABLE as error:
        file_out.error(f"cannot read this PDF: {error}")


def _damaged(pdf: pikepdf.Pdf, out: FileFindings) -> bool:
    """Whether pikepdf had to repair the file, in one error: what a repaired file holds is
    a guess, so it is not checked further."""
    len(pdf.objects)  # reads every object, so that damage anywhere shows up now
    warnings = pdf.get_warnings()
    if warnings:
        out.error(f"damaged PDF, read only by repairing it: {'; '.join(warnings[:2])}")
    return bool(warnings)


def _check_pdf(pdf: pikepdf.Pdf, expect: Expectations, first_page: int, out: FileFindings) -> None:
    check_standard(pdf, expect.standard, out)
    transparency_forbidden = (expect.standard or declared_standard(pdf)) == "PDF/X-1a"
    if transparency_forbidden:
        check_pdfx1a_objects(pdf, out)
    if len(pdf.pages) == 0:
        out.error("no pages")
    for index, page in enumerate(pdf.pages):
        number = first_page + index
        check_boxes(page, number, expect, out)
        events = walk_page(page)
        check_fonts(events, number, out)
        check_colours(events, number, out)
        check_images(events, number, expect, out)
        if expect.overprint_black:
            check_black_overprint(events, number, out)
        if transparency_forbidden:
            check_transparency(events, number, out)
