"""Outputs are never lost: a build killed at any rename, link or removal leaves the previous
output or the new one whole; a build that cannot write leaves the previous one and says why
in one line; one build per issue writes at a time; the output folder is the issue's name.

Kills are real: `strace -e inject=…:signal=KILL` kills the process at the n-th call."""

from __future__ import annotations

import re
import resource
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from conftest import ROOT, IssueDir, needs_strace, typeset

PROJECT = ("--layouts", ROOT / "layouts", "--fonts", ROOT / "fonts")  # run from elsewhere
EPOCH = {"SOURCE_DATE_EPOCH": "1764115200"}
# Every call that writes a file or changes the file system's names during a swap.
SWAP_CALLS = (
    "renameat2",
    "rename",
    "renameat",
    "link",
    "linkat",
    "unlinkat",
    "rmdir",
    "mkdir",
    "write",
)

# A pages swap in a few lines: old output "old", new output "new", print/ and proof/ kept.
SWAP = """
import sys
from pathlib import Path
from typeset.output.files import replace_folder
def fill(staging):
    (staging / "pages").mkdir()
    for name in ("issue.pdf", "pages/page-01.pdf", "report.txt"):
        (staging / name).write_text("new " + name)
replace_folder(Path(sys.argv[1]), fill, keep=("print", "proof"))
"""


def _killed_at(call: str, when: int, *command: str | Path, cwd: Path = ROOT) -> int:
    """Run `command`, killed at its `when`-th `call`; its exit status (-9 when killed)."""
    strace = ("strace", "-f", "-qq", "-o", "/dev/null", "-e", f"trace={call}")
    done = subprocess.run(
        [*strace, "-e", f"inject={call}:signal=KILL:when={when}", *map(str, command)],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=600,
        env={**EPOCH, "PATH": "/usr/bin:/bin"},
    )
    return done.returncode


def _tree(folder: Path) -> dict[str, bytes]:
    """The output's files; staging folders (".print.partial") are not output."""
    files = (path.relative_to(folder) for path in sorted(folder.rglob("*")) if path.is_file())
    return {
        str(path): (folder / path).read_bytes()
        for path in files
        if not any(part.startswith(".") for part in path.parts)
    }


def _old_output(target: Path) -> dict[str, bytes]:
    for name in ("issue.pdf", "pages/page-01.pdf", "report.txt", "print/p1.pdf", "proof/r1.pdf"):
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        (target / name).write_text("old " + name)
    return _tree(target)


@needs_strace
def test_a_swap_killed_at_any_call_leaves_the_old_or_the_new_output(tmp_path: Path) -> None:
    target = tmp_path / "build" / "issue"
    old = _old_output(target)
    new = {
        name: (b"new " + name.encode()) if not name.startswith(("print", "proof")) else data
        for name, data in old.items()
    }
    kills = 0
    for call in SWAP_CALLS:
        for when in range(1, 200):
            shutil.rmtree(target.parent)
            _old_output(target)
            code = _killed_at(call, when, sys.executable, "-c", SWAP, target)
            seen = _tree(target)
            assert seen in (old, new), f"killed at {call} #{when}: {sorted(seen)}"
            if code != -9:
                assert code == 0 and seen == new
                break
            kills += 1
            # The next build after a kill finishes the job.
            subprocess.run([sys.executable, "-c", SWAP, target], check=True)
            assert _tree(target) == new
            assert sorted(p.name for p in target.parent.iterdir()) == ["issue"]
    assert kills >= 5  # the exchange, the links of print/ and proof/, the removals


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[IssueDir, Path]:
    """The small issue's pages and print files, built once."""
    from conftest import make_issue_dir

    issue = make_issue_dir(tmp_path_factory.mktemp("lost"))
    out = issue.folder.parent / "build"
    for purpose in ((), ("--print",)):
        run = typeset("build", *purpose, "--out", out, issue.folder, env=EPOCH)
        assert run.code == 0, run.stderr
    return issue, out / issue.folder.name


@needs_strace
@pytest.mark.parametrize(
    ("purpose", "call"),
    [("--print", "renameat2"), ((), "renameat2"), ((), "link"), ((), "unlinkat")],
)
def test_a_build_killed_while_swapping_keeps_the_previous_files(
    built: tuple[IssueDir, Path], purpose: str | tuple, call: str
) -> None:
    issue, output = built
    before = _tree(output)
    purpose_args = (purpose,) if isinstance(purpose, str) else purpose
    # A changed article: the new pages differ from the old ones.
    article = issue.folder / "articles" / "second.md"
    text = article.read_text("utf-8")
    article.write_text(text.replace("医学", "药学", 1), "utf-8")
    try:
        command = (sys.executable, "-m", "typeset", "build", *purpose_args)
        code = _killed_at(call, 1, *command, "--out", output.parent, issue.folder)
    finally:
        article.write_text(text, "utf-8")
    assert code == -9
    after = _tree(output)
    assert after == before or (
        # killed after the exchange, while removing the old folder: the new pages, old print
        {k: v for k, v in after.items() if k.startswith(("print/", "proof/"))}
        == {k: v for k, v in before.items() if k.startswith(("print/", "proof/"))}
        and after.keys() == before.keys()
    )
    assert (output / "print" / "manifest.json").is_file()


def test_two_proof_builds_at_once_both_make_a_round(issue_dir: IssueDir, tmp_path: Path) -> None:
    out = tmp_path / "build"
    runs = []

    def proof() -> None:
        runs.append(typeset("build", "--proof", "--out", out, issue_dir.folder, env=EPOCH))

    threads = [threading.Thread(target=proof) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert [run.code for run in runs] == [0, 0], [run.stderr for run in runs]
    assert "Traceback" not in runs[0].stderr + runs[1].stderr
    rounds = sorted(p.name for p in (out / "test-issue" / "proof").iterdir())
    assert rounds == ["round-1", "round-2"]
    for name in rounds:
        assert (out / "test-issue" / "proof" / name / "page-02.pdf").is_file()
    waited = [run for run in runs if "another build of this issue is running" in run.stderr]
    assert len(waited) == 1


def test_out_inside_the_issue_folder_is_refused(issue_dir: IssueDir) -> None:
    before = _tree(issue_dir.folder)
    for out in (".", "..", "articles"):
        run = typeset(*PROJECT, "build", "--out", out, ".", cwd=issue_dir.folder)
        assert run.code == 1
        assert "Traceback" not in run.stderr
        assert re.search(
            r"issue\.yaml:1:1: (error: )?the output folder .* would hold or replace", run.stderr
        )
    assert _tree(issue_dir.folder) == before


def test_the_output_folder_is_the_issue_folder_name(issue_dir: IssueDir, tmp_path: Path) -> None:
    out = tmp_path / "build"
    other = out / "other-issue" / "issue.pdf"
    other.parent.mkdir(parents=True)
    other.write_bytes(b"another issue's pages")
    run = typeset("check", issue_dir.folder / "articles" / "..")
    assert run.code == 0, run.stderr
    run = typeset(*PROJECT, "build", "--out", out, ".", cwd=issue_dir.folder, env=EPOCH)
    assert run.code == 0, run.stderr
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == [
        "other-issue",
        "test-issue",
    ]
    assert other.read_bytes() == b"another issue's pages"
    assert (out / "test-issue" / "pages" / "page-02.pdf").is_file()


def test_a_file_in_the_way_is_one_line_and_touches_nothing(
    issue_dir: IssueDir, tmp_path: Path
) -> None:
    in_the_way = tmp_path / "build" / "test-issue"
    in_the_way.parent.mkdir()
    in_the_way.write_bytes(b"notes")
    out_file = tmp_path / "a-file"
    out_file.write_bytes(b"not a folder")
    for out, path in ((in_the_way.parent, in_the_way), (out_file, out_file)):
        run = typeset("build", "--out", out, issue_dir.folder)
        assert run.code == 1
        lines = [line for line in run.stderr.splitlines() if ": error: " in line]
        assert len(lines) == 1, run.stderr
        assert re.match(
            rf"{re.escape(str(path))}: error: cannot write .* file is in the way", lines[0]
        )
        assert "notes" not in run.stderr  # the file in the way is not shown
    assert in_the_way.read_bytes() == b"notes"
    assert out_file.read_bytes() == b"not a folder"


def test_a_full_disk_keeps_the_previous_output(built: tuple[IssueDir, Path]) -> None:
    """A file size limit makes writing the second page fail as a full disk does."""
    issue, output = built
    before = _tree(output)
    # A staging folder a killed build of an earlier test left is the next build's to clear.
    entries = sorted(p for p in output.parent.iterdir() if not p.name.endswith(".partial"))

    def small_files() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (20_000, 20_000))

    done = subprocess.run(
        [sys.executable, "-m", "typeset", "build", "--out", output.parent, issue.folder],
        cwd=ROOT,
        capture_output=True,
        text=True,
        preexec_fn=small_files,
        env={**EPOCH, "PATH": "/usr/bin:/bin"},
        timeout=600,
    )
    assert done.returncode == 1
    lines = [line for line in done.stderr.splitlines() if ": error: " in line]
    assert len(lines) == 1 and "Traceback" not in done.stderr, done.stderr
    assert re.search(r": error: cannot write the output: File too large", lines[0])
    assert _tree(output) == before
    assert sorted(output.parent.iterdir()) == entries  # nothing left behind
