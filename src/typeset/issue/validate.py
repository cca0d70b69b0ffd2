"""Typed models from YAML data, with pydantic's errors turned into `file:line:col` lines
in this project's words: what the key needs, what was found, and what to write instead."""

from __future__ import annotations

import difflib
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from typeset.diagnostics import Diagnostics
from typeset.issue.yaml_source import PathKey, YamlDocument

Model = TypeVar("Model", bound=BaseModel)


def validate(
    document: YamlDocument,
    model: type[Model],
    diagnostics: Diagnostics,
    data: Any = None,
    at: PathKey = (),
) -> Model | None:
    """Every schema error of `data` (by default the whole document), found at path `at`."""
    data = document.data if data is None else data
    if not isinstance(data, dict):
        diagnostics.error(
            document.locate(at), "expected keys with values here ('key: value' lines)"
        )
        return None
    try:
        return model.model_validate(data)
    except ValidationError as failure:
        errors = failure.errors()
        for error in errors:
            if _follows_a_typo(model, error, errors):
                continue  # `headine:` already says "did you mean 'headline'"
            loc = (*at, *error["loc"])
            if error["type"] == "missing":  # at the key that lacks it: `second:`
                location = document.locate(loc[:-1], key=True)
            else:  # an unknown key at itself, a bad value at the value
                location = document.locate(loc, key=error["type"] == "extra_forbidden")
            written = document.written.get(loc)
            diagnostics.error(location, _message(model, error, tuple(error["loc"]), written))
        return None


def _follows_a_typo(model: type[BaseModel], error: dict, errors: list[dict]) -> bool:
    """A missing key whose misspelling stands beside it: one mistake, one message."""
    if error["type"] != "missing":
        return False
    parent, name = tuple(error["loc"][:-1]), str(error["loc"][-1])
    return any(
        other["type"] == "extra_forbidden"
        and tuple(other["loc"][:-1]) == parent
        and _close(model, tuple(other["loc"])) == name
        for other in errors
    )


def _message(model: type[BaseModel], error: dict, loc: tuple, written: str | None) -> str:
    kind = error["type"]
    key = _key_name(loc)
    if kind == "extra_forbidden":
        close = _close(model, loc)
        hint = f" (did you mean '{close}'?)" if close else _allowed(model, loc)
        return f"unknown key '{loc[-1]}'{hint}"
    if kind == "missing":
        return f"missing required key '{loc[-1]}'"
    value = error.get("input")
    if value is None and kind != "value_error":
        return f"'{key}' has no value: write one after the ':'"
    shown = written if written is not None else str(value)
    for start, explain in _EXPLAIN.items():
        if kind.startswith(start):
            return f"'{key}': {explain(error, shown)}"
    message = str(error["msg"]).removeprefix("Value error, ").removeprefix("Assertion failed, ")
    # about a whole item of a list (a credits entry): the location says which
    return f"{key}: {message}" if key and not isinstance(loc[-1], int) else message


def _key_name(loc: tuple) -> str:
    """The key a value was written under; for a list item, the list's key."""
    names = [str(part) for part in loc if isinstance(part, str)]
    return names[-1] if names else ""


def _text_hint(error: dict, shown: str) -> str:
    """A number or date where text belongs: YAML read it as a number (and a leading 0 or
    a long digit string changes), so it must be quoted to stay text."""
    value = error.get("input")
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return (
            f"expected text, found the number {shown}: "
            f'write it in quotes, "{shown}", so it stays text'
        )
    if isinstance(value, bool):
        return (
            f"expected text, found '{shown}', which YAML reads as yes/no: "
            f'write it in quotes, "{shown}"'
        )
    if isinstance(value, (list, dict)):
        return "expected one text, found a list or keys: write the text on the line of the key"
    return f"expected text, found '{shown}': write it in quotes"


def _literal_hint(error: dict, shown: str) -> str:
    expected = str(error.get("ctx", {}).get("expected", ""))
    choices = [part.strip(" '") for part in expected.replace(" or ", ",").split(",") if part]
    close = difflib.get_close_matches(shown, choices, n=1)
    hint = f" (did you mean '{close[0]}'?)" if close else ""
    return f"'{shown}' is not one of {', '.join(choices)}{hint}"


def _bound(error: dict, shown: str) -> str:
    ctx = error.get("ctx", {})
    if "gt" in ctx:
        return f"must be more than {ctx['gt']}, found {shown}"
    if "ge" in ctx:
        return f"must be at least {ctx['ge']}, found {shown}"
    if "lt" in ctx:
        return f"must be less than {ctx['lt']}, found {shown}"
    return f"must be at most {ctx.get('le')}, found {shown}"


def _items(error: dict, shown: str) -> str:
    ctx = error.get("ctx", {})
    if "min_length" in ctx:
        n = ctx["min_length"]
        return f"needs at least {n} item{'s' if n != 1 else ''}"
    return f"takes at most {ctx.get('max_length')} items"


_EXPLAIN = {
    "int_parsing": lambda e, s: f"expected a whole number, found '{s}'",
    "int_from_float": lambda e, s: f"expected a whole number, found {s}",
    "int_type": lambda e, s: f"expected a whole number, found '{s}'",
    "float_parsing": lambda e, s: f"expected a number, found '{s}'",
    "float_type": lambda e, s: f"expected a number, found '{s}'",
    "bool": lambda e, s: f"expected true or false, found '{s}'",
    "date": lambda e, s: (
        f"expected a date written YYYY-MM-DD, such as 2026-11-26; '{s}' is no date"
    ),
    "string_type": _text_hint,
    "string_pattern_mismatch": lambda e, s: f"'{s}' may hold only letters, digits, - and _",
    "string_too_short": lambda e, s: "must not be empty",
    "literal_error": _literal_hint,
    "enum": _literal_hint,
    "greater_than": _bound,
    "less_than": _bound,
    "too_short": _items,
    "too_long": _items,
    "list_type": lambda e, s: "expected a list: items on lines starting with '- ', or [a, b]",
    "dict_type": lambda e, s: "expected keys with values here ('key: value' lines)",
    "model_type": lambda e, s: "expected keys with values here ('key: value' lines)",
    "model_attributes_type": lambda e, s: "expected keys with values here ('key: value' lines)",
}


def _close(model: type[BaseModel], loc: tuple) -> str | None:
    """'did you mean …' from the fields the model allows at that place."""
    fields = _fields_at(model, loc[:-1])
    close = difflib.get_close_matches(str(loc[-1]), fields, n=1)
    return close[0] if close else None


def _allowed(model: type[BaseModel], loc: tuple) -> str:
    fields = _fields_at(model, loc[:-1])
    return f" (allowed here: {', '.join(fields)})" if 0 < len(fields) <= 12 else ""


def _fields_at(model: type[BaseModel], loc: tuple) -> list[str]:
    """Keys the model allows at `loc` (aliases as written); list indexes and mapping keys
    keep the item model."""
    current: type[BaseModel] | None = model
    for part in loc:
        if current is not None and isinstance(part, str):
            field = _field_named(current, part)
            if field is not None:
                current = _model_of(field.annotation)
    if current is None:
        return []
    return [field.alias or name for name, field in current.model_fields.items()]


def _field_named(model: type[BaseModel], key: str) -> Any:
    for name, field in model.model_fields.items():
        if key in (name, field.alias):
            return field
    return None


def _model_of(annotation: object) -> type | None:
    """The pydantic model inside `list[X]`, `dict[str, X]` or `X | None`."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _model_of(arg)
        if found is not None:
            return found
    return None
