"""`typeset check` and `typeset build` on broken issues: every error, at its place, no traceback."""

from __future__ import annotations

import shutil

from conftest import MINIMAL_ISSUE, ROOT, IssueDir, position, typeset


def check(issue: IssueDir) -> list[str]:
    run = typeset("check", issue.folder)
    assert run.code == 1, run.stderr
    assert "Traceback" not in run.stderr
    return run.stderr.splitlines()


def test_the_minimal_issue_is_valid(issue_dir: IssueDir) -> None:
    run = typeset("check", issue_dir.folder)
    assert run.code == 0, run.stderr
    assert run.stderr.strip().endswith(": ok")


def test_a_typo_in_a_key_is_an_error_with_a_suggestion(issue_dir: IssueDir) -> None:
    text = issue_dir.write_yaml(
        MINIMAL_ISSUE.replace("    headline: 第二版文章", "    headine: 第二版文章")
    )
    lines = check(issue_dir)
    assert (
        f"{issue_dir.where(text, 'headine')} unknown key 'headine' (did you mean 'headline'?)"
        in lines
    )
    # the article now also lacks its headline: reported at the article, in the same run
    assert f"{issue_dir.where(text, 'second:')} missing required key 'headline'" in lines


def test_wrong_type_and_bad_date_with_errors_further_down(issue_dir: IssueDir) -> None:
    text = issue_dir.write_yaml(
        MINIMAL_ISSUE.replace("date: 2025-11-20", "date: 2025-13-40")
        .replace("number: 12", "number: twelve")
        .replace("    section: 临床", "    sektion: 临床")
    )
    lines = check(issue_dir)
    assert (
        f"{issue_dir.where(text, 'sektion')} unknown key 'sektion' (did you mean 'section'?)"
        in lines
    )
    assert any(
        line.startswith(issue_dir.where(text, "2025-13-40")) and "date" in line for line in lines
    )
    assert any(
        line.startswith(issue_dir.where(text, "twelve")) and "valid integer" in line
        for line in lines
    )


def test_duplicate_page_numbers(issue_dir: IssueDir) -> None:
    text = issue_dir.write_yaml(MINIMAL_ISSUE.replace("  - number: 2", "  - number: 1"))
    lines = check(issue_dir)
    at = issue_dir.where(text, "number: 1", 2)
    assert f"{at[: -len('number: 1:')]}" in at  # sanity of the helper
    assert any(
        line.startswith(issue_dir.where(text, "1\n    section: 临床"))
        and "page 1 is defined twice (first at line 6)" in line
        for line in lines
    ), lines


def test_an_article_placed_twice_and_an_unknown_article(issue_dir: IssueDir) -> None:
    text = issue_dir.write_yaml(
        MINIMAL_ISSUE.replace("      - article: second", "      - article: lead").replace(
            "    ads:\n",
            "      - article: nowhere\n        frame: {column: 3, span: 1, line: 30, lines: 5}\n"
            "    ads:\n",
        )
    )
    lines = check(issue_dir)
    assert (
        f"{issue_dir.where(text, 'lead', 2)} article 'lead' is placed twice (first at line 12)"
        in lines
    )
    assert f"{issue_dir.where(text, 'nowhere')} no article 'nowhere' under 'articles:'" in lines


def test_frames_outside_the_type_area_or_overlapping(issue_dir: IssueDir) -> None:
    text = issue_dir.write_yaml(
        MINIMAL_ISSUE.replace(
            "{column: 2, span: 3, line: 1, lines: 30}", "{column: 7, span: 3, line: 80, lines: 30}"
        ).replace(
            "{column: 5, span: 2, line: 1, lines: 20}", "{column: 2, span: 2, line: 10, lines: 5}"
        )
    )
    lines = check(issue_dir)
    outside = issue_dir.where(text, "{column: 7")
    assert (
        f"{outside} the frame of article 'lead' reaches column 9; the page has 8 columns" in lines
    )
    assert (
        f"{outside} the frame of article 'lead' reaches body line 109; "
        "the type area below the header has 89 lines"
    ) in lines
    overlap = issue_dir.where(text, "{column: 2, span: 2")
    assert f"{overlap} the frame of ad 1 overlaps the frame of article 'second' (line 22)" in lines


def test_a_photo_wider_than_its_frame(issue_dir: IssueDir) -> None:
    text = issue_dir.write_yaml(MINIMAL_ISSUE.replace("span: 1, lines: 8}", "span: 4, lines: 8}"))
    assert (
        f"{issue_dir.where(text, '{image: images/head.png')} the photo spans 4 columns; "
        "the frame of article 'lead' has 3"
    ) in check(issue_dir)


def test_an_image_that_is_not_an_image(issue_dir: IssueDir) -> None:
    (issue_dir.folder / "images" / "ad.png").write_text("not a picture")
    [line] = check(issue_dir)
    assert line.startswith(
        f"{issue_dir.where(MINIMAL_ISSUE, 'images/ad.png')} ad 1 on page 2: "
        "'ad.png' is not a readable image"
    )


def test_missing_files_and_paths_leaving_the_issue(issue_dir: IssueDir) -> None:
    text = issue_dir.write_yaml(
        MINIMAL_ISSUE.replace("body: articles/second.md", "body: articles/nothing.md")
        .replace("image: images/ad.png", "image: ../../../etc/passwd")
        .replace("image: images/head.png", "image: file:///etc/passwd")
    )
    lines = check(issue_dir)
    assert (
        f"{issue_dir.where(text, 'articles/nothing.md')} article 'second': "
        "file 'articles/nothing.md' does not exist" in lines
    )
    assert (
        f"{issue_dir.where(text, '../../../etc/passwd')} "
        "ad 1 on page 2: '../../../etc/passwd' leaves the issue folder" in lines
    )
    assert (
        f"{issue_dir.where(text, 'file:///etc/passwd')} article 'lead': "
        "'file:///etc/passwd' must be a path relative to the issue folder"
    ) in lines


def test_markdown_links_images_and_headings_in_articles(issue_dir: IssueDir) -> None:
    article = (
        "第一段文字。\n\n"
        "见[附件](../../../etc/passwd)和[网站](https://example.cn)。\n\n"
        "![图](images/head.png)\n\n"
        "# 不该出现的一级标题\n"
    )
    path = issue_dir.write_article("second.md", article)
    lines = check(issue_dir)
    assert (
        f"{path}:3:7: link target '../../../etc/passwd' "
        "is not a web address (http, https or mailto)"
    ) in lines
    assert (
        f"{path}:5:6: images go under the article's 'photos:' in issue.yaml, not in the text"
        in lines
    )
    assert (
        f"{path}:7:1: '#' heading: use '##' for subheads; the headline belongs in issue.yaml"
        in lines
    )
    assert not any("example.cn" in line for line in lines)


def test_yaml_syntax_error(issue_dir: IssueDir) -> None:
    text = issue_dir.write_yaml(MINIMAL_ISSUE.replace("section: 临床", "section: [临床"))
    lines = check(issue_dir)
    assert len(lines) == 1 and lines[0].startswith(f"{issue_dir.yaml_path}:")
    assert "YAML syntax" in lines[0]
    assert int(lines[0].split(":")[1]) >= int(issue_dir.where(text, "[临床").split(":")[1])


def test_the_paper_is_a_folder_name_not_a_path(issue_dir: IssueDir) -> None:
    text = issue_dir.write_yaml(MINIMAL_ISSUE.replace("paper: xinglin", "paper: ../../etc"))
    [line] = check(issue_dir)
    assert line == (
        f"{issue_dir.where(text, '../../etc')} paper: "
        "the name of a folder under layouts/, such as 'xinglin'"
    )


def test_duplicate_yaml_keys(issue_dir: IssueDir) -> None:
    text = issue_dir.write_yaml(MINIMAL_ISSUE.replace("number: 12\n", "number: 12\nnumber: 13\n"))
    assert f"{issue_dir.where(text, 'number: 13')} duplicate key 'number'" in check(issue_dir)


def test_build_checks_first_and_writes_nothing(issue_dir: IssueDir, tmp_path) -> None:
    out = tmp_path / "out"
    assert typeset("build", issue_dir.folder, "--out", out).code == 0
    good = (out / "test-issue" / "issue.pdf").read_bytes()
    issue_dir.write_yaml(MINIMAL_ISSUE.replace("headline: 第二版文章", "headine: 第二版文章"))
    run = typeset("build", issue_dir.folder, "--out", out)
    assert run.code == 1 and "unknown key 'headine'" in run.stderr
    assert "Traceback" not in run.stderr
    assert (out / "test-issue" / "issue.pdf").read_bytes() == good
    assert sorted(p.name for p in out.iterdir()) == ["test-issue"]


def test_an_article_not_placed_is_a_warning(issue_dir: IssueDir) -> None:
    text = issue_dir.write_yaml(
        MINIMAL_ISSUE + "  spare:\n    headline: 备用稿\n    body: articles/second.md\n"
    )
    run = typeset("check", issue_dir.folder)
    assert run.code == 0
    assert f"{issue_dir.where(text, 'spare:')} warning: article 'spare' is not placed" in run.stderr


def test_errors_in_the_papers_definition_point_into_paper_yaml(
    issue_dir: IssueDir, tmp_path
) -> None:
    layouts = tmp_path / "layouts"
    shutil.copytree(ROOT / "layouts", layouts)
    paper = layouts / "xinglin" / "paper.yaml"
    text = paper.read_text(encoding="utf-8").replace("  columns: 8", "  colums: 8")
    paper.write_text(text, encoding="utf-8")
    run = typeset("--layouts", layouts, "check", issue_dir.folder)
    assert run.code == 1
    assert (
        f"{paper}:{position(text, 'colums')}: unknown key 'colums' (did you mean 'columns'?)"
        in (run.stderr.splitlines())
    )
