"""Article Markdown (CommonMark via markdown-it-py) to `Block`s.

Only what a newspaper article carries is accepted: paragraphs, `##` subheads, bold and
emphasis. Everything else (images, lists, tables, raw HTML, links to files) is an error at
its line, because the layout has no place for it and a link may point outside the issue.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

from markdown_it import MarkdownIt
from markdown_it.token import Token

from typeset.diagnostics import Diagnostics, Location, find_in_lines, read_source
from typeset.text.blocks import ArticleText, Block, Run

_PARSER = MarkdownIt("commonmark", {"html": False}).disable(["html_inline", "html_block"])
_WEB_SCHEMES = ("http://", "https://", "mailto:")
_UNSUPPORTED = {
    "bullet_list_open": "lists",
    "ordered_list_open": "lists",
    "blockquote_open": "block quotes",
    "fence": "code blocks",
    "code_block": "code blocks",
    "hr": "horizontal rules",
    "table_open": "tables",
}


def read_article(path: Path, diagnostics: Diagnostics) -> ArticleText | None:
    source = read_source(path, diagnostics)
    if source is None:
        return None
    lines = source.splitlines()
    blocks: list[Block] = []
    tokens = _PARSER.parse(source)
    for index, token in enumerate(tokens):
        start, end = token.map or (0, 1)
        where = Location(path, start + 1)
        if token.type in _UNSUPPORTED:
            diagnostics.error(where, f"{_UNSUPPORTED[token.type]} are not supported in articles")
        elif token.type == "heading_open" and token.tag != "h2":
            diagnostics.error(
                where,
                f"'{token.markup}' heading: use '##' for subheads; "
                "the headline belongs in issue.yaml",
            )
        elif token.type == "inline" and index > 0:
            kind = "subhead" if tokens[index - 1].type == "heading_open" else "paragraph"
            runs = _runs(token, lines, path, start, diagnostics)
            blocks.append(Block(kind, runs, path, start + 1, end))
    return ArticleText(path, tuple(blocks))


def _runs(
    token: Token, lines: list[str], path: Path, start: int, diagnostics: Diagnostics
) -> tuple[Run, ...]:
    runs: list[Run] = []
    bold = italic = False
    for child in token.children or []:
        if child.type in ("strong_open", "strong_close"):
            bold = child.type == "strong_open"
        elif child.type in ("em_open", "em_close"):
            italic = child.type == "em_open"
        elif child.type in ("text", "code_inline"):
            runs.append(Run(child.content, bold, italic, code=child.type == "code_inline"))
        elif child.type in ("softbreak", "hardbreak"):
            runs.append(Run("\n", bold, italic))
        elif child.type == "image":
            diagnostics.error(
                find_in_lines(path, lines, start + 1, str(child.attrs.get("src", ""))),
                "images go under the article's 'photos:' in issue.yaml, not in the text",
            )
        elif child.type == "link_open":
            href = str(child.attrs.get("href", ""))
            if not href.startswith(_WEB_SCHEMES):
                diagnostics.error(
                    find_in_lines(path, lines, start + 1, href),
                    f"link target '{href}' is not a web address (http, https or mailto)",
                )
    return _join_breaks(runs)


def _join_breaks(runs: list[Run]) -> tuple[Run, ...]:
    """A line break inside a paragraph is nothing between Chinese characters, else a space."""
    text_runs = [run for run in runs if run.text]
    joined: list[Run] = []
    for i, run in enumerate(text_runs):
        if run.text != "\n":
            joined.append(run)
            continue
        before = joined[-1].text[-1:] if joined else ""
        after = text_runs[i + 1].text[:1] if i + 1 < len(text_runs) else ""
        if not (_is_wide(before) or _is_wide(after)):
            joined.append(Run(" ", run.bold, run.italic))
    return tuple(joined)


def _is_wide(char: str) -> bool:
    return bool(char) and unicodedata.east_asian_width(char) in ("W", "F")
