"""What a print PDF is checked against: the build's manifest, the command line, defaults."""

from __future__ import annotations

from dataclasses import dataclass

STANDARDS = ("PDF/X-4", "PDF/X-1a")


@dataclass(frozen=True)
class Thresholds:
    """Effective image resolution, in pixels per inch, below which an image is reported."""

    warn_below: float = 200
    error_below: float = 120


@dataclass(frozen=True)
class Expectations:
    """None where nothing is known: a lone PDF has no manifest to name its trim or standard."""

    standard: str | None = None
    trim_mm: tuple[float, float] | None = None
    bleed_mm: float = 3.0
    ppi: Thresholds = Thresholds()
