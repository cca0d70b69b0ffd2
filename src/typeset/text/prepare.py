"""Text as the layout gets it: punctuation converted, no-break stretches marked; for the
articles' Markdown and for the texts typed in issue.yaml (headlines, captions, ads)."""

from __future__ import annotations

from typeset.diagnostics import Diagnostics
from typeset.issue.model import Article, Page
from typeset.issue.paper import Typography
from typeset.issue.strict import Strict
from typeset.issue.yaml_source import PathKey, YamlDocument
from typeset.text.blocks import ArticleText
from typeset.text.breaks import keep_together
from typeset.text.invisible import visible
from typeset.text.punctuation import Forms, PunctuationFix, convert_article, convert_field


def prepare_texts(
    texts: dict[str, ArticleText], typography: Typography
) -> tuple[dict[str, ArticleText], tuple[PunctuationFix, ...]]:
    """Every article prepared, and every punctuation change made, in article order."""
    prepared: dict[str, ArticleText] = {}
    fixes: list[PunctuationFix] = []
    forms = _forms(typography)
    for name, text in texts.items():
        text, changed = convert_article(name, text, forms)
        fixes += changed
        prepared[name] = keep_together(text)
    return prepared, tuple(fixes)


ARTICLE_FIELDS = ("kicker", "headline", "subheadline", "byline", "jump_headline")


def prepare_fields(
    articles: dict[str, Article],
    pages: dict[int, Page],
    doc: YamlDocument,
    typography: Typography,
    out: Diagnostics,
) -> tuple[dict[str, Article], dict[int, Page], tuple[PunctuationFix, ...]]:
    """The issue.yaml texts without invisible characters (text/invisible.py, each a
    warning), their punctuation converted, and the punctuation changes made."""
    fixes: list[PunctuationFix] = []
    forms = _forms(typography)

    def fixed(model: Strict, label: str, at: PathKey, names: tuple[str, ...]) -> dict[str, str]:
        update = {}
        for name in names:
            if value := getattr(model, name):
                where = doc.locate((*at, name))
                value, invisible = visible(value)
                for item in invisible:
                    out.warning(where, f"{item} in {label} {name}: pasted from elsewhere?")
                value, found = convert_field(f"{label} {name}", where.line, value, forms)
                fixes.extend(found)
                update[name] = value
        return update

    def each_fixed(items: list, label: str, at: PathKey, names: tuple[str, ...]) -> list:
        """Photos or ads, numbered from 1 in the report as on the page."""
        return [
            item.model_copy(update=fixed(item, f"{label} {j + 1}", (*at, j), names))
            for j, item in enumerate(items)
        ]

    def article_fixed(name: str, article: Article) -> Article:
        update = fixed(article, name, ("articles", name), ARTICLE_FIELDS)
        photos = each_fixed(
            article.photos, f"{name} photo", ("articles", name, "photos"), ("caption", "credit")
        )
        return article.model_copy(update={**update, "photos": photos})

    def page_fixed(index: int, page: Page) -> Page:
        ads = each_fixed(
            page.ads, f"第{page.number}版 ad", ("pages", index, "ads"), ("headline", "text")
        )
        return page.model_copy(update={"ads": ads})

    articles = {name: article_fixed(name, article) for name, article in articles.items()}
    pages = {index: page_fixed(index, page) for index, page in pages.items()}
    return articles, pages, tuple(fixes)


def _forms(typography: Typography) -> Forms:
    return Forms(typography.fullwidth_punctuation, typography.halfwidth_alphanumerics)
