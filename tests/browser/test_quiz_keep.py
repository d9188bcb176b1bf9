"""Nothing a reader does in a quiz is lost (issue #29, item 1): unfinished answers of practice
quizzes and of the timed exam come back after a reload, a click away and back (instant navigation)
and a closed tab; the exam keeps its deadline; leaving a running exam asks first; submitting or
重做 clears what was kept; answers kept for a question set that changed are dropped."""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import expect

from browser_helpers import FIXED_NOW, load_data, loopback_sitemap, widget
from test_quiz import EXAM, EXAM_URL, QUIZ, URL, answer, first_of, open_quiz, order_now, question

DRAFT = f"draft.quiz.{QUIZ}"


@pytest.fixture(scope="module")
def quiz():
    return load_data("quizzes", QUIZ)


@pytest.fixture(scope="module")
def exam():
    return load_data("quizzes", EXAM)


def kept_keys(page) -> list[str]:
    return page.evaluate("Object.keys(localStorage).filter(k => k.includes('hb.draft.'))")


def give_some_answers(root, quiz) -> dict:
    """Answers one question of each type (the order question: one move) and returns what to expect."""
    single, multiple, fill = first_of(quiz, "single"), first_of(quiz, "multiple"), first_of(quiz, "fill")
    answer(question(root, single["id"]), single, right=False)
    answer(question(root, multiple["id"]), multiple, right=True)
    # typed, never left: the text is kept as it is typed, not only when the field loses focus
    question(root, fill["id"]).locator("input[type=text]").press_sequentially("首次")
    order = question(root, first_of(quiz, "order")["id"])
    order.locator(".hb-order li").first.locator("[data-hb-move='1']").click()
    return {
        "checked": root.locator("input:checked").evaluate_all("els => els.map(e => e.id)"),
        "fill": (fill["id"], "首次"),
        "order": order_now(order),
    }


def expect_answers(root, given: dict):
    for input_id in given["checked"]:
        expect(root.locator(f"[id='{input_id}']")).to_be_checked()
    assert root.locator("input:checked").count() == len(given["checked"])
    fill_id, text = given["fill"]
    expect(question(root, fill_id).locator("input[type=text]")).to_have_value(text)
    order = question(root, first_of_type(root, "order"))
    assert order_now(order) == given["order"], "the order question is as the reader left it"


def first_of_type(root, kind: str) -> str:
    return root.locator(f"fieldset[data-hb-type={kind}]").first.get_attribute("data-hb-question")


def expect_nothing_kept(root):
    root.page.wait_for_timeout(300)  # restoring would load hb-quiz-keep.js first: give it the time
    assert root.locator("input:checked").count() == 0
    assert all(box.input_value() == "" for box in root.locator("input[type=text]").all())


def sidebar_away_and_back(page, here: str, there: str = "onboarding/company/"):
    """Leave by the sidebar and come back with the browser's back button, both by instant navigation."""
    page.evaluate("window.__hbNoReload = true")  # gone if a navigation reloads the whole page
    page.locator(f".md-sidebar--primary a.md-nav__link[href$='{there.split('/')[-2]}/']").first.click()
    page.wait_for_url(re.compile(re.escape(there) + "(#.*)?$"), wait_until="commit")
    page.locator("[data-hb-widget=quiz]").wait_for(state="detached")
    page.go_back()
    page.wait_for_url(re.compile(re.escape(here) + "(#.*)?$"), wait_until="commit")
    assert page.evaluate("window.__hbNoReload") is True, "the navigation reloaded the page: not instant"


# ---- practice quizzes ----

def test_answers_come_back_after_a_reload(page, quiz):
    root = open_quiz(page)
    given = give_some_answers(root, quiz)
    page.reload()
    expect_answers(widget(page, "quiz", QUIZ), given)
    assert page.console_errors == []


def test_answers_come_back_after_a_click_away_and_back(page, site_url, quiz):
    loopback_sitemap(page, site_url)
    root = open_quiz(page)
    page.wait_for_load_state("networkidle")  # Material has read sitemap.xml
    given = give_some_answers(root, quiz)
    sidebar_away_and_back(page, URL)
    expect_answers(widget(page, "quiz", QUIZ), given)


def test_answers_come_back_in_a_new_tab(page, quiz):
    root = open_quiz(page)
    given = give_some_answers(root, quiz)
    page.close()
    tab = page.context.new_page()
    tab.goto(URL)
    expect_answers(widget(tab, "quiz", QUIZ), given)


def test_submitting_and_redo_clear_what_was_kept(page, quiz):
    root = open_quiz(page)
    give_some_answers(root, quiz)
    assert kept_keys(page) != []
    root.get_by_role("button", name="交卷", exact=True).click()
    root.get_by_role("button", name="仍要交卷").click()
    assert kept_keys(page) == [], "a submitted quiz keeps no unfinished answers"
    page.reload()
    root = widget(page, "quiz", QUIZ)
    expect_nothing_kept(root)
    assert root.locator("[data-hb-best]").is_visible(), "the score itself is kept"

    give_some_answers(root, quiz)
    expect(root.locator("input:checked").first).to_be_checked()
    page.wait_for_function("() => Object.keys(localStorage).some(k => k.includes('hb.draft.'))")
    root.get_by_role("button", name="重做").click()
    assert kept_keys(page) == []
    page.reload()
    expect_nothing_kept(widget(page, "quiz", QUIZ))


def plant(page, url: str, quiz_id: str, draft: dict):
    """Store `draft` as this quiz's kept answers, the way hb-quiz-keep.js would, then reload."""
    page.evaluate("""([key, value]) => {
        const scope = (window.__md_scope ? window.__md_scope.pathname : "/") + "hb.";
        localStorage.setItem(scope + key, JSON.stringify(value));
    }""", [f"draft.quiz.{quiz_id}", draft])
    page.reload()
    return widget(page, "quiz", quiz_id)


def test_answers_kept_for_other_questions_are_dropped(page, quiz):
    root = open_quiz(page)
    rev = json.loads(root.get_attribute("data-hb-json"))["rev"]
    single = first_of(quiz, "single")
    draft = {"v": 1, "end": 0, "a": {single["id"]: ["0"]}}
    # the same answers against the current questions come back: the planted format is the real one
    root = plant(page, URL, QUIZ, {**draft, "rev": rev})
    expect(question(root, single["id"]).locator("input[value='0']")).to_be_checked()
    # against a question set that changed since (another revision) they are dropped, not misapplied
    root = plant(page, URL, QUIZ, {**draft, "rev": "0" * 12})
    expect_nothing_kept(root)
    assert kept_keys(page) == [], "the stale answers are removed"


def test_answers_of_the_wrong_shape_are_skipped(page, quiz):
    root = open_quiz(page)
    rev = json.loads(root.get_attribute("data-hb-json"))["rev"]
    order, fill, single = first_of(quiz, "order"), first_of(quiz, "fill"), first_of(quiz, "single")
    before = order_now(question(root, order["id"]))
    root = plant(page, URL, QUIZ, {"v": 1, "rev": rev, "end": 0, "a": {
        order["id"]: ["0", "0", "9"], fill["id"]: ["not", "text"], single["id"]: "0"}})
    page.wait_for_timeout(300)
    assert order_now(question(root, order["id"])) != sorted(before) and root.locator("input:checked").count() == 0
    assert question(root, fill["id"]).locator("input[type=text]").input_value() == ""
    assert page.console_errors == []


# ---- the timed exam ----

def start_exam(page):
    page.clock.install(time=FIXED_NOW)
    root = open_quiz(page, EXAM_URL, EXAM)
    page.wait_for_load_state("networkidle")
    root.get_by_role("button", name=re.compile("开始考试")).click()
    root.locator("form").wait_for()
    return root


def seconds_left(root) -> int:
    minutes, seconds = map(int, root.locator("[data-hb-clock]").inner_text().split(":"))
    return minutes * 60 + seconds


def expect_resumed(page, exam, answered: dict, minutes_gone: int):
    root = widget(page, "quiz", EXAM)
    single = first_of(exam, "single")
    expect(question(root, single["id"]).locator(f"[id='{answered['id']}']")).to_be_checked()
    assert root.locator("form").is_visible() and not root.locator(".hb-quiz__start").is_visible(), "no 开始考试 again"
    left = seconds_left(root)
    assert abs(left - (exam["time_limit"] - minutes_gone) * 60) <= 3, f"the deadline did not move: {left} s left"
    return root


def answer_first(root, exam) -> dict:
    single = first_of(exam, "single")
    answer(question(root, single["id"]), single, right=True)
    return {"id": question(root, single["id"]).locator("input:checked").get_attribute("id")}


def test_exam_resumes_after_a_reload_with_its_deadline(page, exam):
    root = start_exam(page)
    answered = answer_first(root, exam)
    page.clock.fast_forward("10:00")
    page.on("dialog", lambda dialog: dialog.accept())  # 离开此网站？ from beforeunload
    page.reload()
    expect_resumed(page, exam, answered, 10)
    assert page.console_errors == []


def test_exam_resumes_after_a_click_away_and_back(page, site_url, exam):
    loopback_sitemap(page, site_url)
    root = start_exam(page)
    answered = answer_first(root, exam)
    page.clock.fast_forward("05:00")
    page.once("dialog", lambda dialog: dialog.accept())
    sidebar_away_and_back(page, EXAM_URL, "trainers/evaluation/")
    expect_resumed(page, exam, answered, 5)


def test_exam_resumes_in_a_new_tab(page, exam):
    root = start_exam(page)
    answered = answer_first(root, exam)
    page.clock.fast_forward("20:00")
    page.close()
    tab = page.context.new_page()
    tab.goto(EXAM_URL)
    expect_resumed(tab, exam, answered, 20)


def test_a_deadline_that_passed_while_away_submits_on_return(page, site_url, exam):
    loopback_sitemap(page, site_url)
    root = start_exam(page)
    answer_first(root, exam)
    page.once("dialog", lambda dialog: dialog.accept())
    page.locator(".md-sidebar--primary a.md-nav__link[href$='evaluation/']").first.click()
    page.locator("[data-hb-widget=quiz]").wait_for(state="detached")
    page.clock.fast_forward((exam["time_limit"] + 1) * 60 * 1000)
    page.go_back()
    root = widget(page, "quiz", EXAM)
    result = root.locator("[data-hb-result]")
    expect(result).to_contain_text("时间到，已自动交卷")
    n = len(exam["questions"])
    assert f"答对 1/{n} 题，答错 0 题，未作答 {n - 1} 题" in result.inner_text(), "the answer given before leaving counts"
    assert root.locator("form input:enabled").count() == 0
    assert kept_keys(page) == [] and root.locator("[data-hb-best]").is_visible()


def test_leaving_a_running_exam_asks_first(page, site_url, exam):
    loopback_sitemap(page, site_url)
    root = start_exam(page)
    answer_first(root, exam)
    asked = []

    def refuse(dialog):
        asked.append((dialog.type, dialog.message))
        dialog.dismiss()

    page.on("dialog", refuse)
    link = page.locator(".md-sidebar--primary a.md-nav__link[href$='evaluation/']").first
    link.click()
    page.wait_for_timeout(300)
    assert asked and asked[0][0] == "confirm" and "考试正在计时" in asked[0][1] and "确定离开" in asked[0][1]
    assert page.url.split("#")[0].endswith(EXAM_URL), "a refused question keeps the reader on the exam"
    assert root.locator("form").is_visible() and seconds_left(root) > 0
    # closing the tab or reloading asks too (beforeunload); the theme's in-page links do not
    page.remove_listener("dialog", refuse)
    page.once("dialog", lambda dialog: (asked.append((dialog.type, "")), dialog.dismiss()))
    page.close(run_before_unload=True)
    page.wait_for_timeout(300)
    assert asked[-1][0] == "beforeunload", asked


def test_no_question_once_the_exam_is_submitted(page, site_url, exam):
    loopback_sitemap(page, site_url)
    root = start_exam(page)
    root.get_by_role("button", name="交卷", exact=True).click()
    root.get_by_role("button", name="仍要交卷").click()
    asked = []
    page.on("dialog", lambda dialog: (asked.append(dialog.type), dialog.dismiss()))
    page.locator(".md-sidebar--primary a.md-nav__link[href$='evaluation/']").first.click()
    page.wait_for_url(re.compile(r"trainers/evaluation/(#.*)?$"), wait_until="commit")
    assert asked == []


def test_storage_that_cannot_save_is_told_and_the_quiz_still_works(page, quiz):
    page.context.add_init_script(
        'Storage.prototype.setItem = function () { throw new DOMException("full", "QuotaExceededError"); };')
    root = open_quiz(page)
    give_some_answers(root, quiz)
    note = page.locator(".hb-storage-note")
    note.wait_for()
    assert note.count() == 1 and "不能保存" in note.inner_text()
    assert page.console_errors == []
