"""Shared helpers: run the real `typeset` command and write small issues for tests."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from fontTools import subset
from PIL import Image
from weasyprint import HTML

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "issues" / "2026-11-26"

# Pure Chinese text without punctuation: 13 characters fill one column line exactly, so a
# paragraph of 11 + 13k characters (2-em indent) takes exactly k + 1 lines.
FILLER = "医学科学研究推动临床诊疗水平不断提高基层医院能力持续增强" * 20


def paragraph_of_lines(lines: int) -> str:
    return FILLER[: 11 + 13 * (lines - 1)]


def body_lines(page, top: float = 0, bottom: float | None = None) -> list[list[dict]]:
    """A page's body text between two heights, as lines in reading order: column by column
    (the xinglin grid), top to bottom. Headlines and kickers (larger type), jump lines,
    bylines and captions (楷体) and proof marks (8 pt) are left out."""
    pitch = 13 * 9 + 1.5 * 9  # a column and a gutter, in points
    left = (page.width - 8 * 13 * 9 - 7 * 1.5 * 9) / 2
    lines: dict[tuple[int, int], list[dict]] = {}
    for char in page.chars:
        if (
            8.5 < char["size"] < 10
            and "Kai" not in char["fontname"]
            and top < char["top"] < (bottom or page.height)
        ):
            column = int((char["x0"] - left + 1) // pitch)
            lines.setdefault((column, round(char["top"])), []).append(char)
    return [sorted(lines[key], key=lambda c: c["x0"]) for key in sorted(lines)]


@dataclass
class Run:
    code: int
    stderr: str
    stdout: str


def typeset(*args: str | Path, cwd: Path = ROOT, env: dict | None = None) -> Run:
    """The installed command line, as layout staff run it."""
    done = subprocess.run(
        [sys.executable, "-m", "typeset", *map(str, args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=600,
    )
    return Run(done.returncode, done.stderr, done.stdout)


def position(text: str, needle: str, occurrence: int = 1) -> str:
    """'line:col' of the n-th `needle` in `text`, counted from 1 like the error messages."""
    index = -1
    for _ in range(occurrence):
        index = text.index(needle, index + 1)
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    return f"{line}:{column}"


# The top of a one-off test issue; its pages follow.
ISSUE_HEAD = """\
paper: xinglin
date: 2026-01-08
number: 1
total_number: 1
pages:
"""

MINIMAL_ISSUE = """\
paper: xinglin
date: 2025-11-20
number: 12
total_number: 345
pages:
  - number: 1
    section: 要闻
    template: front
    editor: 林小文
    sidebar: {column: 1, span: 1, line: 1, lines: 89}
    articles:
      - article: lead
        frame: {column: 2, span: 3, line: 1, lines: 30}
  - number: 2
    section: 临床
    template: inner
    editor: 周明
    proofreader: 何静
    designer: 吴青
    articles:
      - article: second
        frame: {column: 1, span: 2, line: 1, lines: 20}
    ads:
      - frame: {column: 5, span: 2, line: 1, lines: 20}
        headline: 健康体检
        image: images/ad.png
articles:
  lead:
    kicker: 专家之声
    headline: 基层医院远程会诊
    byline: 林思远 周晓岚
    body: articles/lead.md
    photos:
      - {image: images/head.png, caption: 林思远, span: 1, lines: 8}
  second:
    headline: 第二版文章
    body: articles/second.md
"""


@dataclass
class IssueDir:
    folder: Path

    @property
    def yaml_path(self) -> Path:
        return self.folder / "issue.yaml"

    def write_yaml(self, text: str) -> str:
        self.yaml_path.write_text(text, encoding="utf-8")
        return text

    def write_article(self, name: str, text: str) -> Path:
        path = self.folder / "articles" / name
        path.write_text(text, encoding="utf-8")
        return path

    def where(self, text: str, needle: str, occurrence: int = 1) -> str:
        """The `file:line:col` prefix an error about `needle` in issue.yaml must carry."""
        return f"{self.yaml_path}:{position(text, needle, occurrence)}:"


@pytest.fixture
def issue_dir(tmp_path: Path) -> IssueDir:
    """A small valid issue (two pages, a photo, an ad) to change one thing in."""
    return make_issue_dir(tmp_path)


def make_issue_dir(tmp_path: Path) -> IssueDir:
    """The small valid issue of `issue_dir`, in tmp_path/test-issue."""
    folder = tmp_path / "test-issue"
    (folder / "articles").mkdir(parents=True)
    (folder / "images").mkdir()
    Image.new("RGB", (300, 400), (180, 200, 220)).save(folder / "images" / "head.png")
    Image.new("RGB", (600, 400), (220, 200, 180)).save(folder / "images" / "ad.png")
    made = IssueDir(folder)
    made.write_yaml(MINIMAL_ISSUE)
    made.write_article(
        "lead.md", f"{paragraph_of_lines(4)}\n\n## 小标题\n\n{paragraph_of_lines(3)}\n"
    )
    made.write_article("second.md", f"{paragraph_of_lines(5)}\n")
    return made


@dataclass
class Layouts:
    """A copy of layouts/ with a changed paper.yaml: a paper's choice under test."""

    folder: Path  # what `typeset --layouts` takes
    paper: Path  # its xinglin/paper.yaml
    text: str  # that paper.yaml as written


def changed_layouts(tmp_path: Path, change: Callable[[str], str]) -> Layouts:
    folder = tmp_path / "layouts"
    shutil.copytree(ROOT / "layouts", folder)
    paper = folder / "xinglin" / "paper.yaml"
    text = change(paper.read_text(encoding="utf-8"))
    paper.write_text(text, encoding="utf-8")
    return Layouts(folder, paper, text)


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample issue built once, as `make` builds it."""
    out = tmp_path_factory.mktemp("sample")
    run = typeset("build", SAMPLE, "--out", out, env={"SOURCE_DATE_EPOCH": "1764115200"})
    assert run.code == 0, run.stderr
    (out / "stderr.txt").write_text(run.stderr, encoding="utf-8")  # what layout staff read
    return out / SAMPLE.name


def build_print(issue: Path, out: Path) -> Path:
    """`issue`'s print files, built as `make print` builds them."""
    run = typeset("build", "--print", issue, "--out", out, env={"SOURCE_DATE_EPOCH": "1764115200"})
    assert run.code == 0, run.stderr
    return out / issue.name / "print"


@pytest.fixture(scope="session")
def sample_print(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample issue's print folder, built once."""
    return build_print(SAMPLE, tmp_path_factory.mktemp("print"))


@pytest.fixture(scope="session")
def misnumbered_font_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A page set in a CID-keyed font whose CIDs are not its glyph indices, as the font
    subsets were before `make fonts` renumbered them: PDFium draws it, Ghostscript and
    MuPDF do not."""
    folder = tmp_path_factory.mktemp("misnumbered")
    text = "医学科学研究院士之声细胞制造是细胞治疗的核心环节"
    options = subset.Options()
    options.layout_features = ["*"]
    with subset.load_font(str(ROOT / "fonts" / "NotoSerifSC-Regular.subset.otf"), options) as font:
        subsetter = subset.Subsetter(options)
        subsetter.populate(text=text)
        subsetter.subset(font)  # keeps the source's CIDs; the glyph indices start again at 1
        subset.save_font(font, str(folder / "misnumbered.otf"), options)
    html = f"""<style>@font-face {{ font-family: M; src: url(misnumbered.otf); }}
      @page {{ size: 120mm 50mm; margin: 10mm; }}
      body {{ font: 9pt/1.4 M; color: device-cmyk(0 0 0 1); }}</style>
      <p>{text * 5}</p>"""
    path = folder / "misnumbered.pdf"
    HTML(string=html, base_url=str(folder) + "/").write_pdf(path)
    return path


def _strace_works() -> bool:
    """strace is installed and may trace here (a container may forbid ptrace)."""
    if shutil.which("strace") is None:
        return False
    probe = subprocess.run(["strace", "-o", "/dev/null", "true"], capture_output=True)
    return probe.returncode == 0


needs_strace = pytest.mark.skipif(
    not _strace_works(), reason="needs strace (apt-get install strace)"
)
