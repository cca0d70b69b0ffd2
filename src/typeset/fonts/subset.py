"""Regenerate the subsetted CJK fonts in ``fonts/`` from the Debian-installed source fonts.

The full Noto CJK and LXGW WenKai fonts are 15-27 MB each; embedding only the characters a
newspaper can use keeps the repository small and PDF generation fast. Run it as
``python -m typeset.fonts.subset`` (``make fonts``). Set ``TYPESET_FONT_SOURCES`` to a folder
holding the source files to use fonts from somewhere other than the Debian install paths.
"""

from __future__ import annotations

import contextlib
import io
import os
import sys
import time
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTCollection, TTFont

SOURCES_ENV = "TYPESET_FONT_SOURCES"
NOTO_DIR = Path("/usr/share/fonts/opentype/noto")
WENKAI_DIR = Path("/usr/share/fonts/truetype/lxgw-wenkai")

ROOT = Path(__file__).resolve().parents[3]
FONTS_DIR = ROOT / "fonts"
TEXT_DIRS = ("issues", "layouts")
TEXT_SUFFIXES = frozenset({".yaml", ".md", ".j2", ".html", ".css"})

# General punctuation used in Chinese text: curly double and single quotes, ellipsis, em and
# en dash, middle dot, bullet, and the marks ●■□◆○★. Escaped because several look like ASCII.
# GB 2312 decodes A1A4 to U+30FB (not the U+00B7 middle dot) and A1AA to U+2015 (not the U+2014
# em dash), so these must be listed even though GB 2312 seems to contain them.
PUNCTUATION = (
    "\u201c\u201d\u2018\u2019\u2026\u2014\u2013\u00b7\u2022\u25cf\u25a0\u25a1\u25c6\u25cb\u2605"
)


@dataclass(frozen=True)
class Face:
    """One subset to build: where its source comes from and which member of a collection."""

    output: str
    source: str
    default_dir: Path
    package: str
    family: str | None = None
    rename: str | None = None  # new family name where the licence reserves the source's
    widen_quotes: bool = False  # give “ ” ‘ ’ a full em, as Chinese text sets them


FACES = (
    Face(
        output="NotoSerifSC-Regular.subset.otf",
        source="NotoSerifCJK-Regular.ttc",
        default_dir=NOTO_DIR,
        package="fonts-noto-cjk",
        family="Noto Serif CJK SC",
    ),
    Face(
        output="NotoSerifSC-Bold.subset.otf",
        source="NotoSerifCJK-Bold.ttc",
        default_dir=NOTO_DIR,
        package="fonts-noto-cjk",
        family="Noto Serif CJK SC",
    ),
    Face(
        output="NotoSansSC-Bold.subset.otf",
        source="NotoSansCJK-Bold.ttc",
        default_dir=NOTO_DIR,
        package="fonts-noto-cjk",
        family="Noto Sans CJK SC",
    ),
    Face(
        output="TypesetKai-Regular.subset.ttf",
        source="LXGWWenKai-Regular.ttf",
        default_dir=WENKAI_DIR,
        package="fonts-lxgw-wenkai",
        # Debian's copyright file lists "LXGW" and "霞鹜" as Reserved Font Names, which the
        # OFL forbids on a modified font; a subset is modified.
        rename="Typeset Kai",
        # WenKai's quotation marks are proportional and it has no `fwid` feature to ask
        # for full-width ones; the Noto faces' are full-width already.
        widen_quotes=True,
    ),
)

OPENING_QUOTES, CLOSING_QUOTES = "“‘", "”’"


class SubsetError(Exception):
    """A problem the user can fix; reported as one sentence instead of a traceback."""


def gb2312_chars() -> set[str]:
    """Decode every two-byte GB 2312 code so the set comes from the codec, not a typed table."""
    chars = set()
    for lead in range(0xA1, 0xF8):
        for trail in range(0xA1, 0xFF):
            with contextlib.suppress(UnicodeDecodeError):  # unassigned cell of the 94x94 grid
                chars.add(bytes((lead, trail)).decode("gb2312"))
    return chars


def char_range(first: int, last: int) -> set[str]:
    """Characters of a whole block, so every form of a punctuation family is kept."""
    return {chr(code) for code in range(first, last + 1)}


def extra_chars(path: Path) -> set[str]:
    """Hand-picked characters outside GB 2312 that the paper needs (see the file's header)."""
    if not path.is_file():
        raise SubsetError(f"{path} is missing; the subsetter must run from a source checkout.")
    lines = path.read_text(encoding="utf-8").splitlines()
    return {
        c for line in lines if not line.lstrip().startswith("#") for c in line if not c.isspace()
    }


def text_files(root: Path) -> list[Path]:
    """Issue and layout sources, sorted so the scan does not depend on directory order."""
    found = (path for name in TEXT_DIRS for path in (root / name).rglob("*"))
    return sorted(p for p in found if p.suffix in TEXT_SUFFIXES and p.is_file())


def document_chars(root: Path) -> set[str]:
    """Every character already used in issues and layouts, so nothing in them renders as tofu."""
    chars: set[str] = set()
    for path in text_files(root):
        try:
            chars |= set(path.read_text(encoding="utf-8"))
        except UnicodeDecodeError as exc:
            raise SubsetError(f"{path} is not valid UTF-8 ({exc.reason}).") from exc
    return {c for c in chars if unicodedata.category(c) != "Cc"}


def requested_chars(root: Path) -> set[str]:
    """Collect the character set every subset must cover (documented in fonts/README.md)."""
    return (
        gb2312_chars()
        | char_range(0x20, 0x7E)
        | char_range(0x3000, 0x303F)
        | char_range(0xFF01, 0xFF5E)
        | set(PUNCTUATION)
        | extra_chars(root / "fonts" / "extra-chars.txt")
        | document_chars(root)
    )


def source_path(face: Face) -> Path:
    """Locate the source font, honouring TYPESET_FONT_SOURCES before the Debian location."""
    folder = Path(os.environ.get(SOURCES_ENV) or face.default_dir)
    path = folder / face.source
    if not path.is_file():
        raise SubsetError(
            f"{face.source} not found in {folder}: install the Debian package {face.package}"
            f" (apt-get install {face.package}) or set {SOURCES_ENV} to a folder holding it."
        )
    return path


def member_index(path: Path, family: str | None) -> int:
    """Pick the collection member by family name; TTC member order differs between releases."""
    with path.open("rb") as stream:
        if stream.read(4) != b"ttcf":
            return -1
    with TTCollection(path, lazy=True) as collection:
        for index, font in enumerate(collection.fonts):
            if font["name"].getBestFamilyName() == family:
                return index
    raise SubsetError(f"{path} has no member with the family name {family!r}.")


def subset_options(font_number: int) -> subset.Options:
    """Options for print PDF: all layout features and names kept, hinting dropped."""
    options = subset.Options()
    options.font_number = font_number
    options.layout_features = ["*"]  # halt/palt/chws/vert/fwid/locl... are needed for CJK
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.name_legacy = True
    options.hinting = False  # PDF renderers do not use hints; dropping them saves space
    options.glyph_names = False
    options.notdef_outline = True  # a visible box in proofs if a glyph is ever missing
    options.recalc_timestamp = False  # keep head.modified from the source: reproducible bytes
    return options


def missing_count(font: TTFont, chars: Iterable[str]) -> int:
    """How many requested characters the source font cannot supply (they fall back in print)."""
    cmap = font.getBestCmap()
    return sum(1 for c in chars if ord(c) not in cmap)


def rename_family(font: TTFont, family: str) -> None:
    """Replace every family, full and PostScript name; copyright and licence records stay."""
    postscript = family.replace(" ", "") + "-Regular"
    names = {1: family, 4: f"{family} Regular", 6: postscript, 16: family, 3: postscript}
    for record in font["name"].names:
        if record.nameID in names:
            record.string = names[record.nameID]


def widen_quotes(font: TTFont) -> None:
    """Each quotation mark a full em wide, its ink against the text it encloses: an
    opening mark in the right of its em, a closing mark in the left (clreq 3.1.6)."""
    em = font["head"].unitsPerEm
    cmap, glyphs, metrics = font.getBestCmap(), font["glyf"], font["hmtx"]
    for char in OPENING_QUOTES + CLOSING_QUOTES:
        name = cmap.get(ord(char))
        if name is None:
            continue
        glyph = glyphs[name]
        if glyph.isComposite():
            raise SubsetError(f"{char!r} is a composite glyph; widen_quotes handles outlines only")
        advance, _ = metrics[name]
        glyph.coordinates.translate((em - advance if char in OPENING_QUOTES else 0, 0))
        glyph.recalcBounds(glyphs)
        metrics[name] = (em, glyph.xMin)


def is_cid_keyed(font: TTFont) -> bool:
    """A CFF font whose glyphs are named by CID (Noto CJK), not by PostScript name."""
    return "CFF " in font and hasattr(font["CFF "].cff.topDictIndex[0], "ROS")


def identity_cids(data: bytes) -> bytes:
    """Renumber a subset's CIDs so that each glyph's CID is its glyph index.

    Subsetting keeps the source CIDs (中 stays CID 9564 at glyph 1080). WeasyPrint writes
    glyph indices into the PDF as CIDs, which PDFium and Poppler take for glyph indices;
    Ghostscript and MuPDF, as the PDF specification says, look the CID up in the font's
    charset, find another glyph or none, and draw boxes or blanks. With CID = glyph index
    every reading is the same. fontTools has no glyph renaming, so the font is read again
    under the new names: every table but CFF decodes glyph indices into the order set here,
    and the CFF charset is replaced to match it.
    """
    font = TTFont(io.BytesIO(data))
    count = len(font.getGlyphOrder())
    font.close()
    font = TTFont(io.BytesIO(data), recalcTimestamp=False)  # head.modified stays the source's
    order = [".notdef"] + [f"cid{index:05d}" for index in range(1, count)]
    font.setGlyphOrder(order)
    font.ensureDecompiled()  # every table decoded under the new names before the charset changes
    top = font["CFF "].cff.topDictIndex[0]
    if not top.CharStrings.charStringsAreIndexed:
        raise SubsetError("a CID-keyed CFF font without indexed charstrings is not supported")
    top.CharStrings.charStrings = {name: index for index, name in enumerate(order)}
    top.charset = order
    output = io.BytesIO()
    font.save(output)
    return output.getvalue()


def write_atomically(font: TTFont, target: Path, options: subset.Options) -> None:
    """Save via a temporary file so an interrupted run never leaves a truncated font behind."""
    partial = target.with_name(target.name + ".part")
    try:
        buffer = io.BytesIO()
        subset.save_font(font, buffer, options)
        data = buffer.getvalue()
        partial.write_bytes(identity_cids(data) if is_cid_keyed(font) else data)
        partial.replace(target)
    finally:
        partial.unlink(missing_ok=True)


def build(face: Face, source: Path, chars: set[str], out_dir: Path) -> str:
    """Subset one face and describe the result in a single report line."""
    options = subset_options(member_index(source, face.family))
    with subset.load_font(str(source), options, dontLoadGlyphNames=True) as font:
        missing = missing_count(font, chars)
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=sorted(ord(c) for c in chars))
        subsetter.subset(font)
        if face.rename:
            rename_family(font, face.rename)
        if face.widen_quotes:
            widen_quotes(font)
        write_atomically(font, out_dir / face.output, options)
        glyphs = len(font.getGlyphOrder())
    size_kb = (out_dir / face.output).stat().st_size / 1024
    return f"{face.output}: {glyphs} glyphs, {size_kb:,.0f} KB, {missing} requested chars missing"


def main() -> int:
    """Build all subsets; user-fixable problems become one sentence and exit status 1."""
    started = time.monotonic()
    try:
        sources = [source_path(face) for face in FACES]  # fail before writing anything
        chars = requested_chars(ROOT)
        for face, source in zip(FACES, sources, strict=True):
            print(build(face, source, chars, FONTS_DIR), flush=True)
    except SubsetError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    total_mb = sum((FONTS_DIR / face.output).stat().st_size for face in FACES) / 2**20
    elapsed = time.monotonic() - started
    print(f"{len(chars)} chars requested, {total_mb:.1f} MB in total, {elapsed:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
