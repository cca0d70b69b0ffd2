"""A character no font of the paper has is an error before anything is rendered."""

from __future__ import annotations

from conftest import IssueDir, paragraph_of_lines, typeset


def test_a_character_missing_from_the_fonts_is_named_with_its_code(
    issue_dir: IssueDir, tmp_path
) -> None:
    text = f"{paragraph_of_lines(2)}\n\n第二段提到一个罕见字𠀀，字体里没有。\n"
    path = issue_dir.write_article("second.md", text)
    run = typeset("build", issue_dir.folder, "--out", tmp_path / "out")
    assert run.code == 1 and "Traceback" not in run.stderr
    [line] = [line for line in run.stderr.splitlines() if "U+20000" in line]
    assert line.startswith(
        f"{path}:3:11: error: character '𠀀' (U+20000) in article 'second', paragraph 2 "
    )
    assert "NotoSerifSC-Regular.subset.otf" in line and "run `make fonts`" in line
    assert not (tmp_path / "out").exists()


def test_a_headline_character_is_located_in_issue_yaml(issue_dir: IssueDir) -> None:
    text = issue_dir.yaml_path.read_text(encoding="utf-8").replace("第二版文章", "第二版文章𠀀")
    issue_dir.write_yaml(text)
    run = typeset("check", issue_dir.folder)
    assert run.code == 1
    assert (
        f"{issue_dir.where(text, '第二版文章𠀀')} error: character '𠀀' (U+20000) "
        "in the headline of 'second'" in run.stderr
    )
