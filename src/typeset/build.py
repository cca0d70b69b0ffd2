"""The pipeline: load and check → compose → copyfit (counted, measured if need be) → page
jobs → report → outputs."""

from __future__ import annotations

import sys
from dataclasses import dataclass, replace
from enum import StrEnum
from pathlib import Path

from weasyprint.urls import FatalURLFetchingError, URLFetchingError

from typeset.compose.articles import ComposedArticles, LooseLine, compose_articles
from typeset.diagnostics import Diagnostics, Location
from typeset.fit.copyfit import FrameText, fit_jumps
from typeset.fit.count import LineCount, cuts_hold
from typeset.fit.findings import Findings, copyfit_findings
from typeset.fit.frames import FrameLayout, read_frames
from typeset.fit.sidebar import report_sidebars
from typeset.issue.load import Issue, Project, load_issue
from typeset.jobs.cache import ResultCache, layout_key
from typeset.jobs.page import PageJob, PageResult, on_issue_page, page_job
from typeset.jobs.pool import OnPage, PagePool
from typeset.jobs.setting import Setting
from typeset.output.files import issue_lock
from typeset.output.pages import write_pages
from typeset.output.print_files import write_print_files
from typeset.output.report import Report
from typeset.output.typeset import TypesetIssue
from typeset.proof.note_sources import locate_notes
from typeset.proof.notes import WrittenNote, read_notes
from typeset.proof.rounds import ProofRound, next_round
from typeset.proof.write import write_proof
from typeset.render.print_images import print_images
from typeset.render.screen_images import screen_images
from typeset.render.view import ArticleView, IssueView, PageView


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
    # Layout passes of this build: measuring passes, then the most times one page was laid
    # out (each page is laid out in its own job; 0 when every page came from the cache).
    passes: int
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
        issue = self.setting.issue
        key = layout_key(html, issue.layout, self.setting.images, issue.folder, "measure")
        found = self.cache.get(key)
        if isinstance(found, dict):
            return found
        self.passes += 1
        layouts = read_frames(self.setting.lay_out(html).pages, _columns(texts))
        self.cache.put(key, layouts)
        return layouts

    def frame_view(self, draft: FrameText) -> ArticleView:
        """The frame of `draft` as the template shows it (no layout), for counting."""
        key = draft.link.frame_id
        view = self.setting.view({key: draft}, only={key})
        return next(a for page in view.pages for a in page.articles if a.key == key)


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
    notes = read_notes(folder, out)
    if issue is None:
        return None
    target = build_root / issue.id
    if problem := _output_problem(target, [issue.folder, issue.layout, project.fonts]):
        out.error(Location(issue.source.path), problem)
        return None
    try:
        with issue_lock(build_root, issue.id, _say_waiting):
            return _build(issue, notes, project, build_root, out, options, pool, on_page)
    except (URLFetchingError, FatalURLFetchingError) as error:
        # The checks let through a file the layout then cannot read (or may not).
        out.error(Location(issue.source.path), f"the layout could not read a file: {error}")
        return None
    except OSError as error:
        # Disk full, read-only, a file in the way: the previous output is untouched.
        where = Path(error.filename) if error.filename else target
        # Line 0: the whole file or folder, no excerpt (it is output, maybe binary).
        out.error(Location(where, 0, 0), f"cannot write the output: {error.strerror or error}")
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
    issue: Issue,
    notes: tuple[WrittenNote, ...],
    project: Project,
    build_root: Path,
    out: Diagnostics,
    options: BuildOptions,
    pool: PagePool | None,
    on_page: OnPage | None,
) -> BuiltIssue | None:
    """The build itself, once the issue is checked and its output folder locked."""
    proof = (
        next_round(build_root / issue.id / "proof", issue.paper.time_zone)
        if options.purpose is Purpose.PROOF
        else None
    )
    composed, loose = compose_articles(issue.texts, issue.paper, project.fonts, out)
    setting = _setting(issue, project, build_root, options, proof, out, composed)
    if setting is None:
        return None
    cache = ResultCache(build_root / ".cache" / "layout" / issue.id / options.purpose)
    if pool is not None and cache.empty:
        pool.warm()
    measurer = _Measurer(setting, cache)
    pool = pool or PagePool(1)
    # Where a frame is full is counted from the composed lines; if the pages laid out
    # disagree (a layout with other heights), it is measured, as without a composer.
    count = LineCount.of(issue, project.fonts, composed, measurer.frame_view)
    texts = _fitted(issue, measurer, count)
    results = pool.run(_page_jobs(setting, texts, options), cache, on_page)
    texts, layouts = _frames(results)
    if not cuts_hold(texts, layouts, issue.paper.grid.leading_pt):
        texts = _fitted(issue, measurer, None)
        results = pool.run(_page_jobs(setting, texts, options), cache, on_page)
        texts, layouts = _frames(results)
    if _overflowing(issue, results, out):
        return None
    numbers = [result.number for result in results]
    report_sidebars([(result.number, result.sidebars_over) for result in results], issue, out)
    view = setting.view(texts)
    findings = copyfit_findings(issue, texts, layouts, numbers, out)
    report = _report(view, findings, issue, out, options, loose)
    if report is None or out.has_errors:
        return None
    report = replace(report, notes=locate_notes(notes, issue, build_root / issue.id / "proof", out))
    pdfs = [(result.number, result.pdf) for result in results]
    press_images = setting.images if setting.press else {}
    typeset = TypesetIssue(
        issue, view, report, numbers, pdfs, proof, press_images, setting.font_files
    )
    target = WRITERS[options.purpose](typeset, build_root / issue.id)
    cache.commit()
    passes = measurer.passes + max((result.passes for result in results), default=0)
    return BuiltIssue(issue, target, report, len(numbers), passes, layouts)


def _fitted(issue: Issue, measurer: _Measurer, count: LineCount | None) -> dict[str, FrameText]:
    """Each frame's text: jumps cut by the count when there is one, else by measuring."""
    grid = issue.paper.grid
    return fit_jumps(
        issue.chains, issue.texts, measurer.measure, grid.leading_pt, grid.column_chars, count
    )


def _setting(
    issue: Issue,
    project: Project,
    build_root: Path,
    options: BuildOptions,
    proof: ProofRound | None,
    out: Diagnostics,
    composed: ComposedArticles,
) -> Setting | None:
    """How the issue is laid out for the build's purpose; None when its images fail."""
    cache = build_root / ".cache"
    if options.purpose is Purpose.PRINT:
        images = print_images(issue, cache / "print-images", out)
    else:
        images = screen_images(issue, cache / "screen-images", out)
    if out.has_errors:
        return None
    return Setting(
        issue,
        project.fonts,
        images,
        proof_marks=not options.is_final,
        press=options.purpose is Purpose.PRINT,
        stamp=proof.stamp if proof else None,
        composed=composed,
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
    issue: Issue,
    out: Diagnostics,
    options: BuildOptions,
    loose: tuple[LooseLine, ...],
) -> Report | None:
    """The build's report; None when a final build must stop on overset text."""
    if options.is_final and findings.overset and not options.force:
        for item in findings.overset:
            refused = f"final build refused: {item}: {item.remedy}; fit the text or use --force"
            out.error(item.location, refused, *item.notes)
        return None
    sections = [_section(page) for page in view.pages]
    forced = options.is_final and bool(findings.overset)
    return Report(
        _title(view),
        sections,
        findings.fills,
        findings.overset,
        findings.short,
        forced,
        issue.punctuation_fixes,
        issue.artefacts,
        loose,
    )
