"""Rendering reads nothing outside the issue, the layout and fonts/."""

from __future__ import annotations

from pathlib import Path

import pytest

from typeset.render.fetcher import RefusedURL, RestrictedFetcher


def test_only_files_under_the_allowed_folders_are_read(tmp_path: Path) -> None:
    inside = tmp_path / "issue" / "images" / "a.svg"
    inside.parent.mkdir(parents=True)
    inside.write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
    fetcher = RestrictedFetcher([tmp_path / "issue"])
    response = fetcher.fetch(inside.as_uri())
    assert b"<svg" in response.read()
    response.close()
    for url in (
        "file:///etc/passwd",
        f"{(tmp_path / 'issue').as_uri()}/../../../etc/passwd",
        "https://example.cn/a.png",
        "http://127.0.0.1/a.png",
    ):
        with pytest.raises(RefusedURL):
            fetcher.fetch(url)
