"""Build outputs are staged beside the target and swapped in whole, so a failed or killed
build leaves the last good output untouched and never a half-written one."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path


def replace_folder(target: Path, fill: Callable[[Path], None]) -> None:
    """Call `fill` on an empty staging folder, then put it in place of `target`."""
    staging = target.with_name(f".{target.name}.partial")
    retired = target.with_name(f".{target.name}.old")
    for leftover in (staging, retired):
        shutil.rmtree(leftover, ignore_errors=True)
    staging.mkdir(parents=True)
    try:
        fill(staging)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    if target.exists():
        target.rename(retired)
    staging.rename(target)
    shutil.rmtree(retired, ignore_errors=True)
