"""`make bench`: how long a build of the sample issue takes, and what it costs in memory.

Each measurement runs in a fresh Python process: the first build in it is the cold build
(imports, font loading), the following ones are warm. The reference is plain WeasyPrint
setting the same article text in the same fonts and page size, timed in the same run on
the same machine, so the ratio stays comparable between machines.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "issues" / "2026-11-26"
BUILDS = 4

TYPESET = """
import json, sys, time
from typeset.cli import main
times = []
for _ in range({builds}):
    start = time.perf_counter()
    assert main(["build", *{flags!r}, {sample!r}, "--out", {out!r}]) == 0
    times.append(time.perf_counter() - start)
print(json.dumps(times))
"""

COMPOSER = """
import json, time
from pathlib import Path
from typeset.compose.articles import compose_articles
from typeset.diagnostics import Diagnostics
from typeset.issue.load import Project, load_issue
issue = load_issue(Path({sample!r}), Project(Path("layouts"), Path("fonts")), Diagnostics())
times = []
for _ in range({builds}):
    start = time.perf_counter()
    compose_articles(issue.texts, issue.paper, Path("fonts"), Diagnostics())
    times.append(time.perf_counter() - start)
print(json.dumps(times))
"""

REFERENCE = """
import json, sys, time
from pathlib import Path
from weasyprint import HTML
fonts = Path("fonts").resolve().as_uri()
text = "".join(
    f"<p>{{line}}</p>" for path in sorted(Path({sample!r}, "articles").glob("*.md"))
    for line in path.read_text(encoding="utf-8").split("\\n\\n")
)
html = (
    "<style>@font-face {{ font-family: S; src: url(" + fonts + "/NotoSerifSC-Regular.subset.otf) }}"
    "@page {{ size: 390mm 540mm; margin: 16mm 13mm }}"
    "body {{ font: 9pt/13.5pt S; columns: 8; column-gap: 13.5pt; text-align: justify }}"
    "p {{ margin: 0; text-indent: 2em }}</style>" + text
)
times = []
for _ in range({builds}):
    start = time.perf_counter()
    HTML(string=html).write_pdf()
    times.append(time.perf_counter() - start)
print(json.dumps(times))
"""


def measure(code: str) -> dict:
    """Wall time of the whole process, each build's time, and the process's peak memory."""
    started = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-c", code], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
    )
    output = child.stdout.read()
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise SystemExit(f"benchmark process failed with status {child.returncode}")
    builds = json.loads(output)
    return {
        "process_s": time.perf_counter() - started,
        "cold_s": builds[0],
        "warm_s": statistics.median(builds[1:]),
        "peak_rss_mb": usage.ru_maxrss / 1024,
    }


def main() -> None:
    runs = {}
    for name, flags in (("typeset", []), ("typeset_print", ["--print"])):
        # A fresh output folder: the cold print build converts its images too.
        with tempfile.TemporaryDirectory() as out:
            code = TYPESET.format(builds=BUILDS, flags=flags, sample=str(SAMPLE), out=out)
            runs[name] = measure(code)
    typeset = runs["typeset"]
    # The composer alone (compose/): every paragraph of the sample broken into lines.
    runs["composer"] = measure(COMPOSER.format(builds=BUILDS, sample=str(SAMPLE)))
    reference = measure(REFERENCE.format(builds=BUILDS, sample=str(SAMPLE)))
    result = {
        **runs,
        "reference_plain_weasyprint": reference,
        "ratio_warm": typeset["warm_s"] / reference["warm_s"],
        "ratio_cold": typeset["cold_s"] / reference["cold_s"],
    }
    print(f"{'':28}{'process':>9}{'cold':>9}{'warm':>9}{'peak RSS':>11}")
    for name, row in (
        ("typeset build (sample)", typeset),
        ("typeset build --print", runs["typeset_print"]),
        ("composer alone (sample)", runs["composer"]),
        ("plain WeasyPrint (same text)", reference),
    ):
        print(
            f"{name:28}{row['process_s']:8.2f}s{row['cold_s']:8.2f}s{row['warm_s']:8.2f}s"
            f"{row['peak_rss_mb']:8.0f} MB"
        )
    warm, cold = result["ratio_warm"], result["ratio_cold"]
    print(f"ratio typeset / reference: warm {warm:.2f}, cold {cold:.2f}")
    share = runs["composer"]["warm_s"] / typeset["warm_s"]
    print(f"composer share of a warm build: {100 * share:.0f}%")
    target = ROOT / "build" / "bench.json"
    target.parent.mkdir(exist_ok=True)
    target.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
