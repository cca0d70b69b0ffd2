"""Load one issue: its YAML, its paper, its articles and images, every check in one pass."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from typeset.diagnostics import Diagnostics, Location
from typeset.fonts.coverage import check_coverage
from typeset.issue.checks import check_issue
from typeset.issue.files import file_owner, image_problem, resolve_inside
from typeset.issue.jumps import Chain, article_chains
from typeset.issue.model import Article, IssueHeader, IssueSpec, Page
from typeset.issue.paper import Masthead, Paper
from typeset.issue.validate import validate
from typeset.issue.yaml_source import PathKey, YamlDocument, load_yaml
from typeset.text.blocks import ArticleText
from typeset.text.markdown import read_article
from typeset.text.prepare import prepare_fields, prepare_texts
from typeset.text.punctuation import PunctuationFix


@dataclass(frozen=True)
class Project:
    """Where the paper layouts and the fonts live."""

    layouts: Path
    fonts: Path


@dataclass(frozen=True)
class Issue:
    """A checked issue, ready to lay out: every path resolved, every text read."""

    id: str
    folder: Path
    spec: IssueSpec
    paper: Paper
    layout: Path
    masthead: Masthead
    texts: dict[str, ArticleText]
    chains: dict[str, Chain]  # every placed article's frames, in reading order
    files: dict[PathKey, Path]  # every file the issue names, by where it is named
    source: YamlDocument
    punctuation_fixes: tuple[PunctuationFix, ...] = ()  # for the build report


def load_issue(folder: Path, project: Project, out: Diagnostics) -> Issue | None:
    """The issue in `folder`, or None when `out` holds at least one error."""
    source = folder / "issue.yaml"
    if not source.resolve().is_relative_to(folder.resolve()):
        out.error(Location(source), "issue.yaml links to a file outside the issue folder")
        return None
    doc = load_yaml(source, out)
    if doc is None:
        return None
    header = validate(doc, IssueHeader, out)
    raw = doc.data if isinstance(doc.data, dict) else {}
    # Pages and articles are checked even when the top of the file is wrong: one run
    # shows every error.
    pages: dict[int, Page] = _valid_parts(doc, Page, raw.get("pages"), "pages", out)
    articles: dict[str, Article] = _valid_parts(doc, Article, raw.get("articles"), "articles", out)
    if header is None:
        return None
    layout = project.layouts / header.paper
    paper = _load_paper(layout, doc, out)
    if paper is None:
        return None
    check_issue(pages, articles, set(header.articles), paper, doc, out)
    chains = article_chains(pages, doc, out)
    files = _resolve_files(pages, articles, folder, doc, out)
    read = {
        name: text
        for name in articles
        if (path := files.get(("articles", name, "body")))
        and (text := read_article(path, out)) is not None
    }
    texts, fixes = prepare_texts(read, paper.typography)
    articles, pages, field_fixes = prepare_fields(articles, pages, doc, paper.typography)
    spec = IssueSpec.model_construct(
        **{**dict(header), "pages": list(pages.values()), "articles": articles}
    )
    masthead = header.masthead.apply(paper.masthead)
    issue = Issue(
        folder.resolve().name,  # `typeset build .` names the issue, never the output root
        folder,
        spec,
        paper,
        layout,
        masthead,
        texts,
        chains,
        files,
        doc,
        field_fixes + fixes,
    )
    if not out.has_errors:
        # Only on a sound issue, so that each character is reported at its real place.
        check_coverage(issue, project.fonts, out)
    return None if out.has_errors else issue


def _load_paper(layout: Path, doc: YamlDocument, out: Diagnostics) -> Paper | None:
    path = layout / "paper.yaml"
    if not path.is_file():
        out.error(doc.locate(("paper",)), f"no paper layout '{layout.name}' ({path} is missing)")
        return None
    paper_doc = load_yaml(path, out)
    return validate(paper_doc, Paper, out) if paper_doc is not None else None


def _valid_parts(doc: YamlDocument, model: type, items: object, key: str, out: Diagnostics) -> dict:
    """Each item of a list or mapping validated on its own; the valid ones by index or key.
    Anything else yields nothing here: the header's schema reports it."""
    if isinstance(items, list):
        pairs = enumerate(items)
    elif isinstance(items, dict):
        pairs = items.items()
    else:
        return {}
    valid = {}
    for name, data in pairs:
        part = validate(doc, model, out, data, (key, name))
        if part is not None:
            valid[name] = part
    return valid


def _resolve_files(
    pages: dict[int, Page],
    articles: dict[str, Article],
    folder: Path,
    doc: YamlDocument,
    out: Diagnostics,
) -> dict[PathKey, Path]:
    """Every file the issue names, keyed by where it is named, checked to stay inside."""
    wanted: dict[PathKey, str] = {}
    for name, article in articles.items():
        wanted[("articles", name, "body")] = article.body
        for j, photo in enumerate(article.photos):
            wanted[("articles", name, "photos", j, "image")] = photo.image
    for i, page in pages.items():
        for j, ad in enumerate(page.ads):
            if ad.image is not None:
                wanted[("pages", i, "ads", j, "image")] = ad.image
    files: dict[PathKey, Path] = {}
    for key, written in wanted.items():
        path, problem = resolve_inside(folder, written)
        if path is not None and key[-1] == "image":
            problem = image_problem(path)
        if problem:
            out.error(doc.locate(key), f"{file_owner(key, pages)}: {problem}")
        else:
            files[key] = path
    return files
