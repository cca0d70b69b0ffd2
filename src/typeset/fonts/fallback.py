"""Fallback fonts for rare characters (生僻字): a paper's extra font files, used only for
the characters its main faces lack.

A name such as 𠀀 is missing from the committed subsets in fonts/; regenerating those
needs root (Debian's font packages) and rewrites 15 MB. Instead a paper names a font that
has the character (`fallback_fonts:` in paper.yaml; the file in its layout folder or in
fonts/), and each build subsets it to just the characters it must supply. The layout
puts these faces last in every font stack (`var(--fallback-fonts)` in the paper's CSS),
so they are drawn only where the main face has no glyph.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

# Subsets are kept by the digest of their font and characters, shared by every build of
# the machine: the same rare names come back issue after issue.
CACHE = Path(tempfile.gettempdir()) / "typeset-fallback-fonts"


def find_fallback(name: str, layout: Path, fonts: Path) -> Path | None:
    """The fallback font file `name`: in the paper's layout folder, else in fonts/."""
    for folder in (layout, fonts):
        path = folder / name
        if path.is_file() and path.resolve().is_relative_to(folder.resolve()):
            return path
    return None


def fallback_subset(path: Path, chars: Iterable[str]) -> Path:
    """`path` cut down to `chars` (same bytes for the same font and characters)."""
    wanted = "".join(sorted(set(chars)))
    digest = hashlib.sha256(path.read_bytes() + wanted.encode()).hexdigest()[:24]
    target = CACHE / f"{digest}{path.suffix.lower()}"
    if target.is_file():
        return target
    CACHE.mkdir(parents=True, exist_ok=True)
    options = subset.Options()
    options.name_IDs = ["*"]  # keep the licence and the font's own name
    options.notdef_outline = True
    with TTFont(path, lazy=False) as font:
        subsetter = subset.Subsetter(options)
        subsetter.populate(text=wanted)
        subsetter.subset(font)
        # Written beside its place and renamed in: a build running at the same time never
        # reads a half-written file.
        handle, partial = tempfile.mkstemp(dir=CACHE, suffix=".partial")
        os.close(handle)
        font.save(partial)
    Path(partial).replace(target)
    return target
