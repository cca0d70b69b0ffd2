"""Half-width punctuation typed inside Chinese text becomes its full-width form, and
full-width letters and digits (１２３, ＡＢＣ) their half-width form, and a Kangxi radical
or compatibility ideograph the ideograph it stands for.

Text pasted from PDFs, OCR or English keyboards carries `,` `;` `:` `?` `!` `(` `)` and
straight quotes between Chinese characters; a proofreader marks each of them. No library
knows where Chinese text ends and Latin text, numbers, URLs or code begin, so the rule is
written here (docs/typography.md): a mark is converted when a neighbour is Chinese, and
never inside code, a web or mail address, or between digits (1,000 and 3:00 stay).
Full-width letters and digits come from typing in an input method's full-width mode;
Chinese newspapers set numbers and Latin words half-width (GB/T 15835), and the composer
keeps a number with its unit only when its digits are half-width.
Text copied from a Chinese PDF often carries Kangxi radicals (⼈ U+2F08 for 人, ⾦ for 金):
they look the same, but no font of the paper has them and no search finds them, so they
are always converted, as are compatibility ideographs (豈 U+F900), whose unified forms
Unicode declares the same character.
Every conversion is one character for one, so runs keep their lengths and every change
is listed for the build report.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, replace

from typeset.text.blocks import ArticleText, Block, Run
from typeset.text.script import is_cjk_text

_SIMPLE = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！"}
_PARENS = {"(": "（", ")": "）"}
_QUOTES = {'"': ("“", "”"), "'": ("‘", "’")}
_FULLWIDTH_ALPHANUMERICS = {
    chr(code): chr(code - 0xFEE0)
    for first, last in (("０", "９"), ("Ａ", "Ｚ"), ("ａ", "ｚ"))
    for code in range(ord(first), ord(last) + 1)
}
# A mail address starts only where its run of name characters does: trying every
# character of a long word again made this pattern quadratic (a megabyte took hours).
# Its characters are ASCII: `\w` would take the Chinese before it (写信至a.b@…) as its name.
ADDRESS = re.compile(
    r"(?:https?://|mailto:|www\.)[!-~]*[A-Za-z0-9/#=_-]"
    r"|(?<![A-Za-z0-9_.+-])[A-Za-z0-9_.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+"
)


_UNIFIED = {
    chr(code): unified
    for code in (*range(0x2F00, 0x2FD6), *range(0xF900, 0xFB00))
    if len(unified := unicodedata.normalize("NFKC", chr(code))) == 1 and unified != chr(code)
}


@dataclass(frozen=True)
class Forms:
    """Which conversions the paper asks for (`typography:` in paper.yaml)."""

    punctuation: bool = True  # half-width marks in Chinese → full-width
    alphanumerics: bool = True  # full-width letters and digits → half-width


@dataclass(frozen=True)
class PunctuationFix:
    """One converted mark, as a proofreader checks it: where, what, and its neighbours."""

    where: str  # the article's paragraph (第N段) or the field of issue.yaml
    line: int  # in the article file, or in issue.yaml
    before: str
    after: str
    context: str

    def __str__(self) -> str:
        return f"{self.where} (line {self.line}): {self.before} → {self.after}  …{self.context}…"


def convert_article(
    name: str, text: ArticleText, forms: Forms
) -> tuple[ArticleText, list[PunctuationFix]]:
    """The article with its characters in the paper's forms, and the list of changes."""
    blocks: list[Block] = []
    fixes: list[PunctuationFix] = []
    for number, block in enumerate(text.blocks, start=1):
        source = block.text
        converted = convert(source, forms, _protected(block))
        blocks.append(_with_text(block, converted))
        fixes += changes(f"{name} 第{number}段", block.first_line, source, converted)
    return replace(text, blocks=tuple(blocks)), fixes


def convert_field(
    where: str, line: int, text: str, forms: Forms
) -> tuple[str, list[PunctuationFix]]:
    """A headline, caption or ad text from issue.yaml, converted like article text."""
    converted = convert(text, forms, _addresses(text))
    return converted, changes(where, line, text, converted)


def changes(where: str, line: int, source: str, converted: str) -> list[PunctuationFix]:
    """Each character that differs, with its neighbourhood."""
    return [
        PunctuationFix(where, line, source[i], converted[i], _context(converted, i))
        for i in range(len(source))
        if source[i] != converted[i]
    ]


def convert(text: str, forms: Forms, protected: frozenset[int] = frozenset()) -> str:
    """`text` in the paper's forms; same length."""
    out = [_UNIFIED.get(char, char) for char in text]
    if forms.alphanumerics:
        for i, char in enumerate(text):
            if char in _FULLWIDTH_ALPHANUMERICS and i not in protected:
                out[i] = _FULLWIDTH_ALPHANUMERICS[char]
    if forms.punctuation:
        _convert_marks(text, out, protected)
    return "".join(out)


def _convert_marks(text: str, out: list[str], protected: frozenset[int]) -> None:
    """Each half-width mark in Chinese context made full-width, in `out`."""
    for i, char in enumerate(text):
        if char in _SIMPLE and i not in protected and _in_chinese(text, i):
            out[i] = _SIMPLE[char]
    _convert_parens(text, out, protected)
    for straight, (opening, closing) in _QUOTES.items():
        for start, end in _quote_pairs(text, straight, protected):
            if _chinese_quote(text, start, end, straight):
                out[start], out[end] = opening, closing


def _in_chinese(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else ""
    after = text[i + 1] if i + 1 < len(text) else ""
    if before.isdigit() and after.isdigit():
        return False
    return any(is_cjk_text(c) for c in before + after)


def _convert_parens(text: str, out: list[str], protected: frozenset[int]) -> None:
    """Parentheses by pairs: when one of a pair touches Chinese, both become full-width."""
    opened: list[int] = []
    for i, char in enumerate(text):
        if char not in _PARENS or i in protected:
            continue
        if char == "(":
            opened.append(i)
            continue
        pair = [opened.pop(), i] if opened else [i]
        if any(_in_chinese(text, j) for j in pair):
            for j in pair:
                out[j] = _PARENS[text[j]]
    for i in opened:  # an unclosed "(" alone
        if _in_chinese(text, i):
            out[i] = _PARENS["("]


def _quote_pairs(text: str, straight: str, protected: frozenset[int]) -> Iterator[tuple[int, int]]:
    """Straight quotes taken in pairs; an apostrophe between letters (don't) is no quote."""
    marks = [
        i
        for i, char in enumerate(text)
        if char == straight
        and i not in protected
        and not (
            straight == "'"
            and 0 < i < len(text) - 1
            and text[i - 1].isalpha()
            and text[i + 1].isalpha()
        )
    ]
    return zip(marks[::2], marks[1::2], strict=False)


def _chinese_quote(text: str, start: int, end: int, straight: str) -> bool:
    """Double quotes around or beside Chinese; single quotes only around Chinese."""
    inside = text[start + 1 : end]
    if any(is_cjk_text(c) for c in inside):
        return True
    outside = (text[start - 1] if start > 0 else "") + (
        text[end + 1] if end + 1 < len(text) else ""
    )
    return straight == '"' and any(is_cjk_text(c) for c in outside)


def _protected(block: Block) -> frozenset[int]:
    """Indexes of characters in code spans and in web or mail addresses."""
    indexes: set[int] = set()
    at = 0
    for run in block.runs:
        if run.code:
            indexes.update(range(at, at + len(run.text)))
        at += len(run.text)
    return frozenset(indexes) | _addresses(block.text)


def _addresses(text: str) -> frozenset[int]:
    """Indexes of characters in web or mail addresses."""
    return frozenset(i for match in ADDRESS.finditer(text) for i in range(*match.span()))


def _with_text(block: Block, text: str) -> Block:
    """The block with `text` cut back into its runs (conversion keeps every length)."""
    runs: list[Run] = []
    at = 0
    for run in block.runs:
        runs.append(replace(run, text=text[at : at + len(run.text)]))
        at += len(run.text)
    return replace(block, runs=tuple(runs))


def _context(text: str, i: int) -> str:
    return text[max(0, i - 6) : i + 7].replace("\n", " ")
