"""An image's pixels as the page shows them: upright, and in 8 bits a channel.

Scanners and raw converters write 16-bit grey: Pillow's own conversion to 8 bits clips
every value above 255 to white, and WeasyPrint draws such a PNG as noise, so the bits
are scaled down here, for the screen (render/screen_images.py) and the press
(render/print_images.py) alike, which also share how a converted image is written.
"""

from __future__ import annotations

import os
from pathlib import Path

from PIL import Image, ImageOps

SIXTEEN_BIT_MODES = ("I;16", "I;16B", "I;16L", "I;16N", "I")
JPEG_QUALITY = 92


def upright_8_bit(image: Image.Image) -> Image.Image:
    """`image` turned as its EXIF orientation says, 16-bit grey scaled to 8 bits."""
    image = ImageOps.exif_transpose(image)
    if image.mode in SIXTEEN_BIT_MODES:
        return image.convert("I").point(lambda value: value / 257).convert("L")
    return image


def is_transparent(image: Image.Image) -> bool:
    return image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info


def save_in_cache(image: Image.Image, target: Path, form: str, **options: object) -> Path:
    """`image` written to `target` under another name first, so that a build running
    beside this one never reads half a file."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(f".{os.getpid()}.partial")
    image.save(partial, form, **options)
    partial.replace(target)
    return target
