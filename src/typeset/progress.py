"""What `typeset build` and `serve` show while they work.

On a terminal: a progress bar per issue (rich), and with -v a line per page as it is done.
Not on a terminal (make, CI, a log): only the summary line, as before, and the per-page
lines with -v. -q leaves only the errors.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from typeset.jobs.pool import OnPage, PageDone

QUIET, NORMAL, VERBOSE = 0, 1, 2


class BuildProgress:
    def __init__(self, verbosity: int = NORMAL, stream: TextIO = sys.stderr) -> None:
        self.verbosity = verbosity
        self.console = Console(file=stream, highlight=False)
        self.bar = verbosity > QUIET and self.console.is_terminal

    def say(self, text: str) -> None:
        """A line such as a build's summary; none with -q."""
        if self.verbosity > QUIET:
            self.console.print(text, markup=False, soft_wrap=True)

    @contextmanager
    def issue(self, name: str) -> Iterator[OnPage]:
        """The callback a build of issue `name` reports each finished page to."""
        if not self.bar:
            yield self._line
            return
        columns = (
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("pages"),
            TimeElapsedColumn(),
        )
        with Progress(*columns, console=self.console, transient=True) as bar:
            task = bar.add_task(f"{name}: copyfit and pages", total=None)

            def on_page(done: PageDone) -> None:
                bar.update(task, total=done.of, advance=1)
                self._line(done)

            yield on_page

    def _line(self, done: PageDone) -> None:
        if self.verbosity >= VERBOSE:
            what = "unchanged" if done.cached else f"laid out in {done.seconds:.2f} s"
            self.console.print(f"  第{done.number}版: {what}", markup=False)
