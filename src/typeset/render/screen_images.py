"""Images WeasyPrint cannot draw as they are, made into files it can, for every build
that is not for the press (pages, proofs, preview).

WeasyPrint draws PNG and JPEG right; a CMYK TIFF it leaves out, 16-bit grey it draws as
noise, and HEIC it cannot open. Those become a JPEG (a PNG when they have transparency),
kept in a cache named by their content, so a second build converts nothing.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from PIL import Image

from typeset.diagnostics import Diagnostics
from typeset.issue.files import file_owner
from typeset.issue.load import Issue
from typeset.render.image_pixels import (
    JPEG_QUALITY,
    SIXTEEN_BIT_MODES,
    is_transparent,
    save_in_cache,
    upright_8_bit,
)
from typeset.render.print_images import placed_images

# The modes WeasyPrint embeds right, by format.
DRAWN_AS_THEY_ARE = {
    "PNG": ("1", "L", "LA", "P", "PA", "RGB", "RGBA"),
    "JPEG": ("L", "RGB", "CMYK"),
}


def screen_images(issue: Issue, cache: Path, out: Diagnostics) -> dict[Path, Path]:
    """The converted file of each image that needs one, by the issue's own file."""
    cache = cache.resolve()
    pages = dict(enumerate(issue.spec.pages))
    converted: dict[Path, Path] = {}
    for key, placed in placed_images(issue).items():
        if placed.source in converted or placed.source.suffix.lower() == ".svg":
            continue
        try:
            target = _converted(placed.source, cache)
        except (OSError, ValueError, Image.DecompressionBombError) as error:
            where = issue.source.locate(key)
            name = placed.source.name
            out.error(where, f"{file_owner(key, pages)}: '{name}' cannot be converted ({error})")
            continue
        if target is not None:
            converted[placed.source] = target
    return converted


def _converted(source: Path, cache: Path) -> Path | None:
    """`source` as a PNG or JPEG WeasyPrint draws right, None when it draws it as is."""
    with Image.open(source) as opened:
        if opened.mode in DRAWN_AS_THEY_ARE.get(opened.format or "", ()):
            return None
        transparent = is_transparent(opened)
        digest = hashlib.sha256(source.read_bytes()).hexdigest()[:24]
        target = cache / f"{digest}.{'png' if transparent else 'jpg'}"
        if target.exists():
            return target
        profile = opened.info.get("icc_profile")
        image = upright_8_bit(opened).convert("RGBA" if transparent else _opaque_mode(opened))
    if transparent:
        return save_in_cache(image, target, "PNG")
    return save_in_cache(image, target, "JPEG", quality=JPEG_QUALITY, icc_profile=profile)


def _opaque_mode(image: Image.Image) -> str:
    """The JPEG mode closest to `image`'s: grey stays grey and CMYK stays CMYK."""
    if image.mode in ("L", "CMYK"):
        return image.mode
    return "L" if image.mode in SIXTEEN_BIT_MODES else "RGB"
