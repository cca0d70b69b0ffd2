"""Write a paper's ``print: profile`` (``layouts/xinglin/newsprint.icc``): a CC0 CMYK profile

No openly licensed newsprint profile exists, so this one is made from facts: the approximate
ISO 12647-3:2013 colorimetric aims for paper, solids and two-colour overprints, and its 26 %
tone value increase at 40 %. A Yule–Nielsen modified spectral (here: XYZ) Neugebauer model turns
them into a synthetic characterization data set, which Argyll's ``colprof`` fits and separates
with a 220 % total ink limit and heavy GCR. Run it as ``python -m typeset.color.newsprint_profile
layouts/<paper>`` (``make profile PAPER=<paper>``); it needs Debian's ``argyll`` package. See
docs/colour-profile.md.
"""

from __future__ import annotations

import hashlib
import itertools
import math
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[3]
DEFAULT_LAYOUT = ROOT / "layouts" / "xinglin"
SRGB = Path("/usr/share/color/argyll/ref/sRGB.icm")  # source gamut for the perceptual table

DESCRIPTION = "Typeset Newsprint 26 (ISO 12647-3:2013 aims, CC0)"
COPYRIGHT = "CC0 1.0 - no rights reserved"  # ICC v2 text tags are 7-bit ASCII: no em dash
# WeasyPrint writes the model as the PDF/X OutputConditionIdentifier, so it names the condition.
MODEL = "Typeset Newsprint 26 (coldset offset on newsprint, ISO 12647-3:2013)"
MANUFACTURER = "typeset"

# Approximate ISO 12647-3:2013 aims (CIELAB, D50/2°, black backing) as published by WAN-IFRA.
# Keys name the inks printed: "" is the bare paper.
AIMS: dict[str, tuple[float, float, float]] = {
    "": (82.0, 0.0, 3.0),
    "k": (36.0, 1.0, 4.0),
    "c": (57.0, -23.0, -27.0),
    "m": (54.0, 44.0, -1.0),
    "y": (78.0, -3.0, 58.0),
    "my": (53.0, 40.0, 25.0),
    "cy": (53.0, -34.0, 17.0),
    "cm": (41.0, 7.0, -22.0),
}
INKS = "cmyk"
TVI_AT_40 = 0.26  # ISO 12647-3:2013 tone value increase at the 40 % patch, all four inks
YULE_NIELSEN_N = 2.0  # typical for coarse newspaper screens on absorbent newsprint
STEPS = (0.0, 0.1, 0.25, 0.4, 0.6, 0.8, 1.0)  # per ink; denser where newsprint changes fast

TOTAL_INK_LIMIT = 220  # ISO 12647-3:2013 and WAN-IFRAnewspaper26v5
BLACK_INK_LIMIT = 100  # WAN-IFRA's 220 % test patch is C44 M38 Y38 K100
# Heavy GCR with an early black start, as in WAN-IFRA's profile: no K at white, K begins 5 %
# down the neutral axis, reaches the maximum K possible at 90 % and stays there, linearly.
BLACK_GENERATION = ("p", "0", "0.05", "0.9", "1.0", "1.0")
FIXED_DATE = (2013, 12, 15, 0, 0, 0)  # header creation date; colprof would write "now"

D50 = (0.9642, 1.0, 0.8249)
XYZ = tuple[float, float, float]


def triple(values: Iterable[float]) -> XYZ:
    """Three values as a tuple, so that the type checker knows its length."""
    x, y, z = values
    return x, y, z


class ProfileError(Exception):
    """A problem the person regenerating can fix, such as Argyll not being installed."""


def lab_to_xyz(lab: tuple[float, float, float]) -> XYZ:
    """CIELAB to XYZ (D50, Y of the perfect diffuser = 1)."""
    fy = (lab[0] + 16) / 116
    fs = (fy + lab[1] / 500, fy, fy - lab[2] / 200)

    def inverse(f: float) -> float:
        return f**3 if f > 6 / 29 else 3 * (6 / 29) ** 2 * (f - 4 / 29)

    return triple(n * inverse(f) for n, f in zip(D50, fs, strict=True))


def xyz_to_lab(xyz: XYZ) -> tuple[float, float, float]:
    """XYZ (D50) to CIELAB, to write the data set in the units presses report."""

    def f(t: float) -> float:
        return t ** (1 / 3) if t > (6 / 29) ** 3 else t / (3 * (6 / 29) ** 2) + 4 / 29

    fx, fy, fz = (f(v / n) for v, n in zip(xyz, D50, strict=True))
    return 116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)


def overprint(a: XYZ, b: XYZ, paper: XYZ, trap: float) -> XYZ:
    """Predict two layers printed wet on wet: multiplicative reflectance, weakened by trapping."""
    return triple(w * ((x / w) * (y / w)) ** trap for x, y, w in zip(a, b, paper, strict=True))


def fit_trap(primaries: dict[str, XYZ]) -> float:
    """The trapping exponent that best reproduces the three two-colour aims from the solids.

    Newsprint's wet-on-wet overprints are lighter than multiplying the solids predicts; fitting
    one exponent to red, green and blue lets the 3- and 4-colour overprints inherit that.
    """
    paper = primaries[""]
    aims = {key: AIMS[key] for key in ("my", "cy", "cm")}

    def error(trap: float) -> float:
        total = 0.0
        for key, lab in aims.items():
            guess = xyz_to_lab(overprint(primaries[key[0]], primaries[key[1]], paper, trap))
            total += sum((g - t) ** 2 for g, t in zip(guess, lab, strict=True))
        return total

    return min((t / 1000 for t in range(500, 1001)), key=error)


def neugebauer_primaries() -> dict[str, XYZ]:
    """XYZ of all 16 ink combinations: aims where published, trapped overprints elsewhere."""
    primaries = {key: lab_to_xyz(lab) for key, lab in AIMS.items()}
    trap = fit_trap(primaries)
    paper = primaries[""]
    for size in (2, 3, 4):
        for combo in itertools.combinations(INKS, size):
            key = "".join(combo)
            if key in primaries:
                continue
            # Average over every way of laying the last ink on a known combination.
            guesses = [
                overprint(primaries[key.replace(ink, "")], primaries[ink], paper, trap)
                for ink in combo
            ]
            primaries[key] = triple(sum(g[i] for g in guesses) / len(guesses) for i in range(3))
    return primaries


def tone_value(nominal: float) -> float:
    """Printed (Murray–Davies) tone value: a curve through 0, 40 %→66 % and 100 %.

    ``1 - (1 - a)**p`` is monotonic and peaks near 45 %, like the ISO 12647-3 curves.
    """
    p = math.log(1 - (0.4 + TVI_AT_40)) / math.log(1 - 0.4)
    return 1 - (1 - nominal) ** p


def effective_coverage(nominal: float, ink: str, primaries: dict[str, XYZ]) -> float:
    """The Neugebauer coverage at which the single-ink tint measures the aimed tone value.

    The Yule–Nielsen exponent adds optical dot gain of its own, so the coverage is solved for in
    the ink's densitometric channel (where it absorbs most) to keep TVI at 40 % exactly 26 %.
    """
    paper, solid = primaries[""], primaries[ink]
    # Black is measured through the visual filter, colours where they absorb most.
    channel = 1 if ink == "k" else min(range(3), key=lambda i: solid[i] / paper[i])
    w, s = paper[channel], solid[channel]
    measured = w - tone_value(nominal) * (w - s)
    root = 1 / YULE_NIELSEN_N
    return (w**root - measured**root) / (w**root - s**root)


def predict(cmyk: tuple[float, ...], primaries: dict[str, XYZ]) -> XYZ:
    """Yule–Nielsen modified Neugebauer: Demichel-weighted mean of primaries in R**(1/n)."""
    coverage = [effective_coverage(a, ink, primaries) for a, ink in zip(cmyk, INKS, strict=True)]
    root = 1 / YULE_NIELSEN_N
    sums = [0.0, 0.0, 0.0]
    for key, xyz in primaries.items():
        weight = math.prod(
            a if ink in key else 1 - a for a, ink in zip(coverage, INKS, strict=True)
        )
        for i in range(3):
            sums[i] += weight * xyz[i] ** root
    return triple(s**YULE_NIELSEN_N for s in sums)


def ti3_text(primaries: dict[str, XYZ]) -> str:
    """The synthetic characterization data set in Argyll's CGATS .ti3 format."""
    rows = []
    for n, cmyk in enumerate(itertools.product(STEPS, repeat=4), start=1):
        lab = xyz_to_lab(predict(cmyk, primaries))
        device = " ".join(f"{100 * v:.2f}" for v in cmyk)
        rows.append(f"{n} {device} {lab[0]:.4f} {lab[1]:.4f} {lab[2]:.4f}")
    header = [
        "CTI3",
        "",
        'DESCRIPTOR "Synthetic ISO 12647-3:2013 newsprint characterization (typeset)"',
        'ORIGINATOR "typeset.color.newsprint_profile"',
        'DEVICE_CLASS "OUTPUT"',
        'COLOR_REP "CMYK_LAB"',
        f'TOTAL_INK_LIMIT "{TOTAL_INK_LIMIT}.0"',
        "",
        "NUMBER_OF_FIELDS 8",
        "BEGIN_DATA_FORMAT",
        "SAMPLE_ID CMYK_C CMYK_M CMYK_Y CMYK_K LAB_L LAB_A LAB_B",
        "END_DATA_FORMAT",
        "",
        f"NUMBER_OF_SETS {len(rows)}",
        "BEGIN_DATA",
    ]
    return "\n".join([*header, *rows, "END_DATA", ""])


def colprof_command(colprof: str, basename: str) -> list[str]:
    """Argyll's colprof arguments: medium quality, ink limits, heavy GCR, CC0 strings."""
    return [
        colprof,
        "-qm",
        "-nc",  # keep the synthetic data set out of the profile: smaller, nothing to explain
        f"-l{TOTAL_INK_LIMIT}",
        f"-L{BLACK_INK_LIMIT}",
        "-k",
        *BLACK_GENERATION,
        "-s",
        str(SRGB),  # perceptual table: compress sRGB photos into the newsprint gamut
        "-A",
        MANUFACTURER,
        "-M",
        MODEL,
        "-D",
        DESCRIPTION,
        "-C",
        COPYRIGHT,
        basename,
    ]


def fix_header(profile: bytes) -> bytes:
    """Make the bytes reproducible: a fixed creation date and, if present, a fresh profile ID.

    colprof stamps the header's dateTimeNumber (bytes 24–35) with the current time; the
    profile ID (bytes 84–99, ICC v4 only) is the MD5 of the profile with flags, intent and ID
    zeroed, so it must be recomputed after the date changes.
    """
    data = bytearray(profile)
    data[24:36] = b"".join(v.to_bytes(2, "big") for v in FIXED_DATE)
    if any(data[84:100]):
        masked = bytearray(data)
        masked[44:48] = masked[64:68] = bytes(4)
        masked[84:100] = bytes(16)
        data[84:100] = hashlib.md5(masked).digest()
    return bytes(data)


def build(output: Path) -> int:
    """Write the data set, run colprof on it and install the profile; return its size."""
    colprof = shutil.which("colprof")
    if colprof is None:
        raise ProfileError("colprof not found: install Argyll with `apt-get install argyll`")
    if not SRGB.exists():
        raise ProfileError(f"{SRGB} not found: it comes with Debian's argyll package")
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "newsprint.ti3").write_text(ti3_text(neugebauer_primaries()))
        result = subprocess.run(
            colprof_command(colprof, "newsprint"), cwd=tmp, capture_output=True, text=True
        )
        if result.returncode != 0:
            raise ProfileError(f"colprof failed: {result.stderr.strip() or result.stdout.strip()}")
        profile = fix_header((Path(tmp) / "newsprint.icc").read_bytes())
    output.write_bytes(profile)
    return len(profile)


def profile_path(layout: Path) -> Path:
    """Where the paper in `layout` wants its profile: `print: profile:` of its paper.yaml."""
    paper = layout / "paper.yaml"
    if not paper.is_file():
        raise ProfileError(f"{paper} not found: give the folder of a paper under layouts/")
    data = yaml.safe_load(paper.read_text(encoding="utf-8")) or {}
    press = data.get("print") if isinstance(data, dict) else None
    name = press.get("profile") if isinstance(press, dict) else None
    return layout / (name if isinstance(name, str) else "newsprint.icc")


def main(argv: list[str] | None = None) -> int:
    """Build the profile of the paper named on the command line (default: xinglin);
    user-fixable problems become one sentence and exit status 1."""
    args = sys.argv[1:] if argv is None else argv
    started = time.monotonic()
    try:
        output = profile_path(Path(args[0]) if args else DEFAULT_LAYOUT)
        size = build(output)
    except ProfileError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    elapsed = time.monotonic() - started
    print(f"{output}: {size / 1024:.0f} KB, {elapsed:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
