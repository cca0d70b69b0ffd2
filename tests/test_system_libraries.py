"""Without Pango or HarfBuzz-subset, the build stops with one sentence naming the package.

The libraries are made unloadable for real: a file that is not a library stands first on
LD_LIBRARY_PATH, so the dynamic loader fails as it would on a machine without them.
"""

from __future__ import annotations

import pytest
from conftest import SAMPLE, typeset


@pytest.mark.parametrize(
    ("library", "package"),
    [("libpango-1.0.so.0", "libpango-1.0-0"), ("libharfbuzz-subset.so.0", "libharfbuzz-subset0")],
)
def test_a_missing_library_names_the_debian_package(tmp_path, library: str, package: str) -> None:
    broken = tmp_path / "lib"
    broken.mkdir()
    (broken / library).write_text("not a shared library")
    out = tmp_path / "out"
    run = typeset("build", SAMPLE, "--out", out, env={"LD_LIBRARY_PATH": str(broken)})
    assert run.code == 2
    assert run.stdout == ""
    [sentence] = run.stderr.splitlines()
    assert sentence.startswith("typeset: ") and f"apt-get install {package}" in sentence
    assert not out.exists()
