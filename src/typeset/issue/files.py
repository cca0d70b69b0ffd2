"""Paths written in an issue: relative, inside the issue's folder, existing."""

from __future__ import annotations

import difflib
import warnings
import xml.etree.ElementTree as ElementTree
from collections.abc import Mapping
from pathlib import Path, PurePosixPath

from PIL import Image, UnidentifiedImageError

from typeset.issue.model import Page
from typeset.issue.yaml_source import PathKey

# Larger images are refused before any is decoded: a full broadsheet page at 300 ppi is
# 29 megapixels, and decoding a 100-megapixel photo takes over a gigabyte of memory.
MAX_MEGAPIXELS = 100


def resolve_inside(folder: Path, written: str) -> tuple[Path | None, str]:
    """The file `written` names inside `folder`, or None and the reason it is refused."""
    if "://" in written or written.startswith(("/", "\\")) or ":" in written:
        return None, f"'{written}' must be a path relative to the issue folder"
    if ".." in PurePosixPath(written).parts:
        return None, f"'{written}' leaves the issue folder"
    path = (folder / written).resolve()
    if not path.is_relative_to(folder.resolve()):
        return None, f"'{written}' leaves the issue folder"
    if not path.is_file():
        return None, f"file '{written}' does not exist{_did_you_mean(folder, written)}"
    return path, ""


def _did_you_mean(folder: Path, written: str) -> str:
    """The issue's file with the closest name, as it would be written: a space for an
    underscore, another extension, a changed case."""
    files = [p for p in folder.rglob("*") if p.is_file() and not p.name.startswith(".")]
    by_name = {path.name.lower(): path for path in files}
    wanted = PurePosixPath(written).name.lower()
    close = difflib.get_close_matches(wanted, list(by_name), n=1, cutoff=0.75)
    return f" (did you mean '{by_name[close[0]].relative_to(folder).as_posix()}'?)" if close else ""


def named_files(raw: dict) -> dict[PathKey, str]:
    """Every file path the issue.yaml data names, by where it is named; read from the
    plain data so that a schema error elsewhere in an article does not hide a missing
    file (only values that are text are taken)."""
    wanted: dict[PathKey, str] = {}
    articles = raw.get("articles")
    for name, article in articles.items() if isinstance(articles, dict) else ():
        if not isinstance(article, dict):
            continue
        if isinstance(article.get("body"), str):
            wanted[("articles", name, "body")] = article["body"]
        for j, photo in _items(article.get("photos")):
            if isinstance(photo.get("image"), str):
                wanted[("articles", name, "photos", j, "image")] = photo["image"]
    for i, page in _items(raw.get("pages")):
        for j, ad in _items(page.get("ads")):
            if isinstance(ad.get("image"), str):
                wanted[("pages", i, "ads", j, "image")] = ad["image"]
    return wanted


def placed_names(raw: dict) -> set[str]:
    """The articles placed on any page, broken pages included: an article is not "not
    placed" because its page has an error elsewhere."""
    return {
        placement["article"]
        for _, page in _items(raw.get("pages"))
        for _, placement in _items(page.get("articles"))
        if isinstance(placement.get("article"), str)
    }


def _items(value: object) -> list[tuple[int, dict]]:
    """The mappings of a list, with their indexes; nothing for anything else."""
    if not isinstance(value, list):
        return []
    return [(i, item) for i, item in enumerate(value) if isinstance(item, dict)]


def image_problem(path: Path) -> str:
    """Why `path` cannot be printed as an image, or '' when it can.

    WeasyPrint leaves a broken image out of the page with only a log line, so this is
    checked before rendering: raster files by Pillow, SVG by parsing it as XML.
    """
    if path.suffix.lower() == ".svg":
        try:
            root = ElementTree.parse(path).getroot()
        except ElementTree.ParseError as error:
            return f"'{path.name}' is not a readable SVG file ({error})"
        return "" if root.tag.endswith("svg") else f"'{path.name}' is not an SVG image"
    try:
        return _raster_problem(path)
    except Image.DecompressionBombError:
        return f"'{path.name}' is too large to process"
    except (UnidentifiedImageError, OSError, SyntaxError) as error:
        return f"'{path.name}' is not a readable image ({error})"


def _raster_problem(path: Path) -> str:
    with warnings.catch_warnings():
        # Pillow's own warning about large images would only repeat the check below.
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        with Image.open(path) as image:
            width, height = image.size
            if width * height > MAX_MEGAPIXELS * 1_000_000:
                return (
                    f"'{path.name}' is too large to process: {width}×{height} pixels, "
                    f"more than {MAX_MEGAPIXELS} megapixels"
                )
            image.verify()
    return ""


def file_owner(key: PathKey, pages: Mapping[int, Page]) -> str:
    """Who names the file at `key` in issue.yaml, as layout staff call it."""
    if key[0] == "articles":
        return f"article '{key[1]}'"
    page = pages.get(int(key[1]))
    return f"ad {int(key[3]) + 1} on page {page.number}" if page else f"ad {int(key[3]) + 1}"
