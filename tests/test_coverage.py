"""A character no font of the paper has is an error before anything is rendered."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
from conftest import ROOT, IssueDir, changed_layouts, paragraph_of_lines, position, typeset
from fontTools.fontBuilder import FontBuilder
from fontTools.pens.ttGlyphPen import TTGlyphPen


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
    assert "NotoSerifSC-Regular.subset.otf" in line
    assert (
        "nor in a fallback font of the paper; for a rare character (生僻字) put a font file "
        "that has it in " in line
    )
    assert "name it under 'fallback_fonts:' in " in line and "no `make fonts`" in line
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


def tiny_font(path: Path, chars: str) -> None:
    """A TrueType font whose only glyphs are squares for `chars`: what a paper's licensed
    font for rare names stands for in these tests."""
    names = [".notdef", *(f"u{ord(c):05X}" for c in chars)]
    builder = FontBuilder(1000, isTTF=True)
    builder.setupGlyphOrder(names)
    builder.setupCharacterMap({ord(c): f"u{ord(c):05X}" for c in chars})
    pen = TTGlyphPen(None)
    for x, y in ((100, -100), (100, 800), (900, 800), (900, -100)):
        (pen.lineTo if x != 100 or y != -100 else pen.moveTo)((x, y))
    pen.closePath()
    square = pen.glyph()
    builder.setupGlyf({name: square for name in names})
    builder.setupHorizontalMetrics({name: (1000, 100) for name in names})
    builder.setupHorizontalHeader(ascent=880, descent=-120)
    builder.setupNameTable({"familyName": "Rare Names", "styleName": "Regular"})
    builder.setupOS2(sTypoAscender=880, sTypoDescender=-120, usWinAscent=880, usWinDescent=120)
    builder.setupPost()
    builder.save(path)


def paper_with_fallback(tmp_path: Path, name: str) -> Path:
    return changed_layouts(
        tmp_path,
        lambda text: text.replace("\nheadlines:", f"\nfallback_fonts: [{name}]\n\nheadlines:"),
    ).folder


def test_a_papers_fallback_font_supplies_a_rare_character(issue_dir: IssueDir, tmp_path) -> None:
    issue_dir.write_article("second.md", "罕见的姓氏𠀀出现在名单里，其余文字照常。\n")
    layouts = paper_with_fallback(tmp_path, "RareNames.ttf")
    tiny_font(layouts / "xinglin" / "RareNames.ttf", "𠀀𠀁𠀂")
    fonts_before = sorted((p.name, p.stat().st_mtime) for p in (ROOT / "fonts").iterdir())
    out = tmp_path / "out"
    run = typeset("--layouts", layouts, "--fonts", ROOT / "fonts", "build", issue_dir.folder,
                  "--out", out)  # fmt: skip
    assert run.code == 0, run.stderr
    with pdfplumber.open(out / "test-issue" / "pages" / "page-02.pdf") as pdf:
        chars = {c["text"]: c["fontname"] for c in pdf.pages[0].chars}
    assert "XL-Fallback-1" in chars["𠀀"]  # the fallback draws the rare character
    assert "XL-Song" in chars["姓"] and "Fallback" not in chars["姓"]  # and only it
    assert sorted((p.name, p.stat().st_mtime) for p in (ROOT / "fonts").iterdir()) == fonts_before


def test_a_fallback_font_that_is_not_there_is_an_error(issue_dir: IssueDir, tmp_path) -> None:
    layouts = paper_with_fallback(tmp_path, "RareNames.ttf")
    run = typeset("--layouts", layouts, "check", issue_dir.folder)
    assert run.code == 1
    paper = layouts / "xinglin" / "paper.yaml"
    text = paper.read_text(encoding="utf-8")
    assert (
        f"{paper}:{position(text, 'RareNames.ttf')}: error: fallback font 'RareNames.ttf' is "
        f"neither in {layouts / 'xinglin'} nor in "
    ) in run.stderr
