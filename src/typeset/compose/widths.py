"""Each character's advance, from the fonts themselves, in em of the text.

Han characters and full-width marks are one em in every Chinese face (clreq's square
character box). Latin letters, digits and spaces are shaped with HarfBuzz (uharfbuzz) in
the run's face, as Pango shapes them in the layout (kerning included), so a composed line
is as wide as the laid-out one to a fraction of a point.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from pathlib import Path

import uharfbuzz as hb

from typeset.text.blocks import Block, Run
from typeset.text.script import is_wide

FULL = 1.0  # em: a Han character or a full-width mark


@cache
def _font(path: Path) -> tuple[hb.Font, int]:
    face = hb.Face(hb.Blob.from_file_path(str(path)))
    return hb.Font(face), face.upem


@cache
def shaped(path: Path, text: str) -> tuple[float, ...]:
    """The advance of each character of a narrow run, in em; a character shaped into the
    glyph of the one before it (a ligature) takes no room of its own."""
    font, upem = _font(path)
    buffer = hb.Buffer()
    buffer.add_codepoints([ord(char) for char in text])
    buffer.guess_segment_properties()
    hb.shape(font, buffer)
    advances = [0.0] * len(text)
    for info, position in zip(buffer.glyph_infos, buffer.glyph_positions, strict=True):
        if info.codepoint == 0:  # not in the face: Pango falls back, count a full em
            advances[info.cluster] += FULL
        else:
            advances[info.cluster] += position.x_advance / upem
    return tuple(advances)


def advances(block: Block, face_of: Callable[[Run], Path]) -> list[float]:
    """The advance of each character of the block's text, in em; `face_of(run)` is the
    font file the run is set in."""
    found: list[float] = []
    for run in block.runs:
        path = face_of(run)
        text = run.text
        start = 0
        while start < len(text):
            end = start
            if is_wide(text[start]):
                while end < len(text) and is_wide(text[end]):
                    end += 1
                found += [FULL] * (end - start)
            else:
                while end < len(text) and not is_wide(text[end]):
                    end += 1
                found += shaped(path, text[start:end])
            start = end
    return found
