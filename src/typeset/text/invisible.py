"""Characters that print as nothing, pasted with text from web pages, PDFs and word
processors: zero-width spaces, soft hyphens, direction marks, joiners, byte order marks,
variation selectors. No font of the paper has them, the editor cannot see them, and a
printed page carries nothing of them, so they are taken out, each kind reported at its
first place; a no-break or other fixed-width space becomes a plain space (one for one).

A variation selector asks for a variant of the character before it (异体字 in a name);
the paper's fonts carry no variants (no cmap format 14), so the plain character is what
prints, and the report says so.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from dataclasses import dataclass, replace

from typeset.diagnostics import Diagnostics
from typeset.text.blocks import Block

# Fixed-width spaces from word processors and PDFs; U+3000 (全角空格) is Chinese text's own.
_SPACES = frozenset("\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a")
_SPACES |= frozenset("\u202f\u205f")


def _is_variation_selector(char: str) -> bool:
    return "\ufe00" <= char <= "\ufe0f" or "\U000e0100" <= char <= "\U000e01ef"


def _is_invisible(char: str) -> bool:
    return unicodedata.category(char) == "Cf" or _is_variation_selector(char)


@dataclass(frozen=True)
class Invisible:
    """One kind of invisible or odd-space character found in a text."""

    char: str
    count: int

    def __str__(self) -> str:
        name = unicodedata.name(self.char, "")
        times = f" ×{self.count}" if self.count > 1 else ""
        if self.char in _SPACES:
            return f"U+{ord(self.char):04X} {name}{times} set as a plain space"
        what = (
            "the plain character before it is printed"
            if _is_variation_selector(self.char)
            else "it prints as nothing"
        )
        return f"U+{ord(self.char):04X} {name}{times} taken out ({what})"


def visible(text: str) -> tuple[str, tuple[Invisible, ...]]:
    """`text` without invisible characters and with plain spaces, and what was changed."""
    found = _found(text)
    if not found:
        return text, ()
    return _plain_spaces("".join(char for char in text if not _is_invisible(char))), found


def _found(text: str) -> tuple[Invisible, ...]:
    """Each kind of invisible or odd-space character in `text`, with its count."""
    if text.isascii():
        return ()
    found = Counter(char for char in text if char in _SPACES or _is_invisible(char))
    return tuple(Invisible(char, count) for char, count in found.items())


def visible_block(block: Block, out: Diagnostics) -> Block:
    """`block` as `visible` makes its text, its places in the file kept; each kind of
    character changed is a warning at its first place."""
    text = block.text
    found = _found(text)
    for item in found:
        out.warning(
            block.location(text.index(item.char)),
            f"{item}: pasted from a web page, PDF or word processor?",
        )
    if not found:
        return block
    spaced = tuple(replace(run, text=_plain_spaces(run.text)) for run in block.runs)
    removed = [i for i, char in enumerate(text) if _is_invisible(char)]
    return replace(block, runs=spaced).without(removed)


def _plain_spaces(text: str) -> str:
    return "".join(" " if char in _SPACES else char for char in text)
