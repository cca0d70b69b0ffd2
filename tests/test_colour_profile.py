"""The shipped newsprint CMYK profile separates sRGB the way a coldset newspaper needs."""

from pathlib import Path

import pytest
from PIL import Image, ImageCms

PROFILE = Path(__file__).resolve().parents[1] / "layouts" / "xinglin" / "newsprint.icc"


@pytest.fixture(scope="module")
def to_cmyk() -> ImageCms.ImageCmsTransform:
    profile = ImageCms.getOpenProfile(str(PROFILE))
    assert profile.profile.xcolor_space.strip() == "CMYK"
    assert profile.profile.device_class == "prtr"
    return ImageCms.buildTransform(
        ImageCms.createProfile("sRGB"),
        profile,
        "RGB",
        "CMYK",
        renderingIntent=ImageCms.Intent.RELATIVE_COLORIMETRIC,
    )


def ink(transform: ImageCms.ImageCmsTransform, rgb: tuple[int, int, int]) -> list[float]:
    """C, M, Y and K coverage in percent for one sRGB colour."""
    pixel = ImageCms.applyTransform(Image.new("RGB", (1, 1), rgb), transform).getpixel((0, 0))
    return [100 * value / 255 for value in pixel]


def test_description_names_the_standard() -> None:
    profile = ImageCms.getOpenProfile(str(PROFILE))
    assert "ISO 12647-3" in ImageCms.getProfileDescription(profile)


def test_white_is_bare_paper(to_cmyk: ImageCms.ImageCmsTransform) -> None:
    assert ink(to_cmyk, (255, 255, 255)) == [0, 0, 0, 0]


def test_black_stays_within_the_total_ink_limit(to_cmyk: ImageCms.ImageCmsTransform) -> None:
    assert sum(ink(to_cmyk, (0, 0, 0))) <= 220 + 3


def test_neutral_grey_is_mostly_black_ink(to_cmyk: ImageCms.ImageCmsTransform) -> None:
    c, m, y, k = ink(to_cmyk, (128, 128, 128))
    assert k > 2 * (c + m + y)


def test_make_profile_writes_the_profile_of_the_paper_it_is_given(tmp_path: Path) -> None:
    from typeset.color.newsprint_profile import main, profile_path

    paper = tmp_path / "weekly"
    paper.mkdir()
    (paper / "paper.yaml").write_text("print: {profile: coldset.icc}\n", encoding="utf-8")
    assert profile_path(paper) == paper / "coldset.icc"
    assert profile_path(PROFILE.parent) == PROFILE
    assert main([str(tmp_path / "nowhere")]) == 1  # no paper there: one sentence, no profile
