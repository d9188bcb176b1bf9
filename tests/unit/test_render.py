"""The HTML of a checklist, an agenda and a quiz, rendered from tests/unit/fixtures/ (not the live
data): golden files in tests/unit/golden/, plus direct checks of what the widgets promise
(ids for the script, labels, escaping, fieldsets, page-relative links).

After an intended change to a template or to macros/render.py:
    UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/unit/test_render.py
and review the diff of tests/unit/golden/ before committing it.
"""

from __future__ import annotations

import difflib
import json
import os
import re
import warnings

import pytest
from bs4 import BeautifulSoup

from macros import links
from macros.loader import load_handbook
from macros.models import ChoiceQuestion, Track, TrackStep
from macros.render import (
    PageContext,
    answers_revision,
    current_ids,
    render_agenda,
    render_answer_key,
    render_checklist,
    render_cohort,
    render_dashboard,
    render_quiz,
    render_track,
)

from .support import UNIT

FIXTURES = UNIT / "fixtures"
GOLDEN = UNIT / "golden"
PAGE_URL = "onboarding/schedule/"  # the page the widgets are placed on in these tests
TITLES = {"onboarding/company.md": "公司与制度", "onboarding/index.md": "入职指南", "onboarding/schedule.md": "入职日程"}
SHOWN_ON = {("checklists", "golden-week"): "onboarding/first-month.md#checklist-golden-week"}  # as widgets.context gives it


@pytest.fixture(scope="module")
def handbook():
    loaded, problems = load_handbook(str(FIXTURES))
    assert not problems, "\n".join(map(str, problems))
    return loaded


def context(handbook, page_url: str = PAGE_URL) -> PageContext:
    return PageContext(
        page_url=page_url,
        page_title=lambda path: TITLES.get(path, path),
        widget_page=lambda kind, item_id: SHOWN_ON.get((kind, item_id)),
        widget_title=lambda kind, item_id: getattr(handbook, kind)[item_id].title,
    )


def render(handbook, widget: str, page_url: str = PAGE_URL) -> str:
    page = context(handbook, page_url)
    if widget == "checklist":
        return render_checklist("golden-week", handbook.checklists["golden-week"], page, "../../print/golden-week/")
    if widget == "agenda":
        return render_agenda("golden-days", handbook.agendas["golden-days"], page)
    if widget == "quiz":
        return render_quiz("golden-quiz", handbook.quizzes["golden-quiz"], page)
    if widget == "answer_key":
        return render_answer_key("golden-quiz", handbook.quizzes["golden-quiz"], page)
    raise ValueError(widget)


def soup(markup: str) -> BeautifulSoup:
    return BeautifulSoup(markup, "html.parser")


WIDGETS = {"checklist": "golden-week", "agenda": "golden-days", "quiz": "golden-quiz", "answer_key": "golden-quiz"}


# ---------------------------------------------------------------- golden files


@pytest.mark.parametrize("widget", WIDGETS)
def test_matches_golden_file(handbook, widget):
    actual = render(handbook, widget)
    golden = GOLDEN / f"{widget}.html"
    if os.environ.get("UPDATE_GOLDEN") == "1":
        golden.write_text(actual, encoding="utf-8")
        warnings.warn(f"rewrote {golden.relative_to(UNIT.parent.parent)}: review the diff", stacklevel=1)
    assert golden.is_file(), f"no golden file: run UPDATE_GOLDEN=1 pytest {__file__}"
    expected = golden.read_text(encoding="utf-8")
    if actual != expected:
        diff = "".join(difflib.unified_diff(expected.splitlines(True), actual.splitlines(True),
                                            f"golden/{widget}.html", "rendered", n=2))
        pytest.fail(f"rendered {widget} differs from its golden file (UPDATE_GOLDEN=1 to accept):\n{diff}")


def test_rendering_is_deterministic(handbook):
    """Same data, same HTML: builds are reproducible and the order question is shuffled the same way."""
    for widget in WIDGETS:
        assert render(handbook, widget) == render(handbook, widget)


# ---------------------------------------------------------------- what every widget promises


@pytest.mark.parametrize("widget", WIDGETS)
def test_root_element_names_widget_and_id(handbook, widget):
    tree = soup(render(handbook, widget))
    roots = [element for element in tree.contents if element.name]
    assert len(roots) == 1, "a widget is one element"
    root = roots[0]
    assert root["data-hb-widget"] == widget.replace("_", "-")
    assert root["data-hb-id"] == WIDGETS[widget]


@pytest.mark.parametrize("widget", WIDGETS)
def test_ids_are_unique(handbook, widget):
    ids = [element["id"] for element in soup(render(handbook, widget)).find_all(id=True)]
    assert len(ids) == len(set(ids)), sorted(ident for ident in ids if ids.count(ident) > 1)


@pytest.mark.parametrize("widget", WIDGETS)
def test_every_form_control_has_a_label(handbook, widget):
    tree = soup(render(handbook, widget))
    for control in tree.find_all(["input", "select", "textarea"]):
        if control.get("type") == "hidden":
            continue
        labelled = (control.get("aria-label") or control.get("aria-labelledby") or control.find_parent("label")
                    or (control.get("id") and tree.find("label", attrs={"for": control["id"]})))
        assert labelled, f"no label for {control}"
        label = tree.find("label", attrs={"for": control.get("id")}) if control.get("id") else None
        if label is not None:
            assert label.get_text(strip=True), f"empty label for {control}"


def test_every_checklist_item_is_a_labelled_checkbox(handbook):
    tree = soup(render(handbook, "checklist"))
    items = tree.select("[data-hb-item]")
    assert [item["data-hb-item"] for item in items] == ["collect-handbook", "script-test", "read-index"]
    for item in items:
        checkbox = item.find("input", attrs={"type": "checkbox"})
        assert checkbox is not None
        label = tree.find("label", attrs={"for": checkbox["id"]})
        assert label is not None and label.get_text(strip=True)


@pytest.mark.parametrize("widget", WIDGETS)
def test_trainer_text_cannot_inject_markup(handbook, widget):
    markup = render(handbook, widget)
    tree = soup(markup)
    assert not tree.find_all("script"), "no <script> in a widget: data goes in the data-hb-json attribute"
    for tag in ("b",):  # inline code `<b>代码</b>` and raw HTML stay text
        assert not tree.find(tag), f"<{tag}> from trainer text was rendered as HTML"
    if widget in ("checklist", "agenda", "quiz"):
        assert "&lt;script&gt;" in markup
    for element in tree.find_all(attrs={"data-hb-json": True}):  # one attribute, valid JSON
        json.loads(element["data-hb-json"])
    for raw in re.findall(r'data-hb-json="([^"]*)"', markup):  # and escaped: trainer text cannot leave it
        assert "<" not in raw and ">" not in raw and "'" not in raw


@pytest.mark.parametrize("widget", ["checklist", "agenda", "quiz"])
def test_root_names_its_browser_module(handbook, widget):
    root = next(element for element in soup(render(handbook, widget)).contents if element.name)
    assert root["data-hb-module"] == f"hb-{widget}.js"


def test_escaped_text_is_shown_as_written(handbook):
    tree = soup(render(handbook, "checklist"))
    label = tree.find("label", attrs={"for": "hb-golden-week-script-test"})
    assert '<script>alert("x")</script>' in label.get_text()
    assert label.find("code").get_text() == "<b>代码</b>"
    assert "练习清单 & 第一周" in tree.get_text()


def test_each_question_is_a_fieldset_with_a_legend(handbook):
    tree = soup(render(handbook, "quiz"))
    questions = tree.select("[data-hb-question]")
    assert [question["data-hb-question"] for question in questions] == \
        ["attachments", "materials", "reply-late", "kpi-fcr", "reply-stages"]
    for question in questions:
        assert question.name == "fieldset"
        legend = question.find(True, recursive=False)
        assert legend.name == "legend" and legend.get_text(strip=True), f"{question['data-hb-question']}: no legend first"
    single = tree.select('[data-hb-question="attachments"] input')
    assert {control["type"] for control in single} == {"radio"} and len({c["name"] for c in single}) == 1
    multiple = tree.select('[data-hb-question="materials"] input')
    assert {control["type"] for control in multiple} == {"checkbox"} and len(multiple) == 3


def test_order_question_never_starts_in_the_correct_order(handbook):
    tree = soup(render(handbook, "quiz"))
    keys = [int(item["data-hb-key"]) for item in tree.select('[data-hb-question="reply-stages"] [data-hb-key]')]
    assert sorted(keys) == [0, 1, 2] and keys != [0, 1, 2]


def quiz_data(tree) -> dict:
    return json.loads(tree.find(attrs={"data-hb-widget": "quiz"})["data-hb-json"])


def test_quiz_data_has_the_answers_and_no_markup(handbook):
    tree = soup(render(handbook, "quiz"))
    data = quiz_data(tree)
    assert data["id"] == "golden-quiz" and data["pass"] == 75 and data["mode"] == "practice"
    by_id = {question["id"]: question for question in data["questions"]}
    assert by_id["attachments"]["correct"] == [0]
    assert by_id["materials"]["correct"] == [0, 1]
    assert by_id["reply-late"]["answer"] is False
    assert by_id["kpi-fcr"]["answers"] == ["首次呼叫解决率", "FCR"]
    for question in data["questions"]:  # explanations, notes, answers in words and links are in the escaped HTML
        assert set(question) <= {"id", "type", "correct", "answer", "answers"}, question


def test_verdicts_name_the_answer_by_its_text_and_unanswered_is_not_wrong(handbook):
    verdicts = soup(render(handbook, "quiz")).select('[data-hb-question="materials"] [data-hb-verdict] [data-hb-when]')
    shown = {verdict["data-hb-when"]: verdict.get_text() for verdict in verdicts}
    assert shown["wrong"] == "✘ 回答错误。正确答案：员工守则；培训安排表", "options are named by their text: the quiz shows no letters"
    assert shown["open"] == "未作答。正确答案：员工守则；培训安排表" and "✘" not in shown["open"]
    assert shown["right"] == "✔ 回答正确" and all(verdict.has_attr("hidden") for verdict in verdicts)


def test_kept_answers_are_tied_to_the_questions_they_answer(handbook):
    """Unfinished answers are kept against data["rev"]: a changed option, a moved option or another
    question set gives another revision (the browser then drops them); a reworded prompt or explanation does not."""
    quiz = handbook.quizzes["golden-quiz"]
    rev = quiz_data(soup(render(handbook, "quiz")))["rev"]
    assert rev == answers_revision(quiz) and len(rev) == 12
    first = quiz.questions[0]
    assert isinstance(first, ChoiceQuestion)
    swapped = first.model_copy(update={"options": first.options[::-1]})
    reworded = first.model_copy(update={"options": [first.options[0].model_copy(update={"text": "别的"}), *first.options[1:]]})
    explained = first.model_copy(update={"explanation": "另一段解析", "prompt": "换个说法", "options": [
        first.options[0].model_copy(update={"explanation": "另一段选项解析"}), *first.options[1:]]})
    changed = {answers_revision(quiz.model_copy(update={"questions": questions})) for questions in (
        [swapped, *quiz.questions[1:]], [reworded, *quiz.questions[1:]], quiz.questions[1:], quiz.questions[::-1])}
    assert rev not in changed and len(changed) == 4
    assert answers_revision(quiz.model_copy(update={"questions": [explained, *quiz.questions[1:]]})) == rev


def test_quiz_feedback_is_rendered_escaped_in_the_page(handbook):
    tree = soup(render(handbook, "quiz"))
    attachments = tree.select_one('[data-hb-question="attachments"]')
    link = attachments.select_one("[data-hb-explain] a:-soup-contains('复习')")
    assert link["href"] == "../../trade-email/first-contact/#no-attachments"
    notes = attachments.select("[data-hb-feedback] [data-hb-note]")
    assert [note["data-hb-note"] for note in notes] == ["0", "1"] and all(note.has_attr("hidden") for note in notes)
    assert "带 <script>alert(1)</script> 附件" in notes[1].get_text(), "an option's text in its note stays text"
    marks = attachments.select("[data-hb-mark]")
    assert [mark["data-hb-mark"] for mark in marks] == ["right", "wrong"] and all(mark.has_attr("hidden") for mark in marks)
    assert "✔" in marks[0].get_text() and "✘" in marks[1].get_text(), "right and wrong in words, not colour only"
    verdict_free = tree.select('[data-hb-question="reply-late"] [data-hb-mark]')
    assert [mark["data-hb-mark"] for mark in verdict_free] == ["wrong", "right"], "true/false: 错误 is the right option here"


def test_a_review_url_past_validation_stays_an_attribute(handbook):
    """A payload that slipped past the link rules is still only an href value (issue 23)."""
    payload = 'https://example.com/"><img src=x onerror=alert(1)>'
    quiz = handbook.quizzes["golden-quiz"]
    first = quiz.questions[0].model_copy(update={"review": payload})
    planted = quiz.model_copy(update={"questions": [first, *quiz.questions[1:]]})
    tree = soup(render_quiz("golden-quiz", planted, context(handbook)))
    assert not tree.find("img") and not tree.find(attrs={"onerror": True})
    assert any(payload in (a.get("href") or "") for a in tree.find_all("a"))
    assert payload not in json.dumps(quiz_data(tree)), "the link is not handed to the script at all"


# ---------------------------------------------------------------- links


def hrefs(markup: str) -> list[str]:
    return [anchor["href"] for anchor in soup(markup).find_all("a", href=True)]


@pytest.mark.parametrize("widget", WIDGETS)
def test_no_docs_relative_link_is_left(handbook, widget):
    for href in hrefs(render(handbook, widget)):
        assert not re.search(r"\.md($|#)", href), f"{href} still points at a Markdown file"


@pytest.mark.parametrize(("page_url", "expected"), [
    ("onboarding/schedule/", {"../company/#rules", "../company/#leave", "../", "../../", "../first-month/#checklist-golden-week"}),
    ("", {"onboarding/company/#rules", "onboarding/company/#leave", "onboarding/", "./"}),
    ("onboarding/", {"company/#rules", "company/#leave", "./", "../"}),
    ("print/golden-week/", {"../../onboarding/company/#rules", "../../onboarding/", "../../"}),
])
def test_docs_relative_links_become_page_relative(handbook, page_url, expected):
    found = set(hrefs(render(handbook, "checklist", page_url)) + hrefs(render(handbook, "agenda", page_url)))
    assert expected <= found, sorted(found)
    assert "https://example.com/guide?a=1&b=2" in found  # external links are kept as written


def test_agenda_links_and_checklists(handbook):
    tree = soup(render(handbook, "agenda"))
    links = {anchor.get_text(): anchor["href"] for anchor in tree.find_all("a", href=True)}
    assert links["公司与制度"] == "../company/#leave"
    assert links["入职指南"] == "../"
    assert links["练习清单 & 第一周"] == "../first-month/#checklist-golden-week"
    days = tree.select("section[data-hb-day]")
    assert [day["data-hb-day"] for day in days] == ["1", "2"]
    assert all(day.find(re.compile(r"^h3$")) for day in days)


# ---------------------------------------------------------------- honest progress


def test_current_ids_name_every_countable_item(handbook):
    ids = current_ids(handbook.checklists, handbook.quizzes, handbook.agendas)
    assert ids["checklist.golden-week"] == ["collect-handbook", "script-test", "read-index"]
    assert ids["quiz.golden-quiz"] == ["attachments", "materials", "reply-late", "kpi-fcr", "reply-stages"]
    assert ids["agenda.golden-days"] == []


def test_track_and_dashboard_carry_the_current_ids(handbook):
    ids = current_ids(handbook.checklists, handbook.quizzes, handbook.agendas)
    track = Track(id="golden", title="练习", steps=[TrackStep(checklist="golden-week"), TrackStep(quiz="golden-quiz"),
                                                   TrackStep(page="onboarding/company.md")])
    page = context(handbook)
    root = soup(render_track(track, page, ids, None)).find(attrs={"data-hb-widget": "track"})
    steps = json.loads(root["data-hb-json"])["steps"]
    assert [step["ids"] for step in steps] == [ids["checklist.golden-week"], ids["quiz.golden-quiz"], []]
    assert root["data-hb-module"] == "hb-progress.js"
    dashboard = soup(render_dashboard([track], [], "公司", page, ids)).find(attrs={"data-hb-widget": "dashboard"})
    data = json.loads(dashboard["data-hb-json"])
    assert data["ids"] == ids
    assert data["marks"] == ["mark.page.onboarding/company.md"], "the only keys an import may bring for read/attended marks"


def test_cohort_view_reads_files_as_the_dashboard_does_and_renders_the_questions_escaped(handbook):
    """The cohort view hands the browser the dashboard's keys (current ids, marks) plus titles and
    track steps; the item analysis questions are rendered here, escaped, with their review links."""
    ids = current_ids(handbook.checklists, handbook.quizzes, handbook.agendas)
    track = Track(id="golden", title="练习", steps=[TrackStep(checklist="golden-week"), TrackStep(quiz="golden-quiz"),
                                                   TrackStep(page="onboarding/company.md")])
    page = context(handbook)
    markup = render_cohort([track], handbook.quizzes, "<公司>", page, ids)
    tree = soup(markup)
    root = tree.find(attrs={"data-hb-widget": "cohort"})
    assert root["data-hb-module"] == "hb-cohort.js"
    data = json.loads(root["data-hb-json"])
    assert data["ids"] == ids and data["marks"] == ["mark.page.onboarding/company.md"]
    assert data["titles"]["quiz.golden-quiz"] == handbook.quizzes["golden-quiz"].title
    assert [step["key"] for step in data["tracks"][0]["steps"]] == [
        "checklist.golden-week", "quiz.golden-quiz", "page.onboarding/company.md"]
    questions = tree.select("[data-hb-quiz=golden-quiz] li[data-hb-question]")
    assert [li["data-hb-question"] for li in questions] == ids["quiz.golden-quiz"]
    first = handbook.quizzes["golden-quiz"].questions[0]
    assert questions[0].find("strong").get_text() == "附件", "the prompt's inline Markdown"
    assert questions[0].find("a", string=re.compile("复习"))["href"] == links.href(first.review, PAGE_URL)
    assert not tree.find_all("script") and "&lt;公司&gt;" in markup
    for control in tree.find_all(["input", "select"]):
        assert tree.find("label", attrs={"for": control["id"]}).get_text(strip=True)
    element_ids = [element["id"] for element in tree.find_all(id=True)]
    assert len(element_ids) == len(set(element_ids))
