"""Page jobs run from the cache when their inputs did not change, the rest on a pool of
processes. A pool outlives one build (`typeset serve` keeps its workers warm)."""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from collections.abc import Callable
from concurrent.futures import Executor, Future, ProcessPoolExecutor, as_completed
from dataclasses import dataclass, replace

from typeset.jobs.cache import ResultCache, layout_key
from typeset.jobs.page import PageJob, PageResult, run_page_job


@dataclass(frozen=True)
class PageDone:
    """A page finished, for progress: from the cache, or laid out in `seconds`."""

    number: int
    of: int  # pages in the build
    cached: bool
    seconds: float


OnPage = Callable[[PageDone], None]


def default_workers() -> int:
    """One process per core this process may use."""
    return len(os.sched_getaffinity(0))


class PagePool:
    """Runs page jobs; with one worker, in this process (no pool to start)."""

    def __init__(self, workers: int | None = None) -> None:
        self.workers = workers or default_workers()
        self._executor: Executor | None = None

    def __enter__(self) -> PagePool:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def warm(self) -> None:
        """Start the workers now, so they import WeasyPrint while this process runs
        copyfit, instead of after: for a build that will lay out every page."""
        if self.workers > 1:
            executor = self._pool()
            for _ in range(self.workers):
                executor.submit(os.getpid)

    def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(cancel_futures=True)
            self._executor = None

    def run(
        self, jobs: list[PageJob], cache: ResultCache, on_page: OnPage | None = None
    ) -> list[PageResult]:
        """The jobs' results in the jobs' order."""
        report = on_page or (lambda done: None)
        results: dict[int, PageResult] = {}
        to_run: dict[int, str] = {}
        for index, job in enumerate(jobs):
            key = page_key(job)
            found = cache.get(key)
            if isinstance(found, PageResult):
                results[index] = replace(found, passes=0)  # no layout pass in this build
                report(PageDone(job.number, len(jobs), True, 0.0))
            else:
                to_run[index] = key
        for index, (result, seconds) in self._laid_out(jobs, list(to_run)):
            cache.put(to_run[index], result)
            results[index] = result
            report(PageDone(result.number, len(jobs), False, seconds))
        return [results[index] for index in range(len(jobs))]

    def _laid_out(self, jobs: list[PageJob], indexes: list[int]):
        """(index, (result, seconds)) of each job as it finishes."""
        if self.workers == 1 or len(indexes) == 1:
            for index in indexes:
                yield index, _timed(jobs[index])
            return
        executor = self._pool()
        futures: dict[Future, int] = {
            executor.submit(_timed, jobs[index]): index for index in indexes
        }
        for future in as_completed(futures):
            yield futures[future], future.result()

    def _pool(self) -> Executor:
        if self._executor is None:
            # forkserver: workers start from a clean process that has already imported
            # WeasyPrint, never from this one's threads (the server's, the progress bar's).
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload(["typeset.jobs.page"])
            self._executor = ProcessPoolExecutor(
                self.workers,
                mp_context=context,
                initializer=_end_with,
                initargs=(os.getpid(),),
            )
        return self._executor


def _end_with(owner: int) -> None:
    """In a worker: exit when the process that started the pool is gone. Workers block
    reading their queue, which never ends while other workers hold it open, so a build
    killed without shutting its pool down (SIGKILL) would leave them behind for good."""

    def watch() -> None:
        while True:
            time.sleep(1)
            try:
                os.kill(owner, 0)
            except ProcessLookupError:
                os._exit(0)

    threading.Thread(target=watch, daemon=True).start()


def page_key(job: PageJob) -> str:
    """The job's cache key. Besides the page's HTML, the setting's flags: they change the
    second pass of a page whose text is cut (proof marks at the cut), not its first HTML."""
    setting = job.setting
    flags = f"marks={setting.proof_marks} press={setting.press} stamp={setting.stamp}"
    issue = setting.issue
    return layout_key(
        job.html, issue.layout, setting.images, issue.folder, "page", flags, job.title, job.variant
    )


def _timed(job: PageJob) -> tuple[PageResult, float]:
    started = time.perf_counter()
    result = run_page_job(job)
    return result, time.perf_counter() - started
