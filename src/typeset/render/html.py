"""The issue's HTML, from the paper's Jinja2 templates (autoescaped: article text can never
become markup)."""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path

import jinja2

from typeset.render.view import IssueView


def render_html(view: IssueView, layout: Path) -> str:
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(layout),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    template = environment.get_template("base.html.j2")
    return template.render({field.name: getattr(view, field.name) for field in fields(view)})
