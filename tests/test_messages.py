"""Messages as a compiler writes them: `file:line:col: error:`, the source line with a caret,
a count at the end, the project's words (never a library's), one message per mistake."""

from __future__ import annotations

import os
import pty
import subprocess
import sys

from conftest import MINIMAL_ISSUE, ROOT, IssueDir, changed_layouts, position, typeset
from PIL import Image


def test_each_message_shows_its_source_line_with_a_caret_and_a_count_at_the_end(
    issue_dir: IssueDir,
) -> None:
    text = issue_dir.write_yaml(MINIMAL_ISSUE.replace("number: 12", "number: twelve"))
    run = typeset("check", issue_dir.folder)
    assert run.code == 1
    lines = run.stderr.splitlines()
    at = lines.index(
        f"{issue_dir.where(text, 'twelve')} error: 'number': expected a whole number, "
        "found 'twelve'"
    )
    assert lines[at + 1] == "    3 | number: twelve"
    assert lines[at + 2] == "      |         ^"
    assert lines[-1] == "typeset: 1 error"
    assert "\033[" not in run.stderr  # no colour in a pipe


def test_the_caret_stands_under_a_column_after_chinese_text(issue_dir: IssueDir) -> None:
    issue_dir.write_yaml(MINIMAL_ISSUE.replace("林思远, span: 1", "林思远, span: x"))
    lines = typeset("check", issue_dir.folder).stderr.splitlines()
    source = next(i for i, line in enumerate(lines) if line.endswith("span: x, lines: 8}"))
    # under 'x': the three Chinese characters before it take two cells each
    before = "      - {image: images/head.png, caption: 林思远, span: "
    assert lines[source + 1].index("^") == len("      | ") + len(before) + 3


def test_colour_only_on_a_terminal(issue_dir: IssueDir) -> None:
    issue_dir.write_yaml(MINIMAL_ISSUE.replace("number: 12", "number: twelve"))
    leader, follower = pty.openpty()
    done = subprocess.run(
        [sys.executable, "-m", "typeset", "check", str(issue_dir.folder)],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=follower,
        env={key: value for key, value in os.environ.items() if key != "NO_COLOR"},
        timeout=120,
    )
    os.close(follower)
    shown = os.read(leader, 65536).decode()
    os.close(leader)
    assert done.returncode == 1
    assert "\033[1;31merror:\033[0m 'number': expected a whole number" in shown


def test_an_unquoted_number_where_text_belongs_says_to_quote_it(issue_dir: IssueDir, tmp_path):
    layouts = changed_layouts(
        tmp_path, lambda text: text.replace('value: "990126"', "value: 100190")
    )
    run = typeset("--layouts", layouts.folder, "check", issue_dir.folder)
    assert run.code == 1
    assert (
        f"{layouts.paper}:{position(layouts.text, '100190')}: error: 'value': expected text, "
        'found the number 100190: write it in quotes, "100190", so it stays text'
    ) in run.stderr.splitlines()
    assert "Input should be" not in run.stderr


def test_yaml_syntax_errors_in_the_projects_words(issue_dir: IssueDir) -> None:
    text = issue_dir.write_yaml(
        MINIMAL_ISSUE.replace("caption: 林思远,", "caption: 林思远: 受访者,").replace(
            "    headline: 基层医院远程会诊", "    headline: 基层医院: 远程会诊"
        )
    )
    run = typeset("check", issue_dir.folder)
    assert run.code == 1
    assert "mapping values are not allowed" not in run.stderr
    assert (
        f"{issue_dir.where(text, ': 远程会诊')} error: YAML cannot be read here: a ':' where no "
        "key can start: put a value that holds ': ' in quotes, or indent this line like the "
        "keys above it"
    ) in run.stderr.splitlines()


def test_a_full_width_colon_after_a_key_is_named(issue_dir: IssueDir) -> None:
    issue_dir.write_yaml(MINIMAL_ISSUE.replace("    section: 临床", "    section：临床"))
    run = typeset("check", issue_dir.folder)
    assert run.code == 1
    assert (
        "line 15 has a full-width '：' after its key: YAML needs a half-width ':' followed by "
        "a space" in run.stderr
    )


def test_a_missing_file_suggests_the_file_that_is_there(issue_dir: IssueDir) -> None:
    Image.new("RGB", (300, 400), "white").save(issue_dir.folder / "images" / "IMG_2041.jpg")
    text = issue_dir.write_yaml(MINIMAL_ISSUE.replace("images/head.png", "images/IMG 2041.jpg"))
    run = typeset("check", issue_dir.folder)
    assert (
        f"{issue_dir.where(text, 'images/IMG 2041.jpg')} error: article 'lead': file "
        "'images/IMG 2041.jpg' does not exist (did you mean 'images/IMG_2041.jpg'?)"
    ) in run.stderr.splitlines()


def test_files_are_checked_even_when_the_schema_fails_elsewhere(issue_dir: IssueDir) -> None:
    text = issue_dir.write_yaml(
        MINIMAL_ISSUE.replace("date: 2025-11-20", "date: 2025-13-40")
        .replace("images/head.png, caption: 林思远", "images/missing.png, caption: 林思远, size: 2")
        .replace("image: images/ad.png", "image: images/gone.png")
    )
    run = typeset("check", issue_dir.folder)
    lines = run.stderr.splitlines()
    assert any(line.startswith(issue_dir.where(text, "2025-13-40") + " error:") for line in lines)
    assert (
        f"{issue_dir.where(text, 'size')} error: unknown key 'size' "
        "(allowed here: image, caption, credit, span, lines)" in lines
    )
    assert any(
        line.startswith(issue_dir.where(text, "images/missing.png") + " error: article 'lead'")
        for line in lines
    )
    assert any(
        line.startswith(issue_dir.where(text, "images/gone.png") + " error: ad 1") for line in lines
    )


def test_no_follow_on_warning_from_a_broken_page(issue_dir: IssueDir) -> None:
    text = issue_dir.write_yaml(
        MINIMAL_ISSUE.replace("{column: 1, span: 2, line: 1, lines: 20}", "{column: 1, lines: 20}")
    )
    run = typeset("check", issue_dir.folder)
    assert run.code == 1
    assert (
        f"{issue_dir.where(text, 'frame: {column: 1, lines')} error: missing required key 'span'"
        in (run.stderr)
    )
    assert "not placed" not in run.stderr
    assert run.stderr.splitlines()[-1] == "typeset: 2 errors"  # 'span' and 'line'


def test_an_error_at_the_top_does_not_hide_the_pages_errors(issue_dir: IssueDir) -> None:
    text = issue_dir.write_yaml(
        MINIMAL_ISSUE.replace("pages:\n", "masthead: {price: 3}\npages:\n").replace(
            "template: inner", "template: inenr"
        )
    )
    lines = typeset("check", issue_dir.folder).stderr.splitlines()
    assert (
        f"{issue_dir.where(text, '3}')} error: 'price': expected text, found the number 3: "
        'write it in quotes, "3", so it stays text'
    ) in lines
    assert (
        f"{issue_dir.where(text, 'inenr')} error: unknown template 'inenr' (did you mean "
        "'inner'? the paper has: front, inner)"
    ) in lines


def test_a_folder_that_is_no_issue_is_named_with_the_one_meant(issue_dir: IssueDir) -> None:
    articles = issue_dir.folder / "articles"
    run = typeset("check", articles, issue_dir.folder / "nope")
    assert run.code == 1
    assert run.stderr.splitlines() == [
        f"{articles}: error: not an issue folder: it has no issue.yaml "
        f"(did you mean '{issue_dir.folder}'?)",
        f"{issue_dir.folder / 'nope'}: error: no such issue folder",
        "typeset: 2 errors",
    ]


def test_an_excerpt_of_a_very_long_line_shows_a_window_around_the_column(
    issue_dir: IssueDir,
) -> None:
    """Thousands of errors on one long line once printed the whole line each time."""
    issue_dir.write_yaml(MINIMAL_ISSUE + "extra: [" + "&a ]" * 2000 + "\n")
    run = typeset("check", issue_dir.folder)
    assert run.code == 1
    excerpts = [line for line in run.stderr.splitlines() if line.startswith(("   ", "      |"))]
    assert excerpts and max(len(line) for line in excerpts) <= 8 + 160 * 2
