"""Lay out the HTML with WeasyPrint and write the PDF."""

from __future__ import annotations

import copy
import datetime
import os
from collections.abc import Mapping
from pathlib import Path

from weasyprint import HTML
from weasyprint.document import Document

from typeset.issue.paper import Typography
from typeset.render.fetcher import RestrictedFetcher
from typeset.render.justify import chinese_spacing


def lay_out(
    html: str,
    base: Path,
    readable: list[Path],
    typography: Typography,
    stand_ins: Mapping[Path, Path] | None = None,
    issue_folder: Path | None = None,
) -> Document:
    """One layout pass (pages, or frames being measured).

    Lines are set with the paper's Chinese spacing and justification (render/justify.py).
    `stand_ins` are files read in place of others, and `issue_folder` is where the issue's
    own URLs lead (see RestrictedFetcher).
    """
    fetcher = RestrictedFetcher(readable, stand_ins, issue_folder)
    page = HTML(string=html, base_url=base.resolve().as_uri(), url_fetcher=fetcher)
    with chinese_spacing(typography.latin_spacing_em):
        return page.render()


def pdf_bytes(document: Document, title: str, variant: str | None = None) -> bytes:
    """The PDF, with dates only from SOURCE_DATE_EPOCH so the same input gives the same bytes.

    `variant` is a standard such as "PDF/X-4", which WeasyPrint writes with its
    conformance metadata and the stylesheet's CMYK profile as output intent.

    `Document.copy` shares one metadata object between a document and its page copies,
    so the title is set on a copy of it, never on the caller's.
    """
    metadata = copy.copy(document.metadata)
    metadata.title = title
    metadata.generator = "typeset (WeasyPrint)"
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        stamp = datetime.datetime.fromtimestamp(int(epoch), datetime.UTC).isoformat()
        metadata.created = metadata.modified = stamp
    own = document.copy()
    own.metadata = metadata
    return own.write_pdf(pdf_variant=variant.lower() if variant else None)
