"""The printer's output: one PDF/X file per page in `print/`, and `manifest.json` to check
that what arrived is what was sent (`typeset preflight` reads it)."""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

import pikepdf

from typeset.issue.files import file_owner
from typeset.output.files import replace_folder
from typeset.output.manifest import MANIFEST, Manifest, ManifestImage, ManifestPage
from typeset.output.press.mend import press_ready
from typeset.output.typeset import TypesetIssue
from typeset.render.print_images import placed_images


def write_print_files(typeset: TypesetIssue, issue_folder: Path) -> Path:
    press = typeset.issue.paper.press
    files = {
        print_file_name(typeset, number): press_ready(pdf, press)
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
        max_ink_percent=press.max_ink_percent,
        overprint_black=press.overprint_black,
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
        images=_images(typeset, list(zip(typeset.numbers, files.values(), strict=True))),
    )


def _images(typeset: TypesetIssue, pdfs: list[tuple[int, bytes]]) -> list[ManifestImage]:
    """Each press image as embedded, by the digest of its data, with the file it was made
    from and the pages it is on: preflight names images by these."""
    issue = typeset.issue
    pages = dict(enumerate(issue.spec.pages))
    sources: dict[str, tuple[str, set[str]]] = {}
    for key, placed in placed_images(issue).items():
        press = typeset.press_images.get(placed.source)
        if press is not None:
            digest = hashlib.sha256(press.read_bytes()).hexdigest()
            source = placed.source.relative_to(issue.folder.resolve()).as_posix()
            sources.setdefault(digest, (source, set()))[1].add(file_owner(key, pages))
    on_pages: dict[str, list[int]] = {}
    for number, pdf in pdfs:
        for digest in embedded_image_digests(pdf):
            on_pages.setdefault(digest, []).append(number)
    return [
        ManifestImage(sha256=digest, source=source, owner=", ".join(sorted(owners)), pages=found)
        for digest, (source, owners) in sorted(sources.items(), key=lambda item: item[1][0])
        if (found := on_pages.get(digest))
    ]


def embedded_image_digests(pdf: bytes) -> set[str]:
    """The sha256 of each image XObject's data as stored (a JPEG is stored as it is)."""
    with pikepdf.open(io.BytesIO(pdf)) as document:
        return {
            hashlib.sha256(xobject.read_raw_bytes()).hexdigest()
            for page in document.pages
            for xobject in page.images.values()
        }
