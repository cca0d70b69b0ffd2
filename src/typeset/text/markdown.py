"""Article Markdown (CommonMark via markdown-it-py) to `Block`s.

Only what a newspaper article carries is accepted: paragraphs, `##` subheads, bold and
emphasis. Everything else (images, lists, tables, raw HTML, links to files) is an error at
its line, because the layout has no place for it and a link may point outside the issue.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_right
from pathlib import Path

from markdown_it import MarkdownIt
from markdown_it.token import Token

from typeset.diagnostics import Diagnostics, Location, find_in_lines, read_source
from typeset.text.blocks import ArticleText, Block, Run, SourceSpan
from typeset.text.invisible import visible_block

_PARSER = (
    MarkdownIt("commonmark", {"html": False})
    .disable(["html_inline", "html_block", "text_join"])
    .enable("table")  # parsed, so that a table is an error rather than text
)
# markdown-it drops links to javascript:, file: and data: and prints them as text; every
# link must come through, for the check below to refuse what is not a web address.
_PARSER.validateLink = lambda url: True
# Limits that keep checking and setting an article linear; an article is a few thousand
# characters, a whole broadsheet page about twelve thousand.
MAX_ARTICLE_BYTES = 1_000_000
MAX_BLOCKS = 10_000  # paragraphs and subheads
MARKUP_CHARS = 2000  # the most markup between two texts: `](`, a link's target, `")`
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
            runs, spans = _runs(token, lines, path, start, diagnostics)
            block = Block(kind, runs, path, start + 1, end, spans)
            blocks.append(visible_block(block, diagnostics))
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
) -> tuple[tuple[Run, ...], tuple[SourceSpan, ...]]:
    """The inline token's runs, and where their text stands in the file."""
    placed: list[tuple[Run, int]] = []  # each run with its offset in the token's content
    bold = italic = False
    children = token.children or []
    for child, at in zip(children, _offsets(token), strict=True):
        if child.type in ("strong_open", "strong_close"):
            bold = child.type == "strong_open"
        elif child.type in ("em_open", "em_close"):
            italic = child.type == "em_open"
        elif child.type in ("text", "text_special", "code_inline"):
            code = child.type == "code_inline"
            placed.append((Run(child.content, bold, italic, code=code), at))
        elif child.type in ("softbreak", "hardbreak"):
            placed.append((Run("\n", bold, italic), at))
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
    joined = _join_breaks(placed)
    places = _ContentPlaces(token.content, lines, start)
    spans: list[SourceSpan] = []
    offset = 0
    for run, at in joined:
        spans += (
            span for span in places.spans(offset, at, len(run.text)) if not _goes_on(spans, span)
        )
        offset += len(run.text)
    return tuple(run for run, _ in joined), tuple(spans)


def _goes_on(spans: list[SourceSpan], span: SourceSpan) -> bool:
    """Whether `span` only continues the last one (a run after `**` does not)."""
    last = spans[-1] if spans else None
    return (
        last is not None
        and last.line == span.line
        and span.column - last.column == span.offset - last.offset
    )


def _offsets(token: Token) -> list[int]:
    """Where each child of an inline token starts in the token's content, found in order:
    a text is a slice of the content, an escape or entity stands as its markup, a line
    break at its line end; a link's target is skipped, so that text after it is not found
    in it. markdown-it keeps no positions inside a paragraph (and `text_join`, disabled
    above, would merge escapes into the text around them)."""
    content, cursor, target = token.content, 0, ""
    flat = content.replace("\n", " ")  # a code span's line breaks are spaces in it
    offsets = []
    for child in token.children or []:
        if child.type == "link_open":  # an autolink's target is its text
            target = "" if child.markup == "autolink" else str(child.attrs.get("href", ""))
        elif child.type == "link_close" and (end := _find(content, target, cursor)) >= 0:
            cursor = end + len(target)
        needle = _source_form(child)
        found = _find(flat if child.type == "code_inline" else content, needle, cursor)
        offsets.append(max(found, cursor))
        cursor = found + len(needle) if found >= 0 else cursor
    return offsets


def _find(content: str, needle: str, cursor: int) -> int:
    """`needle` at or after `cursor`, past at most MARKUP_CHARS of markup: a needle that is
    not there (a code span with a line break) must not make each search scan the rest of
    a long paragraph."""
    if not needle:
        return -1
    return content.find(needle, cursor, cursor + len(needle) + MARKUP_CHARS)


def _source_form(child: Token) -> str:
    """What a child of an inline token is in the source, as far as it holds text."""
    if child.type in ("text", "code_inline"):
        return child.content
    if child.type == "text_special":
        return child.markup
    return "\n" if child.type in ("softbreak", "hardbreak") else ""


class _ContentPlaces:
    """Offsets in an inline token's content mapped to lines and columns of the file: the
    content is the block's source lines joined, with the indentation and markers before
    its first character (`## `) and the spaces after its last one dropped."""

    def __init__(self, content: str, lines: list[str], start: int) -> None:
        self.starts: list[int] = []  # where each line of the content starts in it
        self.places: list[tuple[int, int]] = []  # that start's line and column in the file
        offset = 0
        for k, part in enumerate(content.split("\n")):
            line = lines[start + k] if start + k < len(lines) else ""
            self.starts.append(offset)
            self.places.append((start + k + 1, max(line.find(part), 0) + 1))
            offset += len(part) + 1

    def spans(self, offset: int, at: int, length: int) -> list[SourceSpan]:
        """The spans of `length` characters of a block's text from `offset`, which stand
        at `at` in the content: one for each line of the file they reach into."""
        k, end = max(bisect_right(self.starts, at) - 1, 0), at + length
        found = []
        while True:
            line, column = self.places[k]
            found.append(SourceSpan(offset, line, column + at - self.starts[k]))
            k += 1
            if k >= len(self.starts) or self.starts[k] >= end:
                return found
            offset, at = offset + self.starts[k] - at, self.starts[k]


def _join_breaks(placed: list[tuple[Run, int]]) -> list[tuple[Run, int]]:
    """A line break inside a paragraph is nothing between Chinese characters, else a space."""
    text_runs = [(run, at) for run, at in placed if run.text]
    joined: list[tuple[Run, int]] = []
    for i, (run, at) in enumerate(text_runs):
        if run.text != "\n":
            joined.append((run, at))
            continue
        before = joined[-1][0].text[-1:] if joined else ""
        after = text_runs[i + 1][0].text[:1] if i + 1 < len(text_runs) else ""
        if not (_is_wide(before) or _is_wide(after)):
            joined.append((Run(" ", run.bold, run.italic), at))
    return joined


def _is_wide(char: str) -> bool:
    return bool(char) and unicodedata.east_asian_width(char) in ("W", "F")
