"""Article Markdown (CommonMark via markdown-it-py) to `Block`s.

Only what a newspaper article carries is accepted: paragraphs, `##` subheads, bold and
emphasis. Everything else (images, lists, tables, raw HTML, links to files) is an error at
its line, because the layout has no place for it and a link may point outside the issue.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from pathlib import Path

from markdown_it import MarkdownIt
from markdown_it.token import Token

from typeset.diagnostics import Diagnostics, Location, find_in_lines, read_source
from typeset.text.blocks import ArticleText, Block, Run
from typeset.text.invisible import Invisible, visible

_PARSER = (
    MarkdownIt("commonmark", {"html": False})
    .disable(["html_inline", "html_block"])
    .enable("table")  # parsed, so that a table is an error rather than text
)
# markdown-it drops links to javascript:, file: and data: and prints them as text; every
# link must come through, for the check below to refuse what is not a web address.
_PARSER.validateLink = lambda url: True
# Limits that keep checking and setting an article linear; an article is a few thousand
# characters, a whole broadsheet page about twelve thousand.
MAX_ARTICLE_BYTES = 1_000_000
MAX_BLOCKS = 10_000  # paragraphs and subheads
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
    source = read_source(path, diagnostics, MAX_ARTICLE_BYTES)
    if source is None:
        return None
    lines = source.splitlines()
    if (too_many := _block_over_limit(lines)) is not None:
        message = f"article too long: more than {MAX_BLOCKS:,} paragraphs and subheads"
        diagnostics.error(Location(path, too_many), message)
        return None
    blocks: list[Block] = []
    tokens = _PARSER.parse(source)
    reported: set[tuple[int, str]] = set()  # 20 nested `>` on a line are one error
    for index, token in enumerate(tokens):
        start, end = token.map or (0, 1)
        where = Location(path, start + 1)
        if token.type in _UNSUPPORTED:
            if (start, token.type) not in reported:
                reported.add((start, token.type))
                message = f"{_UNSUPPORTED[token.type]} are not supported in articles"
                diagnostics.error(where, message)
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


def _block_over_limit(lines: list[str]) -> int | None:
    """The line that starts the block past MAX_BLOCKS, counted before parsing (which takes
    seconds for 100,000 paragraphs): each stretch of lines between blank ones is at least
    one block."""
    stretches = 0
    for number, line in enumerate(lines, start=1):
        starts = line.strip() and (number == 1 or not lines[number - 2].strip())
        stretches += bool(starts)
        if stretches > MAX_BLOCKS:
            return number
    return None


def _runs(
    token: Token, lines: list[str], path: Path, start: int, diagnostics: Diagnostics
) -> tuple[Run, ...]:
    runs: list[Run] = []
    invisible: Counter[str] = Counter()
    bold = italic = False
    for child in token.children or []:
        if child.type in ("strong_open", "strong_close"):
            bold = child.type == "strong_open"
        elif child.type in ("em_open", "em_close"):
            italic = child.type == "em_open"
        elif child.type in ("text", "code_inline"):
            content, found = visible(child.content)
            invisible.update({item.char: item.count for item in found})
            runs.append(Run(content, bold, italic, code=child.type == "code_inline"))
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
    for char, count in invisible.items():
        diagnostics.warning(
            find_in_lines(path, lines, start + 1, char),
            f"{Invisible(char, count)}: pasted from a web page, PDF or word processor?",
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
