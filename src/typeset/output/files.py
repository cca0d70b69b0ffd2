"""Build outputs are staged beside the target and swapped in whole, so a failed or killed
build leaves the last good output untouched and never a half-written one; one build per
issue writes at a time."""

from __future__ import annotations

import ctypes
import errno
import fcntl
import hashlib
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path


class OutputInTheWay(OSError):
    """Something that is not an output folder stands where one goes."""


def replace_folder(target: Path, fill: Callable[[Path], None], keep: tuple[str, ...] = ()) -> None:
    """Call `fill` on an empty staging folder, then put it in place of `target`.

    The subfolders named in `keep` (other builds' outputs, such as print files) are
    hard-linked from the old target into the staging folder before the swap, so both the
    old and the new folder hold them whole. The swap itself is one atomic exchange of the
    two folders: a build killed at any moment leaves either the old or the new output.
    """
    _must_be_folder(target)
    staging = target.with_name(f".{target.name}.partial")
    retired = target.with_name(f".{target.name}.old")
    shutil.rmtree(staging, ignore_errors=True)  # what a killed build left: never the output
    _finish_two_step_swap(target, retired)
    staging.mkdir(parents=True)
    try:
        fill(staging)
        for name in keep:
            if (target / name).is_dir():
                shutil.copytree(target / name, staging / name, symlinks=True, copy_function=_link)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    if not target.exists():
        staging.rename(target)
    elif _exchange(staging, target):
        shutil.rmtree(staging)
    else:
        target.rename(retired)
        staging.rename(target)
        shutil.rmtree(retired)


@contextmanager
def issue_lock(build_root: Path, issue_id: str, waiting: Callable[[Path], None]) -> Iterator[None]:
    """Hold the lock on build_root/issue_id; `waiting` is told once when another build
    holds it. A file in the way of the output is found here, before any layout.

    The lock file is in the temporary folder, named by the output folder's real path: in
    the build root it would be written even by a build that fails (which writes nothing),
    and the output folder itself is swapped whole. The kernel releases it if a build dies.
    """
    target = build_root / issue_id
    _must_be_folder(build_root)
    _must_be_folder(target)
    digest = hashlib.sha256(os.fsencode(target.resolve())).hexdigest()[:24]
    path = Path(tempfile.gettempdir()) / f"typeset-{digest}.lock"
    with open(path, "a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            waiting(target)
            fcntl.flock(handle, fcntl.LOCK_EX)
        yield


def _must_be_folder(path: Path) -> None:
    if path.exists() and not path.is_dir():
        raise OutputInTheWay(errno.ENOTDIR, "a file is in the way: remove it or choose --out", path)


def _link(source: str, destination: str) -> None:
    """A hard link costs no copy; a file system without them gets a copy."""
    try:
        os.link(source, destination)
    except OSError:
        shutil.copy2(source, destination)


# Python's os module has no renameat2(); glibc's is called directly for RENAME_EXCHANGE.
_RENAME_EXCHANGE = 2
_AT_FDCWD = -100
_LIBC = ctypes.CDLL(None, use_errno=True)
_NOT_SUPPORTED = {errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP}


def _exchange(first: Path, second: Path) -> bool:
    """Swap two folders in one step; False where the kernel or file system cannot."""
    renameat2 = getattr(_LIBC, "renameat2", None)
    if renameat2 is None:
        return False
    done = renameat2(
        _AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE
    )
    if done == 0:
        return True
    code = ctypes.get_errno()
    if code in _NOT_SUPPORTED:
        return False
    raise OSError(code, os.strerror(code), str(second))


def _finish_two_step_swap(target: Path, retired: Path) -> None:
    """Where folders cannot be exchanged, a swap is two renames; after a kill between them
    the old output is put back."""
    if not retired.exists():
        return
    if target.exists():
        shutil.rmtree(retired)
    else:
        retired.rename(target)
