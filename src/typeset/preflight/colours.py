"""Colours: a newspaper press prints CMYK plates. RGB is converted by whoever gets to it
first, and black text converted that way, or set in four colours, prints blurred on
newsprint where the plates do not register."""

from __future__ import annotations

from typeset.preflight.content import Colour, Event, Paint
from typeset.preflight.findings import FileFindings

RICH_BLACK_K = 0.9
RGB_BLACK_MAX = 0.1  # every RGB component at most this: converts to four-colour black


def check_colours(events: list[Event], number: int, out: FileFindings) -> None:
    for event in events:
        if not isinstance(event, Paint):
            continue
        if event.colour.family in ("rgb", "lab"):
            out.error(f"{event.what} in {_describe(event.colour)}", number)
        if event.what.startswith("text") and is_rich_black(event.colour):
            out.error(
                f"text in rich black, {_describe(event.colour)}: black text is K only", number
            )


def is_rich_black(colour: Colour) -> bool:
    """Black made of more than the K plate: CMYK with K ≥ 0.9 and some C, M or Y, or RGB
    black, which separates into all four."""
    if colour.family == "cmyk" and len(colour.values) == 4:
        *cmy, k = colour.values
        return k >= RICH_BLACK_K and max(cmy) > 0
    if colour.family == "rgb" and colour.values:
        return max(colour.values) <= RGB_BLACK_MAX
    return False


def is_solid_black(colour: Colour) -> bool:
    """K 100 % and no other ink: the black that prints on one plate and may overprint."""
    return colour.family == "cmyk" and colour.values == (0.0, 0.0, 0.0, 1.0)


def _describe(colour: Colour) -> str:
    """'RGB colour 1 0 0', or 'RGB colour' for an image or shading."""
    return " ".join([colour.family.upper(), "colour", *(f"{value:g}" for value in colour.values)])
