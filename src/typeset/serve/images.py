"""Page images for the browser: each page PDF drawn as a PNG with pypdfium2, named by the
hash of the PDF's bytes, so an unchanged page keeps its image (and its URL: the browser
does not load it again) and a changed one gets a new URL."""

from __future__ import annotations

import hashlib
from pathlib import Path

from typeset.proof.previews import render_page


def page_image(pdf: Path, folder: Path) -> str:
    """The name of `pdf`'s page image in `folder`, drawn if it is not there yet."""
    data = pdf.read_bytes()
    name = f"{hashlib.sha256(data).hexdigest()[:24]}.png"
    target = folder / name
    if not target.is_file():
        folder.mkdir(parents=True, exist_ok=True)
        partial = folder / f".{name}.partial"
        # Level 1: a page image is written on every edit and read once, from this disk.
        render_page(data).save(partial, format="PNG", compress_level=1)
        partial.replace(target)
    return name


def keep_only(folder: Path, names: set[str]) -> None:
    """Drop the images of pages no longer in the build."""
    if folder.is_dir():
        for entry in folder.glob("*.png"):
            if entry.name not in names:
                entry.unlink(missing_ok=True)
