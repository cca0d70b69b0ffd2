"""Outputs are replaced whole: a build that fails halfway leaves the last good one."""

from __future__ import annotations

from pathlib import Path

import pytest

from typeset.output.files import replace_folder


def test_a_failure_while_writing_leaves_the_previous_output(tmp_path: Path) -> None:
    target = tmp_path / "build" / "issue"

    def good(staging: Path) -> None:
        (staging / "issue.pdf").write_bytes(b"first")

    def failing(staging: Path) -> None:
        (staging / "issue.pdf").write_bytes(b"half")
        raise OSError("disk full")

    replace_folder(target, good)
    with pytest.raises(OSError):
        replace_folder(target, failing)
    assert (target / "issue.pdf").read_bytes() == b"first"
    assert sorted(p.name for p in target.parent.iterdir()) == ["issue"]  # no leftovers
