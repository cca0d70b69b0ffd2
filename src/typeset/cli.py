"""The `typeset` command: `check` an issue, `build` it into PDF pages, `serve` a live preview,
`preflight` print files."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from typeset.diagnostics import Diagnostics
from typeset.issue.load import Project, load_issue
from typeset.system import MissingLibrary, require_libraries


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    project = Project(layouts=args.layouts, fonts=args.fonts)
    try:
        return args.run(args, project)
    except MissingLibrary as problem:
        print(f"typeset: {problem}", file=sys.stderr)
        return 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="typeset", description=__doc__)
    parser.add_argument("--layouts", type=Path, default=Path("layouts"), help="paper layouts")
    parser.add_argument("--fonts", type=Path, default=Path("fonts"), help="font files")
    commands = parser.add_subparsers(required=True, metavar="COMMAND")
    check = commands.add_parser("check", help="check issues without rendering")
    check.add_argument("issues", type=Path, nargs="+", metavar="ISSUE_DIR")
    check.set_defaults(run=_check)
    build = commands.add_parser("build", help="check, then build each issue's PDF pages")
    build.add_argument("issues", type=Path, nargs="+", metavar="ISSUE_DIR")
    build.add_argument("--out", type=Path, default=Path("build"), help="output root")
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
    _add_run_options(build)
    build.set_defaults(run=_build)
    serve = commands.add_parser(
        "serve", help="build an issue on every save and show its pages in a browser"
    )
    serve.add_argument("issue", type=Path, metavar="ISSUE_DIR")
    serve.add_argument("--out", type=Path, default=Path("build"), help="output root")
    serve.add_argument("--port", type=int, default=8765, help="port (default 8765)")
    serve.add_argument(
        "--host", default="127.0.0.1", help="a loopback address: 127.0.0.1 (default) or ::1"
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


def _check(args: argparse.Namespace, project: Project) -> int:
    failed = False
    for folder in args.issues:
        out = Diagnostics()
        load_issue(folder, project, out)
        _print(out)
        failed |= out.has_errors
        if not out.has_errors:
            print(f"{folder}: ok", file=sys.stderr)
    return 1 if failed else 0


def _build(args: argparse.Namespace, project: Project) -> int:
    require_libraries()
    # WeasyPrint is imported only after the library check.
    from typeset.build import BuildOptions, Purpose, build_issue
    from typeset.jobs.pool import PagePool
    from typeset.progress import BuildProgress
    from typeset.proof.changes_files import summary_of

    purpose = Purpose.PRINT if args.press else Purpose.PROOF if args.proof else Purpose.PAGES
    options = BuildOptions(final=args.final, force=args.force, purpose=purpose)
    progress = BuildProgress(_verbosity(args))
    failed = False
    with PagePool(args.jobs) as pool:
        for folder in args.issues:
            started = time.perf_counter()
            out = Diagnostics()
            with progress.issue(folder.name) as on_page:
                built = build_issue(folder, project, args.out, out, options, pool, on_page)
            _print(out, errors_only=args.quiet)
            if built is None:
                failed = True
                continue
            seconds = time.perf_counter() - started
            changes = f"; {summary_of(built.folder)}" if purpose is Purpose.PROOF else ""
            progress.say(
                f"{built.folder}: {built.page_count} pages, {built.report.summary}; "
                f"{built.passes} layout passes, {seconds:.1f} s{changes}"
            )
    return 1 if failed else 0


def _serve(args: argparse.Namespace, project: Project) -> int:
    require_libraries()
    from typeset.progress import BuildProgress
    from typeset.serve.run import NotLocal, serve

    try:
        serve(
            args.issue,
            project,
            args.out,
            args.host,
            args.port,
            args.jobs,
            BuildProgress(_verbosity(args)),
        )
    except NotLocal as refused:
        print(f"typeset serve: {refused}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        pass
    return 0


def _preflight(args: argparse.Namespace, project: Project) -> int:
    # Like WeasyPrint for `build`, pikepdf is loaded only by the command that needs it.
    from typeset.preflight.run import Options, preflight

    found = preflight(args.paths, Options(args.warn_ppi, args.error_ppi))
    for finding in found.items:
        print(finding, file=sys.stderr)
    print(found.summary, file=sys.stderr)
    return 1 if found.has_errors else 0


def _print(out: Diagnostics, errors_only: bool = False) -> None:
    for diagnostic in out.sorted():
        if not errors_only or diagnostic.severity == "error":
            print(diagnostic, file=sys.stderr)
