"""Build outputs are staged beside the target and swapped in whole, so a failed or killed
build leaves the last good output untouched and never a half-written one."""

from __future__ import annotations

import io
import shutil
from collections.abc import Callable
from pathlib import Path

import pikepdf


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


def split_pages(pdf: bytes, folder: Path, page_numbers: list[int]) -> list[Path]:
    """One PDF per page, named by page number (page-01.pdf), sharing the issue's fonts."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    with pikepdf.open(io.BytesIO(pdf)) as whole:
        for number, page in zip(page_numbers, whole.pages, strict=True):
            with pikepdf.new() as single:
                single.pages.append(page)
                single.docinfo = single.copy_foreign(whole.docinfo)
                path = folder / f"page-{number:02d}.pdf"
                single.save(path, deterministic_id=True)
                written.append(path)
    return written
