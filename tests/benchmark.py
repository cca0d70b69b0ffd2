"""`make bench`: how long builds take and what they cost in memory, in one run.

For every issue under issues/ (the 4-page sample, the 16-page one when it exists), or
the issue folders given as arguments (`python tests/benchmark.py issues/a /tmp/b`):
- cold: `typeset build` as a fresh process into an empty output folder (imports, fonts,
  every page laid out), with the default pool and with `-j 1`;
- edit: the same process after a one-character change to one article that stays on its
  page (median of EDITS), which lays out that page only;
- print: `typeset build --print`, cold (images converted) and warm (nothing changed);
- the references, timed in the same run on the same machine so the ratios stay comparable
  between machines: plain WeasyPrint setting the issue's article text in the same font and
  page size, and Typst setting the same text when `typst` is installed;
- the composer alone (compose/): every paragraph of the issue broken into lines, in
  process (median of 3), to see its share of a build;
- edit-to-screen: `typeset serve` in Debian's chromium, the time from saving a
  one-article edit to the changed page image shown (median of SCREEN_EDITS).

Peak memory is the largest sum of the resident memory of a build's processes (the
command and its page workers), sampled every 20 ms.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ISSUES = sorted(path.parent for path in (ROOT / "issues").glob("*/issue.yaml"))
EDITS = 5
SCREEN_EDITS = 10
CHROMIUM = "/usr/bin/chromium"

COMPOSER = """
import json, time
from pathlib import Path
from typeset.compose.articles import compose_articles
from typeset.diagnostics import Diagnostics
from typeset.issue.load import Project, load_issue
issue = load_issue(Path({issue!r}), Project(Path("layouts"), Path("fonts")), Diagnostics())
times = []
for _ in range(3):
    start = time.perf_counter()
    compose_articles(issue.texts, issue.paper, Path("fonts"), Diagnostics())
    times.append(time.perf_counter() - start)
print(json.dumps(times))
"""

REFERENCE = """
import json, sys, time
from pathlib import Path
start = time.perf_counter()
from weasyprint import HTML
fonts = Path("fonts").resolve().as_uri()
text = "".join(
    f"<p>{{line}}</p>" for path in sorted(Path({issue!r}, "articles").glob("*.md"))
    for line in path.read_text(encoding="utf-8").split("\\n\\n")
)
html = (
    "<style>@font-face {{ font-family: S; src: url(" + fonts + "/NotoSerifSC-Regular.subset.otf) }}"
    "@page {{ size: 390mm 540mm; margin: 16mm 13mm }}"
    "body {{ font: 9pt/13.5pt S; columns: 8; column-gap: 13.5pt; text-align: justify }}"
    "p {{ margin: 0; text-indent: 2em }}</style>" + text
)
HTML(string=html).write_pdf()
print(json.dumps(time.perf_counter() - start))
"""

TYPST = """#set page(width: 390mm, height: 540mm, margin: (x: 13mm, y: 16mm), columns: 8)
#set text(font: "Noto Serif SC", size: 9pt, lang: "zh")
#set par(justify: true, first-line-indent: 2em, leading: 4.5pt)
"""


@dataclass
class Run:
    seconds: float  # wall time of the whole process
    peak_mb: float  # the largest total resident memory of the process and its children


def tree_rss_kb(pid: int) -> int:
    """Resident memory of `pid` and all its descendants, from /proc."""
    parents: dict[int, int] = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                stat = Path(entry.path, "stat").read_text()
                parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
    family, grew = {pid}, True
    while grew:
        more = {child for child, parent in parents.items() if parent in family} - family
        family |= more
        grew = bool(more)
    total = 0
    for member in family:
        try:
            for line in Path(f"/proc/{member}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            continue
    return total


def run(command: list[str], cwd: Path = ROOT) -> tuple[Run, str]:
    """Run `command`, timing it and sampling its memory; its stdout."""
    started = time.perf_counter()
    child = subprocess.Popen(
        command, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    peak = [0]

    def sample() -> None:
        while child.poll() is None:
            peak[0] = max(peak[0], tree_rss_kb(child.pid))
            time.sleep(0.02)

    sampler = threading.Thread(target=sample)
    sampler.start()
    out, err = child.communicate()
    seconds = time.perf_counter() - started
    sampler.join()
    if child.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{err}")
    return Run(seconds, peak[0] / 1024), out


def typeset(*args: str | Path) -> Run:
    return run([sys.executable, "-m", "typeset", *map(str, args)])[0]


def edited_article(issue: Path) -> Path:
    """An article's Markdown whose text stays on one page (no jump)."""
    sys.path.insert(0, str(ROOT / "src"))
    from typeset.diagnostics import Diagnostics
    from typeset.issue.load import Project, load_issue

    loaded = load_issue(issue, Project(ROOT / "layouts", ROOT / "fonts"), Diagnostics())
    assert loaded is not None
    name = sorted(name for name, chain in loaded.chains.items() if len(chain.links) == 1)[0]
    return loaded.files[("articles", name, "body")]


def one_character_edits(article: Path):
    """Versions of the article, each one character different from the one before."""
    original = article.read_text("utf-8")
    at = original.index("的")
    while True:
        yield original[:at] + "之" + original[at + 1 :]
        yield original


def issue_runs(issue: Path, work: Path) -> dict[str, object]:
    copy = work / issue.name
    shutil.copytree(issue, copy)
    cold = typeset("build", copy, "--out", work / "cold", "-q")
    serial = typeset("build", copy, "--out", work / "serial", "-q", "-j", "1")
    article = copy / edited_article(issue).relative_to(issue)
    edits = []
    for _, text in zip(range(EDITS), one_character_edits(article), strict=False):
        article.write_text(text, "utf-8")
        edits.append(typeset("build", copy, "--out", work / "cold", "-q"))
    print_cold = typeset("build", "--print", copy, "--out", work / "print", "-q")
    print_warm = typeset("build", "--print", copy, "--out", work / "print", "-q")
    reference, _ = run([sys.executable, "-c", REFERENCE.format(issue=str(issue))])
    pages = len(list((work / "cold" / issue.name / "pages").glob("*.pdf")))
    return {
        "pages": pages,
        "cold": asdict(cold),
        "cold_serial": asdict(serial),
        "edit": {
            "seconds": statistics.median(e.seconds for e in edits),
            "peak_mb": max(e.peak_mb for e in edits),
        },
        "print_cold": asdict(print_cold),
        "print_warm": asdict(print_warm),
        "reference_weasyprint": asdict(reference),
        "typst": typst_run(issue, work),
        "composer": composer_run(issue),
        "ratio_cold_to_weasyprint": cold.seconds / reference.seconds,
    }


def composer_run(issue: Path) -> dict[str, float]:
    """The composer's own time on the issue, inside one process (no imports counted)."""
    measured, printed = run([sys.executable, "-c", COMPOSER.format(issue=str(issue))])
    return {"seconds": statistics.median(json.loads(printed)), "peak_mb": measured.peak_mb}


def typst_run(issue: Path, work: Path) -> dict[str, float] | None:
    """Typst setting the same text, when it is installed (it is not a dependency)."""
    typst = shutil.which("typst")
    if typst is None:
        return None
    text = "\n\n".join(
        paragraph.replace("#", "\\#").replace("*", "\\*").replace("_", "\\_")
        for path in sorted((issue / "articles").glob("*.md"))
        for paragraph in path.read_text("utf-8").split("\n\n")
    )
    source = work / f"{issue.name}.typ"
    source.write_text(TYPST + text, "utf-8")
    measured, _ = run([typst, "compile", "--font-path", str(ROOT / "fonts"), str(source)])
    return asdict(measured)


def edit_to_screen(issue: Path, work: Path) -> dict[str, float] | None:
    """Seconds from saving a one-article edit to the new page image shown in chromium."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    if not Path(CHROMIUM).exists():
        return None
    copy = work / "screen" / issue.name
    shutil.copytree(issue, copy)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    out = work / "screen-out"
    command = [sys.executable, "-m", "typeset", "serve", str(copy), "--out", str(out)]
    server = subprocess.Popen(
        [*command, "--port", str(port), "-q"],
        cwd=ROOT,
    )
    article = copy / edited_article(issue).relative_to(issue)
    times = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM,
                args=["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"],
            )
            page = browser.new_page()
            for _ in range(600):
                try:
                    page.goto(f"http://127.0.0.1:{port}/")
                    break
                except Exception:  # the server is still starting
                    time.sleep(0.2)
            page.wait_for_selector("figure.page img", timeout=300_000)
            page.wait_for_function("document.body.dataset.building === 'false'", timeout=300_000)
            for _, text in zip(range(SCREEN_EDITS), one_character_edits(article), strict=False):
                images = page.eval_on_selector_all("figure.page img", "l => l.map(i => i.src)")
                started = time.perf_counter()
                article.write_text(text, "utf-8")
                page.wait_for_function(
                    """old => [...document.querySelectorAll('figure.page img')].some(
                        (img, i) => img.src !== old[i] && img.complete && img.naturalWidth > 0)""",
                    arg=images,
                    timeout=120_000,
                )
                times.append(time.perf_counter() - started)
                page.wait_for_function("document.body.dataset.building === 'false'")
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=30)
    return {"median_s": statistics.median(times), "max_s": max(times), "edits": len(times)}


def main() -> None:
    """Every issue under issues/, or the issue folders named on the command line."""
    issues = [Path(arg).resolve() for arg in sys.argv[1:]] or ISSUES
    result: dict[str, object] = {"cores": len(os.sched_getaffinity(0))}
    with tempfile.TemporaryDirectory() as temporary:
        work = Path(temporary)
        for issue in issues:
            result[issue.name] = issue_runs(issue, work / issue.name)
        result["edit_to_screen"] = edit_to_screen(issues[0], work)
    print_table(result)
    target = ROOT / "build" / "bench.json"
    target.parent.mkdir(exist_ok=True)
    target.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")


def print_table(result: dict) -> None:
    print(f"{'':36}{'time':>9}{'peak RSS':>11}   ratio")
    issues = {name: row for name, row in result.items() if isinstance(row, dict) and "cold" in row}
    for name, row in issues.items():
        reference = row["reference_weasyprint"]["seconds"]
        lines = [
            (f"cold build, -j {result['cores']}", row["cold"]),
            ("cold build, -j 1", row["cold_serial"]),
            (f"one-article edit (median of {EDITS})", row["edit"]),
            ("print build, cold", row["print_cold"]),
            ("print build, nothing changed", row["print_warm"]),
            ("plain WeasyPrint, same text", row["reference_weasyprint"]),
            ("composer alone (in process)", row["composer"]),
        ]
        if row["typst"]:
            lines.append(("Typst, same text", row["typst"]))
        print(f"{name} ({row['pages']} pages)")
        for label, cell in lines:
            ratio = f"{cell['seconds'] / reference:5.2f}× WeasyPrint"
            print(f"  {label:34}{cell['seconds']:8.2f}s{cell['peak_mb']:8.0f} MB   {ratio}")
        if not row["typst"]:
            print("  Typst, same text: typst is not installed")
    if len(issues) > 1:
        by_size = sorted(issues.items(), key=lambda item: item[1]["pages"])
        (small, first), (large, last) = by_size[0], by_size[-1]
        ratio = last["cold"]["seconds"] / first["cold"]["seconds"]
        print(f"cold build {large} / {small}: {ratio:.2f}×")
    screen = result.get("edit_to_screen")
    if screen:
        print(
            f"edit to screen (typeset serve, chromium): median {screen['median_s']:.2f} s, "
            f"max {screen['max_s']:.2f} s over {screen['edits']} edits"
        )
    else:
        print("edit to screen: not measured (needs playwright and /usr/bin/chromium)")


if __name__ == "__main__":
    main()
