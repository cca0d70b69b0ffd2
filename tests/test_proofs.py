"""Proof rounds: stamped pages, previews and text for the proofreader, and what changed
since the last round, in words and in a picture."""

from __future__ import annotations

import json
from pathlib import Path

import pdfplumber
import pytest
from browser import browser_page
from conftest import MINIMAL_ISSUE, IssueDir, make_issue_dir, typeset
from PIL import Image

from typeset.proof.changes import compare
from typeset.proof.snapshot import FrameSnapshot, PageSnapshot

EPOCH = {"SOURCE_DATE_EPOCH": "1764115200", "TZ": "UTC"}
MM = 72 / 25.4
PX = 100 / 72  # preview pixels per point
TOP_MARGIN = 16 * MM
# The frame of `second` on page 2: columns 1–2 under the 6-line folio, 20 lines deep.
SECOND_FRAME = (37.5, TOP_MARGIN + 6 * 13.5, 37.5 + 2 * 117 + 13.5, TOP_MARGIN + 26 * 13.5)


@pytest.fixture(scope="module")
def rounds(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Three proof rounds of the small issue: as written, one word of `second` changed
    ('临床' → '外科'), and nothing changed."""
    made = make_issue_dir(tmp_path_factory.mktemp("proofs"))
    out = made.folder.parent / "out"
    for edit in (False, True, False):
        if edit:
            path = made.folder / "articles" / "second.md"
            path.write_text(path.read_text("utf-8").replace("临床", "外科", 1), "utf-8")
        run = typeset("build", "--proof", made.folder, "--out", out, env=EPOCH)
        assert run.code == 0, run.stderr
    return out / made.folder.name / "proof"


def test_the_first_round_has_pages_previews_and_text(rounds: Path) -> None:
    first = rounds / "round-1"
    for page in (1, 2):
        assert (first / f"page-{page:02d}.pdf").read_bytes().startswith(b"%PDF")
        with Image.open(first / f"page-{page:02d}.png") as preview:
            assert preview.width / preview.height == pytest.approx(390 / 540, abs=0.002)
    assert (first / "issue.pdf").is_file()
    pages = json.loads((first / "text.json").read_text("utf-8"))["pages"]
    [second] = pages[1]["frames"]
    assert second["article"] == "second" and second["headline"] == "第二版文章"
    assert second["text"].startswith("医学科学研究推动临床诊疗")
    assert (first / "changes.txt").read_text("utf-8") == "round 1: nothing to compare with\n"
    report = (first / "proof-report.txt").read_text("utf-8")
    assert "第1版 要闻" in report and "a missing character stops the build" in report


def test_every_page_is_stamped_in_the_margin_above_the_text(rounds: Path) -> None:
    with pdfplumber.open(rounds / "round-1" / "issue.pdf") as pdf:
        for page in pdf.pages:
            margin = [char for char in page.chars if char["top"] < TOP_MARGIN - 1]
            stamp = "".join(char["text"] for char in margin)
            assert stamp == "校样 第1轮 · 2025-11-26 08:00"  # 00:00 UTC on the paper's clock
            assert all(char["bottom"] < TOP_MARGIN for char in margin)


def test_one_changed_word_is_reported_on_its_page_only(rounds: Path) -> None:
    second = rounds / "round-2"
    changes = json.loads((second / "changes.json").read_text("utf-8"))
    assert changes["compared_with"] == 1
    one, two = changes["pages"]
    assert not one["changed"] and one["image"] is None
    [frame] = two["frames"]
    assert frame["article"] == "second" and frame["status"] == "edited"
    [edit] = frame["edits"]
    assert (edit["deleted"], edit["inserted"]) == ("临床", "外科")
    text = (second / "changes.txt").read_text("utf-8")
    assert "第1版: unchanged" in text
    assert "第2版 second: …章¶医学科学研究推动[-临床-]{+外科+}诊疗水平不断提高基层…" in text
    assert sorted(p.name for p in second.glob("*-changes.png")) == ["page-02-changes.png"]


def test_the_changes_picture_outlines_the_edited_words(rounds: Path) -> None:
    second = rounds / "round-2"
    [box] = json.loads((second / "changes.json").read_text("utf-8"))["pages"][1]["boxes"]
    left, top, right, bottom = (value * PX for value in SECOND_FRAME)
    assert left <= box["left"] < box["right"] <= right
    assert top <= box["top"] < box["bottom"] <= bottom
    with pdfplumber.open(second / "page-02.pdf") as pdf:
        words = pdf.pages[0].search("外科")
    assert words
    [word] = words
    assert box["left"] <= word["x0"] * PX and word["x1"] * PX <= box["right"]
    assert box["top"] <= word["top"] * PX and word["bottom"] * PX <= box["bottom"]
    with (
        Image.open(second / "page-02-changes.png") as marked,
        Image.open(second / "page-02.png") as plain,
    ):
        inside = (box["left"] + 1, box["top"] + 1)
        assert marked.size == plain.size and marked.getpixel(inside) != plain.getpixel(inside)


def test_a_round_without_edits_finds_every_page_unchanged(rounds: Path) -> None:
    third = rounds / "round-3"
    changes = json.loads((third / "changes.json").read_text("utf-8"))
    assert [page["changed"] for page in changes["pages"]] == [False, False]
    assert (third / "changes.txt").read_text("utf-8").splitlines()[0] == (
        "round 3 against round 2: 0 pages changed, 2 unchanged"
    )
    assert not list(third.glob("*-changes.png"))
    assert sorted(p.name for p in rounds.iterdir()) == ["round-1", "round-2", "round-3"]


def test_a_failed_proof_build_writes_no_round(issue_dir: IssueDir, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert typeset("build", "--proof", issue_dir.folder, "--out", out).code == 0
    issue_dir.write_yaml(MINIMAL_ISSUE.replace("template: inner", "template: missing"))
    run = typeset("build", "--proof", issue_dir.folder, "--out", out)
    assert run.code == 1 and "Traceback" not in run.stderr
    assert [p.name for p in (out / "test-issue" / "proof").iterdir()] == ["round-1"]


def test_print_and_proof_are_exclusive(issue_dir: IssueDir) -> None:
    run = typeset("build", "--print", "--proof", issue_dir.folder)
    assert run.code == 2 and "not allowed with" in run.stderr


def test_frames_moved_added_and_removed_are_said_as_such() -> None:
    def frame(name: str) -> FrameSnapshot:
        return FrameSnapshot(name, f"article-{name}", name, None, "正文", None)

    before = (PageSnapshot(1, "要闻", (frame("a"), frame("b"))), PageSnapshot(2, "临床", ()))
    after = (PageSnapshot(1, "要闻", (frame("c"),)), PageSnapshot(2, "临床", (frame("a"),)))
    one, two = compare(before, after)
    assert [(f.article, f.status) for f in one.frames] == [
        ("c", "added"),
        ("a", "moved to 第2版"),
        ("b", "removed"),
    ]
    assert [(f.article, f.status, f.edits) for f in two.frames] == [("a", "moved from 第1版", ())]


def test_a_round_reads_in_the_browser_with_its_changes_and_the_last_round(rounds: Path) -> None:
    """round-2/index.html opened from disk, as from the file manager."""
    with browser_page() as page:
        page.goto((rounds / "round-2" / "index.html").as_uri())
        page.wait_for_load_state("load")
        header = page.inner_text("header")
        assert "校样 第2轮" in header and "上一轮（第1轮）" in header
        widths = page.eval_on_selector_all(
            "figure.current img", "images => images.map(i => i.complete ? i.naturalWidth : 0)"
        )
        assert widths == [round(390 / 25.4 * 200)] * 2  # both pages, at 200 dpi
        [change] = page.query_selector_all("#changes li")
        assert change.inner_text().startswith("第2版《第二版文章》修改")
        assert change.query_selector("del").inner_text() == "临床"
        assert change.query_selector("ins").inner_text() == "外科"
        assert "未改动的版面：第1版" in page.inner_text("nav")
        assert page.query_selector_all("#page-2 .changed") and not page.query_selector_all(
            "#page-1 .changed"
        )
        change.click()
        frame = page.query_selector("#page-2 .frame.flash")
        assert frame is not None and frame.is_visible()
        assert page.evaluate("window.scrollY") > 0
        page.check("input[value=beside]")
        previous = page.query_selector("#page-2 figure.previous img")
        assert previous.is_visible()
        previous.scroll_into_view_if_needed()
        page.wait_for_function("i => i.complete && i.naturalWidth > 0", arg=previous)
        text = page.inner_text("body")
        assert ".json" not in text and "/" not in text and "round-" not in text
