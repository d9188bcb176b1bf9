"""The SCORM packages under a real LMS-side SCORM 1.2 runtime that nobody here wrote: scorm-again's
Scorm12API (npm), on a test page that holds it as `window.API` and shows the package's launch page
in a frame, as an LMS does. What the runtime recorded is read back from it."""

from __future__ import annotations

import functools
import http.server
import json
import re
import shutil
import threading
import zipfile

import pytest

from browser_helpers import ROOT, load_data, record
from test_quiz import answer, question

RUNTIME = ROOT / "node_modules/scorm-again/dist/scorm12.js"
LMS_PAGE = """<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>LMS</title><link rel="icon" href="data:,">
<script src="scorm12.js"></script>
<script>
  window.API = new Scorm12API({ autocommit: false, logLevel: 5 });
  if (window.__hbCmi) window.API.loadFromJSON(window.__hbCmi);
  window.__lms = [];
  ["LMSInitialize", "LMSCommit", "LMSFinish"].forEach(function (name) {
    window.API.on(name, function () { window.__lms.push(name); });
  });
  window.API.on("LMSSetValue.cmi.*", function (element, value) { window.__lms.push(element + "=" + value); });
</script></head>
<body><iframe id="sco" title="课件" style="width:1100px;height:800px;border:0"></iframe>
<script>document.getElementById("sco").src = new URLSearchParams(location.search).get("package") + "/hb-lms.html";</script>
</body></html>"""


class _Quiet(http.server.SimpleHTTPRequestHandler):
    """Serves quietly and notes every file asked for that is not there."""

    missing: list[str]

    def send_error(self, code, message=None, explain=None):
        self.missing.append(self.path)
        super().send_error(code, message, explain)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def lms_url(lms_dist, tmp_path_factory):
    """The packages unpacked side by side, with the LMS page and the runtime, on loopback."""
    root = tmp_path_factory.mktemp("lms")
    for package in lms_dist.glob("*.zip"):
        with zipfile.ZipFile(package) as archive:
            archive.extractall(root / package.stem)
    shutil.copy(RUNTIME, root / "scorm12.js")
    (root / "lms.html").write_text(LMS_PAGE, encoding="utf-8")
    handler = type("Handler", (_Quiet,), {"missing": []})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    yield url
    server.shutdown()
    assert handler.missing == [], f"files a package needs but does not hold: {handler.missing}"


@pytest.fixture
def lms(browser, lms_url):
    """open(package, cmi=None): the LMS page with a package; returns (page, handbook frame)."""
    contexts = []

    def open_package(name: str, cmi: dict | None = None):
        context = browser.new_context(locale="zh-CN", timezone_id="Asia/Shanghai")
        contexts.append(context)
        page = record(context.new_page(), lms_url)
        if cmi is not None:
            page.add_init_script(f"window.__hbCmi = {json.dumps(cmi)};")
        page.goto(f"{lms_url}lms.html?package={name}")
        page.wait_for_function("window.__lms && window.__lms.indexOf('LMSInitialize') >= 0")
        handbook = page.frame_locator("#sco").frame_locator("#hb-lms-frame")
        return page, handbook

    yield open_package
    errors = [error for context in contexts for page in context.pages for error in page.console_errors]
    leaving = [url for context in contexts for page in context.pages for url in page.external_requests]
    for context in contexts:
        context.close()
    assert errors == [] and leaving == [], (errors, leaving)


def handbook_frame(page):
    """The frame that shows the handbook: inside the launcher, inside the LMS page."""
    return next(frame for frame in page.frames if frame.parent_frame and frame.parent_frame.parent_frame)


def cmi(page, element: str) -> str:
    return page.evaluate(f"String(window.API.cmi.{element})")


def wait_for_record(page, condition: str) -> None:
    """Until what the runtime holds meets `condition` (JS on `cmi`), then the commit that follows.
    Other saves (the storage probe, a migrated start date) commit too, so a commit count alone
    would not say that this change has reached the LMS."""
    page.wait_for_function(f"(cmi => {condition})(window.API.cmi)")
    page.wait_for_function("window.__lms.lastIndexOf('LMSCommit') > window.__lms.findLastIndex(c => c.startsWith('cmi.'))")


def test_track_package_records_progress_completion_and_resumes(lms):
    page, handbook = lms("track-call-center")
    assert cmi(page, "core.lesson_status") == "incomplete", "started: incomplete"
    handbook.locator("#track-call-center").wait_for()
    # A reader's path: from the track, the step 班前准备, tick its first item.
    handbook.locator("#track-call-center a", has_text="班前准备").first.click()
    checklist = handbook.locator("[data-hb-widget=checklist][data-hb-id=pre-shift]")
    first = checklist.locator("input[type=checkbox]").first
    first.check()
    wait_for_record(page, "String(cmi.suspend_data).includes('\"pre-shift\":[')")
    suspend = cmi(page, "suspend_data")
    assert '"pre-shift":[' in suspend and len(suspend) <= 4096
    assert cmi(page, "core.lesson_status") == "incomplete"

    # Every other step done (saved as the widgets save it): the LMS records completion.
    steps = page.frame_locator("#sco").locator("html").get_attribute("data-hb-json")
    handbook_frame(page).evaluate("""steps => {
      const scope = window.__md_scope.pathname + "hb.";
      for (const s of JSON.parse(steps).steps) {
        if (s.kind === "checklist") localStorage.setItem(scope + "checklist." + s.target, JSON.stringify({v: 1, done: Object.fromEntries(s.ids.map(id => [id, "2027-03-09"]))}));
        else if (s.kind === "quiz") localStorage.setItem(scope + "quiz." + s.target, JSON.stringify({v: 2, set: s.ids.join(), best: 90, passed: true, last: 90, lastDate: "2027-03-09", bestDate: "2027-03-09"}));
        else localStorage.setItem(scope + "mark." + s.key, JSON.stringify({v: 1, date: "2027-03-09"}));
      }
    }""", steps)
    wait_for_record(page, "cmi.core.lesson_status === 'completed'")
    recorded = {"cmi": {"suspend_data": cmi(page, "suspend_data"), "core": {"lesson_status": "completed"}}}

    # Leaving: session time, commit, finish.
    page.evaluate("document.getElementById('sco').remove()")
    page.wait_for_function("window.__lms.indexOf('LMSFinish') >= 0")
    times = [c for c in page.evaluate("window.__lms") if c.startswith("cmi.core.session_time=")]
    assert times and re.fullmatch(r"cmi\.core\.session_time=\d{2,4}:\d{2}:\d{2}(\.\d{1,2})?", times[-1])

    # Another computer (empty browser storage), the same LMS record: the ticks are back.
    page2, handbook2 = lms("track-call-center", cmi=recorded)
    handbook2.locator("#track-call-center").wait_for()
    assert "✔" in handbook2.locator("#track-call-center [data-hb-status]").first.inner_text()
    handbook2.locator("#track-call-center a", has_text="班前准备").first.click()
    boxes = handbook2.locator("[data-hb-widget=checklist][data-hb-id=pre-shift] input[type=checkbox]")
    boxes.first.wait_for()
    assert all(boxes.nth(i).is_checked() for i in range(boxes.count())), "resumed from cmi.suspend_data"
    assert cmi(page2, "core.lesson_status") == "completed"


def exam_ready(handbook):
    root = handbook.locator("[data-hb-widget=quiz][data-hb-id=mock-test]")
    root.get_by_role("button", name=re.compile("开始考试")).click()
    root.locator("form").wait_for()
    return root


def test_exam_package_records_a_pass_with_its_score(lms):
    exam = load_data("quizzes", "mock-test")
    page, handbook = lms("exam-mock-test")
    root = exam_ready(handbook)
    for q in exam["questions"]:
        answer(question(root, q["id"]), q, right=True)
    root.locator("form button[type=submit]").click()  # 交卷
    wait_for_record(page, "cmi.core.lesson_status === 'passed'")
    assert (cmi(page, "core.score.raw"), cmi(page, "core.score.min"), cmi(page, "core.score.max")) == ("100", "0", "100")
    assert cmi(page, "core.lesson_status") == "passed"


def test_exam_package_records_a_fail_against_the_pass_mark(lms):
    exam = load_data("quizzes", "mock-test")
    page, handbook = lms("exam-mock-test")
    root = exam_ready(handbook)
    q = exam["questions"][0]
    answer(question(root, q["id"]), q, right=True)
    root.locator("form button[type=submit]").click()  # 交卷
    confirm = root.get_by_role("button", name="仍要交卷")
    if confirm.count():
        confirm.click()
    wait_for_record(page, "cmi.core.lesson_status === 'failed'")
    expected = round(100 / len(exam["questions"]))
    assert cmi(page, "core.score.raw") == str(expected)
    assert expected < exam.get("pass_mark", 80)
    assert cmi(page, "core.lesson_status") == "failed"


def test_outside_an_lms_the_package_is_the_handbook(browser, lms_url):
    context = browser.new_context(locale="zh-CN")
    page = record(context.new_page(), lms_url)
    page.goto(f"{lms_url}track-intl-sales/hb-lms.html")
    handbook = page.frame_locator("#hb-lms-frame")
    handbook.locator("#track-intl-sales").wait_for()
    assert page.evaluate("window.hbLms.connected") is False
    assert handbook.locator(".hb-lms-note").inner_text().startswith("这是学习平台里的课件版：没有搜索功能")
    handbook.locator("[data-hb-widget=track] a", has_text="入职第一天").first.click()
    handbook.locator("[data-hb-widget=checklist][data-hb-id=first-day] input[type=checkbox]").first.check()
    assert page.console_errors == [] and page.external_requests == []
    context.close()
