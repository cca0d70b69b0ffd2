"""Photos and ad images for the press: in the paper's CMYK output profile (gray when they
have no colour), resampled down to the print resolution at their printed size.

They are written as JPEG because WeasyPrint embeds a JPEG as it is, CMYK included, and a
PNG cannot hold CMYK. Converted files are kept in a cache named by their content, so a
second print build converts nothing.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageChops, ImageCms

from typeset.diagnostics import Diagnostics
from typeset.issue.files import file_owner
from typeset.issue.load import Issue
from typeset.issue.paper import MM
from typeset.issue.yaml_source import PathKey
from typeset.render.geometry import PageGeometry
from typeset.render.image_pixels import (
    JPEG_QUALITY,
    is_transparent,
    save_in_cache,
    upright_8_bit,
)


@dataclass(frozen=True)
class Placed:
    """An image file and the largest box it is printed in, in points."""

    source: Path
    width: float
    height: float

    @property
    def area(self) -> float:
        return self.width * self.height


def print_images(issue: Issue, cache: Path, out: Diagnostics) -> dict[Path, Path]:
    """Every image of the issue converted for the press, by the issue's own file."""
    press = issue.paper.press
    profile = ImageCms.ImageCmsProfile(str(issue.layout / press.profile))
    profile_digest = hashlib.sha256(profile.tobytes()).hexdigest()
    cache = cache.resolve()
    cache.mkdir(parents=True, exist_ok=True)
    pages = dict(enumerate(issue.spec.pages))
    converted: dict[Path, Path] = {}
    # A file placed twice is converted for its largest box, which comes last.
    by_size = sorted(placed_images(issue).items(), key=lambda item: item[1].area)
    for key, placed in by_size:
        try:
            converted[placed.source] = _converted(
                placed, press.resample_ppi, profile, profile_digest, cache
            )
        except (OSError, ValueError, ImageCms.PyCMSError, Image.DecompressionBombError) as error:
            where = issue.source.locate(key)
            name = placed.source.name
            out.error(where, f"{file_owner(key, pages)}: '{name}' cannot be made CMYK ({error})")
    return converted


def placed_images(issue: Issue) -> dict[PathKey, Placed]:
    """Each image file with the box it fills: a photo's figure, an ad's frame."""
    geometry = PageGeometry.of(issue.paper)
    leading = issue.paper.grid.leading_pt
    placed: dict[PathKey, Placed] = {}
    for name, article in issue.spec.articles.items():
        for j, photo in enumerate(article.photos):
            key = ("articles", name, "photos", j, "image")
            if key in issue.files:
                width = geometry.span_width(photo.span)
                placed[key] = Placed(issue.files[key], width, photo.lines * leading)
    for i, page in enumerate(issue.spec.pages):
        for j, ad in enumerate(page.ads):
            key = ("pages", i, "ads", j, "image")
            if key in issue.files:
                width = geometry.span_width(ad.frame.span)
                placed[key] = Placed(issue.files[key], width, ad.frame.lines * leading)
    return placed


def _converted(
    placed: Placed, ppi: int, profile: ImageCms.ImageCmsProfile, profile_digest: str, cache: Path
) -> Path:
    if placed.source.suffix.lower() == ".svg":
        raise ValueError("an SVG image keeps its RGB colours; give a raster image for print")
    recipe = f"{placed.width:.2f}x{placed.height:.2f}@{ppi}:{profile_digest}:{JPEG_QUALITY}"
    digest = hashlib.sha256(placed.source.read_bytes() + recipe.encode()).hexdigest()
    target = cache / f"{digest[:24]}.jpg"
    if target.exists():
        return target
    with Image.open(placed.source) as opened:
        image = upright_8_bit(opened)
        image = _resampled(image, placed, ppi)
        image = _in_inks(image, profile)
    return save_in_cache(image, target, "JPEG", quality=JPEG_QUALITY, subsampling=0)


def _resampled(image: Image.Image, placed: Placed, ppi: int) -> Image.Image:
    """Down to `ppi` where the image is printed, never up.

    The layout crops a photo to its box (object-fit: cover), so the printed scale is the
    larger of the two ratios between box and image.
    """
    inches = (placed.width / MM / 25.4, placed.height / MM / 25.4)
    scale = max(inches[0] * ppi / image.width, inches[1] * ppi / image.height)
    if scale >= 1:
        return image
    size = (max(1, round(image.width * scale)), max(1, round(image.height * scale)))
    return image.resize(size, Image.Resampling.LANCZOS)


def _in_inks(image: Image.Image, profile: ImageCms.ImageCmsProfile) -> Image.Image:
    """CMYK through the output profile, or gray when the image has no colour."""
    if image.mode == "CMYK":
        return image
    rgb = _on_white(image)
    if _is_gray(rgb):
        return rgb.convert("L")
    embedded = image.info.get("icc_profile")
    source_profile = (
        ImageCms.ImageCmsProfile(io.BytesIO(embedded))
        if embedded
        else ImageCms.createProfile("sRGB")
    )
    return ImageCms.profileToProfile(
        rgb,
        source_profile,
        profile,
        renderingIntent=ImageCms.Intent.PERCEPTUAL,
        outputMode="CMYK",
    )


def _on_white(image: Image.Image) -> Image.Image:
    """RGB, with any transparency laid on white paper."""
    if is_transparent(image):
        rgba = image.convert("RGBA")
        paper = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        return Image.alpha_composite(paper, rgba).convert("RGB")
    return image.convert("RGB")


def _is_gray(rgb: Image.Image) -> bool:
    red, green, blue = rgb.split()
    differences = (ImageChops.difference(red, green), ImageChops.difference(green, blue))
    return not any(difference.getbbox() for difference in differences)
