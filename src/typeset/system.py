"""The system libraries WeasyPrint needs, checked before any work with one clear sentence.

WeasyPrint loads Pango and HarfBuzz through cffi at import time and fails with a long
OSError; layout staff need the Debian package to install instead.
"""

from __future__ import annotations

import contextlib
import io
import os
import re


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


# The reproducible-builds convention: seconds since 1970, UTC; up to the year 9999.
_LATEST_EPOCH = 253_402_300_799


def require_valid_epoch() -> None:
    """Raise BadEnvironment for a SOURCE_DATE_EPOCH the build cannot use, before any work
    (a later int() or datetime would fail with a traceback)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and not (re.fullmatch(r"\d{1,12}", epoch) and int(epoch) <= _LATEST_EPOCH):
        raise BadEnvironment(
            f"SOURCE_DATE_EPOCH={epoch[:40]!r} is not a number of seconds since 1970 "
            "(for example 1764115200); unset it or correct it"
        )


class BadEnvironment(RuntimeError):
    """An environment variable the build cannot use."""
