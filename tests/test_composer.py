"""The composer (compose/) on its own: random Chinese text with punctuation, quotes, digits
and Latin words thrown at it (hypothesis), and the clreq rules it must keep. The built
pages are checked in test_typography.py."""

from __future__ import annotations

import math
import time
from itertools import pairwise
from pathlib import Path

import pytest
from conftest import ROOT, SAMPLE
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from typeset.compose.adjust import adjusted
from typeset.compose.linebreak import LOOSE_EM, break_lines
from typeset.compose.lines import ComposedBlock, Composer
from typeset.compose.opportunities import NOT_AT_END, NOT_AT_START, weighted_opportunities
from typeset.compose.spacing import Spacing
from typeset.compose.texts import body_composer
from typeset.compose.widths import advances
from typeset.diagnostics import Diagnostics
from typeset.issue.load import Project, load_issue
from typeset.text.blocks import Block, Run
from typeset.text.headline import balanced_lines
from typeset.text.script import is_han

ISSUE = load_issue(SAMPLE, Project(ROOT / "layouts", ROOT / "fonts"), Diagnostics())
assert ISSUE is not None
COMPOSER = body_composer(ISSUE.paper, ROOT / "fonts")
MEASURE = COMPOSER.measure.width

HAN = "医学科学研究推动临床诊疗水平不断提高基层医院能力持续增强"
PIECES = st.one_of(
    st.text(HAN, min_size=1, max_size=12),
    st.sampled_from(["，", "。", "、", "：", "；", "？", "！", "……", "——", "·"]),
    st.sampled_from(["“", "”", "‘", "’", "（", "）", "《", "》", "「", "」"]),
    st.sampled_from(["6款", "100万元", "2025年", "3.5%", "2026—2027年", "PD-1", "mRNA"]),
    st.sampled_from(["AI", "CT", "immunotherapy", "https://kepu.example.cn/a/b.html"]),
    st.from_regex(r"[a-z]{1,9}( [a-z]{1,9}){0,3}", fullmatch=True),
    st.from_regex(r"[0-9]{1,6}", fullmatch=True),
)


def paragraph(text: str, italic: bool = False) -> Block:
    return Block("paragraph", (Run(text, italic=italic),), Path("x.md"), 1, 1)


def compose(text: str, composer: Composer = COMPOSER) -> ComposedBlock:
    return composer.block(paragraph(text))


def line_texts(composed: ComposedBlock) -> list[str]:
    return [composed.block.text[line.start : line.end] for line in composed.lines]


def set_width(composed: ComposedBlock, index: int) -> float:
    """The width of a composed line as the layout sets it, in em: its characters (but
    the spaces it ends with) and the advances the composer chose."""
    line = composed.lines[index]
    text = composed.block.text
    widths = advances(composed.block, COMPOSER.face_of)
    end = Spacing.of(text, widths, 0).visible_end(line.start, line.end)
    return sum(widths[line.start : end]) + sum(line.extra[: end - line.start])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(PIECES, min_size=1, max_size=40))
@example(["不", "aaaaa a aaaa aaaaa", "，"])  # found by hypothesis: a hanging last line
@example(["3.5%", "immunotherapy", "，"])  # one word wider than the indented first line
def test_random_text_fits_its_measure_keeps_kinsoku_and_gives_back_the_source(pieces) -> None:
    text = "".join(pieces)
    composed = compose(text)
    lines = line_texts(composed)
    assert "".join(lines) == text
    for index, (line, piece) in enumerate(zip(composed.lines, lines, strict=True)):
        # A closing mark or 点号 ending the line may hang its blank half past the measure.
        width = MEASURE - (COMPOSER.measure.indent if index == 0 else 0) + line.hang
        assert line.hang in (0, 0.5) and (not line.hang or piece.rstrip()[-1] in NOT_AT_START["gb"])
        wide_word = " " not in piece.strip() and len(piece.strip()) > 1 and piece.isascii()
        assert set_width(composed, index) <= width + 1e-6 or wide_word, piece
        if line.justified and not line.loose:
            assert abs(set_width(composed, index) - width) < 1e-6, piece
        # Its looseness is what a reader sees: the extra space between two Han characters.
        han = [
            e
            for a, b, e in zip(piece, piece[1:], line.extra, strict=False)
            if is_han(a) and is_han(b)
        ]
        assert han == pytest.approx([line.stretch] * len(han)), piece
        if index:
            assert piece[0] not in NOT_AT_START["gb"], lines
        if index + 1 < len(lines):
            assert piece.rstrip()[-1] not in NOT_AT_END, lines
            after = lines[index + 1]
            assert not (piece[-1] == after[0] and after[0] in "…—"), lines


def test_quotes_break_as_opening_and_closing_marks() -> None:
    """UAX #14 treats “ ” as ambiguous and would move 疗“安全 whole (issue 11)."""
    text = "医学科学研究推动临床诊疗“安全、有效、质量可控”的目标" * 3
    for line in line_texts(compose(text)):
        assert line[0] not in "”’，、" and line[-1] not in "“‘"
    lines = line_texts(compose("医学科学研究推动临床诊疗“安全、有效、质量可控”。"))
    assert lines[0].endswith("“安") or lines[0].endswith("疗") or "“" not in lines[0]
    assert all(line.count("“") <= 1 for line in lines)


def loosest_without_penalties(text: str) -> float:
    """The loosest line (em between its characters) of the best breaks that cost nothing
    (no number parted from its unit, no range or web address split): what a penalised
    break has to save (math.inf when a line is overfull)."""
    spacing = Spacing.of(text, advances(paragraph(text), COMPOSER.face_of), COMPOSER.latin_em)
    free = {
        i: 0.0 for i, penalty in weighted_opportunities(text, "gb", True).items() if not penalty
    }
    ends = break_lines(spacing, free, COMPOSER.measure, "gb")
    loosest = 0.0
    for start, end in pairwise([0, *ends[:-1]]):
        width = MEASURE - (COMPOSER.measure.indent if start == 0 else 0)
        natural, room, gaps = spacing.line(start, end)
        if natural - room > width + spacing.hang(spacing.visible_end(start, end) - 1):
            return math.inf
        loosest = max(loosest, (width - natural) / gaps if gaps else 0.0)
    return loosest


def test_numbers_keep_their_units_unless_that_leaves_a_loose_line() -> None:
    """Knuth and Plass's penalty: 2025|年 and 2026—|2027 cost as much as a line at the
    looseness limit, so they are made only to avoid a loose line; …… —— never part, nor
    the digits of a number."""
    text = (
        "共有6款新药获批，总投入100万元，计划于2025年完成，时间为2026—2027年……" * 2
    ) + "完——成。"
    split = 0
    for offset in range(13):
        source = HAN[:offset] + text
        composed = compose(source)
        lines = line_texts(composed)
        joined = "|".join(lines)
        for whole in ("……", "——", "2026—", "2027", "2025", "100"):
            assert joined.count(whole) == source.count(whole), (whole, joined)
        if any(
            (a[-1].isdigit() and "\u4e00" <= b[0] <= "\u9fff") or a.endswith("6—")
            for a, b in pairwise(lines)
        ):
            split += 1
            assert loosest_without_penalties(source) > LOOSE_EM, joined
    assert 0 < split < 13


def test_a_number_parts_from_its_unit_rather_than_leave_a_loose_line() -> None:
    """p2-chest-pain.md of the sample: the first line was “D2B时间每缩短 at 0.46 em."""
    lines = line_texts(compose("“D2B时间每缩短10分钟，患者的远期预后都会有所改善。”"))
    assert lines[0].startswith("“D2B时间每缩短10"), lines
    assert not compose("“D2B时间每缩短10分钟，患者的远期预后都会有所改善。”").lines[0].loose


def test_urls_and_latin_words_stay_whole_and_urls_break_only_where_cmos_allows() -> None:
    """A web address breaks after a "/" of its path, and, only to avoid a loose line,
    after its // or before a dot of its host name (Chicago Manual of Style 7.42)."""
    text = "规则见https://kepu.example.cn/zhengji/2027/guize.html，另见immunotherapy一词。" * 2
    costly = 0
    for offset in range(13):
        source = HAN[:offset] + text
        lines = line_texts(compose(source))
        for line, after in pairwise(lines):
            if line[-1].isascii() and after[0].isascii():
                assert line.endswith("/") or after.startswith("."), (line, after)
                if line.endswith("//") or after.startswith("."):
                    costly += 1
                    assert loosest_without_penalties(source) > LOOSE_EM, (line, after)
        assert "immunotherapy" in "|".join(lines)
    assert costly > 0


def test_a_paragraph_never_ends_with_one_character() -> None:
    for length in range(12, 40):
        lines = line_texts(compose(HAN[:length] + "。"))
        assert len(lines[-1].rstrip("。")) >= 2, lines


def test_clreq_shrinks_brackets_first_then_pauses_then_stops() -> None:
    """先挤进: a line too full gives up the blank halves of （）, then of ，, 。 last;
    a line not full enough is stretched evenly between its characters."""
    text = "甲（乙）丙，丁。戊"  # 9 em, no two marks side by side
    spacing = Spacing.of(text, [1.0] * len(text), 0.25)

    def taken(width: float) -> dict[str, float]:
        extra = adjusted(spacing, 0, len(text), width, justify=True)
        # The blank half of an opening mark is taken from the gap before it.
        return {
            "（": -extra[0],
            "）": -extra[3],
            "，": -extra[5],
            "。": -extra[7],
        }

    assert taken(8.5) == pytest.approx({"（": 0.25, "）": 0.25, "，": 0, "。": 0})
    assert taken(7.5) == pytest.approx({"（": 0.5, "）": 0.5, "，": 0.5, "。": 0})
    assert taken(7.0) == pytest.approx({"（": 0.5, "）": 0.5, "，": 0.5, "。": 0.5})
    stretched = adjusted(spacing, 0, len(text), 10.0, justify=True)
    assert stretched[:-1] == pytest.approx([1 / 8] * 8) and stretched[-1] == 0


def test_han_latin_spacing_is_the_same_on_every_line() -> None:
    text = "研究AI模型与CT影像，" * 12
    composed = compose(text)
    spacing = COMPOSER.latin_em
    for line in composed.lines:
        piece = composed.block.text[line.start : line.end]
        for i in range(len(piece) - 1):
            if piece[i] in "究与" and piece[i + 1] in "AC":
                assert spacing / 2 <= line.extra[i] <= spacing + 0.15, piece


def test_a_one_megabyte_paragraph_is_composed_in_linear_time() -> None:
    """The hardening helper found quadratic work on long input; the line breaker looks
    back over a bounded number of candidates only. Ten times the text takes about ten
    times as long (quadratic work would take a hundred); the time itself is `make bench`'s
    business, so only the growth is asserted, which a busy machine does not upset."""
    source = "".join(path.read_text("utf-8") for path in sorted(SAMPLE.glob("articles/*.md")))
    source = source.replace("\n", "").replace("#", "")
    text = (source * (1_000_000 // len(source) + 1))[:1_000_000]
    times = []
    for size in (100_000, 1_000_000):
        started = time.process_time()
        composed = compose(text[:size])
        times.append(time.process_time() - started)
        assert composed.lines[-1].end == size
    assert times[1] < 30 * times[0], times


def test_headlines_break_outside_book_titles_and_numbers_with_units() -> None:
    """Issue 11, 2: an ad headline broke inside 《医 / 学科学报》; 6 / 款 was split."""

    def width_of(line: str) -> float:
        return 22.0 * len(line)

    lines = balanced_lines("新版《医学科学报》征稿启事今日发布", width_of, 10 * 22)
    assert len(lines) == 2 and all(line.count("《") == line.count("》") for line in lines)
    assert "6款" in "|".join(balanced_lines("全省新增6款创新药纳入医保目录", width_of, 8 * 22))


def test_a_mail_address_does_not_take_the_chinese_before_it() -> None:
    """`请来信至a.b@example.cn`: the lines may break between the Chinese characters; only
    the address is kept whole."""
    text = "请来信至a.b@example.cn查询"
    chances = weighted_opportunities(text, "gb", paragraph=False)
    assert {1, 2, 3} <= set(chances)
    assert not set(range(5, len("请来信至a.b@example.cn"))) & set(chances)
