"""Quizzes in the browser: feedback, scoring, saved best score, retry, order questions, exam timer,
no-JS and print."""

from __future__ import annotations

import re

import pytest

from browser_helpers import FIXED_NOW, assert_hidden, load_data, loopback_sitemap, widget

QUIZ = "onboarding"
URL = "onboarding/quiz/"
EXAM = "mock-test"
EXAM_URL = "trainers/mock-test/"


@pytest.fixture(scope="module")
def quiz():
    return load_data("quizzes", QUIZ)


def question(root, question_id: str):
    return root.locator(f"fieldset[data-hb-question='{question_id}']")


def first_of(quiz, kind: str) -> dict:
    return next(q for q in quiz["questions"] if q["type"] == kind)


def option_label(fieldset, text: str):
    return fieldset.locator(".hb-option__text").filter(has_text=re.compile("^" + re.escape(text) + "$"))


def order_now(fieldset) -> list[int]:
    return [int(key) for key in fieldset.locator(".hb-order li").evaluate_all("lis => lis.map(li => li.dataset.hbKey)")]


def put_in_order(fieldset, keyboard=None):
    """Sort an order question with its 上移 buttons: by clicks, or by focus + Enter when keyboard is given."""
    for target in range(len(order_now(fieldset))):
        position = order_now(fieldset).index(target)
        up = fieldset.locator(f".hb-order li[data-hb-key='{target}'] [data-hb-move='-1']")
        if keyboard and position > target:
            up.focus()
        for _ in range(position - target):
            if keyboard:
                keyboard.press("Enter")
                assert up.evaluate("b => b === document.activeElement"), "focus stays on the moved item's button"
            else:
                up.click()
    assert order_now(fieldset) == sorted(order_now(fieldset))


def answer(fieldset, q: dict, right: bool = True):
    kind = q["type"]
    if kind in ("single", "multiple"):
        options = [o for o in q["options"] if bool(o.get("correct")) == right]
        for option in options if kind == "multiple" else options[:1]:
            option_label(fieldset, option["text"]).click()
    elif kind == "true_false":
        fieldset.locator(f"input[value={str(q['answer'] == right).lower()}]").check()
    elif kind == "fill":
        fieldset.locator("input[type=text]").fill(q["answers"][0] if right else "不知道")
    else:  # order: sorted, then (for a wrong answer) the first two swapped; an untouched one is 未作答
        put_in_order(fieldset)
        if not right:
            fieldset.locator(".hb-order li[data-hb-key='0'] [data-hb-move='1']").click()


def check(fieldset):
    fieldset.get_by_role("button", name="检查本题").click()
    feedback = fieldset.locator("[data-hb-feedback]")
    feedback.wait_for()
    return feedback


def review_href(quiz_id: str, q: dict) -> str:
    path, _, anchor = q["review"].partition("#")
    return path.removesuffix(".md").removesuffix("index") .rstrip("/") + "/" + (f"#{anchor}" if anchor else "")


def open_quiz(page, url=URL, quiz_id=QUIZ):
    page.goto(url)
    return widget(page, "quiz", quiz_id)


def plain(markdown_text: str) -> str:
    return re.sub(r"\*\*|`|\[([^\]]*)\]\([^)]*\)", lambda m: m.group(1) or "", markdown_text)


def expect_announcement(root, start: str) -> str:
    """What the quiz's polite live region (read by screen readers, not shown) says once it starts with `start`."""
    region = root.locator("[data-hb-announce]")
    assert region.get_attribute("aria-live") == "polite"
    root.page.wait_for_function("([el, start]) => el.textContent.startsWith(start)",
                                arg=[region.element_handle(), start], timeout=2000)
    return region.text_content()


def question_number(quiz, q: dict) -> int:
    return [item["id"] for item in quiz["questions"]].index(q["id"]) + 1


def test_right_answer_feedback(page, quiz):
    root = open_quiz(page)
    q = first_of(quiz, "single")
    fieldset = question(root, q["id"])
    assert not fieldset.locator("[data-hb-feedback]").is_visible()
    answer(fieldset, q, right=True)
    feedback = check(fieldset)
    assert "回答正确" in feedback.inner_text()
    assert "回答错误" not in feedback.inner_text()
    link = feedback.get_by_role("link", name="复习", exact=True)
    assert link.evaluate("a => a.href").endswith(review_href(QUIZ, q))
    assert root.locator("[data-hb-result]").inner_text().strip() == "", "checking one question is not submitting"
    assert expect_announcement(root, f"第 {question_number(quiz, q)} 题：") == f"第 {question_number(quiz, q)} 题：回答正确"


def test_wrong_answer_feedback(page, quiz):
    root = open_quiz(page)
    q = next(q for q in quiz["questions"] if q["type"] == "single"
             and any(o.get("explanation") and not o.get("correct") for o in q["options"]))
    wrong = next(o for o in q["options"] if o.get("explanation") and not o.get("correct"))
    fieldset = question(root, q["id"])
    option_label(fieldset, wrong["text"]).click()
    feedback = check(fieldset)
    text = feedback.inner_text()
    assert "回答错误" in text and "回答正确" not in text
    right = next(o for o in q["options"] if o.get("correct"))
    assert "正确答案" in text and right["text"] in text
    assert wrong["explanation"] in text, "the chosen option's own explanation is shown"
    link = feedback.get_by_role("link", name="复习", exact=True)
    assert link.evaluate("a => a.href").endswith(review_href(QUIZ, q))
    assert "hb-feedback--wrong" in feedback.get_attribute("class")
    said = expect_announcement(root, f"第 {question_number(quiz, q)} 题：回答错误。正确答案：")
    assert plain(right["text"]) in said


@pytest.mark.parametrize("kind", ["multiple", "true_false", "fill", "order"])
def test_each_question_type_scores_right_and_wrong(page, quiz, kind):
    root = open_quiz(page)
    q = first_of(quiz, kind)
    fieldset = question(root, q["id"])
    answer(fieldset, q, right=True)
    assert "回答正确" in check(fieldset).inner_text()
    root.get_by_role("button", name="重做").click()
    answer(fieldset, q, right=False)
    assert "回答错误" in check(fieldset).inner_text()


def test_submit_all_right_scores_100_and_persists(page, quiz):
    root = open_quiz(page)
    assert not root.locator("[data-hb-best]").is_visible(), "no best score before a first attempt"
    for q in quiz["questions"]:
        answer(question(root, q["id"]), q, right=True)
    root.get_by_role("button", name="交卷", exact=True).click()
    result = root.locator("[data-hb-result]")
    assert "得分 100%" in result.inner_text()
    assert f"答对 {len(quiz['questions'])}/{len(quiz['questions'])} 题" in result.inner_text()
    assert "已及格" in result.inner_text()
    assert root.locator("[data-hb-feedback].hb-feedback--right").count() == len(quiz["questions"])
    assert root.locator("[data-hb-feedback].hb-feedback--wrong").count() == 0

    page.reload()
    root = widget(page, "quiz", QUIZ)
    best = root.locator("[data-hb-best]")
    assert best.is_visible()
    assert "最好成绩：100%" in best.inner_text() and "已及格" in best.inner_text()
    assert page.console_errors == []


def test_lower_score_keeps_the_best(page, quiz):
    root = open_quiz(page)
    for q in quiz["questions"]:
        answer(question(root, q["id"]), q, right=True)
    root.get_by_role("button", name="交卷", exact=True).click()
    root.get_by_role("button", name="重做").click()
    root.get_by_role("button", name="交卷", exact=True).click()  # nothing answered: asked first
    root.get_by_role("button", name="仍要交卷").click()
    assert "得分 0%" in root.locator("[data-hb-result]").inner_text()
    assert "未及格" in root.locator("[data-hb-result]").inner_text()
    best = root.locator("[data-hb-best]").inner_text()
    assert "最好成绩：100%（已及格）" in best and "0%" in best


def test_retry_clears_answers(page, quiz):
    root = open_quiz(page)
    for q in quiz["questions"]:
        answer(question(root, q["id"]), q, right=True)
    root.get_by_role("button", name="交卷", exact=True).click()
    assert root.locator("input:disabled").count() > 0, "answers are locked after submitting"
    root.get_by_role("button", name="重做").click()
    assert root.locator("input:checked").count() == 0
    for box in root.locator("input[type=text]").all():
        assert box.input_value() == ""
    assert root.locator("input:disabled, button:disabled").count() == 0
    assert root.locator("[data-hb-feedback]:visible").count() == 0
    assert root.locator("[data-hb-result]").inner_text().strip() == ""
    for fieldset in root.locator("fieldset[data-hb-type=order]").all():
        assert order_now(fieldset) != sorted(order_now(fieldset)), "order questions start unsorted again"


def test_order_question_by_keyboard(page, quiz):
    root = open_quiz(page)
    q = first_of(quiz, "order")
    fieldset = question(root, q["id"])
    keys = order_now(fieldset)
    assert keys != sorted(keys), "an order question never starts in the right order"
    # 下移 moves an item one place down, focus stays on it
    down = fieldset.locator(f".hb-order li[data-hb-key='{keys[0]}'] [data-hb-move='1']")
    down.focus()
    page.keyboard.press("Space")
    assert order_now(fieldset)[1] == keys[0]
    assert down.evaluate("b => b === document.activeElement")
    # the move is announced: which item, and where it is now
    assert expect_announcement(root, plain(q["items"][keys[0]])) == f"{plain(q['items'][keys[0]])}：第 2 项，共 {len(keys)} 项"
    put_in_order(fieldset, keyboard=page.keyboard)
    page.keyboard.press("Tab")
    check_button = fieldset.get_by_role("button", name="检查本题")
    for _ in range(2 * len(keys) + 1):
        if check_button.evaluate("b => b === document.activeElement"):
            break
        page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert "回答正确" in fieldset.locator("[data-hb-feedback]").inner_text()


def test_enter_in_a_fill_answer_does_not_submit_the_quiz(page, quiz):
    root = open_quiz(page)
    q = first_of(quiz, "fill")
    box = question(root, q["id"]).locator("input[type=text]")
    box.fill(q["answers"][0])
    box.press("Enter")
    page.wait_for_timeout(200)
    assert root.locator("[data-hb-result]").inner_text().strip() == "", "Enter submitted the whole quiz"
    assert root.locator("input:disabled").count() == 0
    assert "回答正确" in question(root, q["id"]).locator("[data-hb-feedback]").inner_text(), "Enter checks this answer"


def test_exam_times_out_and_submits(page):
    exam = load_data("quizzes", EXAM)
    assert exam["mode"] == "exam"
    page.clock.install(time=FIXED_NOW)
    root = open_quiz(page, EXAM_URL, EXAM)
    assert not root.locator("form").is_visible(), "the questions stay hidden until the exam starts"
    root.get_by_role("button", name=re.compile("开始考试")).click()
    root.locator("form").wait_for()  # the countdown's file loads when the exam starts
    assert root.locator("[data-hb-clock]").inner_text() == f"{exam['time_limit']}:00"
    assert root.get_by_role("button", name="检查本题").count() == 0, "no per-question checking in an exam"
    q = first_of(exam, "single")
    answer(question(root, q["id"]), q, right=True)
    page.clock.fast_forward("10:00")
    minutes, seconds = map(int, root.locator("[data-hb-clock]").inner_text().split(":"))
    assert abs(minutes * 60 + seconds - (exam["time_limit"] - 10) * 60) <= 3, "the clock counts down"
    assert root.locator("[data-hb-result]").inner_text().strip() == ""

    page.clock.fast_forward(f"{exam['time_limit'] - 10 + 1}:00")
    result = root.locator("[data-hb-result]")
    assert "时间到" in result.inner_text()
    assert re.search(r"得分 \d+%", result.inner_text())
    assert f"答对 1/{len(exam['questions'])} 题，答错 0 题，未作答 {len(exam['questions']) - 1} 题" in result.inner_text()
    assert root.locator("form input:enabled").count() == 0, "answers are locked after the time is up"
    assert root.locator("[data-hb-feedback]:visible").count() == len(exam["questions"])
    assert page.console_errors == []


def test_leaving_a_running_exam_does_not_submit_it_later(page, site_url):
    loopback_sitemap(page, site_url)
    page.clock.install(time=FIXED_NOW)
    root = open_quiz(page, EXAM_URL, EXAM)
    page.wait_for_load_state("networkidle")
    root.get_by_role("button", name=re.compile("开始考试")).click()
    root.locator("[data-hb-timer]").wait_for()  # the exam is running
    page.evaluate("window.__hbNoReload = true")
    page.once("dialog", lambda dialog: dialog.accept())  # 确定离开吗？ (test_quiz_keep.py tests the question)
    page.locator(".md-sidebar--primary a.md-nav__link[href$='evaluation/']").first.click()
    page.wait_for_url(re.compile(r"trainers/evaluation/(#.*)?$"), wait_until="commit")
    page.locator("[data-hb-widget=quiz]").wait_for(state="detached")
    assert page.evaluate("window.__hbNoReload") is True, "navigation was instant"
    page.clock.fast_forward(61 * 60 * 1000)  # 61 minutes ("61:00" is not a valid clock string)
    saved = page.evaluate("Object.keys(localStorage).filter(k => k.includes('hb.quiz.'))")
    assert saved == [], "an abandoned exam was auto-submitted and saved after the page was left"
    assert page.console_errors == []


def test_without_javascript_every_question_and_answer(new_page, quiz):
    page = new_page(java_script_enabled=False)
    page.goto(URL)
    root = page.locator(f"[data-hb-widget=quiz][data-hb-id={QUIZ}]")
    fieldsets = root.locator("fieldset[data-hb-question]")
    assert fieldsets.count() == len(quiz["questions"])
    for index in range(fieldsets.count()):
        fieldset = fieldsets.nth(index)
        assert fieldset.is_visible()
        details = fieldset.locator("details.hb-answer")
        assert details.locator("summary").inner_text().strip() == "查看答案与解析"
        assert details.locator("summary").is_visible()
    assert not root.get_by_role("button", name="交卷", exact=True).is_visible()
    assert not root.get_by_role("button", name="检查本题").first.is_visible()
    summary = fieldsets.first.locator("summary")
    summary.click()
    assert "正确答案" in fieldsets.first.locator("details").inner_text()


def test_exam_without_javascript_shows_questions(new_page):
    page = new_page(java_script_enabled=False)
    page.goto(EXAM_URL)
    root = page.locator(f"[data-hb-widget=quiz][data-hb-id={EXAM}]")
    assert root.locator("fieldset[data-hb-question]").first.is_visible()
    assert root.locator("fieldset[data-hb-question]").count() == len(load_data("quizzes", EXAM)["questions"])


def test_print_hides_answers_and_buttons(page, quiz):
    root = open_quiz(page)
    q = first_of(quiz, "single")
    answer(question(root, q["id"]), q, right=True)
    check(question(root, q["id"]))
    page.emulate_media(media="print")
    assert_hidden(page, [".md-header", ".md-sidebar", ".md-footer", f"#quiz-{QUIZ} .hb-answer",
                         f"#quiz-{QUIZ} .hb-feedback", f"#quiz-{QUIZ} button"])
    assert question(root, q["id"]).locator("legend").is_visible()


def test_print_has_blanks_to_write_in(page, quiz):
    open_quiz(page)
    page.emulate_media(media="print")
    blanks = page.locator(f"#quiz-{QUIZ} .hb-question__fill .hb-blank")
    assert blanks.count() == sum(q["type"] == "fill" for q in quiz["questions"])
    for blank in blanks.all():
        assert blank.bounding_box()["width"] > 50, "a fill-in question prints a line to write the answer on"
    assert not page.locator(f"#quiz-{QUIZ} .hb-question__fill input").first.is_visible()
    name_line = page.locator(f"#quiz-{QUIZ} .hb-fill-line .hb-blank").first
    assert name_line.bounding_box()["width"] > 50


def test_print_without_javascript_hides_answers(new_page):
    page = new_page(java_script_enabled=False)
    page.goto(URL)
    page.emulate_media(media="print")
    assert_hidden(page, [f"#quiz-{QUIZ} .hb-answer", f"#quiz-{QUIZ} button"])


# ---- after checking or submitting: every option says whether it was right, in words ----

def marks(fieldset) -> dict[str, str]:
    """{option label: the mark shown next to it ('' when none)}."""
    return dict(fieldset.locator(".hb-option").evaluate_all("""options => options.map(o => [
        o.querySelector(".hb-option__text").textContent.trim(),
        Array.from(o.querySelectorAll("[data-hb-mark]")).filter(m => !m.hidden).map(m => m.textContent).join("")])"""))


def test_submit_marks_each_option_and_says_what_comes_next(page, quiz):
    root = open_quiz(page)
    q = next(q for q in quiz["questions"] if q["type"] == "single" and len(q["options"]) >= 3)
    wrong = next(o for o in q["options"] if not o.get("correct"))
    for other in quiz["questions"]:
        if other is not q:
            answer(question(root, other["id"]), other, right=True)
    fieldset = question(root, q["id"])
    option_label(fieldset, wrong["text"]).click()
    root.get_by_role("button", name="交卷", exact=True).click()
    shown = marks(fieldset)
    for option in q["options"]:
        text = plain(option["text"])
        if option.get("correct"):
            assert shown[text].startswith("✔") and "正确答案" in shown[text], shown
        elif option is wrong:
            assert shown[text].startswith("✘") and "不对" in shown[text], shown
        else:
            assert shown[text] == "", f"an option nobody chose carries no mark: {shown}"
    # the reader's own choice stays readable: its label keeps the normal text colour, not greyed out
    chosen = option_label(fieldset, wrong["text"])
    other = root.locator("legend").first
    assert chosen.evaluate("l => getComputedStyle(l).color") == other.evaluate("l => getComputedStyle(l).color")
    assert fieldset.locator("input:checked").count() == 1
    # spent controls are gone, the next step is named
    assert root.get_by_role("button", name="检查本题").count() == root.get_by_role("button", name="检查本题", disabled=False).count()
    assert not root.get_by_role("button", name="检查本题").first.is_visible()
    assert not root.get_by_role("button", name="交卷", exact=True).is_visible()
    assert root.get_by_role("button", name="重做").is_visible()
    assert "点“重做”" in root.locator("[data-hb-result]").inner_text()
    root.get_by_role("button", name="重做").click()
    assert all(mark == "" for mark in marks(fieldset).values())
    assert root.get_by_role("button", name="交卷", exact=True).is_visible()
    assert root.get_by_role("button", name="检查本题").first.is_visible()


def test_check_marks_options_and_a_changed_answer_clears_them(page, quiz):
    root = open_quiz(page)
    q = first_of(quiz, "multiple")
    fieldset = question(root, q["id"])
    right = [o for o in q["options"] if o.get("correct")]
    option_label(fieldset, right[0]["text"]).click()
    check(fieldset)
    shown = marks(fieldset)
    assert all(shown[plain(o["text"])].startswith("✔") for o in right), "every right option is named, chosen or not"
    option_label(fieldset, right[-1]["text"]).click()
    assert not fieldset.locator("[data-hb-feedback]").is_visible(), "feedback for an answer that changed is not left standing"
    assert all(mark == "" for mark in marks(fieldset).values())


def test_empty_submission_asks_first_inline(page, quiz):
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    root = open_quiz(page)
    root.get_by_role("button", name="交卷", exact=True).click()
    confirm = root.locator("[data-hb-confirm]")
    assert confirm.is_visible()
    n = len(quiz["questions"])
    assert f"还有 {n} 题未作答（第 1、2、" in confirm.inner_text() and f"、{n} 题），仍要交卷吗？" in confirm.inner_text()
    assert root.locator("[data-hb-result]").inner_text().strip() == "", "nothing is scored before the reader answers"
    root.get_by_role("button", name="继续作答").click()
    assert not confirm.is_visible()
    assert page.evaluate("document.activeElement.closest('fieldset').dataset.hbQuestion") == quiz["questions"][0]["id"]
    assert root.locator("input:disabled").count() == 0
    assert dialogs == [], "asked inline, not with window.confirm"


def test_partial_submission_names_the_open_questions(page, quiz):
    root = open_quiz(page)
    first = quiz["questions"][0]
    answer(question(root, first["id"]), first, right=True)
    root.get_by_role("button", name="交卷", exact=True).click()
    n = len(quiz["questions"])
    text = root.locator("[data-hb-confirm]").inner_text()
    assert f"还有 {n - 1} 题未作答（第 2、3、" in text, text
    root.get_by_role("button", name="仍要交卷").click()
    result = root.locator("[data-hb-result]").inner_text()
    assert f"答对 1/{n} 题，答错 0 题，未作答 {n - 1} 题" in result
    assert not root.locator("[data-hb-confirm]").is_visible()


def test_all_answered_submits_without_asking(page, quiz):
    root = open_quiz(page)
    for q in quiz["questions"]:
        answer(question(root, q["id"]), q, right=True)
    root.get_by_role("button", name="交卷", exact=True).click()
    assert not root.locator("[data-hb-confirm]").is_visible()
    assert "得分 100%" in root.locator("[data-hb-result]").inner_text()


SHUFFLED = ("trade-email-basics", "trade-email/quiz/")


def test_shuffled_quiz_names_the_right_option_by_its_text(page):
    quiz_id, url = SHUFFLED
    data = load_data("quizzes", quiz_id)
    assert data["shuffle"] is True
    root = open_quiz(page, url, quiz_id)
    q = first_of(data, "single")
    wrong = next(o for o in q["options"] if not o.get("correct"))
    right = next(o for o in q["options"] if o.get("correct"))
    fieldset = question(root, q["id"])
    option_label(fieldset, wrong["text"]).click()
    verdict = check(fieldset).locator("[data-hb-verdict]").inner_text()
    assert verdict == f"✘ 回答错误。正确答案：{plain(right['text'])}", verdict
    assert not re.search(r"[A-D]\. ", verdict), "no letters: the options on screen carry none"
    assert marks(fieldset)[plain(right["text"])].startswith("✔"), "the right option is marked where it is on screen"


def test_feedback_is_the_pages_own_escaped_markup(page, quiz):
    """Explanations, notes and the review link are in the page before any click; checking shows them."""
    root = open_quiz(page)
    q = first_of(quiz, "single")
    fieldset = question(root, q["id"])
    link = fieldset.locator("a", has_text="复习")
    assert link.count() == 1, "one review link per question, rendered by the template"
    html_before = link.evaluate("a => a.outerHTML")
    answer(fieldset, q, right=True)
    check(fieldset)
    assert link.is_visible() and link.evaluate("a => a.outerHTML") == html_before, "the same element, moved, not rebuilt"


# ---- issue #29 item 5: an unanswered question is 未作答, never wrong ----

def test_unanswered_questions_are_counted_apart_and_not_styled_wrong(page, quiz):
    root = open_quiz(page)
    right_q, wrong_q = quiz["questions"][0], quiz["questions"][1]
    answer(question(root, right_q["id"]), right_q, right=True)
    answer(question(root, wrong_q["id"]), wrong_q, right=False)
    root.get_by_role("button", name="交卷", exact=True).click()
    root.get_by_role("button", name="仍要交卷").click()
    n = len(quiz["questions"])
    assert f"答对 1/{n} 题，答错 1 题，未作答 {n - 2} 题" in root.locator("[data-hb-score]").inner_text()
    wrong_box = question(root, wrong_q["id"]).locator("[data-hb-feedback]")
    assert wrong_box.inner_text().startswith("✘ 回答错误"), "an answer given and wrong still is wrong"
    wrong_colour = wrong_box.evaluate("b => getComputedStyle(b).borderLeftColor")
    for q in quiz["questions"][2:]:
        fieldset = question(root, q["id"])
        box = fieldset.locator("[data-hb-feedback]")
        verdict = box.locator("[data-hb-verdict]").inner_text()
        assert verdict.startswith("未作答。正确答案：") and "错误" not in verdict.split("。")[0], verdict
        assert "hb-feedback--wrong" not in box.get_attribute("class")
        assert box.evaluate("b => getComputedStyle(b).borderLeftColor") != wrong_colour, "not painted as wrong"
        assert all(not mark.startswith("✘") for mark in marks(fieldset).values()), "no option of it is marked wrong"
    root.get_by_role("button", name="重做").click()
    last = quiz["questions"][-1]
    question(root, last["id"]).get_by_role("button", name="检查本题").click()
    said = expect_announcement(root, f"第 {n} 题：")
    assert said.startswith(f"第 {n} 题：未作答。正确答案："), "checking an empty question says so, not 回答错误"


# ---- issue #29 item 7: on a phone every option is a 44 × 44 px target across its row ----

PHONE = {"width": 390, "height": 844}


def boxes(locator) -> list[dict]:
    return locator.evaluate_all("els => els.map(e => { const r = e.getBoundingClientRect(); "
                                "return {x: r.x, y: r.y, width: r.width, height: r.height}; })")


@pytest.mark.parametrize("quiz_id, url", [(QUIZ, URL), SHUFFLED])
def test_every_option_is_a_big_target_on_a_phone(page, quiz_id, url):
    page.set_viewport_size(PHONE)
    root = open_quiz(page, url, quiz_id)
    rows = root.locator(".hb-option")
    assert rows.count() > 0
    content_width = root.locator("form").bounding_box()["width"]
    for row in boxes(rows):
        assert row["width"] >= 44 and row["height"] >= 44, f"option row {row}"
        assert row["width"] >= content_width - 2, "the row spans the question's width"
    # the whole row is the label: a tap at its far end, away from the small circle, chooses it
    for index in range(rows.count()):
        row = rows.nth(index)
        if row.locator("input[type=radio]").count():
            row.click(position={"x": row.bounding_box()["width"] - 4, "y": row.bounding_box()["height"] / 2})
            assert row.locator("input").is_checked(), "tapping the row's right end chooses the option"
            break
    for field in boxes(root.locator(".hb-question__fill input[type=text]")):
        assert field["height"] >= 44 and field["width"] >= 44, field
    buttons = root.locator(".hb-order__buttons button")
    for button in boxes(buttons):
        assert button["width"] >= 44 and button["height"] >= 44, button
    for item in root.locator(".hb-order li").all():
        up, down = boxes(item.locator("button"))
        text = item.locator(".hb-order__text").bounding_box()
        assert abs(up["y"] - down["y"]) < 1 and down["x"] >= up["x"] + up["width"], "↑ and ↓ side by side, not stacked"
        assert up["x"] >= text["x"] + text["width"] - 1, "the buttons sit beside the item's text, not below it"
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], "nothing sticks out sideways"


def test_long_order_items_keep_their_buttons_beside_them(page):
    page.set_viewport_size(PHONE)
    root = open_quiz(page)
    item = root.locator(".hb-order li").first
    item.locator(".hb-order__text").evaluate("t => t.append(' 一段很长很长的文字，' .repeat(6))")  # wraps over lines
    text = item.locator(".hb-order__text").bounding_box()
    up, down = boxes(item.locator("button"))
    assert text["height"] > 3 * 20, "the item now wraps over several lines"
    assert abs(up["y"] - down["y"]) < 1 and up["x"] >= text["x"] + text["width"] - 1


def test_no_line_beside_the_question_number(page):
    """A fieldset's legend sits on its top border: a border there drew a line beside 第 1 题（单选）."""
    root = open_quiz(page)
    for fieldset in root.locator("fieldset.hb-question").all():
        assert fieldset.evaluate("f => getComputedStyle(f).borderTopWidth") == "0px"
    number = root.locator(".hb-question__number").first.bounding_box()
    legend = root.locator("fieldset.hb-question legend").first.bounding_box()
    assert legend["width"] >= root.locator("form").bounding_box()["width"] - 2, "the separator spans the row above the number"
    assert number["x"] == legend["x"]


# ---- issue #29 item 10: one name per control ----

QUIZ_PAGES = {"onboarding": URL, "trade-email-basics": "trade-email/quiz/", "listing-basics": "listing/quiz/",
              "call-center-basics": "call-center/quiz/", EXAM: EXAM_URL}
NAMED = r"点(?:击)?“([^”]+)”"


@pytest.mark.parametrize("quiz_id", QUIZ_PAGES)
def test_a_control_named_in_the_text_has_that_name(page, quiz_id):
    """Every 点“…” on a quiz page (the page's text, the quiz's intro and its hidden hints) names a
    button or link that the quiz really shows with that text."""
    root = open_quiz(page, QUIZ_PAGES[quiz_id], quiz_id)
    text = page.locator("article").evaluate("a => a.textContent")
    named = set(re.findall(NAMED, text))
    controls = set(root.locator("button, a, summary").evaluate_all("els => els.map(e => e.textContent.trim())"))
    assert named, "the page names no control: the pattern is out of date"
    assert named <= controls, f"named in the text but no such control: {named - controls}"


def test_the_same_control_keeps_its_name(page, quiz):
    """交卷 in practice and exam alike (仍要交卷 asks about it); 重做 stays 重做 after submitting."""
    root = open_quiz(page)
    assert root.locator("button[type=submit]").inner_text() == "交卷"
    retry = root.locator("[data-hb-action=retry]")
    assert retry.inner_text() == "重做"
    for q in quiz["questions"]:
        answer(question(root, q["id"]), q, right=True)
    root.get_by_role("button", name="交卷", exact=True).click()
    assert retry.inner_text() == "重做"
    assert "点“重做”" in root.locator("[data-hb-result]").inner_text()
    exam = open_quiz(page, EXAM_URL, EXAM)
    assert exam.locator("button[type=submit]").text_content().strip() == "交卷"


def test_submit_saves_right_or_wrong_per_question(page, quiz):
    """The cohort view's item analysis reads, per question, whether the last attempt got it right."""
    root = open_quiz(page)
    first, *rest = quiz["questions"]
    answer(question(root, first["id"]), first, right=False)
    for q in rest:
        answer(question(root, q["id"]), q, right=True)
    root.get_by_role("button", name="交卷", exact=True).click()
    saved = page.evaluate("""key => JSON.parse(localStorage.getItem(
        (window.__md_scope ? __md_scope.pathname : '/') + 'hb.' + key))""", f"quiz.{QUIZ}")
    assert saved["results"] == {first["id"]: 0, **{q["id"]: 1 for q in rest}}
