"""Paths written in an issue: relative, inside the issue's folder, existing."""

from __future__ import annotations

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
        return None, f"file '{written}' does not exist"
    return path, ""


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
    return f"ad {int(key[3]) + 1} on page {pages[int(key[1])].number}"
