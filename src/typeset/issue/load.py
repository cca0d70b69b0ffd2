"""Load one issue: its YAML, its paper, its articles and images, every check in one pass."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from typeset.diagnostics import Diagnostics, Location, display_path
from typeset.fonts.coverage import check_coverage
from typeset.issue.checks import check_contents_box, check_issue
from typeset.issue.files import (
    file_owner,
    image_problem,
    named_files,
    placed_names,
    resolve_inside,
)
from typeset.issue.jumps import Chain, article_chains
from typeset.issue.model import Article, IssueHeader, IssueSpec, Page
from typeset.issue.paper import Masthead, Paper
from typeset.issue.siblings import check_siblings
from typeset.issue.validate import validate
from typeset.issue.yaml_source import PathKey, YamlDocument, load_yaml
from typeset.text.artefacts import Artefact, find_artefacts
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
    artefacts: tuple[Artefact, ...] = ()  # leftovers of pasted text, for the report
    fallback_fonts: tuple[Path, ...] = ()  # subsets for the characters the faces lack


def load_issue(folder: Path, project: Project, out: Diagnostics) -> Issue | None:
    """The issue in `folder`, or None when `out` holds at least one error."""
    source = folder / "issue.yaml"
    if not source.exists() and not source.is_symlink():
        out.error(Location(folder, 0, 0), _not_an_issue(folder))
        return None
    if not source.resolve().is_relative_to(folder.resolve()):
        # Line 0: no excerpt, so nothing of the file the link points to is ever shown.
        out.error(Location(source, 0, 0), "issue.yaml links to a file outside the issue folder")
        return None
    doc = load_yaml(source, out)
    if doc is None:
        return None
    header = validate(doc, IssueHeader, out)
    raw = doc.data if isinstance(doc.data, dict) else {}
    # Pages, articles and the files they name are checked even when the top of the file
    # is wrong: one run shows every error.
    pages: dict[int, Page] = _valid_parts(doc, Page, raw.get("pages"), "pages", out)
    articles: dict[str, Article] = _valid_parts(doc, Article, raw.get("articles"), "articles", out)
    files = _resolve_files(named_files(raw), folder, pages, doc, out)
    if header is not None:
        check_siblings(folder, header, doc, out)
    paper_name = header.paper if header is not None else _written_paper(raw)
    if paper_name is None:
        return None
    layout = project.layouts / paper_name
    paper = _load_paper(layout, doc, out)
    if paper is None:
        return None
    declared = set(raw["articles"]) if isinstance(raw.get("articles"), dict) else set()
    check_issue(pages, articles, declared, placed_names(raw), paper, doc, out)
    chains = article_chains(pages, doc, out)
    read = {
        name: text
        for name in articles
        if (path := files.get(("articles", name, "body")))
        and (text := read_article(path, out)) is not None
    }
    artefacts = find_artefacts(read, paper.input_checks, out)
    if header is None:
        return None
    texts, fixes = prepare_texts(read, paper.typography)
    articles, pages, field_fixes = prepare_fields(articles, pages, doc, paper.typography, out)
    spec = IssueSpec.model_construct(
        **{**dict(header), "pages": list(pages.values()), "articles": articles}
    )
    masthead = header.masthead.apply(paper.masthead)
    check_contents_box(pages, masthead, doc, out)
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
        artefacts,
    )
    if out.has_errors:
        return None
    # Only on a sound issue, so that each character is reported at its real place.
    fallbacks = check_coverage(issue, project.fonts, out)
    return None if out.has_errors else replace(issue, fallback_fonts=fallbacks)


def _not_an_issue(folder: Path) -> str:
    """Why `folder` is no issue, and the issue folder the user may have meant."""
    if not folder.is_dir():
        return "no such issue folder"
    above = next((p for p in folder.resolve().parents if (p / "issue.yaml").is_file()), None)
    hint = f" (did you mean '{display_path(above)}'?)" if above else ""
    return f"not an issue folder: it has no issue.yaml{hint}"


def _written_paper(raw: dict) -> str | None:
    """The paper named at the top of an issue whose other top keys have errors: its
    pages are still checked against it."""
    paper = raw.get("paper")
    return paper if isinstance(paper, str) and IssueHeader.paper_name_ok(paper) else None


def _load_paper(layout: Path, doc: YamlDocument, out: Diagnostics) -> Paper | None:
    path = layout / "paper.yaml"
    if not path.is_file():
        out.error(doc.locate(("paper",)), f"no paper layout '{layout.name}' ({path} is missing)")
        return None
    paper_doc = load_yaml(path, out)
    if paper_doc is None:
        return None
    paper = validate(paper_doc, Paper, out)
    nameplate_ok = _check_nameplate(layout, paper_doc, out)  # even when the schema failed
    return paper if nameplate_ok else None


def _check_nameplate(layout: Path, paper_doc: YamlDocument, out: Diagnostics) -> bool:
    """A nameplate image must be a readable picture inside the paper's layout folder."""
    raw = paper_doc.data if isinstance(paper_doc.data, dict) else {}
    nameplate = raw.get("nameplate")
    image = nameplate.get("image") if isinstance(nameplate, dict) else None
    if not isinstance(image, str):
        return True
    path, problem = resolve_inside(layout, image)
    problem = problem or image_problem(path)
    if problem:
        where = paper_doc.locate(("nameplate", "image"))
        out.error(where, f"the nameplate image: {problem.replace('issue folder', 'layout folder')}")
    return not problem


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
    wanted: dict[PathKey, str],
    folder: Path,
    pages: dict[int, Page],
    doc: YamlDocument,
    out: Diagnostics,
) -> dict[PathKey, Path]:
    """Every file the issue names, keyed by where it is named, checked to stay inside."""
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
