"""`proof-report.txt`: what the proofreader checks on each page besides the text itself."""

from __future__ import annotations

from typeset.output.report import Report, notes_section
from typeset.proof.rounds import ProofRound
from typeset.proof.snapshot import PageSnapshot
from typeset.text.punctuation import PunctuationFix

ISSUE_YAML = "issue.yaml texts"
MISSING_CHARACTERS = (
    "Characters missing from the fonts: none (a missing character stops the build)."
)


def proof_report(report: Report, proof: ProofRound, pages: tuple[PageSnapshot, ...]) -> str:
    """Per page: overset and short frames, converted punctuation, jump lines."""
    fixes = _fixes_by_page(report.punctuation, pages)
    lines = [f"{report.title} — {proof.stamp}", ""]
    for page in pages:
        lines.append(f"第{page.page}版 {page.section}")
        lines += _listed("overset (超)", [str(i) for i in report.overset if i.page == page.page])
        lines += _listed("short (缺)", [str(i) for i in report.short if i.page == page.page])
        lines += _listed("punctuation made full-width", [str(fix) for fix in fixes[page.page]])
        lines += _listed("jump lines", _jump_lines(page))
        lines.append("")
    if fixes[None]:
        lines += [ISSUE_YAML, *_listed("punctuation made full-width", map(str, fixes[None])), ""]
    return "\n".join([*lines, notes_section(report.notes), MISSING_CHARACTERS]) + "\n"


def _listed(what: str, items: list[str]) -> list[str]:
    return [f"  {what}:", *(f"    {item}" for item in items)] if items else [f"  {what}: none"]


def _jump_lines(page: PageSnapshot) -> list[str]:
    return [
        f"{frame.article}: {line}"
        for frame in page.frames
        for line in (frame.jump_from, frame.jump_to)
        if line
    ]


def _fixes_by_page(
    fixes: tuple[PunctuationFix, ...], pages: tuple[PageSnapshot, ...]
) -> dict[int | None, list[PunctuationFix]]:
    """Each fix under the pages of its article or ad; None for the other issue.yaml texts.

    A fix's `where` starts with the article's name ("lead 第3段", "lead headline") or
    with the page of an ad ("第2版 ad 1 headline").
    """
    found: dict[int | None, list[PunctuationFix]] = {page.page: [] for page in pages}
    found[None] = []
    for fix in fixes:
        first = fix.where.split(" ")[0]
        numbers = [
            page.page
            for page in pages
            if first == f"第{page.page}版" or any(f.article == first for f in page.frames)
        ]
        for number in numbers or [None]:
            found[number].append(fix)
    return found
