"""What every output is written from: the issue as laid out, with its report."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from weasyprint.document import Document

from typeset.issue.load import Issue
from typeset.output.report import Report
from typeset.proof.rounds import ProofRound
from typeset.render.pdf import pdf_bytes
from typeset.render.view import IssueView


@dataclass(frozen=True)
class TypesetIssue:
    issue: Issue
    view: IssueView
    document: Document  # every page, in page-number order
    report: Report
    numbers: list[int]  # the page numbers, one per page of `document`
    proof: ProofRound | None = None  # proofs only: the round these pages are
    press_images: Mapping[Path, Path] = field(default_factory=dict)  # print: source → JPEG

    def page_pdfs(self, variant: str | None = None) -> list[tuple[int, bytes]]:
        """One PDF per page, with its page number.

        Each is cut from the same layout, so that each file embeds only its own glyphs.
        """
        report = self.report
        pages = zip(self.numbers, self.document.pages, report.sections, strict=True)
        return [
            (number, pdf_bytes(self.document.copy([page]), f"{report.title} {section}", variant))
            for number, page, section in pages
        ]
