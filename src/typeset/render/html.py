"""The issue's HTML, from the paper's Jinja2 templates (autoescaped: article text can never
become markup)."""

from __future__ import annotations

import functools
from dataclasses import fields
from pathlib import Path

import jinja2

from typeset.render.view import IssueView


def render_html(view: IssueView, layout: Path) -> str:
    template = _environment(layout.resolve()).get_template("base.html.j2")
    return template.render({field.name: getattr(view, field.name) for field in fields(view)})


@functools.lru_cache(maxsize=8)
def _environment(layout: Path) -> jinja2.Environment:
    """One environment per layout, so its templates are compiled once per process, not
    once per page (Jinja checks each template's file and compiles it again when edited)."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(layout),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=True,
    )
