"""Typed models from YAML data, with pydantic's errors turned into `file:line:col` lines."""

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
        diagnostics.error(document.locate(at), "expected a mapping of keys to values")
        return None
    try:
        return model.model_validate(data)
    except ValidationError as failure:
        for error in failure.errors():
            loc = (*at, *error["loc"])
            if error["type"] == "missing":  # at the key that lacks it: `second:`
                location = document.locate(loc[:-1], key=True)
            else:  # an unknown key at itself, a bad value at the value
                location = document.locate(loc, key=error["type"] == "extra_forbidden")
            diagnostics.error(location, _message(model, error, tuple(error["loc"])))
        return None


def _message(model: type[BaseModel], error: dict, loc: tuple) -> str:
    name = ".".join(str(part) for part in loc) or "document"
    kind = error["type"]
    if kind == "extra_forbidden":
        return f"unknown key '{loc[-1]}'{_suggestion(model, loc)}"
    if kind == "missing":
        return f"missing required key '{loc[-1]}'"
    message = error["msg"]
    if message.startswith("Value error, "):
        message = message.removeprefix("Value error, ")
    return f"{name}: {message}"


def _suggestion(model: type[BaseModel], loc: tuple) -> str:
    """'did you mean …' from the fields the model allows at that place."""
    fields = _fields_at(model, loc[:-1])
    close = difflib.get_close_matches(str(loc[-1]), fields, n=1)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _fields_at(model: type[BaseModel], loc: tuple) -> list[str]:
    """Field names of the model at `loc`; list indexes and mapping keys keep the item model."""
    current: type[BaseModel] | None = model
    for part in loc:
        if current is not None and isinstance(part, str) and part in current.model_fields:
            current = _model_of(current.model_fields[part].annotation)
    return list(current.model_fields) if current is not None else []


def _model_of(annotation: object) -> type | None:
    """The pydantic model inside `list[X]`, `dict[str, X]` or `X | None`."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _model_of(arg)
        if found is not None:
            return found
    return None
