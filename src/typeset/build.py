"""The pipeline: load and check → copyfit (measuring passes) → page jobs → report → outputs."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from typeset.diagnostics import Diagnostics
from typeset.fit.copyfit import FrameText, fit_jumps
from typeset.fit.findings import Findings, copyfit_findings
from typeset.fit.frames import FrameLayout, read_frames
from typeset.issue.load import Issue, Project, load_issue
from typeset.jobs.cache import ResultCache, layout_key
from typeset.jobs.page import PageJob, PageResult, on_issue_page, page_job
from typeset.jobs.pool import OnPage, PagePool
from typeset.jobs.setting import Setting
from typeset.output.pages import write_pages
from typeset.output.print_files import write_print_files
from typeset.output.report import Report
from typeset.output.typeset import TypesetIssue
from typeset.proof.rounds import ProofRound, next_round
from typeset.proof.write import write_proof
from typeset.render.print_images import print_images
from typeset.render.view import IssueView, PageView
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
    passes: int  # WeasyPrint layout passes made by this build, measuring ones included
    layouts: dict[str, FrameLayout]  # every frame as laid out, for the preview's outlines


class _Measurer:
    """Lays out bare pages holding only the frames being measured (copyfit), and keeps
    what it measured in the cache: a page edit elsewhere does not measure again."""

    def __init__(self, setting: Setting, cache: ResultCache) -> None:
        self.setting = setting
        self.cache = cache
        self.passes = 0

    def measure(self, drafts: list[FrameText]) -> dict[str, FrameLayout]:
        texts = {draft.link.frame_id: draft for draft in drafts}
        html = self.setting.html(self.setting.view(texts, only=set(texts)))
        key = layout_key(html, self.setting.issue.layout, self.setting.images, "measure")
        found = self.cache.get(key)
        if isinstance(found, dict):
            return found
        self.passes += 1
        layouts = read_frames(self.setting.lay_out(html).pages, _columns(texts))
        self.cache.put(key, layouts)
        return layouts


def build_issue(
    folder: Path,
    project: Project,
    build_root: Path,
    out: Diagnostics,
    options: BuildOptions = BuildOptions(),
    pool: PagePool | None = None,
    on_page: OnPage | None = None,
) -> BuiltIssue | None:
    """Build `folder` into build_root/<issue-id>/, or report why not and write nothing.

    Copyfit's measuring passes run here; then each page is a job of its own (jobs/page.py)
    for `pool` (one process when None), skipped when the cache holds its result."""
    issue = load_issue(folder, project, out)
    if issue is None:
        return None
    proof = (
        next_round(build_root / issue.id / "proof") if options.purpose is Purpose.PROOF else None
    )
    setting = _setting(issue, project, build_root, options, proof, out)
    if setting is None:
        return None
    cache = ResultCache(build_root / ".cache" / "layout" / issue.id / options.purpose)
    if pool is not None and cache.empty:
        pool.warm()
    measurer = _Measurer(setting, cache)
    grid = issue.paper.grid
    texts = fit_jumps(
        issue.chains, issue.texts, measurer.measure, grid.leading_pt, grid.column_chars
    )
    results = (pool or PagePool(1)).run(_page_jobs(setting, texts, options), cache, on_page)
    if _overflowing(issue, results, out):
        return None
    numbers = [result.number for result in results]
    texts, layouts = _frames(results)
    view = setting.view(texts)
    findings = copyfit_findings(issue, texts, layouts, numbers, out)
    report = _report(view, findings, issue.punctuation_fixes, out, options)
    if report is None or out.has_errors:
        return None
    pdfs = [(result.number, result.pdf) for result in results]
    typeset = TypesetIssue(issue, view, report, numbers, pdfs, proof)
    target = WRITERS[options.purpose](typeset, build_root / issue.id)
    cache.commit()
    passes = measurer.passes + sum(result.passes for result in results)
    return BuiltIssue(issue, target, report, len(numbers), passes, layouts)


def _setting(
    issue: Issue,
    project: Project,
    build_root: Path,
    options: BuildOptions,
    proof: ProofRound | None,
    out: Diagnostics,
) -> Setting | None:
    """How the issue is laid out for the build's purpose; None when its images fail."""
    images: dict[Path, Path] = {}
    if options.purpose is Purpose.PRINT:
        images = print_images(issue, build_root / ".cache" / "print-images", out)
        if out.has_errors:
            return None
    return Setting(
        issue,
        project.fonts,
        images,
        proof_marks=not options.is_final,
        press=options.purpose is Purpose.PRINT,
        stamp=proof.stamp if proof else None,
    )


def _overflowing(issue: Issue, results: list[PageResult], out: Diagnostics) -> bool:
    """Whether a page's template made more than one PDF page (an error in `out`)."""
    made = sum(result.pdf_pages for result in results)
    if made != len(results):
        out.error(
            issue.source.locate(("pages",)),
            f"the layout made {made} PDF pages for {len(results)} pages; "
            "a page template overflows its page",
        )
    return made != len(results)


def _frames(results: list[PageResult]) -> tuple[dict[str, FrameText], dict[str, FrameLayout]]:
    """Every page's frame texts, and its frames as laid out, numbered as the issue's pages."""
    texts = {key: text for result in results for key, text in result.texts.items()}
    layouts = {
        key: layout
        for index, result in enumerate(results)
        for key, layout in on_issue_page(result.layouts, index).items()
    }
    return texts, layouts


def _page_jobs(
    setting: Setting, texts: dict[str, FrameText], options: BuildOptions
) -> list[PageJob]:
    """A job per page, in page-number order, once copyfit has decided every frame's text."""
    view = setting.view(texts)
    title = _title(view)
    variant = setting.issue.paper.press.standard if options.purpose is Purpose.PRINT else None
    return [
        page_job(setting, view, page.page.number, texts, f"{title} {_section(page)}", variant)
        for page in view.pages
    ]


def _columns(texts: dict[str, FrameText]) -> dict[str, int]:
    return {key: text.link.frame.span for key, text in texts.items()}


def _section(page: PageView) -> str:
    return f"第{page.page.number}版 {page.page.section}"


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
    sections = [_section(page) for page in view.pages]
    forced = options.is_final and bool(findings.overset)
    return Report(
        _title(view), sections, findings.fills, findings.overset, findings.short, forced, fixes
    )
