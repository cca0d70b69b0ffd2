"""Chinese line spacing in WeasyPrint: justification between characters, 标点挤压, and the
quarter-em space between Han and Latin text.

WeasyPrint 70 justifies by widening spaces only (`justify_line` in layout/inline.py), and
Chinese has none; no CSS property of it squeezes adjacent punctuation or spaces Han from
Latin (CSS `text-spacing` and `text-justify: inter-character` are not implemented). So this
module replaces `text_align` of layout/inline.py, which WeasyPrint calls once per laid-out
line: it works out one extra advance per character (negative for a squeezed mark) and
moves the line's boxes accordingly; a line the composer set (compose/) gets the advances
it chose, and counts them in its intrinsic width too (`inline_min_content_width` and
`inline_max_content_width` of layout/preferred.py), so a box sized to its content (a
folio line) holds them. When the PDF is drawn, `draw_first_line` of
draw/text.py writes each glyph with its advance; the extra goes into the glyph positions
of the text operator, so the text layer holds exactly the source characters and
`TextBox.text` is never changed. All are WeasyPrint internals: `install` refuses any
version but the tested one, and tests/test_justify.py fails when they move.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from itertools import accumulate, pairwise

import weasyprint
from weasyprint.draw import text as draw_text
from weasyprint.formatting_structure import boxes
from weasyprint.layout import inline, preferred
from weasyprint.text.ffi import TO_UNITS, ffi, pango

from typeset.compose.spacing import SQUEEZE_EM, expandable, latin_gap, squeezes

TESTED_WEASYPRINT = "70."  # the internals below are those of WeasyPrint 70.x
ADVANCES = "typeset_advances"  # the TextBox attribute the drawing reads
COMPOSED = "data-extra"  # a composed line's advances (em, after each of its characters)

_latin_spacing: ContextVar[float | None] = ContextVar("latin_spacing", default=None)
_original: dict[str, Callable] = {}


@dataclass(frozen=True)
class Slot:
    """One character of a line, in visual order, or an atomic box (char "")."""

    box: boxes.Box
    index: int
    char: str
    size: float


def install() -> None:
    """Put the hooks in place, once per process; only on the tested WeasyPrint."""
    if _original:
        return
    if not weasyprint.__version__.startswith(TESTED_WEASYPRINT):
        raise RuntimeError(
            f"render/justify.py was written for WeasyPrint {TESTED_WEASYPRINT}x, "
            f"not {weasyprint.__version__}: check text_align and draw_first_line"
        )
    _original["text_align"] = inline.text_align
    _original["draw_first_line"] = draw_text.draw_first_line
    _original["min_content"] = preferred.inline_min_content_width
    _original["max_content"] = preferred.inline_max_content_width
    inline.text_align = _text_align
    draw_text.draw_first_line = _draw_first_line
    preferred.inline_min_content_width = _min_content_width
    preferred.inline_max_content_width = _max_content_width


@contextmanager
def chinese_spacing(latin_spacing_em: float) -> Iterator[None]:
    """Lines laid out inside this block get the Chinese rules (others WeasyPrint's own)."""
    install()
    token = _latin_spacing.set(latin_spacing_em)
    try:
        yield
    finally:
        _latin_spacing.reset(token)


# ---- layout --------------------------------------------------------------------------


def _text_align(context, line, available_width: float, last: bool) -> float:
    """WeasyPrint's `text_align` with Chinese spacing and inter-character justification."""
    latin_em = _latin_spacing.get()
    slots = list(_slots(line)) if latin_em is not None else []
    if not any(slot.char for slot in slots):
        return _original["text_align"](context, line, available_width, last)
    element = getattr(line, "element", None)
    if element is not None and element.get(COMPOSED) is not None:
        _place_composed(line, slots, element, available_width)
        if element.get("data-justify") is not None or _justified(line, last):
            return 0.0
        return _original["text_align"](context, line, available_width, last)  # centred…
    extra = line_advances(slots, latin_em, available_width - line.width)
    if _justified(line, last):
        spread = _spread(slots, available_width - line.width - sum(extra))
        if any(spread):
            _apply(line, slots, [a + b for a, b in zip(extra, spread, strict=True)])
            return 0.0
    _apply(line, slots, extra)
    return _original["text_align"](context, line, available_width, last)


def _place_composed(line, slots: list[Slot], element, available_width: float) -> None:
    """A line the composer broke (compose/): each character gets the advance it chose.
    What HarfBuzz and Pango measure differently (a few hundredths of a point) is shared
    by the line's expandable gaps, so a justified line still ends flush (with the ink of
    its last mark, when the blank half of that mark hangs)."""
    extra = [0.0] * len(slots)
    source = "".join(element.itertext())
    chosen = [float(value) for value in element.get(COMPOSED).split()]
    at = 0
    for k, slot in enumerate(slots):
        if not slot.char:
            continue
        while at < len(source) and source[at] != slot.char and source[at].isspace():
            at += 1
        if at < len(chosen):
            extra[k] = chosen[at] * slot.size
        at += 1
    if element.get("data-justify") is not None:
        hang = float(element.get("data-hang", 0)) * slots[-1].size  # its blank past the edge
        spare = available_width + hang - line.width - sum(extra[:-1])
        residual = _spread(slots, spare, shrink=True)
        extra = [a + b for a, b in zip(extra, residual, strict=True)]
    _apply(line, slots, extra)


def line_advances(slots: list[Slot], latin_em: float, slack: float) -> list[float]:
    """Extra advance after each character: squeezed punctuation pairs, then Latin spacing
    scaled down to what the line has room for (a line never gets longer than its box)."""
    squeeze = [0.0] * len(slots)
    latin = [0.0] * len(slots)
    for i, (a, b) in enumerate(pairwise(slots)):
        if squeezes(a.char, b.char):
            squeeze[i] = -SQUEEZE_EM * a.size
        elif latin_gap(a.char, b.char):
            latin[i] = latin_em * max(a.size, b.size)
    room = slack - sum(squeeze)
    wanted = sum(latin)
    scale = 0.0 if wanted <= 0 or room <= 0 else min(1.0, room / wanted)
    return [s + scale * w for s, w in zip(squeeze, latin, strict=True)]


def _spread(slots: list[Slot], spare: float, shrink: bool = False) -> list[float]:
    """`spare` shared equally by the line's expandable gaps; on a line of Latin text
    alone (an address), by all its letters, the last resort clreq allows. Negative
    `spare` is taken from them only with `shrink`."""
    pairs = list(enumerate(pairwise(slots)))
    gaps = [i for i, (a, b) in pairs if expandable(a.char, b.char)]
    gaps = gaps or [i for i, (a, b) in pairs if a.char and b.char]
    extra = [0.0] * len(slots)
    if (spare > 0 or shrink) and gaps:
        for i in gaps:
            extra[i] = spare / len(gaps)
    return extra


def _justified(line, last: bool) -> bool:
    """CSS text-align / text-align-last as WeasyPrint resolves them, for justify only."""
    style = line.style
    align = style["text_align_all"]
    if last and style["text_align_last"] != "auto":
        align = style["text_align_last"]
    return align == "justify" and style["white_space"] in ("normal", "nowrap", "pre-line")


def _slots(box, size: float = 0.0) -> Iterator[Slot]:
    if isinstance(box, boxes.TextBox):
        size = box.style["font_size"]
        for i, char in enumerate(box.text):
            yield Slot(box, i, char, size)
    elif isinstance(box, (boxes.LineBox, boxes.InlineBox)):
        for child in box.children:
            if child.is_in_normal_flow():
                yield from _slots(child)
    else:
        yield Slot(box, 0, "", size)


def _apply(line, slots: list[Slot], extra: list[float]) -> None:
    """Store each text box's advances and move every box after them."""
    extra[-1] = 0.0  # nothing after a line's last character: its edges stay clean
    per_box: dict[int, list[float]] = {}
    for slot, advance in zip(slots, extra, strict=True):
        if slot.char:
            per_box.setdefault(id(slot.box), []).append(advance)
    _shift(line, per_box, 0.0)


def _shift(box, per_box: dict[int, list[float]], x: float) -> float:
    if isinstance(box, boxes.TextBox):
        advances = per_box.get(id(box), [])
        setattr(box, ADVANCES, tuple(advances) if any(advances) else None)
        box.position_x += x
        box.width += sum(advances)
        return x + sum(advances)
    if isinstance(box, (boxes.LineBox, boxes.InlineBox)):
        box.position_x += x
        start = x
        for child in box.children:
            if child.is_in_normal_flow():
                x = _shift(child, per_box, x)
        box.width += x - start
        return x
    box.translate(x, 0)
    return x


def _min_content_width(context, box, outer=True, skip_stack=None, first_line=False, **kw):
    width = _original["min_content"](context, box, outer, skip_stack, first_line, **kw)
    return width + _composed_width(box)


def _max_content_width(context, box, outer=True, is_line_start=False):
    return _original["max_content"](context, box, outer, is_line_start) + _composed_width(box)


def _composed_width(box) -> float:
    """What a composed line's advances add to its natural width (it is one line)."""
    element = getattr(box, "element", None)
    if not isinstance(box, boxes.LineBox) or element is None:
        return 0.0
    chosen = element.get(COMPOSED)
    return sum(map(float, chosen.split())) * box.style["font_size"] if chosen else 0.0


# ---- drawing -------------------------------------------------------------------------


def _draw_first_line(stream, textbox, text_overflow, block_ellipsis, matrix):
    """WeasyPrint's `draw_first_line`, after widening each glyph by its advance."""
    advances = getattr(textbox, ADVANCES, None)
    if advances and text_overflow != "ellipsis" and block_ellipsis == "none":
        _widen_glyphs(textbox, advances)
    return _original["draw_first_line"](stream, textbox, text_overflow, block_ellipsis, matrix)


def _widen_glyphs(textbox, advances: tuple[float, ...]) -> None:
    """Add each character's advance to the last glyph of its cluster, in Pango units.

    The PDF writer turns the difference between a glyph's Pango width and its font width
    into a TJ adjustment in thousandths of an em, truncated: so the running total is
    rounded to whole thousandths, and each glyph's Pango width is chosen to truncate to
    exactly its share; positions stay within 0.0005 em of the layout's.
    """
    layout = textbox.pango_layout
    pango.pango_layout_set_single_paragraph_mode(layout.layout, True)  # as the drawing does
    text = layout.text
    starts = list(accumulate((len(c.encode()) for c in text), initial=0))
    at_byte = [0.0] * (starts[-1] + 1)
    for start, advance in zip(starts, advances, strict=False):
        at_byte[start] = advance
    before = list(accumulate(at_byte, initial=0.0))  # before[b]: advances of bytes < b
    size = textbox.style["font_size"]
    total = done = 0
    line, _ = layout.get_first_line()
    run = line.runs[0]
    while run != ffi.NULL:
        item = run.data
        run = run.next
        glyphs = item.glyphs
        clusters = glyphs.log_clusters
        count = glyphs.num_glyphs
        for i in range(count):
            if i + 1 < count and clusters[i + 1] == clusters[i]:
                continue  # not the last glyph of its cluster
            end = clusters[i + 1] if i + 1 < count else item.item.length
            total += before[item.item.offset + end] - before[item.item.offset + clusters[i]]
            units = round(total * 1000 / size) - done
            done += units
            if units:
                width = math.ceil(abs(units) * size * TO_UNITS / 1000)
                glyphs.glyphs[i].geometry.width += int(math.copysign(width, units))
