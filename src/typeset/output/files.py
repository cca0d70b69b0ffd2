"""Build outputs are staged beside the target and swapped in whole, so a failed or killed
build leaves the last good output untouched and never a half-written one."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path


def replace_folder(target: Path, fill: Callable[[Path], None], keep: tuple[str, ...] = ()) -> None:
    """Call `fill` on an empty staging folder, then put it in place of `target`.

    The subfolders named in `keep` (other builds' outputs, such as print files) move from
    the old target into the new one. A build killed anywhere in the swap loses nothing:
    the next one puts back what the swap had set aside.
    """
    staging = target.with_name(f".{target.name}.partial")
    retired = target.with_name(f".{target.name}.old")
    shutil.rmtree(staging, ignore_errors=True)
    _recover(target, retired, keep)
    staging.mkdir(parents=True)
    try:
        fill(staging)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    if target.exists():
        target.rename(retired)
    staging.rename(target)
    _recover(target, retired, keep)


def _recover(target: Path, retired: Path, keep: tuple[str, ...]) -> None:
    """Finish a swap: the old target back if no new one came, its kept folders moved over."""
    if not retired.exists():
        return
    if not target.exists():
        retired.rename(target)
        return
    for name in keep:
        if (retired / name).exists() and not (target / name).exists():
            (retired / name).rename(target / name)
    shutil.rmtree(retired)
