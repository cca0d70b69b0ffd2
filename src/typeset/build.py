"""The pipeline: load and check → copyfit (measuring passes) → pages → report → outputs."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from weasyprint.document import Document
from weasyprint.urls import FatalURLFetchingError, URLFetchingError

from typeset.diagnostics import Diagnostics, Location
from typeset.fit.copyfit import FrameText, cut_overset, fit_jumps
from typeset.fit.findings import Findings, copyfit_findings
from typeset.fit.frames import FrameLayout, read_frames
from typeset.issue.load import Issue, Project, load_issue
from typeset.output.files import issue_lock
from typeset.output.pages import write_pages
from typeset.output.print_files import write_print_files
from typeset.output.report import Report
from typeset.output.typeset import TypesetIssue
from typeset.proof.rounds import ProofRound, next_round
from typeset.proof.write import write_proof
from typeset.render.html import render_html
from typeset.render.pdf import lay_out
from typeset.render.print_images import print_images
from typeset.render.view import IssueView, issue_view
from typeset.text.punctuation import PunctuationFix


class Purpose(StrEnum):
    """Who the build is for, which decides what it writes."""

    PAGES = "pages"  # layout staff: issue.pdf, a PDF per page, the copyfit report
    PRINT = "print"  # the printer: PDF/X per page with bleed and marks, and a manifest
    PROOF = "proof"  # proofreaders: a new round of stamped pages, previews and changes


WRITERS = {
    Purpose.PAGES: write_pages,
    Purpose.PRINT: write_print_files,
    Purpose.PROOF: write_proof,
}


@dataclass(frozen=True)
class BuildOptions:
    final: bool = False  # no proof marks, and overset text stops the build
    force: bool = False  # a final build despite overset text; the report records it
    purpose: Purpose = Purpose.PAGES

    @property
    def is_final(self) -> bool:
        """Print files are always the final version."""
        return self.final or self.purpose is Purpose.PRINT


@dataclass(frozen=True)
class BuiltIssue:
    issue: Issue
    folder: Path
    report: Report
    page_count: int
    passes: int  # WeasyPrint layout passes, measuring ones included


@dataclass(frozen=True)
class _Pages:
    view: IssueView
    document: Document
    layouts: dict[str, FrameLayout]
    texts: dict[str, FrameText]


class _Typesetter:
    """Lays out views of one issue: bare pages to measure frames, whole pages to print."""

    def __init__(
        self,
        issue: Issue,
        project: Project,
        options: BuildOptions,
        images: dict[Path, Path],
        proof: ProofRound | None,
    ) -> None:
        self.issue = issue
        self.fonts = project.fonts
        self.readable = [issue.folder, issue.layout, project.fonts]
        self.images = images  # press versions, read in place of the issue's own files
        self.proof_marks = not options.is_final
        self.press = options.purpose is Purpose.PRINT
        self.stamp = proof.stamp if proof else None
        self.passes = 0

    def view(self, texts: dict[str, FrameText], only: set[str] | None = None) -> IssueView:
        return issue_view(
            self.issue,
            self.fonts,
            texts,
            only=only,
            proof_marks=self.proof_marks,
            press=self.press,
            stamp=self.stamp,
        )

    def document(self, view: IssueView) -> Document:
        self.passes += 1
        html = render_html(view, self.issue.layout)
        typography = self.issue.paper.typography
        return lay_out(
            html, self.issue.layout, self.readable, typography, self.images, self.issue.folder
        )

    def measure(self, drafts: list[FrameText]) -> dict[str, FrameLayout]:
        texts = {draft.link.frame_id: draft for draft in drafts}
        document = self.document(self.view(texts, only=set(texts)))
        return read_frames(document.pages, _columns(texts))

    def pages(self, texts: dict[str, FrameText]) -> _Pages:
        """The pages; text running out of an article's last frame is cut and set again."""
        pages = self._pages(texts)
        last_frames = {key: text for key, text in texts.items() if text.jump_to is None}
        leading = self.issue.paper.grid.leading_pt
        cut = cut_overset(last_frames, pages.layouts, self.issue.texts, leading)
        return self._pages({**texts, **cut}) if cut else pages

    def _pages(self, texts: dict[str, FrameText]) -> _Pages:
        view = self.view(texts)
        document = self.document(view)
        return _Pages(view, document, read_frames(document.pages, _columns(texts)), texts)


def build_issue(
    folder: Path,
    project: Project,
    build_root: Path,
    out: Diagnostics,
    options: BuildOptions = BuildOptions(),
) -> BuiltIssue | None:
    """Build `folder` into build_root/<issue-id>/, or report why not and write nothing."""
    issue = load_issue(folder, project, out)
    if issue is None:
        return None
    target = build_root / issue.id
    if problem := _output_problem(target, [issue.folder, issue.layout, project.fonts]):
        out.error(Location(issue.source.path), problem)
        return None
    try:
        with issue_lock(build_root, issue.id, _say_waiting):
            return _build(issue, project, build_root, out, options)
    except (URLFetchingError, FatalURLFetchingError) as error:
        # The checks let through a file the layout then cannot read (or may not).
        out.error(Location(issue.source.path), f"the layout could not read a file: {error}")
        return None
    except OSError as error:
        # Disk full, read-only, a file in the way: the previous output is untouched.
        where = Path(error.filename) if error.filename else target
        out.error(Location(where), f"cannot write the output: {error.strerror or error}")
        return None


def _output_problem(target: Path, sources: list[Path]) -> str:
    """Why the output folder cannot be `target`: replacing it must never touch the issue,
    its layout or the fonts (as `--out .` inside an issue folder would)."""
    resolved = target.resolve()
    for source in (path.resolve() for path in sources):
        if resolved.is_relative_to(source) or source.is_relative_to(resolved):
            return f"the output folder {target} would hold or replace {source}: choose --out"
    return ""


def _say_waiting(target: Path) -> None:
    print(f"{target}: another build of this issue is running; waiting for it", file=sys.stderr)


def _build(
    issue: Issue, project: Project, build_root: Path, out: Diagnostics, options: BuildOptions
) -> BuiltIssue | None:
    images: dict[Path, Path] = {}
    if options.purpose is Purpose.PRINT:
        images = print_images(issue, build_root / ".cache" / "print-images", out)
        if out.has_errors:
            return None
    proof = (
        next_round(build_root / issue.id / "proof", issue.paper.time_zone)
        if options.purpose is Purpose.PROOF
        else None
    )
    setter = _Typesetter(issue, project, options, images, proof)
    leading = issue.paper.grid.leading_pt
    columns = issue.paper.grid.column_chars
    texts = fit_jumps(issue.chains, issue.texts, setter.measure, leading, columns)
    pages = setter.pages(texts)
    document = pages.document
    numbers = [page.page.number for page in pages.view.pages]
    if len(document.pages) != len(numbers):
        out.error(
            issue.source.locate(("pages",)),
            f"the layout made {len(document.pages)} PDF pages for {len(numbers)} pages; "
            "a page template overflows its page",
        )
        return None
    findings = copyfit_findings(issue, pages.texts, pages.layouts, numbers, out)
    report = _report(pages.view, findings, issue.punctuation_fixes, out, options)
    if report is None or out.has_errors:
        return None
    typeset = TypesetIssue(issue, pages.view, document, report, numbers, proof)
    target = WRITERS[options.purpose](typeset, build_root / issue.id)
    return BuiltIssue(issue, target, report, len(numbers), setter.passes)


def _columns(texts: dict[str, FrameText]) -> dict[str, int]:
    return {key: text.link.frame.span for key, text in texts.items()}


def _title(view: IssueView) -> str:
    spec = view.spec
    return (
        f"{view.masthead.name} {view.dateline.gregorian} "
        f"第{spec.number}期（总第{spec.total_number}期）"
    )


def _report(
    view: IssueView,
    findings: Findings,
    fixes: tuple[PunctuationFix, ...],
    out: Diagnostics,
    options: BuildOptions,
) -> Report | None:
    """The build's report; None when a final build must stop on overset text."""
    if options.is_final and findings.overset and not options.force:
        for item in findings.overset:
            out.error(item.location, f"final build refused: {item}; fit the text or use --force")
        return None
    sections = [f"第{p.page.number}版 {p.page.section}" for p in view.pages]
    forced = options.is_final and bool(findings.overset)
    return Report(
        _title(view), sections, findings.fills, findings.overset, findings.short, forced, fixes
    )
