"""Leftovers of text pasted from a PDF: warnings at their source lines, listed in the
report, printed unchanged, and each can be switched off by the paper."""

from __future__ import annotations

import json

import pdfplumber
from conftest import IssueDir, changed_layouts, typeset

PASTED = """\
细胞制造的标准化不仅关系到产品质量，更在临床环节进一

步推动和规范了治疗的开展。

第9版

研究团队认为，提高可及性是推动规模化生产的前提。
生产线的自动化程度决定了成本。

（下转第9版）
"""


def test_pasted_text_leftovers_are_warned_reported_and_printed_unchanged(
    issue_dir: IssueDir, tmp_path
) -> None:
    path = issue_dir.write_article("second.md", PASTED)
    out = tmp_path / "out"
    run = typeset("build", issue_dir.folder, "--out", out)
    assert run.code == 0, run.stderr
    lines = run.stderr.splitlines()
    expected = [
        f"{path}:1:26: warning: paragraph split by mistake? line 1 ends without a closing "
        "mark (…品质量，更在临床环节进一) and line 3 goes on mid-sentence "
        "(步推动和规范了治疗的开展…): if so, join the two lines into one paragraph",
        f"{path}:5:1: warning: '第9版' looks like a page's header or folio pasted with the "
        "text: delete the line if so",
        f"{path}:7:24: warning: a line break inside a paragraph (lines 7–8), as text pasted "
        "from a PDF has: they print as one paragraph; join the lines, or leave a blank line "
        "where a paragraph ends",
        f"{path}:10:1: warning: a jump line typed in the text, '（下转第9版）': the build "
        "writes the jump lines from where the frames stand; delete this one",
    ]
    for message in expected:
        assert any(line.startswith(message) for line in lines), (message, run.stderr)
    assert "silence with 'input_checks: {jump_lines: false}' in paper.yaml" in run.stderr

    report = (out / "test-issue" / "report.txt").read_text(encoding="utf-8")
    assert "Pasted text (粘贴痕迹) — 4 places to check, printed unchanged:" in report
    data = json.loads((out / "test-issue" / "report.json").read_text(encoding="utf-8"))
    assert [item["kind"] for item in data["artefacts"]] == [
        "split_paragraphs",
        "jump_lines",
        "page_furniture",
        "line_breaks",
    ]
    with pdfplumber.open(out / "test-issue" / "pages" / "page-02.pdf") as pdf:
        printed = pdf.pages[0].extract_text().replace("\n", "")
    # the text is printed as written: nothing joined or deleted behind the editor's back
    for kept in ("进一", "步推动", "第9版", "（下转第9版）"):
        assert kept in printed


def test_the_paper_switches_each_check_off(issue_dir: IssueDir, tmp_path) -> None:
    issue_dir.write_article("second.md", PASTED)
    switches = (
        "input_checks: {split_paragraphs: false, jump_lines: false, line_breaks: false, "
        "page_furniture: false}\n"
    )
    layouts = changed_layouts(tmp_path, lambda text: text + switches)
    run = typeset("--layouts", layouts.folder, "check", issue_dir.folder)
    assert run.code == 0, run.stderr
    assert "warning" not in run.stderr


def test_finished_paragraphs_and_numbered_points_are_not_flagged(issue_dir: IssueDir) -> None:
    issue_dir.write_article(
        "second.md",
        "专家提出以下三点建议\n\n一、加强基层培训。\n\n"
        "“我们还有很多工作要做”\n\n（记者 林小文）\n\n2025年的数据如下\n\n"
        "Latin text wrapped\nby hand is fine.\n",
    )
    run = typeset("check", issue_dir.folder)
    assert run.code == 0 and "warning" not in run.stderr, run.stderr


def test_verse_and_a_letters_closing_are_not_split_paragraphs(issue_dir: IssueDir) -> None:
    issue_dir.write_article("second.md", "今夜的雪\n\n落得很轻\n\n像母亲\n\n此致\n\n敬礼！\n")
    run = typeset("check", issue_dir.folder)
    assert "split by mistake" not in run.stderr, run.stderr


def test_invisible_characters_are_taken_out_and_warned_at_their_place(
    issue_dir: IssueDir, tmp_path
) -> None:
    """Zero-width spaces, soft hyphens, no-break spaces and variation selectors come with
    text copied from web pages and word processors; the editor cannot see them and no
    font has them. They print as nothing (a no-break space as a space), with a warning
    at each kind's first place, instead of a missing-character error."""
    path = issue_dir.write_article(
        "second.md",
        "第一段正文。\n\n病理\u200b诊断，\u00a0常被称为\u200b金标准。软\u00ad连字符，姓葛\U000e0100的医生。\n",
    )
    text = issue_dir.yaml_path.read_text(encoding="utf-8")
    text = issue_dir.write_yaml(
        text.replace("headline: 第二版文章", 'headline: "第二版\\u200b文章"')
    )
    out = tmp_path / "out"
    run = typeset("build", issue_dir.folder, "--out", out)
    assert run.code == 0, run.stderr
    hint = "pasted from a web page, PDF or word processor?"
    quoted_headline = '"第二版'  # the warning points at the value, its quote included
    for message in [
        f"{path}:3:3: warning: U+200B ZERO WIDTH SPACE ×2 taken out (it prints as nothing): {hint}",
        f"{path}:3:7: warning: U+00A0 NO-BREAK SPACE set as a plain space: {hint}",
        f"{path}:3:18: warning: U+00AD SOFT HYPHEN taken out (it prints as nothing): {hint}",
        f"{path}:3:25: warning: U+E0100 VARIATION SELECTOR-17 taken out (the plain character "
        f"before it is printed): {hint}",
        f"{issue_dir.where(text, quoted_headline)} warning: U+200B ZERO WIDTH SPACE taken out (it "
        "prints as nothing) in second headline: pasted from elsewhere?",
    ]:
        assert message in run.stderr, (message, run.stderr)
    assert "is not in the font" not in run.stderr
    with pdfplumber.open(out / "test-issue" / "pages" / "page-02.pdf") as pdf:
        printed = "".join(pdf.pages[0].extract_text().split())
    assert "病理诊断，常被称为金标准。软连字符，姓葛的医生。" in printed
    assert "第二版文章" in printed
