"""Paths written in an issue: relative, inside the issue's folder, existing."""

from __future__ import annotations

import difflib
import re
import struct
import warnings
import xml.etree.ElementTree as ElementTree
from collections.abc import Mapping
from pathlib import Path, PurePosixPath

import pillow_heif
from PIL import Image, ImageFile, UnidentifiedImageError

from typeset.issue.model import Page
from typeset.issue.yaml_source import PathKey

# Larger images are refused before any is decoded: a full broadsheet page at 300 ppi is
# 29 megapixels, and decoding a 100-megapixel photo takes over a gigabyte of memory.
MAX_MEGAPIXELS = 100
# Pillow warns from 89 megapixels on; images up to the limit above are wanted.
Image.MAX_IMAGE_PIXELS = MAX_MEGAPIXELS * 1_000_000
MAX_IMAGE_BYTES = 100_000_000
MAX_SVG_ELEMENTS = 50_000
# What photographers and phones deliver; render/screen_images.py makes PNG or JPEG of
# those WeasyPrint cannot draw as they are. EPS and PDF are not images here: Pillow reads
# them through Ghostscript.
RASTER_FORMATS = {
    "PNG": "PNG",
    "JPEG": "JPEG",
    "TIFF": "TIFF",
    "WEBP": "WebP",
    "HEIF": "HEIC",
    "GIF": "GIF",
    "BMP": "BMP",
}
pillow_heif.register_heif_opener()
# In an SVG's styles: a URL that is not a fragment of the file itself, or an import.
_OUTSIDE_REFERENCE = re.compile(r"url\(\s*['\"]?\s*(?!#)[^)]*\)|@import\b|@font-face\b", re.I)


def resolve_inside(folder: Path, written: str) -> tuple[Path | None, str]:
    """The file `written` names inside `folder`, or None and the reason it is refused."""
    if "://" in written or written.startswith(("/", "\\")) or ":" in written:
        return None, f"'{written}' must be a path relative to the issue folder"
    if ".." in PurePosixPath(written).parts:
        return None, f"'{written}' leaves the issue folder"
    path = (folder / written).resolve()
    if not path.is_relative_to(folder.resolve()):
        return None, f"'{written}' leaves the issue folder"
    if path.is_dir():
        return None, f"'{written}' is a folder, not a file"
    if not path.exists():
        return None, f"file '{written}' does not exist{_did_you_mean(folder, written)}"
    if not path.is_file():
        return None, f"'{written}' is not a regular file (a pipe or a device)"
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
    if path.stat().st_size > MAX_IMAGE_BYTES:
        return f"'{path.name}' is too large: more than {MAX_IMAGE_BYTES:,} bytes"
    if path.suffix.lower() == ".svg":
        return svg_problem(path)
    try:
        return _raster_problem(path)
    except Image.DecompressionBombError:
        return f"'{path.name}' is too large to process"
    # Pillow reports a damaged file with whichever error its decoder meets; a text chunk
    # that inflates past Pillow's limit is a ValueError.
    except (
        UnidentifiedImageError,
        OSError,
        SyntaxError,
        ValueError,
        EOFError,
        IndexError,
        TypeError,
        ZeroDivisionError,
        struct.error,
    ) as error:
        return f"'{path.name}' is not a readable image ({str(error).strip()})"


def _raster_problem(path: Path) -> str:
    with warnings.catch_warnings():
        # Pillow's own warning about large images would only repeat the check below.
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        with Image.open(path) as image:
            if image.format not in RASTER_FORMATS:
                formats = ", ".join(RASTER_FORMATS.values())
                return f"'{path.name}' holds {image.format} data: give an image in {formats}"
            width, height = image.size
            if width * height > MAX_MEGAPIXELS * 1_000_000:
                return (
                    f"'{path.name}' is too large to process: {width}×{height} pixels, "
                    f"more than {MAX_MEGAPIXELS} megapixels"
                )
            image.verify()
    return _decoding_problem(path)


def _decoding_problem(path: Path) -> str:
    """A file cut short (a photo half copied or downloaded) opens and verifies, and prints
    grey below the cut: only decoding every row finds it. JPEGs are decoded at ⅛ scale,
    which reads all their data eight times faster. WeasyPrint tells Pillow, for the whole
    process, to accept cut files: this check asks for the opposite while it runs."""
    accepting = ImageFile.LOAD_TRUNCATED_IMAGES
    ImageFile.LOAD_TRUNCATED_IMAGES = False
    try:
        with Image.open(path) as image:
            image.draft(image.mode, (image.width // 8, image.height // 8))
            image.load()
    except OSError as error:
        if "truncated" not in str(error):
            raise
        return f"'{path.name}' is cut short: its data ends before the picture does"
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = accepting
    return ""


def svg_problem(path: Path) -> str:
    """Why an SVG file cannot be printed: not SVG, a reference to anything but its own
    parts (another file, a font, a `data:` image), or more elements than a page needs once
    `<use>` copies are counted."""
    try:
        root = ElementTree.parse(path).getroot()
    except ElementTree.ParseError as error:
        return f"'{path.name}' is not a readable SVG file ({error})"
    if not root.tag.endswith("svg"):
        return f"'{path.name}' is not an SVG image"
    elements = list(root.iter())
    for element in elements:
        texts = [element.text or ""] if element.tag.endswith("style") else []
        for name, value in element.attrib.items():
            if name.endswith("href") and not value.strip().startswith("#"):
                return f"'{path.name}' refers to '{value[:80]}': an SVG must hold all it shows"
            texts.append(value)
        for text in texts:
            if found := _OUTSIDE_REFERENCE.search(text):
                return f"'{path.name}' refers to '{found.group()}': an SVG must hold all it shows"
    if _expanded_size(root, elements) > MAX_SVG_ELEMENTS:
        return f"'{path.name}' is too complex: more than {MAX_SVG_ELEMENTS:,} elements drawn"
    return ""


def _expanded_size(root: ElementTree.Element, elements: list[ElementTree.Element]) -> int:
    """How many elements the SVG draws with every `<use>` copied in (a `<use>` of a group of
    `<use>`s of … grows exponentially); a `<use>` loop counts as too many. Walked with a
    stack of its own: an SVG may be nested deeper than Python recurses."""
    by_id = {element.get("id"): element for element in elements if element.get("id")}
    too_many = MAX_SVG_ELEMENTS + 1
    sizes: dict[int, int] = {}
    walking: set[int] = set()
    stack: list[tuple[ElementTree.Element, bool]] = [(root, False)]
    while stack:
        element, finished = stack.pop()
        if id(element) in sizes:
            continue
        parts = [*element, *_used(element, by_id)]
        if finished:
            walking.discard(id(element))
            sizes[id(element)] = min(too_many, 1 + sum(sizes[id(part)] for part in parts))
        elif id(element) in walking:
            return too_many
        else:
            walking.add(id(element))
            stack.append((element, True))
            stack.extend((part, False) for part in parts if id(part) not in sizes)
    return sizes[id(root)]


def _used(element: ElementTree.Element, by_id: dict) -> list[ElementTree.Element]:
    if not element.tag.endswith("use"):
        return []
    target = next((v for k, v in element.attrib.items() if k.endswith("href")), "")
    used = by_id.get(target.strip().lstrip("#"))
    return [used] if used is not None else []


def file_owner(key: PathKey, pages: Mapping[int, Page]) -> str:
    """Who names the file at `key` in issue.yaml, as layout staff call it."""
    if key[0] == "articles":
        return f"article '{key[1]}'"
    page = pages.get(int(key[1]))
    return f"ad {int(key[3]) + 1} on page {page.number}" if page else f"ad {int(key[3]) + 1}"
