"""The base of every schema model of the YAML files."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class Strict(BaseModel):
    """Unknown keys are errors: a typo such as `headine:` must never be ignored."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)
