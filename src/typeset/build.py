"""The pipeline: load and check → view → HTML → one layout pass → overset → outputs."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from typeset.diagnostics import Diagnostics
from typeset.fit.overset import find_overset
from typeset.issue.checks import page_frames
from typeset.issue.load import Issue, Project, load_issue
from typeset.output.files import replace_folder
from typeset.output.report import FrameOverset, punctuation_section, report_text
from typeset.render.html import render_html
from typeset.render.pdf import lay_out, pdf_bytes
from typeset.render.view import IssueView, issue_view


@dataclass(frozen=True)
class BuiltIssue:
    issue: Issue
    folder: Path
    overset: list[FrameOverset]
    page_count: int


def build_issue(
    folder: Path, project: Project, build_root: Path, out: Diagnostics
) -> BuiltIssue | None:
    """Build `folder` into build_root/<issue-id>/, or report why not and write nothing."""
    issue = load_issue(folder, project, out)
    if issue is None:
        return None
    view = issue_view(issue, project.fonts.resolve().as_uri())
    html = render_html(view, issue.layout)
    readable = [issue.folder, issue.layout, project.fonts]
    document = lay_out(html, issue.layout, readable, issue.paper.typography)
    numbers = [page.page.number for page in view.pages]
    if len(document.pages) != len(numbers):
        out.error(
            issue.source.locate(("pages",)),
            f"the layout made {len(document.pages)} PDF pages for {len(numbers)} pages; "
            "a page template overflows its page",
        )
        return None
    overset = _overset(issue, document.pages, numbers, out)
    fixes = issue.punctuation_fixes
    title = _title(view)
    pdf = pdf_bytes(document, title)
    sections = [f"第{p.page.number}版 {p.page.section}" for p in view.pages]
    # Each page from the same layout, so that each file embeds only its own glyphs.
    singles = [
        pdf_bytes(document.copy([page]), f"{title} {section}")
        for page, section in zip(document.pages, sections, strict=True)
    ]

    def fill(staging: Path) -> None:
        (staging / "issue.pdf").write_bytes(pdf)
        (staging / "pages").mkdir()
        for number, single in zip(numbers, singles, strict=True):
            (staging / "pages" / f"page-{number:02d}.pdf").write_bytes(single)
        report = report_text(title, sections, overset) + "\n" + punctuation_section(fixes)
        (staging / "report.txt").write_text(report, "utf-8")

    target = build_root / issue.id
    replace_folder(target, fill)
    return BuiltIssue(issue, target, overset, len(numbers))


def _title(view: IssueView) -> str:
    spec = view.spec
    return (
        f"{view.masthead.name} {view.dateline.gregorian} "
        f"第{spec.number}期（总第{spec.total_number}期）"
    )


def _overset(issue: Issue, pages: list, numbers: list[int], out: Diagnostics) -> list[FrameOverset]:
    """Overset frames, named and located as in issue.yaml; each also a build warning."""
    placed = {
        frame.id: frame
        for index, page in enumerate(issue.spec.pages)
        for frame in page_frames(page, index)
    }
    found = []
    for item in find_overset(pages):
        frame = placed[item.frame]
        location = issue.source.locate(frame.key)
        overset = FrameOverset(
            numbers[item.page_index], frame.name, location, item.chars, item.lines
        )
        out.warning(location, f"{overset} (the text does not fit its frame)")
        found.append(overset)
    return found
