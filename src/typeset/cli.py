"""The `typeset` command: `check` an issue, `build` it into PDF pages, `serve` a live preview,
`preflight` print files."""

from __future__ import annotations

import argparse
import sys
import time
from importlib import metadata
from pathlib import Path

from typeset.diagnostics import Diagnostic, Diagnostics, format_diagnostic, summary, use_colour
from typeset.issue.load import Project, load_issue
from typeset.issue.siblings import issue_repository, repository_of
from typeset.output.freshness import input_digest, is_fresh, last_output, record
from typeset.proof.notes import read_notes
from typeset.system import (
    BadEnvironment,
    MissingLibrary,
    require_libraries,
    require_valid_epoch,
)


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return args.run(args)
    except (MissingLibrary, BadEnvironment) as problem:
        print(f"typeset: {problem}", file=sys.stderr)
        return 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="typeset", description=__doc__)
    parser.add_argument("--version", action="version", version=f"typeset {_version()}")
    parser.add_argument(
        "--layouts", type=Path, help="paper layouts (default: layouts/ of the issue's repository)"
    )
    parser.add_argument(
        "--fonts", type=Path, help="font files (default: fonts/ of the issue's repository)"
    )
    commands = parser.add_subparsers(required=True, metavar="COMMAND")
    check = commands.add_parser("check", help="check issues without rendering")
    check.add_argument("issues", type=issue_folder, nargs="+", metavar="ISSUE")
    check.set_defaults(run=_check)
    build = commands.add_parser("build", help="check, then build each issue's PDF pages")
    build.add_argument("issues", type=issue_folder, nargs="+", metavar="ISSUE")
    build.add_argument(
        "--out", type=Path, help="output root (default: build/ of the issue's repository)"
    )
    purpose = build.add_mutually_exclusive_group()
    purpose.add_argument(
        "--final",
        action="store_true",
        help="the final version: overset text is an error, no proof marks",
    )
    purpose.add_argument(
        "--print",
        dest="press",
        action="store_true",
        help="the printer's files (a final build): PDF/X per page with bleed and marks, "
        "in <out>/<issue>/print/",
    )
    purpose.add_argument(
        "--proof",
        action="store_true",
        help="the next round of proofs, with what changed, in <out>/<issue>/proof/round-N/",
    )
    build.add_argument(
        "--force",
        action="store_true",
        help="with --final or --print: build despite overset text (the report records it)",
    )
    build.add_argument(
        "--if-changed",
        action="store_true",
        help="only the issues whose files, layouts, fonts or code changed since their last "
        "build of this kind (for proofs: since the last round)",
    )
    _add_run_options(build)
    build.set_defaults(run=_build)
    serve = commands.add_parser(
        "serve", help="build an issue on every save and show its pages in a browser"
    )
    serve.add_argument("issue", type=issue_folder, metavar="ISSUE")
    serve.add_argument(
        "--out", type=Path, help="output root (default: build/ of the issue's repository)"
    )
    serve.add_argument("--port", type=int, default=8765, help="port (default 8765)")
    serve.add_argument(
        "--host",
        default="127.0.0.1",
        help="address to listen on: 127.0.0.1 (default); another needs an access token",
    )
    serve.add_argument(
        "--token",
        help="access token every browser must give (default: $TYPESET_SERVE_TOKEN); "
        "share http://HOST:PORT/?token=TOKEN",
    )
    _add_run_options(serve)
    serve.set_defaults(run=_serve)
    preflight = commands.add_parser("preflight", help="check print PDFs before they go to press")
    preflight.add_argument(
        "paths", type=Path, nargs="+", metavar="PATH", help="PDF or print folder"
    )
    preflight.add_argument("--warn-ppi", type=float, help="warn below this image ppi (200)")
    preflight.add_argument("--error-ppi", type=float, help="error below this image ppi (120)")
    preflight.set_defaults(run=_preflight)
    return parser


def _add_run_options(command: argparse.ArgumentParser) -> None:
    """How a command that lays out pages runs and what it says while it does."""
    command.add_argument(
        "-j",
        "--jobs",
        type=int,
        metavar="N",
        help="lay out and write N pages at once (default: one per core)",
    )
    talk = command.add_mutually_exclusive_group()
    talk.add_argument("-q", "--quiet", action="store_true", help="show errors only")
    talk.add_argument("-v", "--verbose", action="store_true", help="a line per page")


def _verbosity(args: argparse.Namespace) -> int:
    from typeset.progress import NORMAL, QUIET, VERBOSE

    return QUIET if args.quiet else VERBOSE if args.verbose else NORMAL


def issue_folder(written: str) -> Path:
    """An issue as the user names it: its folder, or its issue.yaml."""
    path = Path(written)
    folder = path.parent if path.name == "issue.yaml" or path.is_file() else path
    return folder if folder.name else folder.resolve()


def _project(args: argparse.Namespace, folder: Path) -> Project:
    """The layouts and fonts given, else those of the repository the issue is in."""
    root = repository_of(folder)
    return Project(layouts=args.layouts or root / "layouts", fonts=args.fonts or root / "fonts")


def _out(args: argparse.Namespace, folder: Path) -> Path:
    """Where the issue's outputs go: --out, else build/ of the repository the issue is
    in, else build/ here."""
    if args.out is not None:
        return args.out
    repository = issue_repository(folder)
    return _relative(repository / "build") if repository else Path("build")


def _relative(path: Path) -> Path:
    """`path` as the user would type it from here: relative when below the working folder."""
    return path.relative_to(Path.cwd()) if path.is_relative_to(Path.cwd()) else path


def _version() -> str:
    try:
        return metadata.version("typeset")
    except metadata.PackageNotFoundError:
        return "unknown (not installed)"


def _check(args: argparse.Namespace) -> int:
    failed = False
    shown: list[Diagnostic] = []
    for folder in args.issues:
        out = Diagnostics()
        load_issue(folder, _project(args, folder), out)
        read_notes(folder, out)
        _print(out, shown)
        failed |= out.has_errors
        if not out.has_errors:
            print(f"{folder}: ok", file=sys.stderr)
    _print_summary(shown)
    return 1 if failed else 0


def _build(args: argparse.Namespace) -> int:
    kind = "print" if args.press else "proof" if args.proof else "pages"
    digests = {folder: _digest(args, folder, kind) for folder in args.issues}
    if args.if_changed:
        for folder in list(digests):
            if is_fresh(last_output(_out(args, folder) / folder.name, kind), digests[folder]):
                print(f"{folder}: up to date", file=sys.stderr)
                del digests[folder]
    if not digests:
        return 0
    require_libraries()
    require_valid_epoch()
    # WeasyPrint is imported only after the library check (and only when there is work).
    from typeset.build import BuildOptions, Purpose, build_issue
    from typeset.jobs.pool import PagePool
    from typeset.progress import BuildProgress
    from typeset.proof.changes_files import summary_of

    purpose = Purpose(kind)
    options = BuildOptions(final=args.final, force=args.force, purpose=purpose)
    progress = BuildProgress(_verbosity(args))
    failed = False
    shown: list[Diagnostic] = []
    with PagePool(args.jobs) as pool:
        for folder, digest in digests.items():
            started = time.perf_counter()
            out = Diagnostics()
            with progress.issue(folder.name) as on_page:
                built = build_issue(
                    folder, _project(args, folder), _out(args, folder), out, options, pool, on_page
                )
            _print(out, shown, errors_only=args.quiet)
            if built is None:
                failed = True
                continue
            record(built.folder, digest)
            for note in built.report.notes:
                print(note, file=sys.stderr)
            seconds = time.perf_counter() - started
            changes = f"; {summary_of(built.folder)}" if purpose is Purpose.PROOF else ""
            passes = f"{built.passes} layout pass{'' if built.passes == 1 else 'es'}"
            progress.say(
                f"{built.folder}: {built.page_count} pages, {built.report.summary}; "
                f"{passes}, {seconds:.1f} s{changes}"
            )
    _print_summary(shown)
    return 1 if failed else 0


def _serve(args: argparse.Namespace) -> int:
    require_libraries()
    from typeset.progress import BuildProgress
    from typeset.serve.access import NotLocal, token_from
    from typeset.serve.run import serve

    try:
        serve(
            args.issue,
            _project(args, args.issue),
            _out(args, args.issue),
            args.host,
            args.port,
            args.jobs,
            BuildProgress(_verbosity(args)),
            token_from(args.token),
        )
    except NotLocal as refused:
        print(f"typeset serve: {refused}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        pass
    return 0


def _digest(args: argparse.Namespace, folder: Path, kind: str) -> str:
    project = _project(args, folder)
    asked = f"{kind} final={args.final} force={args.force}"
    return input_digest(folder, project.layouts, project.fonts, asked)


def _preflight(args: argparse.Namespace) -> int:
    # Like WeasyPrint for `build`, pikepdf is loaded only by the command that needs it.
    from typeset.preflight.run import Options, preflight

    found = preflight(args.paths, Options(args.warn_ppi, args.error_ppi))
    for finding in found.items:
        print(finding, file=sys.stderr)
    print(found.summary, file=sys.stderr)
    return 1 if found.has_errors else 0


def _print(out: Diagnostics, shown: list[Diagnostic], errors_only: bool = False) -> None:
    """`out` on stderr (errors only with -q); `shown` collects the run's diagnostics for
    the count at its end."""
    colour = use_colour(sys.stderr)
    for diagnostic in out.sorted():
        if not errors_only or diagnostic.severity == "error":
            print(format_diagnostic(diagnostic, colour), file=sys.stderr)
    shown.extend(out.items)


def _print_summary(shown: list[Diagnostic]) -> None:
    """'2 errors, 1 warning' after everything, as a compiler ends."""
    if shown:
        print(f"typeset: {summary(shown)}", file=sys.stderr)
