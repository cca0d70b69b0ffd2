"""Any paper's front page from its paper.yaml alone: the sidebar's blocks in its order,
title/name pairs aligned, the nameplate as an image, a sidebar too long is an error, and
keys the sidebar would not print are errors."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pdfplumber
from conftest import MINIMAL_ISSUE, ROOT, IssueDir, position, typeset
from PIL import Image

# A new paper: the xinglin layout folder with only its paper.yaml changed.
MASTHEAD = """\
masthead:
  name: 青禾医学周报
  supervisor: 东海省卫生学会
  sponsor: 青禾医学周报社
  cn_number: CN99-0001
  price: 1.50元
  credits:
    - {block: supervisor}
    - {block: sponsor}
    - {label: 学术顾问单位, lines: [东海省健康促进会]}
    - {block: cn_number}
    - label: 学术顾问委员会
      note: 按姓氏笔画排序
      pairs: [中国科学院院士 丁一鸣, 中国工程院院士 万方, 院士 上官远山]
    - {heading: 编辑指导委员会}
    - {label: 主任, names: [秦怀远, 梁书曼], per_row: 2}
    - {label: 印刷, value: 清源市青禾印务有限公司}
    - {block: price}
    - {label: 本报法律顾问, lines: [岑立诚]}
nameplate: {image: nameplate.png, cn_number: false}
"""


def new_paper(tmp_path: Path, masthead: str = MASTHEAD) -> tuple[Path, Path]:
    """layouts/ with a paper 'weekly': xinglin's look, its own paper.yaml."""
    layouts = tmp_path / "layouts"
    shutil.copytree(ROOT / "layouts" / "xinglin", layouts / "weekly")
    paper = layouts / "weekly" / "paper.yaml"
    text = paper.read_text(encoding="utf-8")
    text = text[: text.index("\nmasthead:") + 1] + masthead
    paper.write_text(text, encoding="utf-8")
    Image.new("RGB", (1200, 300), (200, 30, 30)).save(layouts / "weekly" / "nameplate.png")
    return layouts, paper


def test_the_sidebar_follows_the_papers_data(issue_dir: IssueDir, tmp_path: Path) -> None:
    layouts, _ = new_paper(tmp_path)
    issue_dir.write_yaml(MINIMAL_ISSUE.replace("paper: xinglin", "paper: weekly"))
    out = tmp_path / "out"
    run = typeset("--layouts", layouts, "build", issue_dir.folder, "--out", out)
    assert run.code == 0, run.stderr
    with pdfplumber.open(out / "test-issue" / "pages" / "page-01.pdf") as pdf:
        page = pdf.pages[0]
        sidebar = page.crop((0, 250, 160, page.height))
        text = sidebar.extract_text().replace("\n", "")
        [image] = [image for image in page.images if image["top"] < 200]
        top_text = page.crop((0, 0, page.width, 250)).extract_text()
        starts = [c["x0"] for c in sidebar.chars if c["text"] in "丁万上" and c["size"] < 8]
        titles = [w for w in sidebar.extract_words() if w["text"].endswith("院士")]
    cn = "国内统一连续出版物号：CN99-0001"
    order = ["主管单位", "主办单位", "学术顾问单位", cn, "学术顾问委员会", "编辑指导委员会",
             "印刷", "定价：1.50元", "本报法律顾问"]  # fmt: skip
    at = [text.index(item) for item in order]
    assert at == sorted(at), text
    assert "本期导读" not in text
    # the nameplate is the image, its name not set as text, no CN number under the date
    assert image["top"] < 100 and image["x1"] - image["x0"] > 200
    assert "青禾医学周报" not in top_text and "CN99-0001" not in top_text
    # names stand in one column, whatever the length of the title before them
    assert len(starts) == 3 and max(starts) - min(starts) < 0.5, starts
    assert len({round(w["x0"]) for w in titles}) == 1


def test_a_sidebar_longer_than_its_frame_is_an_error(issue_dir: IssueDir, tmp_path: Path) -> None:
    many = "\n".join(f"    - {{label: 编辑{n}, value: 某某}}" for n in range(150))
    layouts, _ = new_paper(
        tmp_path, MASTHEAD.replace("    - {block: price}", f"{many}\n    - {{block: price}}")
    )
    text = issue_dir.write_yaml(MINIMAL_ISSUE.replace("paper: xinglin", "paper: weekly"))
    out = tmp_path / "out"
    run = typeset("--layouts", layouts, "build", issue_dir.folder, "--out", out)
    assert run.code == 1
    line = next(line for line in run.stderr.splitlines() if "sidebar on page 1" in line)
    assert line.startswith(
        f"{issue_dir.where(text, '{column: 1, span: 1, line: 1, lines: 89}')} error: the credits "
        "sidebar on page 1 does not fit its frame: "
    )
    assert " lines over, from '" in line
    assert not out.exists()


def test_keys_the_sidebar_would_not_print_are_errors(issue_dir: IssueDir, tmp_path: Path) -> None:
    layouts, paper = new_paper(
        tmp_path,
        MASTHEAD.replace("{heading: 编辑指导委员会}", "{heading: 编辑指导委员会, value: 某某}")
        .replace("{block: price}", "{block: price, value: 3元}")
        .replace("{label: 印刷, value: 清源市青禾印务有限公司}", "{label: 印刷, per_row: 2}")
        .replace("{image: nameplate.png", "{image: nameplate.svg"),
    )
    issue_dir.write_yaml(MINIMAL_ISSUE.replace("paper: xinglin", "paper: weekly"))
    run = typeset("--layouts", layouts, "check", issue_dir.folder)
    assert run.code == 1
    text = paper.read_text(encoding="utf-8")
    lines = run.stderr.splitlines()
    for needle, message in (
        (
            "{heading: 编辑指导委员会",
            "a heading does not print 'value': put it under a 'label' entry",
        ),
        ("{block: price", "block 'price' does not print 'value': put it under a 'label' entry"),
        ("{label: 印刷", "a label does not print 'per_row': 'per_row' goes with 'names'"),
    ):
        assert f"{paper}:{position(text, needle)}: error: {message}" in lines, run.stderr
    assert (
        f"{paper}:{position(text, 'nameplate.svg')}: error: the nameplate image: file "
        "'nameplate.svg' does not exist (did you mean 'nameplate.png'?)"
    ) in lines


# MINIMAL_ISSUE with two more articles on page 2 and a page 3, so that the front
# page's 本期导读 has headlines to choose from.
MORE_ON_PAGE_2 = """\
      - article: third
        frame: {column: 1, span: 2, line: 21, lines: 20}
      - article: fourth
        frame: {column: 3, span: 2, line: 1, lines: 20}
"""
PAGE_3 = """\
  - number: 3
    section: 健康
    template: inner
    articles:
      - article: fifth
        frame: {column: 1, span: 2, line: 1, lines: 20}
articles:
  third:
    headline: 冬季流感疫苗接种启动
    body: articles/second.md
  fourth:
    headline: 县域医共体建设提速
    body: articles/second.md
  fifth:
    headline: 科学饮水有讲究
    body: articles/second.md
"""


def contents_issue(contents: str) -> str:
    """That issue, its front page's `contents:` line given."""
    second = "        frame: {column: 1, span: 2, line: 1, lines: 20}\n"
    sidebar = "    sidebar: {column: 1, span: 1, line: 1, lines: 89}\n"
    return (
        MINIMAL_ISSUE.replace(second, second + MORE_ON_PAGE_2, 1)
        .replace("articles:\n  lead:", PAGE_3 + "  lead:", 1)
        .replace(sidebar, sidebar + contents)
    )


def built_sidebar(issue_dir: IssueDir, tmp_path: Path, contents: str) -> tuple[str, str]:
    """The front page's sidebar text as built with `contents`, and its 本期导读 box
    without spaces and bullets."""
    issue_dir.write_yaml(contents_issue(contents))
    out = tmp_path / "out"
    run = typeset("build", issue_dir.folder, "--out", out)
    assert run.code == 0, run.stderr
    with pdfplumber.open(out / "test-issue" / "pages" / "page-01.pdf") as pdf:
        page = pdf.pages[0]
        sidebar = page.crop((0, 250, 160, page.height)).extract_text().replace("\n", "")
    return sidebar, re.sub(r"[\s■]", "", sidebar[sidebar.index("本期导读") :])


def test_the_contents_box_lists_the_chosen_headlines(issue_dir: IssueDir, tmp_path: Path) -> None:
    sidebar, box = built_sidebar(issue_dir, tmp_path, "    contents: [fifth, third]\n")
    # grouped by page, in page order, whatever the order they are listed in
    assert box == "本期导读第2版临床冬季流感疫苗接种启动第3版健康科学饮水有讲究", box
    for left_out in ("第二版文章", "县域医共体建设提速"):
        assert left_out not in sidebar


def test_without_a_choice_the_contents_box_lists_every_headline(
    issue_dir: IssueDir, tmp_path: Path
) -> None:
    _, box = built_sidebar(issue_dir, tmp_path, "")
    assert box == (
        "本期导读第2版临床第二版文章冬季流感疫苗接种启动县域医共体建设提速第3版健康科学饮水有讲究"
    ), box


def test_contents_naming_no_article_of_another_page_is_an_error(issue_dir: IssueDir) -> None:
    text = issue_dir.write_yaml(contents_issue("    contents: [thrid, lead, fifth, fifth]\n"))
    run = typeset("check", issue_dir.folder)
    assert run.code == 1
    lines = run.stderr.splitlines()
    where = issue_dir.where
    for line in (
        f"{where(text, 'thrid')} error: no article 'thrid' is placed on another page "
        "(did you mean 'third'?)",
        f"{where(text, 'lead, ')} error: article 'lead' is on this page; 本期导读 lists "
        "other pages'",
        f"{where(text, 'fifth]')} error: article 'fifth' is listed twice",
    ):
        assert line in lines, run.stderr


def test_contents_without_a_contents_box_is_an_error(issue_dir: IssueDir, tmp_path: Path) -> None:
    layouts, _ = new_paper(tmp_path)  # its credits have no {block: contents}
    text = contents_issue("    contents: [third]\n").replace("paper: xinglin", "paper: weekly")
    issue_dir.write_yaml(text)
    run = typeset("--layouts", layouts, "check", issue_dir.folder)
    assert run.code == 1
    assert (
        f"{issue_dir.where(text, 'contents:')} error: 'contents:' chooses the headlines of the "
        "本期导读 box, and the sidebar has none: list {block: contents} in masthead: credits: "
        "(paper.yaml)"
    ) in run.stderr.splitlines(), run.stderr
