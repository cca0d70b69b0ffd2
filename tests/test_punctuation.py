"""Half-width punctuation typed inside Chinese is printed full-width and listed in the
report; Latin text, numbers, addresses and code keep theirs; a paper can turn it off."""

from __future__ import annotations

import re
from pathlib import Path

import pdfplumber
from conftest import IssueDir, changed_layouts, typeset

# The fault of the reference page (../shared/seed/), in text written for this test.
FAULTY = (
    '本报讯(通讯员 李明)近日,某院开设"无痛胃镜"门诊;据介绍:每周3:00开诊,费用约1,000元?'
    "是的!详见https://example.cn/a,b 或`a,b;c`,英文里的 Hello, world (yes) 不变。\n"
)
FIXED = (
    "本报讯（通讯员李明）近日，某院开设“无痛胃镜”门诊；据介绍：每周3:00开诊，费用约1,000元？"
    "是的！详见https://example.cn/a,b或a,b;c，英文里的Hello,world(yes)不变。"
)


def _page_text(pdf: Path) -> str:
    with pdfplumber.open(pdf) as document:
        return re.sub(r"\s+", "", document.pages[1].extract_text())


def test_half_width_marks_in_chinese_become_full_width_and_are_reported(
    issue_dir: IssueDir, tmp_path: Path
) -> None:
    issue_dir.write_article("second.md", FAULTY)
    run = typeset("build", issue_dir.folder, "--out", tmp_path / "out")
    assert run.code == 0, run.stderr
    assert FIXED in _page_text(tmp_path / "out" / "test-issue" / "issue.pdf")
    report = (tmp_path / "out" / "test-issue" / "report.txt").read_text("utf-8")
    listed = [line for line in report.splitlines() if line.startswith("  second 第1段")]
    assert len(listed) == 11
    assert "  second 第1段 (line 1): ( → （  …本报讯（通讯员 李明…" in listed


def test_a_paper_can_keep_half_width_marks(issue_dir: IssueDir, tmp_path: Path) -> None:
    layouts = changed_layouts(
        tmp_path,
        lambda text: text.replace("fullwidth_punctuation: true", "fullwidth_punctuation: false"),
    ).folder
    issue_dir.write_article("second.md", FAULTY)
    run = typeset("--layouts", layouts, "build", issue_dir.folder, "--out", tmp_path / "out")
    assert run.code == 0, run.stderr
    assert "本报讯(通讯员李明)近日,某院" in _page_text(
        tmp_path / "out" / "test-issue" / "issue.pdf"
    )
    report = (tmp_path / "out" / "test-issue" / "report.txt").read_text("utf-8")
    assert "No punctuation, letter or digit was converted." in report


def test_headlines_captions_and_ads_from_issue_yaml_are_converted_too(
    issue_dir: IssueDir, tmp_path: Path
) -> None:
    text = issue_dir.yaml_path.read_text("utf-8")
    text = text.replace("headline: 基层医院远程会诊", "headline: 基层医院远程会诊(试点)")
    text = text.replace("caption: 林思远,", 'caption: "林思远,主任医师",')
    text = text.replace("headline: 健康体检", 'headline: "健康体检:预约中"')
    issue_dir.write_yaml(text)
    run = typeset("build", issue_dir.folder, "--out", tmp_path / "out")
    assert run.code == 0, run.stderr
    with pdfplumber.open(tmp_path / "out" / "test-issue" / "issue.pdf") as document:
        front, second = (re.sub(r"\s+", "", page.extract_text()) for page in document.pages)
        kai = "".join(c["text"] for c in document.pages[0].chars if "Kai" in c["fontname"])
    assert "基层医院远程会诊（试点）" in front and "林思远，主任医师" in kai  # the caption
    assert "健康体检：预约中" in second
    report = (tmp_path / "out" / "test-issue" / "report.txt").read_text("utf-8")
    line = issue_dir.where(text, "(试点)").split(":")[-3]
    assert f"  lead headline (line {line}): ( → （  …医院远程会诊（试点）…" in report
    assert "  lead photo 1 caption (line " in report
    assert "  第2版 ad 1 headline (line " in report


def test_full_width_letters_and_digits_become_half_width_and_are_reported(
    issue_dir: IssueDir, tmp_path: Path
) -> None:
    """Typed in an input method's full-width mode: １２３ and ＣＴ print as 123 and CT, so
    that numbers keep their units and Latin words are spaced from Chinese like any other."""
    issue_dir.write_article("second.md", "全院２０２５年完成ＣＴ检查１２３４例，代码`ＡＢ`不变。\n")
    run = typeset("build", issue_dir.folder, "--out", tmp_path / "out")
    assert run.code == 0, run.stderr
    assert "全院2025年完成CT检查1234例，代码ＡＢ不变。" in _page_text(
        tmp_path / "out" / "test-issue" / "issue.pdf"
    )
    report = (tmp_path / "out" / "test-issue" / "report.txt").read_text("utf-8")
    assert "Characters converted (标点、全半角、部首) — 10:" in report
    assert "  second 第1段 (line 1): Ｃ → C  …025年完成CT检查123…" in report


def test_kangxi_radicals_from_a_pdf_become_the_ideographs_they_stand_for(
    issue_dir: IssueDir, tmp_path: Path
) -> None:
    """Copied from a Chinese PDF, 人 and 金 often come as Kangxi radicals (U+2F08, U+2FA6):
    the same look, but no font of the paper has them (before, each was a missing-character
    error asking for a fallback font) and no search finds them."""
    issue_dir.write_article("second.md", "⼈民群众的⾦融知识。\n")
    run = typeset("build", issue_dir.folder, "--out", tmp_path / "out")
    assert run.code == 0, run.stderr
    assert "人民群众的金融知识。" in _page_text(tmp_path / "out" / "test-issue" / "issue.pdf")
    report = (tmp_path / "out" / "test-issue" / "report.txt").read_text("utf-8")
    assert "  second 第1段 (line 1): ⼈ → 人  …人民群众的金融…" in report
