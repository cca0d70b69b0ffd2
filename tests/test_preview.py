"""`typeset serve`: the preview in a real browser (Debian's chromium through Playwright),
following edits, showing located errors, and serving nothing outside its folders."""

from __future__ import annotations

import http.client
import json
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from browser import CHROMIUM, FLAGS
from conftest import ROOT, IssueDir, make_issue_dir, paragraph_of_lines, position, typeset
from playwright.sync_api import Page, sync_playwright

WAIT_MS = 180_000  # a build on a busy 2-core machine


@dataclass
class Preview:
    issue: IssueDir
    port: int

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def get(self, path: str) -> tuple[int, bytes]:
        """A request with `path` sent as it is written (no client-side normalising)."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, response.read()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def descendants(pid: int) -> set[int]:
    """The processes started by `pid`, and by them, from /proc."""
    parents = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            parents[int(stat.parent.name)] = int(stat.read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError):
            continue
    family: set[int] = set()
    more = {pid}
    while more:
        family |= more
        more = {child for child, parent in parents.items() if parent in more} - family
    return family - {pid}


@pytest.fixture
def preview(tmp_path: Path) -> Iterator[Preview]:
    """`typeset serve` on a copy of the small test issue, once its first build is shown."""
    issue = make_issue_dir(tmp_path)
    port = free_port()
    log = (tmp_path / "serve.log").open("w")
    command = [sys.executable, "-m", "typeset", "serve", issue.folder]
    server = subprocess.Popen(
        [*command, "--out", tmp_path / "build", "--port", str(port), "-j", "2"],
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    made = Preview(issue, port)
    workers: set[int] = set()
    try:
        deadline = time.monotonic() + WAIT_MS / 1000
        while time.monotonic() < deadline:
            assert server.poll() is None, (tmp_path / "serve.log").read_text()
            try:
                state = json.loads(made.get("/state")[1])
                if state["pages"]:
                    break
            except OSError:
                pass
            time.sleep(0.3)
        yield made
        workers = descendants(server.pid)
        assert workers  # the page pool's processes
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()
    # Stopped, the server leaves no page worker behind.
    deadline = time.monotonic() + 10
    while any(Path(f"/proc/{pid}").exists() for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not [pid for pid in workers if Path(f"/proc/{pid}").exists()]


@pytest.fixture
def browser_page() -> Iterator[Page]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield browser.new_page(viewport={"width": 1400, "height": 900})
        browser.close()


def image_of(page: Page, number: int) -> str:
    return page.get_attribute(f"figure[data-page='{number}'] img", "src") or ""


def wait_for_new_image(page: Page, number: int, old: str) -> None:
    """Until page `number` shows an image other than `old`, fully loaded."""
    page.wait_for_function(
        """([number, old]) => {
            const img = document.querySelector(`figure[data-page='${number}'] img`);
            return img && img.getAttribute("src") !== old && img.complete && img.naturalWidth > 0;
        }""",
        arg=[number, old],
        timeout=WAIT_MS,
    )


def test_the_preview_follows_edits_and_shows_errors_where_they_are(
    preview: Preview, browser_page: Page
) -> None:
    page = browser_page
    page.goto(preview.url)
    page.wait_for_function(
        "[...document.querySelectorAll('figure.page img')]"
        ".filter(img => img.complete && img.naturalWidth > 0).length === 2",
        timeout=WAIT_MS,
    )
    # Both articles of the small issue leave their frames short: counted, outlined, located.
    assert page.text_content("#short-count") == "2"
    yaml_text = preview.issue.yaml_path.read_text("utf-8")
    findings = page.text_content("#findings")
    for number, frame in ((1, "{column: 2, span: 3"), (2, "{column: 1, span: 2")):
        assert page.locator(f"figure[data-page='{number}'] .outline.short").count() == 1
        assert f"issue.yaml:{position(yaml_text, frame)}: warning: 第{number}版" in findings

    # Scrolled down, an edit on page 2 changes page 2's image only, without a reload.
    page.evaluate("window.scrollTo(0, 200)")
    page.evaluate("window.notReloaded = true")
    first, second = image_of(page, 1), image_of(page, 2)
    preview.issue.write_article("second.md", f"改稿{paragraph_of_lines(5)}\n")
    wait_for_new_image(page, 2, second)
    assert image_of(page, 1) == first
    assert page.evaluate("window.notReloaded") is True

    # A YAML typo: the located error is shown, and the last good pages stay.
    broken = yaml_text.replace("number: 12", "number: [12")
    preview.issue.write_yaml(broken)
    page.wait_for_selector("#errors:not([hidden])", timeout=WAIT_MS)
    assert "issue.yaml:4:13: YAML cannot be read here" in page.text_content("#errors").replace(
        "\n", ""
    )
    assert page.locator("figure.page img").count() == 2

    # Fixed: the error goes, the pages come back from the new build.
    current = image_of(page, 2)
    preview.issue.write_yaml(yaml_text.replace("lines: 20}", "lines: 19}", 1))
    page.wait_for_selector("#errors", state="hidden", timeout=WAIT_MS)
    wait_for_new_image(page, 2, current)
    assert page.locator("figure.page img").count() == 2

    # A click shows one page larger.
    page.click("figure[data-page='2']")
    assert page.locator("#large img").get_attribute("src") == image_of(page, 2)
    assert (
        page.locator("#large img").bounding_box()["width"]
        > 3 * (page.locator("figure[data-page='2'] img").bounding_box()["width"])
    )
    assert page.evaluate("window.notReloaded") is True


def test_the_server_gives_no_file_outside_its_folders(preview: Preview) -> None:
    assert preview.get("/build/report.txt")[0] == 200
    assert preview.get("/layout/paper.yaml")[0] == 200
    status, body = preview.get("/build/pages/page-01.pdf")
    assert status == 200 and body.startswith(b"%PDF")
    for path in (
        "/build/../../test-issue/issue.yaml",
        "/build/pages/../../../../../../etc/passwd",
        "/build/%2e%2e/%2e%2e/test-issue/issue.yaml",
        "/build/..%2F..%2Ftest-issue%2Fissue.yaml",
        "/layout/..%2f..%2fpyproject.toml",
        "/build//etc/passwd",
        "/build/%2Fetc%2Fpasswd",
        "/preview/..%5c..%5cissue.yaml",
    ):
        status, body = preview.get(path)
        assert status in (403, 404), path
        assert b"root:" not in body and b"paper:" not in body and b"[project]" not in body


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.168.1.10", "example.org"])
def test_the_server_listens_on_this_machine_only(issue_dir: IssueDir, host: str) -> None:
    run = typeset("serve", issue_dir.folder, "--host", host, "--port", str(free_port()))
    assert run.code == 2
    assert f"refusing to listen on {host}" in run.stderr
