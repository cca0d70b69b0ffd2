"""One issue being previewed: builds it as `typeset build` would, draws the page images,
and tells every open page when something changed."""

from __future__ import annotations

import asyncio
import time
from dataclasses import replace
from pathlib import Path

from typeset.build import BuildOptions, BuiltIssue, build_issue
from typeset.diagnostics import Diagnostics, Location
from typeset.fit.frames import PX_PER_PT, FrameLayout
from typeset.issue.checks import page_frames
from typeset.issue.load import Project
from typeset.jobs.pool import PagePool
from typeset.output.report import FrameOverset, FrameShort
from typeset.progress import BuildProgress
from typeset.render.geometry import PageGeometry
from typeset.serve.images import keep_only, page_image
from typeset.serve.state import Kind, Message, Outline, PreviewPage, PreviewState


class PreviewSession:
    """Builds run one at a time; a save during a build starts another after it."""

    def __init__(
        self,
        folder: Path,
        project: Project,
        build_root: Path,
        pool: PagePool,
        progress: BuildProgress,
    ) -> None:
        self.folder = folder
        self.project = project
        self.build_root = build_root
        self.pool = pool
        self.progress = progress
        self.state = PreviewState(version=0, issue=folder.name)
        self._changed: asyncio.Condition | None = None
        self._lock: asyncio.Lock | None = None

    @property
    def output(self) -> Path:
        """build/<id>/, exactly as `typeset build` leaves it."""
        return self.build_root / self.folder.name

    @property
    def images(self) -> Path:
        """The page images, beside the build's caches (the output folder holds only what
        `typeset build` writes)."""
        return self.build_root / ".cache" / "preview" / self.folder.name

    async def rebuild(self) -> None:
        if self._lock is None:
            self._lock = asyncio.Lock()
        async with self._lock:
            await self._publish(replace(self.state, building=True))
            state = await asyncio.to_thread(self._build)
            await self._publish(state)

    async def next_state(self, after: int) -> PreviewState:
        """The state once its version is past `after`."""
        changed = self._condition()
        async with changed:
            await changed.wait_for(lambda: self.state.version > after)
            return self.state

    async def _publish(self, state: PreviewState) -> None:
        changed = self._condition()
        async with changed:
            self.state = replace(state, version=self.state.version + 1)
            changed.notify_all()

    def _condition(self) -> asyncio.Condition:
        if self._changed is None:
            self._changed = asyncio.Condition()
        return self._changed

    def _build(self) -> PreviewState:
        """A build, in a worker thread; the state it leads to."""
        started = time.perf_counter()
        out = Diagnostics()
        with self.progress.issue(self.folder.name) as on_page:
            built = build_issue(
                self.folder, self.project, self.build_root, out, BuildOptions(), self.pool, on_page
            )
        seconds = time.perf_counter() - started
        for diagnostic in out.sorted():
            self.progress.say(str(diagnostic))
        if built is None:
            errors = tuple(Message.of(d) for d in out.sorted() if d.severity == "error")
            count = f"{len(errors)} error" + ("s" if len(errors) != 1 else "")
            kept = "the pages are the last good build's" if self.state.pages else "no pages yet"
            summary = f"build failed: {count}; {kept}"
            self.progress.say(f"{self.folder}: {summary}")
            return replace(
                self.state, building=False, errors=errors, summary=summary, seconds=seconds
            )
        pages = self._pages(built)
        summary = f"{built.page_count} pages, {built.report.summary}; {seconds:.1f} s"
        self.progress.say(f"{built.folder}: {summary}")
        return replace(
            self.state,
            building=False,
            summary=summary,
            pages=pages,
            over=len(built.report.overset),
            short=len(built.report.short),
            findings=tuple(Message.of(d) for d in out.sorted()),
            errors=(),
            seconds=seconds,
        )

    def _pages(self, built: BuiltIssue) -> tuple[PreviewPage, ...]:
        issue = built.issue
        outlines = _outlines(built)
        pages = []
        for index, page in enumerate(sorted(issue.spec.pages, key=lambda p: p.number)):
            pdf = f"pages/page-{page.number:02d}.pdf"
            image = page_image(built.folder / pdf, self.images)
            pages.append(
                PreviewPage(
                    page.number,
                    page.section,
                    f"/preview/{image}",
                    f"/build/{pdf}",
                    tuple(outlines.get(index, ())),
                )
            )
        keep_only(self.images, {page.image.rsplit("/", 1)[1] for page in pages})
        return tuple(pages)


def _outlines(built: BuiltIssue) -> dict[int, list[Outline]]:
    """The over and short frames, by page index, where the report's findings point."""
    issue = built.issue
    by_place: dict[Location, str] = {
        issue.source.locate(placed.key): placed.id
        for index, page in enumerate(issue.spec.pages)
        for placed in page_frames(page, index)
    }
    geometry = PageGeometry.of(issue.paper)
    size = (geometry.width * PX_PER_PT, geometry.height * PX_PER_PT)
    found: dict[int, list[Outline]] = {}
    report = built.report
    marks: list[tuple[Kind, FrameOverset | FrameShort, str]] = [
        ("over", item, f"超 {item.chars} 字 / {item.lines} 行") for item in report.overset
    ]
    marks += [("short", item, f"缺 {item.lines} 行") for item in report.short]
    for kind, item, label in marks:
        layout = built.layouts.get(by_place.get(item.location, ""))
        if layout is not None:
            found.setdefault(layout.page_index, []).append(_outline(kind, label, layout, size))
    return found


def _outline(kind: Kind, label: str, layout: FrameLayout, size: tuple[float, float]) -> Outline:
    width, height = size
    return Outline(
        kind,
        label,
        layout.left / width,
        layout.top / height,
        (layout.right - layout.left) / width,
        (layout.bottom - layout.top) / height,
    )
