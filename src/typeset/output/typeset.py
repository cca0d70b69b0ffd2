"""What every output is written from: the issue's pages as PDFs, with its report."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from typeset.issue.load import Issue
from typeset.output.assemble import assembled
from typeset.output.report import Report
from typeset.proof.rounds import ProofRound
from typeset.render.view import IssueView


@dataclass(frozen=True)
class TypesetIssue:
    issue: Issue
    view: IssueView
    report: Report
    numbers: list[int]  # the page numbers, in order
    page_pdfs: list[tuple[int, bytes]]  # one PDF per page, with its page number, in order
    proof: ProofRound | None = None  # proofs only: the round these pages are
    press_images: Mapping[Path, Path] = field(default_factory=dict)  # print: source → JPEG
    fonts: tuple[Path, ...] = ()  # the font files the pages are set in

    def whole(self, title: str) -> bytes:
        """Every page in one PDF, sharing one program per font."""
        return assembled([pdf for _, pdf in self.page_pdfs], title, self.fonts)
