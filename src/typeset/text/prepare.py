"""Article text as the layout gets it: punctuation converted, no-break stretches marked."""

from __future__ import annotations

from typeset.issue.paper import Typography
from typeset.text.blocks import ArticleText
from typeset.text.breaks import keep_together
from typeset.text.punctuation import PunctuationFix, convert_article


def prepare_texts(
    texts: dict[str, ArticleText], typography: Typography
) -> tuple[dict[str, ArticleText], tuple[PunctuationFix, ...]]:
    """Every article prepared, and every punctuation change made, in article order."""
    prepared: dict[str, ArticleText] = {}
    fixes: list[PunctuationFix] = []
    for name, text in texts.items():
        if typography.fullwidth_punctuation:
            text, changed = convert_article(name, text)
            fixes += changed
        prepared[name] = keep_together(text)
    return prepared, tuple(fixes)
