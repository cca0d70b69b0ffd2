"""What the templates see: the issue's data with every frame turned into a box.

Templates hold the look; this module holds the arithmetic, so a template never computes
a position and a new paper needs no new code.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from typeset.compose.articles import ComposedArticles
from typeset.compose.lines import ComposedBlock, ComposedLine, Composer
from typeset.compose.texts import one_line, text_block, text_composer
from typeset.fit.copyfit import FrameText
from typeset.fit.pieces import Piece
from typeset.fonts.metrics import text_width
from typeset.issue.checks import page_frames
from typeset.issue.load import Issue
from typeset.issue.model import Ad, Article, IssueSpec, Page, Photo
from typeset.issue.paper import HeadlineStyle, Masthead, Paper, Template
from typeset.issue.yaml_source import PathKey
from typeset.render.dateline import Dateline, dateline
from typeset.render.fetcher import issue_file_url
from typeset.render.geometry import Box, PageGeometry
from typeset.text.blocks import Block, Run
from typeset.text.headline import balanced_lines


@dataclass(frozen=True)
class LineView:
    """A composed line as the layout places it: its text, the advance after each of its
    characters (em, space-separated, for render/justify.py), justified or not."""

    block: Block
    extra: str
    justified: bool
    first: bool  # the paragraph's first line: indented
    hang: float  # em its last mark sets past the column's edge


def line_views(
    composed: ComposedBlock, lines: tuple[ComposedLine, ...] | None = None
) -> tuple[LineView, ...]:
    """The composed block's lines (or those of them given), as the templates place them."""
    return tuple(
        LineView(
            composed.block.slice(line.start, line.end),
            " ".join(f"{extra:.4g}" for extra in line.extra),
            line.justified,
            line.start == 0,
            line.hang,
        )
        for line in (composed.lines if lines is None else lines)
    )


TEXTS = ("caption", "ad", "sidebar", "subheadline")  # the paper's `texts:`, for the CSS


@dataclass(frozen=True)
class PhotoView:
    photo: Photo
    url: str
    width: float
    caption: tuple[LineView, ...]  # caption and credit, composed for the photo's width


@dataclass(frozen=True)
class ArticleView:
    """One frame of an article: where it starts (head, photos) or a continuation (jump
    headline, 上接 line). `key` names the frame in the HTML for the copyfit stage."""

    key: str
    name: str
    article: Article
    text: FrameText
    box: Box
    wide_photos: tuple[PhotoView, ...]
    column_photos: tuple[PhotoView, ...]
    jump_to: str | None  # the jump line at the end of the text, worded by the paper
    jump_from: str | None
    headline_lines: tuple[str, ...]  # the headline (or jump headline), balanced
    subheadline_lines: tuple[str, ...]  # its lead (——) and the subheadline, balanced
    piece_lines: tuple[tuple[LineView, ...], ...] = ()  # per piece; () where not composed

    @property
    def starts(self) -> bool:
        return self.text.part == 0


@dataclass(frozen=True)
class AdView:
    key: str
    ad: Ad
    box: Box
    image_url: str | None
    text: tuple[LineView, ...]  # composed for the ad's width


@dataclass(frozen=True)
class SidebarText:
    """Composes an entry of the credits sidebar for its measure, called by the template
    with the parts it words: a label (bold), a note kept on one line, a value; an
    indented entry (本期导读's headlines) is set one em in."""

    composer: Composer
    indented: Composer

    def __call__(
        self, value: str = "", label: str = "", note: str = "", indent: bool = False
    ) -> tuple[LineView, ...]:
        block = text_block(Run(label, bold=True), Run(note, nobreak=True), Run(value))
        return line_views((self.indented if indent else self.composer).block(block))


@dataclass(frozen=True)
class OneLine:
    """Sets a line that is never broken (folio, date line, jump line) with the paper's
    spacing, for the templates: the same Han–Latin space as in composed text."""

    paper: Paper
    fonts_dir: Path

    def __call__(self, text: str) -> LineView:
        return line_views(one_line(self.paper, self.fonts_dir, text))[0]


@dataclass(frozen=True)
class ContentsGroup:
    """One page's lines in the 本期导读 box: 第N版 and its section, then headlines."""

    number: int
    section: str
    headlines: tuple[str, ...]


@dataclass(frozen=True)
class PageView:
    """A page; a `bare` one holds only the frames being measured, without its template."""

    page: Page
    bare: bool
    template: Template
    sidebar: Box | None
    articles: tuple[ArticleView, ...]
    ads: tuple[AdView, ...]
    contents: tuple[ContentsGroup, ...] = ()  # the 本期导读 box, on a page with a sidebar
    sidebar_text: SidebarText | None = None  # composes its entries, on a page with one


@dataclass(frozen=True)
class FontView:
    family: str
    url: str
    weight: int


@dataclass(frozen=True)
class PressView:
    """What a print file adds around the trim: bleed, the marks' room, the CMYK profile."""

    bleed_mm: float
    marks_mm: float
    profile_url: str
    standard: str


@dataclass(frozen=True)
class NameplateView:
    """The 报头 as the paper defines it: an image of the name, or the name as text."""

    image_url: str | None
    cn_number: bool


@dataclass(frozen=True)
class IssueView:
    spec: IssueSpec
    masthead: Masthead
    dateline: Dateline
    geometry: PageGeometry
    fonts: tuple[FontView, ...]
    fallback_fonts: tuple[FontView, ...]  # last in every font stack: rare characters only
    stylesheet_url: str
    pages: tuple[PageView, ...]
    proof_marks: bool  # overset marked on the page; off in a final build
    headlines: tuple[tuple[str, HeadlineStyle], ...]  # by name: large, medium, small, jump
    heights: tuple[tuple[str, int], ...]  # body lines of the parts of a frame, by name
    texts: tuple[tuple[str, float, float], ...]  # (name, size, inset) of texts: in frames
    one_line: Callable[[str], LineView]  # a folio, date or jump line, spaced by the paper
    nameplate: NameplateView
    paragraph_indent_em: float = 2.0
    press: PressView | None = None  # print files only
    stamp: str | None = None  # proofs only: 校样, round and time, in the margin
    # The pages this document lays out, when not all: a page job's. The others stay in
    # `pages` for what a page says about the issue (page count, contents).
    printed: tuple[int, ...] | None = None


@dataclass(frozen=True)
class _Frames:
    """What the frames hold, and which to show: all of them, or only those measured."""

    texts: dict[str, FrameText]
    only: set[str] | None
    fonts_dir: Path  # where the headline face is read from, for balancing
    composed: ComposedArticles

    def shown(self, key: str) -> bool:
        return self.only is None or key in self.only


def issue_view(
    issue: Issue,
    fonts_dir: Path,
    texts: dict[str, FrameText],
    *,
    only: set[str] | None = None,
    proof_marks: bool = True,
    press: bool = False,
    stamp: str | None = None,
    composed: ComposedArticles | None = None,
) -> IssueView:
    """The issue's pages with the frame texts the copyfit stage chose; with `only`, bare
    pages holding just those frames, for measuring."""
    geometry = PageGeometry.of(issue.paper)
    frames = _Frames(texts, only, fonts_dir, composed or {})
    fonts_dir_url = fonts_dir.resolve().as_uri()
    in_file_order = enumerate(issue.spec.pages)
    pages = tuple(
        _page_view(issue, geometry, page, index, frames)
        for index, page in sorted(in_file_order, key=_page_number)
        if only is None or any(frames.shown(p.id) for p in page_frames(page, index))
    )
    return IssueView(
        spec=issue.spec,
        masthead=issue.masthead,
        dateline=dateline(issue.spec.date),
        geometry=geometry,
        fonts=tuple(
            FontView(face.family, f"{fonts_dir_url}/{face.file}", face.weight)
            for face in issue.paper.fonts
        ),
        fallback_fonts=tuple(
            FontView(f"XL Fallback {n}", path.resolve().as_uri(), 400)
            for n, path in enumerate(issue.fallback_fonts, start=1)
        ),
        stylesheet_url=(issue.layout / issue.paper.stylesheet).resolve().as_uri(),
        pages=pages,
        proof_marks=proof_marks,
        headlines=tuple(
            (name, getattr(issue.paper.headlines, name))
            for name in ("large", "medium", "small", "jump", "subhead")
        ),
        heights=tuple(issue.paper.heights.model_dump().items()),
        texts=tuple(
            (name, style.size_pt, style.inset_pt)
            for name, style in ((name, getattr(issue.paper.texts, name)) for name in TEXTS)
        ),
        one_line=OneLine(issue.paper, fonts_dir),
        nameplate=_nameplate_view(issue),
        paragraph_indent_em=issue.paper.typography.paragraph_indent_em,
        press=_press_view(issue) if press else None,
        stamp=stamp,
    )


def _nameplate_view(issue: Issue) -> NameplateView:
    nameplate = issue.paper.nameplate
    image = (issue.layout / nameplate.image).resolve().as_uri() if nameplate.image else None
    return NameplateView(image, nameplate.cn_number)


def _press_view(issue: Issue) -> PressView:
    press = issue.paper.press
    profile = (issue.layout / press.profile).resolve().as_uri()
    return PressView(press.bleed_mm, press.marks_mm, profile, press.standard)


def _page_number(indexed: tuple[int, Page]) -> int:
    return indexed[1].number


def _page_view(
    issue: Issue, geometry: PageGeometry, page: Page, index: int, frames: _Frames
) -> PageView:
    """`index` is the page's place in issue.yaml, which names its files and frames."""
    template = issue.paper.templates[page.template]
    ids = {placed.key: placed.id for placed in page_frames(page, index)}
    at = ("pages", index)
    sidebar = geometry.box(page.sidebar, template) if page.sidebar else None
    return PageView(
        page=page,
        bare=frames.only is not None,
        template=template,
        sidebar=sidebar,
        contents=_contents(issue, page) if page.sidebar else (),
        sidebar_text=_sidebar_text(issue, frames.fonts_dir, sidebar) if sidebar else None,
        articles=tuple(
            _article_view(
                issue,
                geometry,
                frames,
                frames.texts[placed.id],
                geometry.box(placed.frame, template),
            )
            for placed in page_frames(page, index)
            if placed.id in frames.texts and frames.shown(placed.id)
        ),
        ads=tuple(
            _ad_view(
                issue,
                frames.fonts_dir,
                ids[(*at, "ads", j, "frame")],
                ad,
                geometry.box(ad.frame, template),
                _file_url(issue, (*at, "ads", j, "image")),
            )
            for j, ad in enumerate(page.ads)
            if frames.only is None
        ),
    )


def _ad_view(
    issue: Issue, fonts_dir: Path, key: str, ad: Ad, box: Box, image_url: str | None
) -> AdView:
    """The ad, its text composed for the ad's width less its border and padding."""
    lines: tuple[LineView, ...] = ()
    if ad.text:
        composer = text_composer(issue.paper, fonts_dir, issue.paper.texts.ad, box.width)
        lines = line_views(composer.block(text_block(Run(ad.text), source=issue.source.path)))
    return AdView(key, ad, box, image_url, lines)


def _sidebar_text(issue: Issue, fonts_dir: Path, box: Box) -> SidebarText:
    style = issue.paper.texts.sidebar
    return SidebarText(
        text_composer(issue.paper, fonts_dir, style, box.width),
        text_composer(issue.paper, fonts_dir, style, box.width, indent_em=1.0),
    )


def _contents(issue: Issue, page: Page) -> tuple[ContentsGroup, ...]:
    """The other pages' headlines, in page order: those the page's `contents` chooses, or,
    without it, every article that starts there (a page with none chosen is left out)."""
    articles = issue.spec.articles
    here = {articles[p.article].headline for p in page.articles}
    groups = []
    for other in sorted(issue.spec.pages, key=lambda p: p.number):
        if other.number == page.number:
            continue
        names = [p.article for p in other.articles]
        if page.contents is not None:
            names = [name for name in names if name in page.contents]
            if not names:
                continue
        headlines = (articles[name].headline for name in names)
        groups.append(
            ContentsGroup(other.number, other.section, tuple(h for h in headlines if h not in here))
        )
    return tuple(groups)


def _article_view(
    issue: Issue, geometry: PageGeometry, frames: _Frames, text: FrameText, box: Box
) -> ArticleView:
    name = text.article
    article = issue.spec.articles[name]
    photos = (
        []
        if text.part
        else [
            PhotoView(
                photo,
                _file_url(issue, ("articles", name, "photos", j, "image")) or "",
                geometry.span_width(photo.span),
                _caption(issue, frames.fonts_dir, photo, geometry.span_width(photo.span)),
            )
            for j, photo in enumerate(article.photos)
        ]
    )
    wording = issue.paper.jump_lines
    return ArticleView(
        key=text.link.frame_id,
        name=name,
        article=article,
        text=text,
        box=box,
        wide_photos=tuple(p for p in photos if p.photo.span > 1),
        column_photos=tuple(p for p in photos if p.photo.span == 1),
        jump_to=_worded(wording.to, text.jump_to),
        jump_from=_worded(wording.from_, text.jump_from),
        headline_lines=_headline_lines(issue, frames.fonts_dir, text, box.width),
        subheadline_lines=_subheadline_lines(issue, frames.fonts_dir, article, box.width),
        piece_lines=tuple(
            _piece_lines(frames.composed.get(name), piece)
            or _subhead_lines(issue, frames.fonts_dir, piece)
            for piece in text.pieces
        ),
    )


def _caption(issue: Issue, fonts_dir: Path, photo: Photo, width: float) -> tuple[LineView, ...]:
    """The caption and its credit (an ideographic space before it, the credit never
    broken), composed for the photo's width."""
    credit = (Run("\u3000"), Run(photo.credit, nobreak=True)) if photo.credit else ()
    block = text_block(Run(photo.caption), *credit, source=issue.source.path)
    composer = text_composer(issue.paper, fonts_dir, issue.paper.texts.caption, width)
    return line_views(composer.block(block))


def subhead_lines(issue: Issue, fonts_dir: Path, text: str) -> tuple[str, ...]:
    """A subhead in balanced lines as wide as a column at most (text/headline.py), so
    none leaves one character alone; fit/count.py counts them."""
    style = issue.paper.headlines.subhead
    path = fonts_dir / issue.paper.headline_face.file
    width = issue.paper.grid.column_width
    return _balanced(issue, text, path, style.size_pt, style.letter_spacing_pt, width)


def _balanced(
    issue: Issue, text: str, path: Path, size: float, letter_spacing: float, width: float
) -> tuple[str, ...]:
    """`text` in balanced lines no wider than `width` (text/headline.py), measured in the
    face at `path` with the paper's Han–Latin spacing."""
    spacing = issue.paper.typography.latin_spacing_em

    def width_of(line: str) -> float:
        return text_width(path, line, size, letter_spacing, spacing)

    return balanced_lines(text, width_of, width, issue.paper.typography.kinsoku)


def _subhead_lines(issue: Issue, fonts_dir: Path, piece: Piece) -> tuple[LineView, ...]:
    """A subhead's balanced lines, each a slice of its block (styles kept)."""
    if piece.block.kind != "subhead":
        return ()
    text, at, found = piece.block.text, 0, []
    for line in subhead_lines(issue, fonts_dir, text):
        start = text.index(line, at)
        at = start + len(line)
        found.append(LineView(piece.block.slice(start, at), "", False, False, 0.0))
    return tuple(found)


def _piece_lines(
    composed: tuple[ComposedBlock | None, ...] | None, piece: Piece
) -> tuple[LineView, ...]:
    """The composed lines of a frame's piece of a paragraph (none for a subhead)."""
    block = composed[piece.index] if composed else None
    if block is None:
        return ()
    return line_views(block, block.between(piece.start, piece.start + len(piece.block.text)))


def _headline_lines(
    issue: Issue, fonts_dir: Path, text: FrameText, width: float
) -> tuple[str, ...]:
    """The headline over this frame, in balanced lines as wide as the frame at most."""
    article, headlines = issue.spec.articles[text.article], issue.paper.headlines
    headline = (article.jump_headline or article.headline) if text.part else article.headline
    style = headlines.jump if text.part else getattr(headlines, article.headline_size)
    path = fonts_dir / issue.paper.headline_face.file
    return _balanced(issue, headline, path, style.size_pt, style.letter_spacing_pt, width)


def _subheadline_lines(
    issue: Issue, fonts_dir: Path, article: Article, width: float
) -> tuple[str, ...]:
    """The subheadline (副题) after its lead (——), in balanced lines as wide as the frame
    at most, so none leaves one character alone; fit/count.py counts them."""
    if not article.subheadline:
        return ()
    style = issue.paper.texts.subheadline
    path = fonts_dir / issue.paper.face(style.family, False).file
    return _balanced(issue, style.lead + article.subheadline, path, style.size_pt, 0, width)


def _worded(wording: str, page: int | None) -> str | None:
    return None if page is None else wording.replace("{page}", str(page))


def _file_url(issue: Issue, key: PathKey) -> str | None:
    path = issue.files.get(key)
    return issue_file_url(issue.folder, path) if path else None
