"""Where a line must not break, beyond what Pango's UAX #14 line breaking knows.

Pango forbids breaks before closing and after opening punctuation, inside Latin words,
inside 3.5% and 1/3. What it allows and a Chinese proofreader does not (docs/typography.md):
a break between a number and its unit (100|万元), inside a web address (https://|kepu…),
and a paragraph whose last line holds one character (段末孤字). Those stretches become
`nobreak` runs, which the layout sets with `white-space: nowrap`: markup only, so the
text and the PDF's text layer keep exactly the source characters.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import replace
from itertools import pairwise

from typeset.text.blocks import ArticleText, Block, Run
from typeset.text.punctuation import ADDRESS
from typeset.text.script import PUNCTUATION, is_latin

_UNITS = (
    "毫升|毫克|毫米|厘米|公里|千克|公斤|小时|分钟|岁半|"
    "[年月日时分秒岁元个名家例人次倍天周项种位台张篇件所条床克米升度号层册份批组轮届级类]"
)
# A number starts only where its digits do (not inside them, not after "3."): a match
# there would be a tail of one already tried, and trying each made long numbers quadratic.
NUMBER_WITH_UNIT = re.compile(
    rf"(?<!\d)(?<!\d[.,:/])\d+(?:[.,:/]\d+)*[%‰]?(?:[万亿千百]?(?:{_UNITS})|[万亿])"
)
TAIL_CHARS = 2  # characters, not counting punctuation, kept together on a last line


def keep_together(text: ArticleText) -> ArticleText:
    """The article with its no-break stretches marked on its runs."""
    return replace(text, blocks=tuple(_mark_block(block) for block in text.blocks))


def no_break_spans(text: str, paragraph: bool, numbers: bool = True) -> list[tuple[int, int]]:
    """Start and end of each stretch of `text` that stays on one line, merged and sorted;
    without the numbers with their units when `numbers` is false (the composer weighs
    those breaks instead of forbidding them)."""
    spans = [m.span() for m in NUMBER_WITH_UNIT.finditer(text)] if numbers else []
    spans += [piece for m in ADDRESS.finditer(text) for piece in _address_pieces(m)]
    if paragraph and (tail := tail_start(text)) is not None:
        spans.append((tail, len(text)))
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _address_pieces(match: re.Match[str]) -> list[tuple[int, int]]:
    """A web address whole, or, when it has a path, cut after each "/" of the path: a line
    may break there (as newspapers break long addresses) but never inside a name."""
    start, address = match.start(), match.group()
    scheme = address.find("//")
    path = address.find("/", scheme + 2 if scheme >= 0 else 0)
    if path < 0 or "@" in address:
        return [match.span()]
    cuts = [start + i + 1 for i, char in enumerate(address[:-1]) if char == "/" and i >= path]
    edges = [start, *cuts, match.end()]
    return list(pairwise(edges))


def tail_start(text: str) -> int | None:
    """Where a paragraph's unbreakable end starts: its last two characters and what follows.

    A Latin word or a number counts whole, as Pango never breaks inside it anyway.
    """
    i = len(text)
    while i > 0 and (text[i - 1] in PUNCTUATION or text[i - 1].isspace()):
        i -= 1
    for _ in range(TAIL_CHARS):
        if i <= 0:
            return None
        i -= 1
        while i > 0 and is_latin(text[i]) and is_latin(text[i - 1]):
            i -= 1
    return i if i > 0 else None


def _mark_block(block: Block) -> Block:
    text = block.text  # joined from the runs on each call: once here
    spans = no_break_spans(text, block.kind == "paragraph")
    if not spans:
        return block
    cuts = sorted({0, len(text)} | {i for span in spans for i in span})
    starts = [start for start, _ in spans]
    runs: list[Run] = []
    at = 0
    for run in block.runs:
        end = at + len(run.text)
        # Searched, not scanned: a paragraph may hold a hundred thousand runs and spans.
        inner = [at, *cuts[bisect_right(cuts, at) : bisect_left(cuts, end)], end]
        for start, stop in pairwise(inner):
            if stop == start:
                continue
            around = bisect_right(starts, start) - 1  # the merged span that could hold it
            nobreak = around >= 0 and stop <= spans[around][1]
            runs.append(replace(run, text=text[start:stop], nobreak=nobreak))
        at = end
    return replace(block, runs=tuple(runs))
