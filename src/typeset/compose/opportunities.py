"""Where a line may end: ICU's Unicode line breaking (UAX #14), tailored by clreq.

ICU (through icu4py, which ships wheels with ICU built in) knows the Unicode classes,
including LB19a (quotation marks next to East Asian text break like opening and closing
marks). What a Chinese proofreader asks beyond it is written here, because no library
knows it: the paper's 禁则 level (clreq §3.1.7), “ ” ‘ ’ as opening and closing marks
whatever the ICU version, …… and —— never split, Latin words and numbers kept whole,
web addresses broken freely only after a "/" of their path, a paragraph's last two
characters kept together (text/breaks.py finds those stretches), and the breaks that
part what a reader takes as one (a number and its unit, a range, a host name) weighed
with a penalty instead of forbidden, so the line breaker makes them only to avoid a
loose line.
"""

from __future__ import annotations

from typing import Literal

from icu4py.breakers import LineBreaker

from typeset.text.breaks import NUMBER_WITH_UNIT, no_break_spans, tail_start
from typeset.text.punctuation import ADDRESS
from typeset.text.script import CLOSING, OPENING, STOPS, is_cjk_text, is_han, is_wide

Kinsoku = Literal["basic", "gb", "strict"]

# 禁则 by level: what may not start a line, what may not end one.
NOT_AT_START: dict[Kinsoku, str] = {
    "basic": CLOSING + STOPS,  # 点号 and closing marks
    "gb": CLOSING + STOPS + "·／/～",  # GB/T 15834: 间隔号, 分隔号 and 连接号 too
    "strict": CLOSING + STOPS + "·／/～…—",  # and …… —— stay with what they follow
}
NOT_AT_END = OPENING
UNSPLIT = "…—"  # …… and —— are one mark of two halves
# Demerits of a break that keeps 禁则 but parts what a reader takes as one (a number
# and its unit, a range, a web address): as many as a line at the looseness limit adds
# ((1 + 100)², compose/linebreak.py), so one is made only to avoid a loose line.
PENALTY = 1e4
ICU_LEVEL: dict[Kinsoku, str] = {"basic": "normal", "gb": "strict", "strict": "strict"}


def break_opportunities(text: str, level: Kinsoku, paragraph: bool) -> list[int]:
    """The offsets in `text` (strictly inside it) before which a line may start at no
    cost: none of the penalised ones (headlines use only these)."""
    weighted = weighted_opportunities(text, level, paragraph)
    return [i for i, penalty in weighted.items() if not penalty]


def weighted_opportunities(text: str, level: Kinsoku, paragraph: bool) -> dict[int, float]:
    """Each offset in `text` (strictly inside it) before which a line may start, with the
    demerits of a line ending there: 0 for most, PENALTY for the breaks a newspaper makes
    rather than set a loose line — between a number and its unit (6|款, 2025|年, 10分|钟),
    after the dash of a range of numbers (2026—|2027), inside a web address where the
    Chicago Manual of Style allows it (after //, before a dot). Never inside a number or a
    Latin word, nor in the paragraph's last two characters."""
    spans = no_break_spans(text, paragraph, numbers=False)
    never = {i for start, end in spans for i in range(start + 1, end)}
    units = {i for m in NUMBER_WITH_UNIT.finditer(text) for i in range(m.start() + 1, m.end())}
    cuts = {end for _, end in spans if end < len(text) and text[end - 1] == "/"}
    hosts, ranges = _address_breaks(text), _range_breaks(text)
    tail = tail_start(text) if paragraph else None
    allowed = _icu_breaks(text, level) | _quote_breaks(text)
    found: dict[int, float] = {}
    for i in sorted(allowed | cuts | hosts | ranges):
        if not 0 < i < len(text) or (tail is not None and i > tail):
            continue
        if i in hosts or (
            i not in never
            and (i in ranges or _unit_split(text, i) or (i in units and permitted(text, i, level)))
        ):
            found[i] = PENALTY
        elif (
            i not in never
            and i not in units
            and (permitted(text, i, level) or (i in cuts and emergency(text, i, level)))
        ):
            found[i] = 0.0
    return found


def _address_breaks(text: str) -> set[int]:
    """Where a web address may break before its path, as the Chicago Manual of Style
    (7.42) allows: after the // of its scheme and before each dot of its host name."""
    found: set[int] = set()
    for match in ADDRESS.finditer(text):
        address = match.group()
        if "@" in address:
            continue
        scheme = address.find("//")
        host = scheme + 2 if scheme >= 0 else 0
        path = address.find("/", host)
        end = path if path >= 0 else len(address)
        found |= {match.start() + j for j in range(host + 1, end) if address[j] == "."}
        if scheme >= 0:
            found.add(match.start() + host)
    return found


def _range_breaks(text: str) -> set[int]:
    """After the dash of a range of numbers (2026—|2027): GB/T 15834 keeps 连接号 from a
    line's start, not from its end."""
    return {
        i + 1
        for i, char in enumerate(text[1:-1], start=1)
        if char in "—～–" and text[i - 1].isdigit() and text[i + 1].isdigit()
    }


def permitted(text: str, i: int, level: Kinsoku) -> bool:
    """Whether the paper's 禁则 allows a line break before text[i], and the break falls
    neither inside …… —— nor inside a Latin word or number, nor between a number and
    its unit."""
    before, after = text[i - 1], text[i]
    if after in NOT_AT_START[level] or before in NOT_AT_END:
        return False
    if before == after and after in UNSPLIT:
        return False
    if _unit_split(text, i):
        return False  # a number with its unit or measure word: 6款, 3期
    return not (_word(text, i - 1) and _word(text, i))


def _unit_split(text: str, i: int) -> bool:
    """Whether text[i] is a Chinese character right after a number (its unit)."""
    return text[i - 1].isdigit() and is_han(text[i])


def emergency(text: str, i: int, level: Kinsoku) -> bool:
    """A break allowed only when nothing else fits a line (an address without a path
    wider than the column): anywhere 禁则 allows, even inside a Latin word."""
    before, after = text[i - 1], text[i]
    return not (
        after in NOT_AT_START[level]
        or before in NOT_AT_END
        or (before == after and after in UNSPLIT)
        or after.isspace()
    )


def _word(text: str, i: int) -> bool:
    """Whether text[i] belongs to a Latin word or number: a narrow character, or a single
    dash (连接号, 2026—2027) next to one."""
    char = text[i]
    if char in UNSPLIT:
        neighbours = text[i - 1 : i] + text[i + 1 : i + 2]
        return char not in neighbours and any(_narrow(c) for c in neighbours)
    return _narrow(char)


def _narrow(char: str) -> bool:
    return not is_wide(char) and not char.isspace() and char not in UNSPLIT


def _icu_breaks(text: str, level: Kinsoku) -> set[int]:
    """ICU's line break positions, as offsets of Python characters (ICU counts UTF-16)."""
    breaker = LineBreaker(text, f"zh@lb={ICU_LEVEL[level]}")
    ends = [end for _, end in breaker.segments()]
    if text.isascii() or all(ord(char) < 0x10000 for char in text):
        return set(ends)
    units_to_index: dict[int, int] = {}
    units = 0
    for index, char in enumerate(text):
        units_to_index[units] = index
        units += 2 if ord(char) >= 0x10000 else 1
    units_to_index[units] = len(text)
    return {units_to_index[end] for end in ends if end in units_to_index}


def _quote_breaks(text: str) -> set[int]:
    """Before an opening and after a closing quotation mark next to Chinese text: ICU
    before LB19a (Unicode 15.1) and Pango treat “ ” ‘ ’ as ambiguous and glue them."""
    found = set()
    for i, char in enumerate(text):
        if char in "“‘" and i > 0 and is_cjk_text(text[i - 1]):
            found.add(i)
        elif char in "”’" and i + 1 < len(text) and is_cjk_text(text[i + 1]):
            found.add(i + 1)
    return found
