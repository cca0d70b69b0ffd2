"""The system libraries WeasyPrint needs, checked before any work with one clear sentence.

WeasyPrint loads Pango and HarfBuzz through cffi at import time and fails with a long
OSError; layout staff need the Debian package to install instead.
"""

from __future__ import annotations

import contextlib
import io


class MissingLibrary(RuntimeError):
    pass


def require_libraries() -> None:
    """Raise MissingLibrary naming the Debian package when Pango or HarfBuzz-subset is absent."""
    try:
        with contextlib.redirect_stdout(io.StringIO()):  # WeasyPrint's own banner
            from weasyprint.text import ffi
    except OSError:
        raise MissingLibrary(
            "WeasyPrint cannot load Pango; install the Debian packages libpango-1.0-0 and "
            "libpangoft2-1.0-0 (apt-get install libpango-1.0-0 libpangoft2-1.0-0)"
        ) from None
    if ffi.harfbuzz_subset is None:
        # Without it WeasyPrint subsets with fontTools, whose output varies between runs.
        raise MissingLibrary(
            "HarfBuzz's subsetter is missing, without it the PDFs are not reproducible; "
            "install the Debian package libharfbuzz-subset0 (apt-get install libharfbuzz-subset0)"
        )
