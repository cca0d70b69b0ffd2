"""The layout staff's output: issue.pdf, one PDF per page, and the copyfit report."""

from __future__ import annotations

from pathlib import Path

from typeset.output.files import replace_folder
from typeset.output.report import report_json, report_text
from typeset.output.typeset import TypesetIssue

# Other builds write into the issue's folder too; a pages build keeps their outputs.
OTHER_OUTPUTS = ("print", "proof")


def write_pages(typeset: TypesetIssue, target: Path) -> Path:
    report = typeset.report
    whole = typeset.whole(report.title)
    singles = typeset.page_pdfs

    def fill(staging: Path) -> None:
        (staging / "issue.pdf").write_bytes(whole)
        (staging / "pages").mkdir()
        for number, single in singles:
            (staging / "pages" / f"page-{number:02d}.pdf").write_bytes(single)
        (staging / "report.txt").write_text(report_text(report), "utf-8")
        (staging / "report.json").write_text(report_json(report), "utf-8")

    replace_folder(target, fill, keep=OTHER_OUTPUTS)
    return target
