"""What a print PDF is checked against: the build's manifest, the command line, defaults."""

from __future__ import annotations

from dataclasses import dataclass, field

from typeset.issue.paper import ImagePpi, Press
from typeset.output.manifest import ManifestImage


@dataclass(frozen=True)
class Expectations:
    """None where nothing is known: a lone PDF has no manifest to name its trim or standard."""

    standard: str | None = None
    trim_mm: tuple[float, float] | None = None
    bleed_mm: float = 3.0
    ppi: ImagePpi = field(default_factory=ImagePpi)
    max_ink_percent: float = Press().max_ink_percent
    overprint_black: bool = True
    images: dict[str, ManifestImage] = field(default_factory=dict)  # by sha256 of their data
