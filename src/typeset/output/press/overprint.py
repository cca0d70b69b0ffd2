"""Black overprint: text and rules in K 100 % print over what lies under them.

On a newsprint press the plates never register exactly; black text that knocks out the
colour under it shows white edges on tints and photos. The usual practice, and what
PDF/X RIPs expect, is an ExtGState with /OP and /op true and /OPM 1 in force while such
marks are painted, and false for everything else (large black areas knock out too, or
the photo under them would show through).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import pikepdf

from typeset.preflight.colours import is_solid_black
from typeset.preflight.content import State, set_colour

OVERPRINT = pikepdf.Name("/TypesetOverprint")
KNOCKOUT = pikepdf.Name("/TypesetKnockout")
RULE_MAX_PT = 3.0  # a path this thin or thinner on the page is a rule, not an area
_TEXT_SHOWS = {"Tj", "TJ", "'", '"'}
_PAINTS = {"f", "F", "f*", "B", "B*", "b", "b*", "S", "s"}
_PATH_POINTS = {"m": 2, "l": 2, "c": 6, "v": 4, "y": 4}


def overprint_black(pdf: pikepdf.Pdf) -> None:
    """Every page's content, and the forms it draws, overprint their solid black marks."""
    done: set[tuple[int, int]] = set()
    for page in pdf.pages:
        page.contents_coalesce()
        _mend_stream(pdf, page.obj.Contents, _entry(page.obj, "/Resources"), done)


Box = tuple[float, float, float, float]  # left, bottom, right, top on the page


@dataclass
class _Marks:
    """What the stream being rewritten paints with: colours, the overprint in force (None:
    as the caller of a form left it), and the subpaths of the path being built."""

    colour: State
    overprint: bool | None
    subpaths: list[list[tuple[float, float]]]


def _mend_stream(
    pdf: pikepdf.Pdf,
    stream: pikepdf.Stream,
    resources: pikepdf.Dictionary,
    done: set[tuple[int, int]],
) -> None:
    if stream.objgen in done:
        return
    done.add(stream.objgen)
    _add_states(pdf, resources)
    marks = _Marks(State(), None, [])
    stack: list[_Marks] = []
    rewritten: list = []
    for instruction in pikepdf.parse_content_stream(stream):
        if not isinstance(instruction, pikepdf.ContentStreamInlineImage):
            operator, operands = str(instruction.operator), list(instruction.operands)
            if operator == "q":
                stack.append(replace(marks, colour=replace(marks.colour), subpaths=[]))
            elif operator == "Q" and stack:
                marks = stack.pop()
            elif operator == "Do":
                _mend_form(pdf, resources, operands[0], done)
            rewritten += _overprint_switch(operator, marks)
            _follow(operator, operands, resources, marks)
        rewritten.append(instruction)
    stream.write(pikepdf.unparse_content_stream(rewritten))


def _overprint_switch(operator: str, marks: _Marks) -> list[pikepdf.ContentStreamInstruction]:
    """The `gs` to put before a painting operator whose overprint must change."""
    if operator not in _TEXT_SHOWS and operator not in _PAINTS:
        return []
    want = _solid_black(marks.colour, operator) and (
        operator in _TEXT_SHOWS or _thin(marks.subpaths)
    )
    if want == marks.overprint:
        return []
    marks.overprint = want
    state = OVERPRINT if want else KNOCKOUT
    return [pikepdf.ContentStreamInstruction([state], pikepdf.Operator("gs"))]


def _follow(operator: str, operands: list, resources: pikepdf.Dictionary, marks: _Marks) -> None:
    """Keep the matrix, the colours and the path being built up to date."""
    ctm = marks.colour.ctm
    if operator == "cm":
        marks.colour.ctm = pikepdf.Matrix(*map(float, operands)) @ ctm
    elif operator == "re":
        x, y, width, height = (float(value) for value in operands)
        marks.subpaths.append([_on_page(ctm, x, y), _on_page(ctm, x + width, y + height)])
    elif operator in _PATH_POINTS:
        numbers = [float(value) for value in operands]
        points = [_on_page(ctm, *pair) for pair in zip(numbers[::2], numbers[1::2], strict=True)]
        if operator == "m" or not marks.subpaths:
            marks.subpaths.append([])
        marks.subpaths[-1] += points
    elif operator in _PAINTS or operator == "n":
        marks.subpaths = []
    else:
        set_colour(operator, operands, resources, marks.colour)


def _mend_form(
    pdf: pikepdf.Pdf, resources: pikepdf.Dictionary, name: object, done: set[tuple[int, int]]
) -> None:
    form = resources.get("/XObject", pikepdf.Dictionary()).get(name)
    if form is not None and form.get("/Subtype") == "/Form":
        _mend_stream(pdf, form, form.get("/Resources", resources), done)


def _add_states(pdf: pikepdf.Pdf, resources: pikepdf.Dictionary) -> None:
    states = _entry(resources, "/ExtGState")
    states[OVERPRINT] = pdf.make_indirect(
        pikepdf.Dictionary(Type=pikepdf.Name.ExtGState, OP=True, op=True, OPM=1)
    )
    states[KNOCKOUT] = pdf.make_indirect(
        pikepdf.Dictionary(Type=pikepdf.Name.ExtGState, OP=False, op=False)
    )


def _entry(dictionary: pikepdf.Dictionary, key: str) -> pikepdf.Dictionary:
    """`dictionary[key]`, a new empty dictionary there if it has none."""
    if key not in dictionary:
        dictionary[key] = pikepdf.Dictionary()
    return dictionary[key]


def _solid_black(state: State, operator: str) -> bool:
    """K 100 % and no other ink in each colour the operator paints with."""
    colours = []
    if operator not in ("S", "s"):
        colours.append(state.fill)
    if operator in ("S", "s", "B", "B*", "b", "b*"):
        colours.append(state.stroke)
    return all(is_solid_black(colour) for colour in colours)


def _on_page(ctm: pikepdf.Matrix, x: float, y: float) -> tuple[float, float]:
    return (ctm.a * x + ctm.c * y + ctm.e, ctm.b * x + ctm.d * y + ctm.f)


def _thin(subpaths: list[list[tuple[float, float]]]) -> bool:
    """A rule: a path no more than RULE_MAX_PT across, or a frame border, which WeasyPrint
    paints as a box with a slightly smaller box cut out of it (even-odd)."""
    boxes = [_box(points) for points in subpaths if points]
    if len(boxes) == 2:
        outer, inner = sorted(boxes, key=lambda box: (box[2] - box[0]) * (box[3] - box[1]))[::-1]
        sides = (inner[0] - outer[0], inner[1] - outer[1], outer[2] - inner[2], outer[3] - inner[3])
        if min(sides) >= -0.01:  # nested: the border's width is its widest side
            return max(sides) <= RULE_MAX_PT
    return bool(boxes) and all(
        min(box[2] - box[0], box[3] - box[1]) <= RULE_MAX_PT for box in boxes
    )


def _box(points: list[tuple[float, float]]) -> Box:
    xs, ys = [x for x, _ in points], [y for _, y in points]
    return min(xs), min(ys), max(xs), max(ys)
