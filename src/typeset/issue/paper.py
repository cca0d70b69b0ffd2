"""The shape of `layouts/<paper>/paper.yaml`: what belongs to the paper, not to one issue."""

from __future__ import annotations

import datetime
from typing import Literal

from pydantic import Field, PositiveFloat, PositiveInt, field_validator, model_validator

from typeset.issue.strict import Strict

MM = 72 / 25.4

# The PDF/X standards a print build writes and preflight checks.
Standard = Literal["PDF/X-4", "PDF/X-1a"]


# The sidebar's blocks that are not credits lines: where each stands is where it is listed.
SidebarBlock = Literal["supervisor", "sponsor", "cn_number", "price", "contents"]


class CreditEntry(Strict):
    """One item of the credits sidebar (版权栏), top to bottom: a `heading`; a `label`
    with a value, lines, names or title/name pairs; or a `block` of the masthead data
    (主管单位, 主办单位, CN number, the 定价 box, the 本期导读 box), its caption
    changed by `label`."""

    heading: str | None = None
    label: str | None = None
    block: SidebarBlock | None = None
    note: str | None = None
    value: str | None = None
    lines: list[str] = Field(default_factory=list)
    names: list[str] = Field(default_factory=list)
    pairs: list[str] = Field(default_factory=list)  # "中国科学院院士 某某": aligned rows
    per_row: PositiveInt = 1

    @model_validator(mode="after")
    def _one_kind(self) -> CreditEntry:
        kinds = (self.heading is not None) + (self.label is not None or self.block is not None)
        if kinds != 1:
            raise ValueError("give exactly one of 'heading', 'label' or 'block'")
        return self

    @model_validator(mode="after")
    def _nothing_ignored(self) -> CreditEntry:
        """A key the sidebar would not print is an error, not a silent loss."""
        given = self.model_fields_set - {"heading", "label", "block"}
        if self.heading is not None:
            allowed = {"note"}
            kind = "a heading"
        elif self.block is not None:
            allowed = set()
            kind = f"block '{self.block}'"
        else:
            allowed = {"note", "value", "lines", "names", "pairs"} | (
                {"per_row"} if self.names else set()
            )
            kind = "a label"
        ignored = sorted(given - allowed)
        if ignored:
            raise ValueError(
                f"{kind} does not print {', '.join(repr(key) for key in ignored)}: "
                + (
                    "'per_row' goes with 'names'"
                    if ignored == ["per_row"]
                    else "put it under a 'label' entry"
                )
            )
        if self.names and self.pairs:
            raise ValueError("give 'names' or 'pairs', not both")
        return self

    @field_validator("pairs")
    @classmethod
    def _title_and_name(cls, pairs: list[str]) -> list[str]:
        for pair in pairs:
            if len(pair.split()) < 2:
                raise ValueError(
                    f"'{pair}': write each pair as title and name with a space between, "
                    "such as '中国科学院院士 某某'"
                )
        return pairs

    @property
    def rows(self) -> list[tuple[str, str]]:
        """The pairs split into (title, name) at their last space."""
        return [tuple(pair.rsplit(maxsplit=1)) for pair in self.pairs]


class Nameplate(Strict):
    """The 报头: the paper's name as text (masthead `name`), or an image of it (SVG or PNG
    in the layout folder); and whether it carries the CN number."""

    image: str | None = None
    cn_number: bool = True


class Masthead(Strict):
    name: str
    name_latin: str | None = None
    supervisor: str
    sponsor: str
    cn_number: str
    price: str
    website: str | None = None
    credits: list[CreditEntry] = Field(default_factory=list)


class MastheadOverride(Strict):
    """What an issue may change of the paper's masthead data (all optional)."""

    name: str | None = None
    name_latin: str | None = None
    supervisor: str | None = None
    sponsor: str | None = None
    cn_number: str | None = None
    price: str | None = None
    website: str | None = None
    credits: list[CreditEntry] | None = None

    def apply(self, masthead: Masthead) -> Masthead:
        return masthead.model_copy(update=self.model_dump(exclude_none=True))


class Trim(Strict):
    width_mm: PositiveFloat
    height_mm: PositiveFloat


class Grid(Strict):
    """Columns measured in body characters, so pure Chinese lines fill a column exactly."""

    columns: PositiveInt
    column_chars: PositiveInt
    gutter_chars: PositiveFloat
    body_size_pt: PositiveFloat
    leading_pt: PositiveFloat
    lines: PositiveInt
    top_margin_mm: PositiveFloat
    column_rules: bool = True

    @property
    def column_width(self) -> float:
        return self.column_chars * self.body_size_pt

    @property
    def gutter(self) -> float:
        return self.gutter_chars * self.body_size_pt

    @property
    def width(self) -> float:
        return self.columns * self.column_width + (self.columns - 1) * self.gutter

    @property
    def height(self) -> float:
        return self.lines * self.leading_pt


class Template(Strict):
    file: str
    header_lines: int = Field(ge=0)
    sidebar: bool = False


class FontFace(Strict):
    family: str
    file: str
    weight: int = 400


class Typography(Strict):
    """The paper's choices in Chinese typesetting (docs/typography.md)."""

    # Half-width , ; : ? ! ( ) " ' typed inside Chinese become full-width, each listed in
    # the build report.
    fullwidth_punctuation: bool = True
    # Full-width letters and digits (１２３, ＡＢＣ) become half-width, each listed too.
    halfwidth_alphanumerics: bool = True
    # Space between Han and Latin letters or digits, in em of the text; 0 for none.
    latin_spacing_em: float = Field(default=0.25, ge=0, le=1)
    # 禁则 level of the composer (compose/opportunities.py): basic, gb (GB/T 15834) or strict.
    kinsoku: Literal["basic", "gb", "strict"] = "gb"
    # First-line indent of body paragraphs, in em; the CSS reads it as var(--indent).
    paragraph_indent_em: float = Field(default=2, ge=0, le=4)
    # The faces body text is composed in: the text family (regular and bold) and the
    # family of emphasis (*…*); Latin and digits are measured in them.
    body_family: str = "XL Song"
    emphasis_family: str = "XL Kai"


class TextStyle(Strict):
    """A text in frames besides the body (captions, the sidebar, ad texts): its face and
    size, and the room its frame keeps inside on either side (border and padding), which
    the CSS reads (var(--text-sidebar-inset)). Composed for the frame's width less that
    room, in em of `size_pt` (compose/texts.py)."""

    family: str
    size_pt: PositiveFloat
    strong_family: str | None = None  # bold runs (the sidebar's labels), when not `family`
    inset_pt: float = Field(0, ge=0)
    justify: bool = False  # lines but the last flush with both edges (else ragged, as
    # centred captions and ads and the sidebar are set)
    lead: str = ""  # printed before the text (the subheadline's ——)


class Texts(Strict):
    caption: TextStyle = TextStyle(family="XL Kai", size_pt=8)
    ad: TextStyle = TextStyle(family="XL Kai", size_pt=11, inset_pt=10)
    sidebar: TextStyle = TextStyle(
        family="XL Song", size_pt=7, strong_family="XL Hei", inset_pt=5.6
    )
    # Balanced like a headline across its frame (text/headline.py), not composed.
    subheadline: TextStyle = TextStyle(family="XL Kai", size_pt=11, lead="——")


class InputChecks(Strict):
    """Which leftovers of text pasted from a PDF are flagged (text/artefacts.py); each is
    a warning, never a change, and a paper whose texts never come from PDFs may turn it
    off."""

    split_paragraphs: bool = True  # a paragraph ending mid-sentence, the next going on
    jump_lines: bool = True  # （下转第9版） typed in the text
    line_breaks: bool = True  # a paragraph's lines broken between Chinese characters
    page_furniture: bool = True  # 第9版 and page-number lines


class HeadlineStyle(Strict):
    size_pt: PositiveFloat
    letter_spacing_pt: float = 0
    lines: PositiveInt = 2  # body lines each line of it takes (its line height)


class Headlines(Strict):
    """The headline face and sizes: the CSS takes them from here, and wrapped headlines
    are balanced by measuring in this face (text/headline.py)."""

    family: str = "XL Hei"
    weight: int = 700
    large: HeadlineStyle = HeadlineStyle(size_pt=36, lines=3)
    medium: HeadlineStyle = HeadlineStyle(size_pt=22)
    small: HeadlineStyle = HeadlineStyle(size_pt=15)
    jump: HeadlineStyle = HeadlineStyle(size_pt=15)  # over a continuation (上接)
    subhead: HeadlineStyle = HeadlineStyle(size_pt=9.5, lines=1)  # `##`, in a column


class Heights(Strict):
    """Body lines each part of an article frame takes besides its headline and text. The
    CSS sets those heights from here (var(--lines-kicker), …) and the copyfit counts
    with them (fit/count.py), so the two never disagree."""

    between_frames: int = Field(1, ge=0)  # parting stacked frames, a hairline in it
    kicker: int = Field(1, ge=0)
    subheadline: int = Field(1, ge=0)
    byline: int = Field(1, ge=0)
    below_head: int = Field(1, ge=0)  # the blank line under the head
    below_photo: int = Field(1, ge=0)  # under each photo
    above_subhead: int = Field(1, ge=0)  # the blank line before a `##` subhead
    jump_line: PositiveInt = 1  # 上接 and 下转


class JumpLines(Strict):
    """The wording of jump lines; `{page}` stands for the page number the build computes."""

    to: str = "（下转第{page}版）"
    from_: str = Field("（上接第{page}版）", alias="from")

    @field_validator("to", "from_")
    @classmethod
    def _one_page_number(cls, wording: str) -> str:
        if wording.count("{page}") != 1 or wording.replace("{page}", "").count("{"):
            raise ValueError("write the page number as '{page}', once, for example 下转第{page}版")
        return wording


class Copyfit(Strict):
    """When a frame's text is reported as short (缺)."""

    short_after_lines: int = Field(2, ge=0)  # more empty lines than this at the foot: short


class ImagePpi(Strict):
    """Effective image resolution on the printed page, in pixels per inch: preflight warns
    below `warn_below` and refuses below `error_below`."""

    warn_below: PositiveFloat = 200
    error_below: PositiveFloat = 120


class OutputCondition(Strict):
    """The characterised printing condition the output intent names (docs/print.md).

    `identifier` is a name from the ICC's registry of characterisation data when the
    profile is that condition's; otherwise "Custom", and `condition` and `info` describe
    the condition the embedded profile was made for, in words a printer can check.
    """

    identifier: str = "Custom"
    condition: str = ""
    info: str = ""
    registry: str = ""  # the registry's address, only with a registered identifier


class Press(Strict):
    """What the printer asks of the print files (docs/print.md)."""

    standard: Standard = "PDF/X-4"
    bleed_mm: float = Field(3, ge=0)
    # Room outside the bleed for crop and registration marks.
    marks_mm: float = Field(10, ge=5)
    # The CMYK output profile in the paper's folder; it becomes the files' output intent.
    profile: str = "newsprint.icc"
    # Photos are resampled to this resolution at their printed size, never up.
    resample_ppi: PositiveInt = 300
    image_ppi: ImagePpi = Field(default_factory=ImagePpi)
    # Black (K 100 %) text and rules overprint; everything else knocks out.
    overprint_black: bool = True
    # Total area coverage (C+M+Y+K) the press takes; 240 % for coldset newsprint.
    max_ink_percent: float = Field(240, gt=0, le=400)
    output_condition: OutputCondition = Field(default_factory=OutputCondition)
    # `{paper}` is the paper's folder name, `{date}` the issue date, `{page}` the page number.
    file_name: str = "{paper}-{date:%Y%m%d}-{page:02d}.pdf"

    @field_validator("file_name")
    @classmethod
    def _names_each_page(cls, pattern: str) -> str:
        if "{page" not in pattern or not pattern.endswith(".pdf"):
            raise ValueError("the file name must contain '{page}' and end in .pdf")
        try:
            pattern.format(paper="paper", date=datetime.date(2000, 1, 1), page=1)
        except (KeyError, IndexError, ValueError) as error:
            raise ValueError(
                f"the file name may use {{paper}}, {{date}} and {{page}} only ({error})"
            ) from None
        return pattern


class Paper(Strict):
    trim: Trim
    grid: Grid
    stylesheet: str = "style.css"
    templates: dict[str, Template]
    fonts: list[FontFace] = Field(min_length=1)
    # Font files (TTF or OTF, in the paper's folder or fonts/) for the characters no face
    # above has, such as a 生僻字 in a name; see fonts/fallback.py.
    fallback_fonts: list[str] = Field(default_factory=list)
    masthead: Masthead
    nameplate: Nameplate = Field(default_factory=Nameplate)
    headlines: Headlines = Field(default_factory=Headlines)
    heights: Heights = Field(default_factory=Heights)
    jump_lines: JumpLines = Field(default_factory=JumpLines)
    copyfit: Copyfit = Field(default_factory=Copyfit)
    typography: Typography = Typography()
    texts: Texts = Field(default_factory=Texts)
    input_checks: InputChecks = Field(default_factory=InputChecks)
    press: Press = Field(default_factory=Press, alias="print")
    # The paper's clock, for the time stamped on proofs: the same whatever the machine's TZ.
    utc_offset_hours: float = Field(default=8, ge=-12, le=14)

    @property
    def time_zone(self) -> datetime.timezone:
        return datetime.timezone(datetime.timedelta(hours=self.utc_offset_hours))

    @property
    def headline_face(self) -> FontFace:
        """The font file headlines are measured in (checked to exist when loaded)."""
        wanted = (self.headlines.family, self.headlines.weight)
        return next(face for face in self.fonts if (face.family, face.weight) == wanted)

    def body_face(self, bold: bool, italic: bool) -> FontFace:
        """The font file a run of body text is set in (checked to exist when loaded)."""
        family = self.typography.emphasis_family if italic else self.typography.body_family
        return self.face(family, bold and not italic)

    def face(self, family: str, bold: bool) -> FontFace:
        """The face of `family` nearest the weight asked for (the family is checked to
        exist when loaded)."""
        weight = 700 if bold else 400
        faces = [face for face in self.fonts if face.family == family]
        return min(faces, key=lambda face: abs(face.weight - weight))

    @model_validator(mode="after")
    def _text_faces_are_fonts(self) -> Paper:
        families = {face.family for face in self.fonts}
        named = [
            ("typography", family)
            for family in (self.typography.body_family, self.typography.emphasis_family)
        ]
        for name in Texts.model_fields:
            style = getattr(self.texts, name)
            named += [(f"texts: {name}", style.family)]
            named += [(f"texts: {name}", style.strong_family)] if style.strong_family else []
        for where, family in named:
            if family not in families:
                raise ValueError(f"{where}: no font '{family}' under fonts:")
        return self

    @model_validator(mode="after")
    def _headline_face_is_a_font(self) -> Paper:
        wanted = (self.headlines.family, self.headlines.weight)
        if all((face.family, face.weight) != wanted for face in self.fonts):
            raise ValueError(
                f"headlines: no font '{self.headlines.family}' of weight "
                f"{self.headlines.weight} under fonts:"
            )
        return self

    @model_validator(mode="after")
    def _latin_name_printed(self) -> Paper:
        if self.nameplate.image is not None and self.masthead.name_latin is not None:
            raise ValueError(
                "masthead: 'name_latin' is not printed when the nameplate is an image "
                "(nameplate: image:): put it in the image, and remove the key"
            )
        return self

    @model_validator(mode="after")
    def _grid_fits_trim(self) -> Paper:
        if self.grid.width > self.trim.width_mm * MM:
            raise ValueError(f"the grid is {self.grid.width / MM:.1f} mm wide, wider than the trim")
        if self.grid.top_margin_mm * MM + self.grid.height > self.trim.height_mm * MM:
            raise ValueError(
                f"top margin and {self.grid.lines} lines run "
                f"{(self.grid.top_margin_mm * MM + self.grid.height) / MM:.1f} mm, "
                "longer than the trim"
            )
        return self
