"""Notes in `typeset serve`, in a real browser (Debian's chromium through Playwright): a
click on a word of a proof page, a note typed and saved in proof-notes.yaml, found at the
word's Markdown line by the next build, and marked 已改 in the next round once the word is
edited; and the server shared safely: access token, refused paths, escaped and limited
note texts, no note lost when browsers save at once."""

from __future__ import annotations

import http.client
import json
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import yaml
from browser import browser_page
from conftest import ROOT, IssueDir, position, typeset
from test_notes import LEAD, noted_issue, place_of
from test_preview import WAIT_MS, free_port

TOKEN = "newsroom-proof-2026"


@contextmanager
def serving(issue: IssueDir, *options: str) -> Iterator[Server]:
    """`typeset serve` on `issue` (built into out/ beside it) once its first build is shown."""
    port = free_port()
    log_path = issue.folder.parent / "serve.log"
    command = [sys.executable, "-m", "typeset", "serve", issue.folder, "--port", str(port)]
    with log_path.open("w") as log:
        process = subprocess.Popen(
            [*command, "--out", issue.folder.parent / "out", "-j", "2", *options],
            cwd=ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        server = Server(port, log_path)
        try:
            server.wait_for_pages(process)
            yield server
        finally:
            process.terminate()
            process.wait(timeout=30)


class Server:
    def __init__(self, port: int, log: Path) -> None:
        self.port = port
        self.log = log
        self.url = f"http://127.0.0.1:{port}/"

    def request(
        self, method: str, path: str, body: bytes | None = None, headers: dict | None = None
    ) -> tuple[int, dict[str, str], bytes]:
        """One request, `path` sent as it is written (no client-side normalising)."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()

    def note(self, headers: dict | None = None, **fields: object) -> tuple[int, bytes]:
        body = json.dumps({"page": 1, "x_mm": 100, "y_mm": 100, "by": "温可", **fields})
        status, _, answer = self.request(
            "POST",
            "/notes",
            body.encode("utf-8"),
            {"Content-Type": "application/json", **(headers or {})},
        )
        return status, answer

    def wait_for_pages(self, process: subprocess.Popen) -> None:
        deadline = time.monotonic() + WAIT_MS / 1000
        headers = {"Authorization": f"Bearer {TOKEN}"}
        while time.monotonic() < deadline:
            assert process.poll() is None, self.log.read_text()
            try:
                if json.loads(self.request("GET", "/state", headers=headers)[2])["pages"]:
                    return
            except OSError:
                pass
            time.sleep(0.3)


def saved_notes(issue: IssueDir) -> list[dict]:
    return yaml.safe_load((issue.folder / "proof-notes.yaml").read_text("utf-8"))


def test_a_note_clicked_on_a_word_comes_back_at_its_line_and_as_changed_in_the_next_round(
    tmp_path: Path,
) -> None:
    issue = noted_issue(tmp_path)
    out = tmp_path / "out"
    round_one = out / "test-issue" / "proof" / "round-1"
    x_mm, y_mm = place_of(round_one / "page-01.pdf", "开诊", 1)
    with serving(issue) as server, browser_page() as page:
        page.goto(server.url)
        sheet = page.locator("#notes figure.note-page[data-page='1'] .note-sheet")
        sheet.locator("img").wait_for()
        page.wait_for_function(
            "document.querySelector('#notes figure[data-page=\"1\"] img').naturalWidth > 0"
        )
        assert "第1轮校样" in page.inner_text("#notes-round")
        sheet.scroll_into_view_if_needed()
        box = sheet.bounding_box()
        # A click where the word is, the page scrolled to bring that place into view.
        sheet.click(position={"x": box["width"] * x_mm / 390, "y": box["height"] * y_mm / 540})
        page.fill("#notes-by", "温可")
        page.dispatch_event("#notes-by", "change")
        page.fill("#note-form textarea", "“诊”应为“业”")
        page.click("#note-form button[type=submit]")
        page.wait_for_function("document.getElementById('notes').dataset.count === '1'")
        assert page.locator("#notes .note-mark").count() == 1
        [note] = saved_notes(issue)
        assert {k: note[k] for k in ("round", "page", "text", "by", "status")} == {
            "round": 1,
            "page": 1,
            "text": "“诊”应为“业”",
            "by": "温可",
            "status": "open",
        }
        # Where the click was, to a fraction of a character (9 pt is 3.2 mm).
        assert abs(note["x_mm"] - x_mm) < 1.2 and abs(note["y_mm"] - y_mm) < 1.2

    run = typeset("build", issue.folder, "--out", out)
    assert run.code == 0, run.stderr
    lead = issue.folder / "articles" / "lead.md"
    line, column = map(int, position(LEAD, "开诊").split(":"))
    found = f"{lead}:{line}:{column + 1}: 校对意见（第1轮·第1版·温可）：“诊”应为“业”"
    assert found in run.stderr
    assert f"  {found}\n" in (out / "test-issue" / "report.txt").read_text("utf-8")

    issue.write_article("lead.md", LEAD.replace("开诊", "开业"))
    run = typeset("build", "--proof", issue.folder, "--out", out)
    assert run.code == 0, run.stderr
    assert f"{found}（此处已改，待确认）" in run.stderr
    report = (out / "test-issue" / "proof" / "round-2" / "proof-report.txt").read_text("utf-8")
    assert f"  {found}（此处已改，待确认）\n" in report
    with browser_page() as page:
        page.goto((out / "test-issue" / "proof" / "round-2" / "index.html").as_uri())
        [item] = page.query_selector_all("#notes li")
        text = item.inner_text()
        assert "校对意见（第1轮·第1版·温可）" in text and "已改（待确认）" in text
        assert "“诊”应为“业”" in text and "正式开诊，首日" in text
        mark = page.locator("#page-1 .note.changed-text")
        assert mark.count() == 1 and mark.is_visible()
        image = page.locator("#page-1 figure.current img").bounding_box()
        centre = mark.bounding_box()
        assert centre["x"] + centre["width"] / 2 == pytest.approx(
            image["x"] + image["width"] * x_mm / 390, abs=2
        )
        item.click()
        assert page.locator("#page-1 .note.flash").count() == 1


def test_notes_are_edited_marked_done_and_deleted_in_the_page_keeping_hand_notes(
    tmp_path: Path,
) -> None:
    issue = noted_issue(tmp_path)
    hand = "# 第1轮的意见\n- round: 1   # 手写\n  page: 2\n  x_mm: 50\n  y_mm: 60\n"
    hand += "  text: 手写的意见\n"
    (issue.folder / "proof-notes.yaml").write_text(hand, "utf-8")
    script = "<script>window.pwned = 1</script><img src=x onerror='window.pwned = 2'>"
    with serving(issue) as server:
        assert server.note(text=script)[0] == 201
        assert server.note(text="改" * 2000)[0] == 201
        assert server.note(text="改" * 2001)[0] == 422
        status, answer = server.note(text="长" * 9000)  # 27 KB of UTF-8
        assert status == 413
        status, _, _ = server.request(
            "POST", "/notes", b"text=form", {"Content-Type": "application/x-www-form-urlencoded"}
        )
        assert status == 415
        saved = saved_notes(issue)
        assert [note["text"] for note in saved] == ["手写的意见", script, "改" * 2000]
        with browser_page() as page:
            page.goto(server.url)
            page.wait_for_function("document.getElementById('notes').dataset.count === '3'")
            items = page.locator("#notes-list li")
            assert items.nth(1).locator(".note-text").inner_text() == script
            assert page.evaluate("window.pwned") is None
            assert page.locator("#notes-list img").count() == 0

            items.nth(0).get_by_role("button", name="修改").click()
            items.nth(0).locator("textarea").fill("手写的意见（改）")
            items.nth(0).get_by_role("button", name="保存").click()
            page.wait_for_function(
                "document.querySelector('#notes-list li .note-text').textContent"
                " === '手写的意见（改）'"
            )
            items.nth(1).get_by_role("button", name="已处理").click()
            page.wait_for_selector("#notes-list li.done")
            items.nth(2).get_by_role("button", name="删除").click()
            page.wait_for_function("document.getElementById('notes').dataset.count === '2'")
        text = (issue.folder / "proof-notes.yaml").read_text("utf-8")
        assert text.startswith("# 第1轮的意见\n- round: 1   # 手写\n  page: 2\n")
        assert [(n["text"], n.get("status", "open")) for n in saved_notes(issue)] == [
            ("手写的意见（改）", "open"),
            (script, "done"),
        ]
        # A note changed meanwhile (here by hand) is not overwritten from an old page.
        key = json.loads(server.request("GET", "/notes")[2])["notes"][0]["key"]
        (issue.folder / "proof-notes.yaml").write_text(text.replace("（改）", "（又改）"), "utf-8")
        status, _, answer = server.request(
            "PUT", f"/notes/{key}", b'{"status": "done"}', {"Content-Type": "application/json"}
        )
        assert status == 409 and "刷新" in json.loads(answer)["error"]


def test_two_browsers_saving_at_once_lose_no_note(tmp_path: Path) -> None:
    issue = noted_issue(tmp_path)
    with serving(issue) as server:
        statuses: list[int] = []

        def browser(name: str) -> None:
            for number in range(15):
                statuses.append(server.note(text=f"{name}{number}", by=name)[0])

        threads = [threading.Thread(target=browser, args=(name,)) for name in "甲乙丙"]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert statuses == [201] * 45
        texts = sorted(note["text"] for note in saved_notes(issue))
        assert texts == sorted(f"{name}{n}" for name in "甲乙丙" for n in range(15))


def test_with_an_access_token_every_request_needs_it_and_it_is_never_logged(
    tmp_path: Path,
) -> None:
    issue = noted_issue(tmp_path)
    with serving(issue, "--host", "0.0.0.0", "--token", TOKEN) as server:
        for method, path in (("GET", "/"), ("GET", "/state"), ("GET", "/notes")):
            assert server.request(method, path)[0] == 403, path
        assert server.note(text="没有口令")[0] == 403
        assert server.request("GET", "/?token=wrong-token-2026")[0] == 403
        wrong = {"Cookie": "typeset_token=wrong-token-2026"}
        assert server.request("GET", "/state", headers=wrong)[0] == 403
        status, headers, _ = server.request("GET", f"/?token={TOKEN}")
        assert status == 303 and headers["location"] == "/"
        assert "HttpOnly" in headers["set-cookie"] and "SameSite=Strict" in headers["set-cookie"]
        cookie = {"Cookie": headers["set-cookie"].split(";")[0]}
        assert server.request("GET", "/state", headers=cookie)[0] == 200
        assert server.note(headers=cookie, text="有口令")[0] == 201
        bearer = {"Authorization": f"Bearer {TOKEN}"}
        assert server.request("GET", "/notes", headers=bearer)[0] == 200
        with browser_page() as page:  # the address shared with the newsroom, then links
            page.goto(f"{server.url}?token={TOKEN}")
            assert page.url == server.url
            page.wait_for_function("document.getElementById('notes').dataset.count === '1'")
            assert page.locator("#notes figure.note-page").count() == 2
    assert TOKEN not in server.log.read_text()
    assert "access token required" in server.log.read_text()


def test_listening_beyond_this_machine_needs_a_good_token(tmp_path: Path) -> None:
    issue = noted_issue(tmp_path)
    run = typeset("serve", issue.folder, "--host", "0.0.0.0", "--port", str(free_port()))
    assert run.code == 2 and "without an access token" in run.stderr
    run = typeset(
        "serve", issue.folder, "--host", "0.0.0.0", "--port", str(free_port()), "--token", "short"
    )
    assert run.code == 2 and "at least 12 characters" in run.stderr


def test_no_file_outside_the_build_and_layout_folders_even_through_a_link(
    tmp_path: Path,
) -> None:
    issue = noted_issue(tmp_path)
    output = tmp_path / "out" / "test-issue"
    (output / "proof" / "round-1" / "outside.yaml").symlink_to(issue.yaml_path)
    (output / "proof" / "round-1" / "etc").symlink_to("/etc")
    with serving(issue) as server:
        assert server.request("GET", "/build/proof/round-1/page-01.jpg")[0] == 200
        for path in (
            "/build/../test-issue/issue.yaml",
            "/build/%2e%2e/%2e%2e/test-issue/issue.yaml",
            "/build/..%2F..%2Ftest-issue%2Fissue.yaml",
            "/build/%2Fetc%2Fpasswd",
            "/build//etc/passwd",
            "/build/proof/round-1/outside.yaml",
            "/build/proof/round-1/etc/passwd",
            "/preview/..%5c..%5cissue.yaml",
        ):
            status, _, body = server.request("GET", path)
            assert status == 404, path
            assert b"root:" not in body and b"paper:" not in body
        status, _, _ = server.request("GET", "/state", headers={"Host": "evil.example:80"})
        assert status == 403  # another name for this machine: a page elsewhere rebinding DNS
