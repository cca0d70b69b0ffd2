"""Proofreaders' notes (proof-notes.yaml) come back from a place on a round's page to the
source line: the Markdown line and column of the noted word, or the issue.yaml field of a
headline; a note whose words changed since is said to be (已改); errors are located."""

from __future__ import annotations

import json
from pathlib import Path

import pdfplumber
import pytest
from conftest import IssueDir, make_issue_dir, paragraph_of_lines, position, typeset

MM = 72 / 25.4
# A sentence found nowhere else in the small issue, on page 1 (the `lead` article).
SENTENCE = "本报讯 东海省人民医院新院区今日正式开诊，首日接待患者一千二百余人次。"
LEAD = f"{paragraph_of_lines(3)}\n\n{SENTENCE}\n\n{paragraph_of_lines(2)}\n"


def noted_issue(folder: Path) -> IssueDir:
    """The small issue with SENTENCE in its lead article, and its first proof round."""
    made = make_issue_dir(folder)
    made.write_article("lead.md", LEAD)
    run = typeset("build", "--proof", made.folder, "--out", folder / "out")
    assert run.code == 0, run.stderr
    return made


def place_of(pdf: Path, word: str, char: int = 0) -> tuple[float, float]:
    """The centre of the `char`-th character of `word` on the page, in mm from its top-left."""
    with pdfplumber.open(pdf) as document:
        [found] = document.pages[0].search(word)
    chars = found["chars"]
    return (
        round((chars[char]["x0"] + chars[char]["x1"]) / 2 / MM, 1),
        round((chars[char]["top"] + chars[char]["bottom"]) / 2 / MM, 1),
    )


def notes_yaml(*notes: dict) -> str:
    lines = ["# written by hand"]
    for note in notes:
        lines.append(f"- round: {note['round']}")
        lines += [f"  {key}: {value}" for key, value in note.items() if key != "round"]
    return "\n".join(lines) + "\n"


def said(stderr: str, location: str, message: str) -> bool:
    """Whether a diagnostic line at `location` says `message` (whatever tag stands between)."""
    return any(line.startswith(f"{location}: ") and message in line for line in stderr.splitlines())


@pytest.fixture(scope="module")
def noted(tmp_path_factory: pytest.TempPathFactory) -> IssueDir:
    return noted_issue(tmp_path_factory.mktemp("notes"))


def test_notes_come_back_at_their_markdown_line_and_issue_yaml_field(
    noted: IssueDir,
) -> None:
    round_one = noted.folder.parent / "out" / "test-issue" / "proof" / "round-1"
    x, y = place_of(round_one / "page-01.pdf", "开诊", 1)
    hx, hy = place_of(round_one / "page-02.pdf", "第二版文章", 2)
    notes = noted.folder / "proof-notes.yaml"
    notes.write_text(
        notes_yaml(
            {"round": 1, "page": 1, "x_mm": x, "y_mm": y, "text": "“诊”应为“业”", "by": "温可"},
            {"round": 1, "page": 2, "x_mm": hx, "y_mm": hy, "text": "标题改短", "by": "何静"},
            {"round": 1, "page": 1, "x_mm": x, "y_mm": y, "text": "已改好", "status": "done"},
        ),
        "utf-8",
    )
    run = typeset("build", noted.folder, "--out", noted.folder.parent / "out")
    assert run.code == 0, run.stderr

    lead = noted.folder / "articles" / "lead.md"
    line, column = map(int, position(LEAD, "开诊").split(":"))
    yaml_text = noted.yaml_path.read_text("utf-8")
    headline_line, headline_column = map(int, position(yaml_text, "第二版文章").split(":"))
    expected = [
        f"{lead}:{line}:{column + 1}: 校对意见（第1轮·第1版·温可）：“诊”应为“业”",
        f"{noted.yaml_path}:{headline_line}:{headline_column + 2}: "
        "校对意见（第1轮·第2版·何静）：标题改短",
    ]
    printed = [line for line in run.stderr.splitlines() if "校对意见" in line]
    assert printed == expected
    output = noted.folder.parent / "out" / "test-issue"
    report = (output / "report.txt").read_text("utf-8")
    assert "Proofreaders' notes (校对意见) — 2 open:" in report
    assert all(f"  {line}\n" in report for line in expected)
    listed = json.loads((output / "report.json").read_text("utf-8"))["notes"]
    assert [note["line"] for note in listed] == expected
    assert [note["changed"] for note in listed] == [False, False]
    assert listed[0]["words"] == "正式开诊，首日"


def test_a_note_in_the_margin_or_on_a_missing_round_is_a_warning_at_the_note(
    issue_dir: IssueDir, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    assert typeset("build", "--proof", issue_dir.folder, "--out", out).code == 0
    notes = issue_dir.folder / "proof-notes.yaml"
    notes.write_text(
        notes_yaml(
            {"round": 1, "page": 1, "x_mm": 2, "y_mm": 530, "text": "页边"},
            {"round": 5, "page": 1, "x_mm": 100, "y_mm": 100, "text": "第5轮"},
        ),
        "utf-8",
    )
    run = typeset("build", issue_dir.folder, "--out", out)
    assert run.code == 0, run.stderr
    assert said(run.stderr, f"{notes}:2:3", "校对意见（第1轮·第1版）: no text near its place")
    assert said(run.stderr, f"{notes}:7:3", "校对意见（第5轮·第1版）: round 5 has no 第1版")
    assert f"{notes}:2:3: 校对意见（第1轮·第1版）：页边" in run.stderr


def test_errors_in_the_notes_file_are_located_all_in_one_run(
    issue_dir: IssueDir, tmp_path: Path
) -> None:
    notes = issue_dir.folder / "proof-notes.yaml"
    text = (
        "- round: 1\n  page: 1\n  x_mm: 10\n  y_mm: 10\n  text: 好\n  status: maybe\n"
        "- round: 0\n  page: 1\n  x_mm: 10\n  y_mm: 10\n"
        "- round: 1\n  pgae: 1\n  x_mm: 10\n  y_mm: 10\n  text: 好\n  page: 2\n"
    )
    notes.write_text(text, "utf-8")
    out = tmp_path / "out"
    run = typeset("build", issue_dir.folder, "--out", out)
    assert run.code == 1 and "Traceback" not in run.stderr
    assert said(run.stderr, f"{notes}:6:11", "'status': 'maybe' is not one of open, done")
    assert said(run.stderr, f"{notes}:7:10", "'round': must be at least 1, found 0")
    assert said(run.stderr, f"{notes}:7:3", "missing required key 'text'")
    assert said(run.stderr, f"{notes}:12:3", "unknown key 'pgae' (did you mean 'page'?)")
    assert not out.exists()  # nothing written
    checked = typeset("check", issue_dir.folder)
    assert checked.code == 1 and said(checked.stderr, f"{notes}:12:3", "unknown key 'pgae'")

    notes.write_text("round: 1\n", "utf-8")
    run = typeset("build", issue_dir.folder, "--out", out)
    assert run.code == 1
    assert said(run.stderr, f"{notes}:1:1", "expected a list of notes")
