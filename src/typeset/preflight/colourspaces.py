"""Which family a PDF colour space belongs to, through names, ICC profiles and bases: what
a press cares about is whether it ends up as CMYK, gray or RGB."""

from __future__ import annotations

from typing import Literal

import pikepdf

Family = Literal["gray", "rgb", "cmyk", "lab", "pattern", "other"]

_BY_NAME: dict[str, Family] = {
    "/DeviceGray": "gray",
    "/G": "gray",
    "/CalGray": "gray",
    "/DeviceRGB": "rgb",
    "/RGB": "rgb",
    "/CalRGB": "rgb",
    "/DeviceCMYK": "cmyk",
    "/CMYK": "cmyk",
    "/Lab": "lab",
    "/Pattern": "pattern",
}
_ICC_COMPONENTS: dict[int, Family] = {1: "gray", 3: "rgb", 4: "cmyk"}
# Where the colour space that decides the family stands in an array colour space:
# Indexed's base, Separation's and DeviceN's alternate, an uncoloured pattern's base.
_BASE_INDEX = {"/Indexed": 1, "/I": 1, "/Separation": 2, "/DeviceN": 2}
_MAX_DEPTH = 8  # a named colour space may name another; a loop must end


def family(space: object, resources: pikepdf.Dictionary, depth: int = 0) -> Family:
    """The family of `space` (a name, maybe one of `resources`' /ColorSpace, or an array)."""
    if depth > _MAX_DEPTH:
        return "other"
    if isinstance(space, pikepdf.Name):
        if str(space) in _BY_NAME:
            return _BY_NAME[str(space)]
        named = resources.get("/ColorSpace", pikepdf.Dictionary()).get(space)
        return "other" if named is None else family(named, resources, depth + 1)
    if not isinstance(space, pikepdf.Array) or len(space) == 0:
        return "other"
    kind = str(space[0])
    if kind == "/ICCBased":
        return _ICC_COMPONENTS.get(int(space[1].get("/N", 0)), "other")
    if kind in _BASE_INDEX and len(space) > _BASE_INDEX[kind]:
        return family(space[_BASE_INDEX[kind]], resources, depth + 1)
    return _BY_NAME.get(kind, "other")


def initial_values(of: Family) -> tuple[float, ...]:
    """The colour a `cs` operator sets before any `sc`: black in every device family."""
    return {"gray": (0.0,), "rgb": (0.0, 0.0, 0.0), "cmyk": (0.0, 0.0, 0.0, 1.0)}.get(of, ())
