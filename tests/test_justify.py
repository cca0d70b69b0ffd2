"""render/justify.py reaches into WeasyPrint: these fail loudly when its internals move."""

from __future__ import annotations

import inspect

import weasyprint
from weasyprint.draw import text as draw_text
from weasyprint.layout import inline
from weasyprint.text.line_break import Layout

from typeset.render import justify


def test_the_hooked_functions_have_the_shape_justify_expects() -> None:
    assert weasyprint.__version__.startswith(justify.TESTED_WEASYPRINT)
    original = justify._original.get("text_align", inline.text_align)
    assert list(inspect.signature(original).parameters) == [
        "context",
        "line",
        "available_width",
        "last",
    ]
    drawing = justify._original.get("draw_first_line", draw_text.draw_first_line)
    assert list(inspect.signature(drawing).parameters) == [
        "stream",
        "textbox",
        "text_overflow",
        "block_ellipsis",
        "matrix",
    ]
    # The drawing takes each glyph's Pango width as its advance: what _widen_glyphs sets.
    assert "glyph_info.geometry.width" in inspect.getsource(drawing)
    assert "text_align(" in inspect.getsource(inline.get_next_linebox)
    assert callable(Layout.get_first_line) and callable(Layout.reactivate)


def test_install_puts_both_hooks_in_place_once() -> None:
    justify.install()
    justify.install()
    assert inline.text_align is justify._text_align
    assert draw_text.draw_first_line is justify._draw_first_line
    assert justify._original["text_align"] is not justify._text_align
