"""The build report: `report.txt` for layout staff, `report.json` for tools."""

from __future__ import annotations

import json
from dataclasses import dataclass, fields

from typeset.compose.articles import LooseLine
from typeset.diagnostics import Location, Note
from typeset.fit.fill import ArticleFill
from typeset.proof.note_sources import LocatedNote
from typeset.text.artefacts import Artefact
from typeset.text.punctuation import PunctuationFix


@dataclass(frozen=True)
class FrameSize:
    """A frame's height as issue.yaml gives it (`lines`: body lines of the grid), and the
    change the copyfit asks of it: more lines (超) or fewer (缺)."""

    lines: int
    change: int
    at_least: bool = False  # a frame too small for its head and photos: its text was lost

    def __str__(self) -> str:
        at_least = "at least " if self.at_least else ""
        return f"lines: {self.lines} → {at_least}{self.lines + self.change}"


@dataclass(frozen=True)
class FrameOverset:
    """An overset frame as people name it: page, frame, where it is defined, how much,
    and where and what the text that does not fit is."""

    page: int
    name: str
    location: Location
    chars: int
    lines: int  # column lines run out, as the proof marks them (2 columns: twice the frame's)
    frame: FrameSize  # the frame's lines and how many it needs added for everything to fit
    cut_at: Location | None = None  # where the text that does not fit starts in its file
    text: str = ""  # the text that does not fit, paragraphs on lines of their own

    def __str__(self) -> str:
        return f"第{self.page}版 {self.name}: 超 {self.chars} 字 / {self.lines} 行"

    @property
    def remedy(self) -> str:
        """What to change, in the units the editor types: lines in issue.yaml, characters
        in the article."""
        more = self.frame.change
        at_least = "at least " if self.frame.at_least else ""
        return (
            f"the frame needs {at_least}{more} more line{_plural(more)} ({self.frame}) "
            f"or cut about {self.chars} characters"
        )

    @property
    def notes(self) -> tuple[Note, ...]:
        """The place where the text that does not fit starts, with its first words."""
        if self.cut_at is None:
            return ()
        return (Note(self.cut_at, f"the text that does not fit starts here: {self.first_words}"),)

    @property
    def first_words(self) -> str:
        """The start of the text that does not fit, as far as its paragraph goes."""
        words = self.text.split("\n", 1)[0]
        more = len(words) > FIRST_WORDS or len(self.text) > len(words)
        return words[:FIRST_WORDS] + ("…" if more else "")


FIRST_WORDS = 20  # characters of the text that does not fit quoted in the warning


@dataclass(frozen=True)
class FrameShort:
    """A frame left with empty lines at its foot (缺)."""

    page: int
    name: str
    location: Location
    lines: int  # column lines left empty, in all the frame's columns
    chars: int  # about: the empty lines at the body's characters per line
    frame: FrameSize  # the frame's lines and (negative) how many it may lose

    def __str__(self) -> str:
        return f"第{self.page}版 {self.name}: 缺 {self.lines} 行（约 {self.chars} 字）"

    @property
    def remedy(self) -> str:
        fewer = -self.frame.change
        empty = f"{self.lines} empty line{_plural(self.lines)}: add about {self.chars} characters"
        if not fewer:  # fewer empty lines than the frame has columns
            return empty
        return f"{empty} or shrink the frame by {fewer} line{_plural(fewer)} ({self.frame})"


def _plural(count: int) -> str:
    return "" if count == 1 else "s"


@dataclass(frozen=True)
class Report:
    """Everything the copyfit stage found about one build."""

    title: str
    sections: list[str]
    fills: list[ArticleFill]
    overset: list[FrameOverset]
    short: list[FrameShort]
    forced: bool  # a final build the operator forced through despite overset text
    punctuation: tuple[PunctuationFix, ...]  # characters the build put in the paper's forms
    artefacts: tuple[Artefact, ...] = ()  # leftovers of text pasted from a PDF
    loose: tuple[LooseLine, ...] = ()  # lines looser than clreq allows, no better breaks
    notes: tuple[LocatedNote, ...] = ()  # proofreaders' open notes, at their source lines

    @property
    def summary(self) -> str:
        jumps = sum(1 for fill in self.fills if fill.jumps)
        fit = (
            f"{len(self.overset)} over, {len(self.short)} short"
            if self.overset or self.short
            else "all text fits"
        )
        return f"{len(self.fills)} articles, {jumps} jumping: {fit}"


def report_text(report: Report) -> str:
    lines = [report.title, "", f"{len(report.sections)} pages: " + "，".join(report.sections), ""]
    if report.overset:
        lines.append("Overset (超) — text that does not fit its frame:")
        lines += [line for item in report.overset for line in _overset_lines(item)]
    else:
        lines.append("All text fits its frames.")
    if report.short:
        lines.append("Short (缺) — frames with empty lines at their foot:")
        lines += [f"  {item}  ({item.location})\n    {item.remedy}" for item in report.short]
    if report.loose:
        lines.append("Loose lines (松行) — no choice of line breaks sets them tighter:")
        lines += [f"  {item}  ({item.location})" for item in report.loose]
    if report.forced:
        lines.append("FORCED: the operator built this final version with overset text.")
    lines += ["", "Copyfit, article by article:"]
    lines.append(f"  {'article':<32}{'字数':>6}{'容量':>6}{'fill':>7}  frames")
    for fill in report.fills:
        where = " → ".join(f"第{page}版" for page in fill.jumps) or f"第{fill.frames[0].page}版"
        lines.append(
            f"  {fill.article:<32}{fill.chars:>8}{fill.capacity:>8}"
            f"{_percent(fill.chars, fill.capacity):>7}  {where}{_status(fill)}"
        )
    return (
        "\n".join(lines)
        + "\n\n"
        + notes_section(report.notes)
        + "\n"
        + punctuation_section(report.punctuation)
        + "\n"
        + artefacts_section(report.artefacts)
    )


def _overset_lines(item: FrameOverset) -> list[str]:
    """The finding, what to change, and the whole text that does not fit."""
    lines = [f"  {item}  ({item.location})", f"    {item.remedy}"]
    if item.cut_at is not None:
        lines.append(f"    the text that does not fit, from {item.cut_at}:")
        lines += [f"      {paragraph}" for paragraph in item.text.split("\n")]
    return lines


def report_json(report: Report) -> str:
    """The same facts for tools; keys are stable, numbers are numbers."""
    data = {
        "title": report.title,
        "pages": report.sections,
        "forced": report.forced,
        "articles": [_article(fill) for fill in report.fills],
        "overset": [_finding(item) for item in report.overset],
        "short": [_finding(item) for item in report.short],
        "punctuation": [_finding(fix) for fix in report.punctuation],
        "artefacts": [_finding(item) for item in report.artefacts],
        "loose": [_finding(item) for item in report.loose],
        "notes": [_note(note) for note in report.notes],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _article(fill: ArticleFill) -> dict[str, object]:
    overset = fill.overset
    return {
        "article": fill.article,
        "chars": fill.chars,
        "capacity": fill.capacity,
        "fill": round(fill.chars / fill.capacity, 3) if fill.capacity else None,
        "over": {"chars": overset.chars, "lines": overset.lines} if overset else None,
        "short": {"lines": fill.short_lines, "chars": fill.short_chars}
        if fill.short_lines
        else None,
        "jumps": fill.jumps,
        "frames": [
            {
                "frame": frame.text.link.frame_id,
                "page": frame.page,
                "chars": frame.text.chars,
                "capacity": frame.capacity,
                "empty_lines": frame.empty_lines,
                "jump_to": frame.text.jump_to,
                "jump_from": frame.text.jump_from,
            }
            for frame in fill.frames
        ],
    }


def _finding(
    item: FrameOverset | FrameShort | PunctuationFix | Artefact | LooseLine,
) -> dict[str, object]:
    return {
        field.name: _json_value(value)
        for field in fields(item)
        if (value := getattr(item, field.name)) is not None
    }


def _json_value(value: object) -> object:
    if isinstance(value, Location):
        return str(value)
    if isinstance(value, FrameSize):
        return {"lines": value.lines, "change": value.change, "at_least": value.at_least}
    return value


def _note(located: LocatedNote) -> dict[str, object]:
    return {
        "source": str(located.source),
        "line": str(located),
        "note": str(located.written),
        **located.note.model_dump(),
        "words": located.words,
        "changed": located.changed,
    }


def notes_section(notes: tuple[LocatedNote, ...]) -> str:
    """The proofreaders' open notes (proof-notes.yaml), each at the line it concerns."""
    if not notes:
        return "No open proofreaders' notes.\n"
    lines = [f"Proofreaders' notes (校对意见) — {len(notes)} open:"]
    lines += [f"  {note}" for note in notes]
    return "\n".join(lines) + "\n"


def _percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.0f}%" if whole else "—"


def _status(fill: ArticleFill) -> str:
    if fill.overset:
        return f"  超 {fill.overset.chars} 字 / {fill.overset.lines} 行"
    if fill.short_lines:
        return f"  缺 {fill.short_lines} 行"
    return ""


def punctuation_section(fixes: tuple[PunctuationFix, ...]) -> str:
    """The characters the build converted (half-width marks made full-width, full-width
    letters and digits half-width, radicals made ideographs), one per line, for the
    proofreader."""
    return _listed(
        fixes,
        "No punctuation, letter or digit was converted.",
        f"Characters converted (标点、全半角、部首) — {len(fixes)}:",
    )


def artefacts_section(artefacts: tuple[Artefact, ...]) -> str:
    """Leftovers of pasted text the build flagged and printed unchanged."""
    return _listed(
        artefacts,
        "No leftovers of pasted text were found.",
        f"Pasted text (粘贴痕迹) — {len(artefacts)} places to check, printed unchanged:",
    )


def _listed(items: tuple[object, ...], none: str, heading: str) -> str:
    lines = [heading, *(f"  {item}" for item in items)] if items else [none]
    return "\n".join(lines) + "\n"
