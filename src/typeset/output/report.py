"""The build report: `report.txt` for layout staff, `report.json` for tools."""

from __future__ import annotations

import json
from dataclasses import dataclass, fields

from typeset.compose.articles import LooseLine
from typeset.diagnostics import Location
from typeset.fit.fill import ArticleFill
from typeset.proof.note_sources import LocatedNote
from typeset.text.artefacts import Artefact
from typeset.text.punctuation import PunctuationFix


@dataclass(frozen=True)
class FrameOverset:
    """An overset frame as people name it: page, frame, where it is defined, how much."""

    page: int
    name: str
    location: Location
    chars: int
    lines: int

    def __str__(self) -> str:
        return f"第{self.page}版 {self.name}: 超 {self.chars} 字 / {self.lines} 行"


@dataclass(frozen=True)
class FrameShort:
    """A frame left with empty lines at its foot (缺)."""

    page: int
    name: str
    location: Location
    lines: int
    chars: int  # about: the empty lines at the body's characters per line

    def __str__(self) -> str:
        return f"第{self.page}版 {self.name}: 缺 {self.lines} 行（约 {self.chars} 字）"


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
        lines += [f"  {item}  ({item.location})" for item in report.overset]
    else:
        lines.append("All text fits its frames.")
    if report.short:
        lines.append("Short (缺) — frames with empty lines at their foot:")
        lines += [f"  {item}  ({item.location})" for item in report.short]
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
        field.name: str(value) if isinstance(value, Location) else value
        for field in fields(item)
        if (value := getattr(item, field.name)) is not None
    }


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
