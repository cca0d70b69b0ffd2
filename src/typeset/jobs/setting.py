"""What a layout pass needs besides the frames' texts: the issue and how it is built.

A `Setting` is plain, picklable data, so that a page can be laid out in another process
(or on another machine) from the setting and the page's frame texts alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from weasyprint.document import Document

from typeset.compose.articles import ComposedArticles
from typeset.fit.copyfit import FrameText
from typeset.issue.load import Issue
from typeset.render.html import render_html
from typeset.render.pdf import lay_out
from typeset.render.view import IssueView, issue_view


@dataclass(frozen=True)
class Setting:
    issue: Issue
    fonts: Path
    # The images' press versions (print), or those made drawable (render/screen_images.py).
    images: dict[Path, Path] = field(default_factory=dict)
    proof_marks: bool = True  # overset marked on the page; off in a final build
    press: bool = False  # print files: bleed, marks, CMYK profile
    stamp: str | None = None  # proofs: 校样, round and time, in the margin
    composed: ComposedArticles = field(default_factory=dict)  # each article's body lines

    @property
    def readable(self) -> list[Path]:
        """The only folders WeasyPrint may read (render/fetcher.py): the issue, its layout,
        the fonts and the folders of the paper's fallback fonts (fonts/fallback.py)."""
        fallbacks = sorted({path.parent for path in self.issue.fallback_fonts})
        return [self.issue.folder, self.issue.layout, self.fonts, *fallbacks]

    @property
    def font_files(self) -> tuple[Path, ...]:
        """The font files the pages are set in: the paper's faces, then its fallbacks."""
        faces = (self.fonts / face.file for face in self.issue.paper.fonts)
        return (*faces, *self.issue.fallback_fonts)

    def view(
        self, texts: dict[str, FrameText], only: set[str] | None = None, page: int | None = None
    ) -> IssueView:
        """The pages holding `texts`; with `only`, bare pages of those frames (measuring);
        with `page`, just that page."""
        view = issue_view(
            self.issue,
            self.fonts,
            texts,
            only=only,
            proof_marks=self.proof_marks,
            press=self.press,
            stamp=self.stamp,
            composed=self.composed,
        )
        return view if page is None else replace(view, printed=(page,))

    def html(self, view: IssueView) -> str:
        return render_html(view, self.issue.layout)

    def lay_out(self, html: str) -> Document:
        typography = self.issue.paper.typography
        return lay_out(
            html, self.issue.layout, self.readable, typography, self.images, self.issue.folder
        )
