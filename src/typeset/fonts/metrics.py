"""Advance widths of a font's characters, read with fontTools, for measuring headlines."""

from __future__ import annotations

from functools import cache
from itertools import pairwise
from pathlib import Path

from fontTools.ttLib import TTFont

from typeset.compose.spacing import latin_gap


@cache
def advances(path: Path) -> dict[str, float]:
    """Each character the font maps, with its advance in em."""
    font = TTFont(path, lazy=True)
    units = font["head"].unitsPerEm
    metrics = font["hmtx"].metrics
    return {chr(code): metrics[glyph][0] / units for code, glyph in font.getBestCmap().items()}


def text_width(
    path: Path, text: str, size: float, letter_spacing: float = 0, latin_spacing_em: float = 0
) -> float:
    """The width of `text` set in the font at `path`, in the units of `size`, with the
    space the layout puts between Han and Latin letters or digits (render/justify.py)."""
    widths = advances(path)
    boundaries = sum(latin_gap(a, b) for a, b in pairwise(text))
    glyphs = sum(widths.get(char, 1.0) * size + letter_spacing for char in text)
    return glyphs + boundaries * latin_spacing_em * size
