"""Which script a character belongs to, as the typography rules need it.

Written by hand: Unicode's East Asian Width and general category are the library facts
(`unicodedata`); which of them count as "Chinese" or "Latin" for spacing and punctuation
is a typographic decision of this project (docs/typography.md).
"""

from __future__ import annotations

import unicodedata

OPENING = "（【《「『“‘〔［｛〈"
CLOSING = "）】》」』”’〕］｝〉"
STOPS = "，。、；：？！"  # 点号: in mainland fonts their ink sits in the left half
PUNCTUATION = OPENING + CLOSING + STOPS + "…—·"


def is_wide(char: str) -> bool:
    """A full-width character: Han, kana, full-width punctuation and forms."""
    return unicodedata.east_asian_width(char) in ("W", "F")


def is_han(char: str) -> bool:
    """A Chinese character (not punctuation): what Latin text is spaced from."""
    return is_wide(char) and unicodedata.category(char).startswith("L")


def is_cjk_text(char: str) -> bool:
    """A character that makes its neighbourhood Chinese text: Han or Chinese punctuation."""
    return is_wide(char) or char in PUNCTUATION


def is_latin(char: str) -> bool:
    """A Latin letter, a digit or a percent sign: what takes a quarter em from Han."""
    if is_wide(char):
        return False
    return unicodedata.category(char)[0] in "LN" or char in "%‰"
