"""Every character an issue prints must be in the paper's fonts from `fonts/`.

Otherwise Pango silently falls back to whatever font the machine has, and the PDF would
depend on the machine. A character is required in every face of the paper, because the
layout may set any text in any face (a headline word in the body face, and so on).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from fontTools.ttLib import TTFont

from typeset.diagnostics import Diagnostics, Location, find_in_lines
from typeset.fonts.fallback import fallback_subset, find_fallback

if TYPE_CHECKING:
    from typeset.issue.load import Issue


# What the layout sets as space without a glyph. Other Unicode spaces (U+1680, U+2003…)
# are characters like any other: a font must have them, or Pango takes a system font.
LAYOUT_SPACES = " \t\n\r"
MOST_REPORTED = 50  # per file: a text in another script would give thousands of errors


@cache
def font_characters(path: Path) -> frozenset[int]:
    """The code points a font maps to glyphs (read once per process)."""
    with TTFont(path, lazy=True) as font:
        return frozenset(font.getBestCmap())


def check_coverage(issue: Issue, fonts: Path, out: Diagnostics) -> tuple[Path, ...]:
    """Errors for characters no font of the paper has; the paper's fallback fonts cut
    down to the characters they must supply, in the paper's order."""
    faces = {face.file: fonts / face.file for face in issue.paper.fonts}
    missing_files = [name for name, path in faces.items() if not path.is_file()]
    for name in missing_files:
        out.error(_paper_location(issue, name), f"font file fonts/{name} is missing")
    fallbacks = _fallbacks(issue, fonts, out)
    if missing_files or fallbacks is None:
        return ()
    cmaps = {name: font_characters(path) for name, path in faces.items()}
    supplied: dict[Path, set[str]] = {path: set() for path in fallbacks}
    reported: set[tuple[Path, int, str]] = set()
    per_file: Counter[Path] = Counter()
    for location, what, text in _printed_texts(issue):
        lacking_any = {
            char
            for char in set(text) - set(LAYOUT_SPACES)
            if any(ord(char) not in cmap for cmap in cmaps.values())
        }
        for offset, char in enumerate(text):
            if char not in lacking_any or per_file[location.path] >= MOST_REPORTED:
                continue
            fallback = next((p for p in fallbacks if ord(char) in font_characters(p)), None)
            if fallback is not None:
                supplied[fallback].add(char)
                continue
            where = _char_location(location, text, offset)
            if (where.path, where.line, char) in reported:
                continue
            reported.add((where.path, where.line, char))
            per_file[location.path] += 1
            out.error(where, _message(char, what, lacking_names(cmaps, char), issue))
    return tuple(fallback_subset(path, chars) for path, chars in supplied.items() if chars)


def lacking_names(cmaps: dict[str, frozenset[int]], char: str) -> list[str]:
    """The font files that lack `char`."""
    return [name for name, cmap in cmaps.items() if ord(char) not in cmap]


def _fallbacks(issue: Issue, fonts: Path, out: Diagnostics) -> list[Path] | None:
    """The paper's fallback font files, or None when one of them cannot be found."""
    found = []
    for name in issue.paper.fallback_fonts:
        path = find_fallback(name, issue.layout, fonts)
        if path is None:
            out.error(
                _paper_location(issue, name),
                f"fallback font '{name}' is neither in {issue.layout} nor in {fonts}",
            )
            return None
        found.append(path)
    return found


def _paper_location(issue: Issue, name: str) -> Location:
    """Where paper.yaml names the font file `name`."""
    path = issue.layout / "paper.yaml"
    return find_in_lines(path, path.read_text(encoding="utf-8").splitlines(), 1, name)


def _message(char: str, what: str, lacking: list[str], issue: Issue) -> str:
    return (
        f"character '{char}' (U+{ord(char):04X}) in {what} is not in the font(s) "
        f"{', '.join(lacking)}, nor in a fallback font of the paper; for a rare character "
        f"(生僻字) put a font file that has it in {issue.layout} or fonts/ and name it under "
        f"'fallback_fonts:' in {issue.layout / 'paper.yaml'}: it is used for the "
        "characters the main fonts lack only, subset when the issue is built (no root, "
        "no `make fonts`)"
    )


def _char_location(location: Location, text: str, offset: int) -> Location:
    """Column of the character when `location` is a line of Markdown holding `text`."""
    if location.column != 0:
        return location
    lines = location.path.read_text(encoding="utf-8-sig").splitlines()
    return find_in_lines(location.path, lines, location.line, text[offset])


def _printed_texts(issue: Issue) -> Iterator[tuple[Location, str, str]]:
    """(where it was written, what it is, the text) for everything the pages show.

    Markdown blocks come with column 0: the column is looked up only for a bad character.
    """
    doc = issue.source
    for name, article in issue.spec.articles.items():
        for field in ("kicker", "headline", "subheadline", "byline"):
            value = getattr(article, field)
            if value:
                yield doc.locate(("articles", name, field)), f"the {field} of '{name}'", value
        for j, photo in enumerate(article.photos):
            for field in ("caption", "credit"):
                value = getattr(photo, field)
                if value:
                    key = ("articles", name, "photos", j, field)
                    yield doc.locate(key), f"a photo {field} of '{name}'", value
        paragraph = 0
        for block in issue.texts[name].blocks if name in issue.texts else ():
            paragraph += block.kind == "paragraph"
            what = f"article '{name}', paragraph {paragraph}"
            if block.kind == "subhead":
                what = f"article '{name}', a subhead after paragraph {paragraph}"
            yield Location(block.path, block.first_line, 0), what, block.text
    for i, page in enumerate(issue.spec.pages):
        for field in ("section", "editor", "proofreader", "designer"):
            value = getattr(page, field)
            if value:
                yield doc.locate(("pages", i, field)), f"the {field} of page {page.number}", value
        for j, ad in enumerate(page.ads):
            for field in ("label", "headline", "text"):
                value = getattr(ad, field)
                if value:
                    key = ("pages", i, "ads", j, field)
                    yield doc.locate(key), f"ad {j + 1} of page {page.number}", value
    masthead_at = doc.locate(("masthead",)) if "masthead" in doc.data else doc.locate(("paper",))
    for value in _masthead_strings(issue):
        yield masthead_at, "the masthead data", value


def _masthead_strings(issue: Issue) -> Iterator[str]:
    masthead = issue.masthead
    for field in ("name", "name_latin", "supervisor", "sponsor", "cn_number", "price", "website"):
        value = getattr(masthead, field)
        if value:
            yield value
    for entry in masthead.credits:
        yield from (s for s in (entry.heading, entry.label, entry.note, entry.value) if s)
        yield from entry.lines
        yield from entry.names
        yield from entry.pairs
