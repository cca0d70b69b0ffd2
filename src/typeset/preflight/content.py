"""Walks a page's content streams, tracking the graphics state, and says what is painted
and how: the colour of each text, fill and stroke, each image with the matrix it is drawn
with, each font and graphics state used. Form XObjects and tiling patterns are walked
too, so the checks see what a printer's RIP would draw."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from decimal import Decimal

import pikepdf

from typeset.preflight.colourspaces import Family, family, initial_values


@dataclass(frozen=True)
class Colour:
    family: Family
    values: tuple[float, ...] = ()


BLACK = Colour("gray", (0.0,))


@dataclass(frozen=True)
class Paint:
    """Something drawn in a colour; `what` says where: text, fill, stroke, shading /Sh1,
    image /Im1. `overprint` is whether it overprints what lies under it (/op for fills and
    text, /OP for strokes) instead of knocking it out."""

    what: str
    colour: Colour
    overprint: bool = False


@dataclass(frozen=True)
class Image:
    """A sampled image drawn through `matrix`, which maps the unit square onto the page."""

    name: str
    width: int
    height: int
    matrix: pikepdf.Matrix
    image: pikepdf.Object


@dataclass(frozen=True)
class FontUse:
    name: str
    font: pikepdf.Object


@dataclass(frozen=True)
class Glyphs:
    """A text-showing operator's string in font `name`: the codes a RIP looks up."""

    name: str
    font: pikepdf.Object | None
    codes: bytes


@dataclass(frozen=True)
class StateUse:
    """An ExtGState set with `gs` (alpha, soft masks, blend modes)."""

    name: str
    state: pikepdf.Object


Event = Paint | Image | FontUse | Glyphs | StateUse


@dataclass
class State:
    """The part of the graphics state that decides how and with what a mark is painted."""

    ctm: pikepdf.Matrix = field(default_factory=pikepdf.Matrix)
    fill: Colour = BLACK
    stroke: Colour = BLACK
    fill_pattern: str | None = None
    stroke_pattern: str | None = None
    text_mode: int = 0
    overprint_fill: bool = False
    overprint_stroke: bool = False
    font: str = ""


@dataclass
class _Walk:
    """One page's walk: what was found, and the forms and patterns being walked (a form
    that draws itself must not loop forever) or already walked (a pattern used for every
    glyph is looked into once)."""

    events: list[Event] = field(default_factory=list)
    open_forms: set[tuple[int, int]] = field(default_factory=set)
    patterns_done: set[tuple[int, int]] = field(default_factory=set)


_FILLS = {"f", "F", "f*", "B", "B*", "b", "b*"}
_STROKES = {"S", "s", "B", "B*", "b", "b*"}
_TEXT_SHOWS = {"Tj", "TJ", "'", '"'}
_TEXT_FILL_MODES = {0, 2, 4, 6}
_TEXT_STROKE_MODES = {1, 2, 5, 6}


def walk_page(page: pikepdf.Page) -> list[Event]:
    """Everything painted on `page`, in drawing order."""
    walk = _Walk()
    resources = page.obj.get("/Resources", pikepdf.Dictionary())
    _walk_stream(page.obj, resources, State(), walk)
    return walk.events


def _walk_stream(
    stream: pikepdf.Object, resources: pikepdf.Dictionary, state: State, walk: _Walk
) -> None:
    stack: list[State] = []
    for instruction in pikepdf.parse_content_stream(stream):
        if isinstance(instruction, pikepdf.ContentStreamInlineImage):
            _image("inline image", instruction.iimage.obj, resources, state, walk)
            continue
        operator, operands = str(instruction.operator), list(instruction.operands)
        if operator == "q":
            stack.append(replace(state))
        elif operator == "Q" and stack:
            state = stack.pop()
        elif operator == "cm":
            state.ctm = pikepdf.Matrix(*map(float, operands)) @ state.ctm
        elif operator == "Tr":
            state.text_mode = int(operands[0])
        else:
            set_colour(operator, operands, resources, state)
            _paint_operator(operator, operands, resources, state, walk)


def set_colour(operator: str, operands: list, resources: pikepdf.Dictionary, state: State) -> None:
    """Sets the fill or stroke colour for g/G, rg/RG, k/K, cs/CS and sc/scn/SC/SCN."""
    stroke = operator.isupper()
    device = {"g": "gray", "rg": "rgb", "k": "cmyk"}.get(operator.lower())
    if device is not None:
        _set(state, stroke, Colour(device, _numbers(operands)))
    elif operator.lower() == "cs":
        space = family(operands[0], resources)
        _set(state, stroke, Colour(space, initial_values(space)), pattern=None)
    elif operator.lower() in ("sc", "scn"):
        current = state.stroke if stroke else state.fill
        pattern = str(operands[-1]) if operands and isinstance(operands[-1], pikepdf.Name) else None
        _set(state, stroke, Colour(current.family, _numbers(operands)), pattern)


def _set(state: State, stroke: bool, colour: Colour, pattern: str | None = None) -> None:
    if stroke:
        state.stroke, state.stroke_pattern = colour, pattern
    else:
        state.fill, state.fill_pattern = colour, pattern


def _paint_operator(
    operator: str, operands: list, resources: pikepdf.Dictionary, state: State, walk: _Walk
) -> None:
    """Records what text shows, path painting, `sh`, `Do`, `Tf` and `gs` paint or use."""
    if operator in _TEXT_SHOWS:
        font = _resource(resources, "/Font", pikepdf.Name(state.font)) if state.font else None
        walk.events.append(Glyphs(state.font, font, _shown_codes(operands)))
        if state.text_mode in _TEXT_FILL_MODES:
            _paint("text", state, False, resources, walk)
        if state.text_mode in _TEXT_STROKE_MODES:
            _paint("text outline", state, True, resources, walk)
    if operator in _FILLS:
        _paint("fill", state, False, resources, walk)
    if operator in _STROKES:
        _paint("stroke", state, True, resources, walk)
    if operator == "sh":
        shading = _resource(resources, "/Shading", operands[0])
        _shading(f"shading {operands[0]}", shading, resources, walk)
    elif operator == "Do":
        xobject = _resource(resources, "/XObject", operands[0])
        _xobject(str(operands[0]), xobject, resources, state, walk)
    elif operator == "Tf":
        state.font = str(operands[0])
        walk.events.append(FontUse(str(operands[0]), _resource(resources, "/Font", operands[0])))
    elif operator == "gs":
        state_dict = _resource(resources, "/ExtGState", operands[0])
        walk.events.append(StateUse(str(operands[0]), state_dict))
        if state_dict is not None:
            set_overprint(state_dict, state)


def set_overprint(state_dict: pikepdf.Object, state: State) -> None:
    """/OP sets overprinting for strokes, and for fills too unless /op is given."""
    if "/OP" in state_dict:
        state.overprint_stroke = state.overprint_fill = bool(state_dict.OP)
    if "/op" in state_dict:
        state.overprint_fill = bool(state_dict.op)


def _shown_codes(operands: list) -> bytes:
    """The string bytes of Tj, ', " (string last) and TJ (an array of strings and kerns)."""
    shown = operands[-1] if operands else b""
    parts = shown if isinstance(shown, pikepdf.Array) else [shown]
    return b"".join(bytes(part) for part in parts if isinstance(part, pikepdf.String))


def _paint(
    what: str, state: State, stroke: bool, resources: pikepdf.Dictionary, walk: _Walk
) -> None:
    """A paint in the state's fill or stroke colour, or in what its pattern draws."""
    colour = state.stroke if stroke else state.fill
    pattern = state.stroke_pattern if stroke else state.fill_pattern
    overprint = state.overprint_stroke if stroke else state.overprint_fill
    if colour.family != "pattern" or pattern is None:
        walk.events.append(Paint(what, colour, overprint))
        return
    found = _resource(resources, "/Pattern", pikepdf.Name(pattern))
    if found is None or found.objgen in walk.patterns_done:
        return
    walk.patterns_done.add(found.objgen)
    if found.get("/PatternType") == 2:
        _shading(f"{what} (pattern {pattern})", found.get("/Shading"), resources, walk)
    else:
        matrix = pikepdf.Matrix(*map(float, found.get("/Matrix", [1, 0, 0, 1, 0, 0])))
        _form(found, resources, State(matrix), walk)


def _shading(
    what: str, shading: pikepdf.Object | None, resources: pikepdf.Dictionary, walk: _Walk
) -> None:
    if shading is not None:
        walk.events.append(Paint(what, Colour(family(shading.get("/ColorSpace"), resources))))


def _xobject(
    name: str,
    xobject: pikepdf.Object | None,
    resources: pikepdf.Dictionary,
    state: State,
    walk: _Walk,
) -> None:
    if xobject is None:
        return
    if xobject.get("/Subtype") == "/Image":
        _image(f"image {name}", xobject, resources, state, walk)
    elif xobject.get("/Subtype") == "/Form" and xobject.objgen not in walk.open_forms:
        matrix = pikepdf.Matrix(*map(float, xobject.get("/Matrix", [1, 0, 0, 1, 0, 0])))
        walk.open_forms.add(xobject.objgen)
        _form(xobject, resources, replace(state, ctm=matrix @ state.ctm), walk)
        walk.open_forms.discard(xobject.objgen)


def _form(
    stream: pikepdf.Object, parent_resources: pikepdf.Dictionary, state: State, walk: _Walk
) -> None:
    """A form or tiling pattern: its own resources, or its parent's when it has none."""
    _walk_stream(stream, stream.get("/Resources", parent_resources), state, walk)


def _image(
    what: str,
    image: pikepdf.Object,
    resources: pikepdf.Dictionary,
    state: State,
    walk: _Walk,
) -> None:
    """An image XObject or inline image; a stencil mask paints in the fill colour."""
    if image.get("/ImageMask", False):
        _paint(f"{what} (mask)", state, False, resources, walk)
        return
    space = image.get("/ColorSpace")
    if space is not None:
        walk.events.append(Paint(what, Colour(family(space, resources))))
    width, height = int(image.get("/Width", 0)), int(image.get("/Height", 0))
    walk.events.append(Image(what, width, height, state.ctm, image))


def _resource(
    resources: pikepdf.Dictionary, kind: str, name: pikepdf.Object
) -> pikepdf.Object | None:
    return resources.get(kind, pikepdf.Dictionary()).get(name)


def _numbers(operands: list) -> tuple[float, ...]:
    """The colour components of an operator; pikepdf gives numbers as int or Decimal."""
    return tuple(float(value) for value in operands if isinstance(value, int | Decimal))
