"""One page as an independent job: lay it out, cut what runs out of its last frames, write
its PDF. Its input is the page's frame texts as copyfit decided them; nothing in it
depends on another page, so jobs run in any order, in any process."""

from __future__ import annotations

from dataclasses import dataclass, replace

from weasyprint.document import Document

from typeset.fit.copyfit import FrameText, cut_overset
from typeset.fit.frames import FrameLayout, read_frames
from typeset.jobs.setting import Setting
from typeset.render.pdf import pdf_bytes


@dataclass(frozen=True)
class PageJob:
    setting: Setting
    number: int  # the page number
    texts: dict[str, FrameText]  # every article frame by id: a front page lists the others
    html: str  # the page as copyfit left it (computed by whoever makes the job: the cache key)
    title: str  # the PDF's title
    variant: str | None  # a PDF standard such as "PDF/X-4", or None


@dataclass(frozen=True)
class PageResult:
    number: int
    pdf: bytes
    pdf_pages: int  # 1, unless the page's template overflows its page
    layouts: dict[str, FrameLayout]  # every frame of the page as laid out; page_index 0
    texts: dict[str, FrameText]  # the page's frame texts, cut where they ran over
    passes: int  # WeasyPrint layout passes made (2 when text was cut)


def page_job(
    setting: Setting, number: int, texts: dict[str, FrameText], title: str, variant: str | None
) -> PageJob:
    """The job for page `number`."""
    html = setting.html(setting.view(texts, page=number))
    return PageJob(setting, number, texts, html, title, variant)


def run_page_job(job: PageJob) -> PageResult:
    """The page laid out and written; text running out of an article's last frame is cut
    after its last full line and the page set again (the PDF holds only the kept text)."""
    setting = job.setting
    document, layouts = _laid_out(setting, job.html, job.texts)
    own = {key: text for key, text in job.texts.items() if text.link.page == job.number}
    last_frames = {key: text for key, text in own.items() if text.jump_to is None}
    leading = setting.issue.paper.grid.leading_pt
    cut = cut_overset(last_frames, layouts, setting.issue.texts, leading)
    passes = 1
    if cut:
        own, passes = {**own, **cut}, 2
        html = setting.html(setting.view({**job.texts, **cut}, page=job.number))
        document, layouts = _laid_out(setting, html, own)
    pdf = pdf_bytes(document, job.title, job.variant)
    return PageResult(job.number, pdf, len(document.pages), layouts, own, passes)


def _laid_out(
    setting: Setting, html: str, texts: dict[str, FrameText]
) -> tuple[Document, dict[str, FrameLayout]]:
    document = setting.lay_out(html)
    columns = {key: text.link.frame.span for key, text in texts.items()}
    return document, read_frames(document.pages, columns)


def on_issue_page(layouts: dict[str, FrameLayout], index: int) -> dict[str, FrameLayout]:
    """A page's frame layouts numbered as the `index`-th page of the issue."""
    return {key: replace(layout, page_index=index) for key, layout in layouts.items()}
