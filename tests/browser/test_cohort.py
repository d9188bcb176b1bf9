"""The trainers' cohort view (docs/trainers/cohort.md, hb-cohort.js): a class's exported progress
files in one table, sorted by any column, as CSV and on paper; the most missed questions.

The class is made here from fixed inputs (30 people, two broken files); every number the tests
expect is worked out from the same inputs. Exports made through the site's own controls are read too.
"""

from __future__ import annotations

import csv
import io
import json
import random

import pytest

from browser_helpers import FIXED_NOW, load_data, pdf_page_count
from test_a11y import assert_no_violations
from test_quiz import answer, question  # the quiz tests' own way to answer each question type

URL = "trainers/cohort/"
TRACK = "intl-sales"
QUIZ = "onboarding"
CHECKLIST = "first-day"
INJECTION = '=HYPERLINK("http://evil.example/")'


def question_ids(quiz_id: str) -> list[str]:
    return [q["id"] for q in load_data("quizzes", quiz_id)["questions"]]


def item_ids(checklist_id: str) -> list[str]:
    return [item["id"] for group in load_data("checklists", checklist_id)["groups"] for item in group["items"]]


def track_steps(track_id: str) -> list[dict]:
    return next(t for t in load_data("", "tracks")["tracks"] if t["id"] == track_id)["steps"]


def progress_file(name: str | None, items: dict, version: int = 2) -> str:
    content = {"format": "handbook-progress", "version": version, "exported": "2027-03-09T01:30:00Z", "items": items}
    if name is not None:
        content["name"] = name
    return json.dumps(content, ensure_ascii=False)


def make_class() -> tuple[list[dict], dict[str, str]]:
    """30 people (seeded, so the same every run) and their files; two more files are broken."""
    chance = random.Random(33)
    questions, items = question_ids(QUIZ), item_ids(CHECKLIST)
    people, files = [], {}
    for n in range(1, 31):
        name = INJECTION if n == 7 else f"学员{n:02d}"
        done = items[: chance.randint(0, len(items))]
        results = {q: int(chance.random() < 0.3 + 0.6 * i / len(questions)) for i, q in enumerate(questions)}
        version = 1 if n == 30 else 2  # an older handbook's file: no name, no per-question results
        score = round(100 * sum(results.values()) / len(questions))
        quiz = {"v": 2, "set": ",".join(questions), "best": score, "passed": score >= 80, "last": score,
                "lastDate": "2027-03-05", "bestDate": "2027-03-05"}
        if version == 2:
            quiz["results"] = results
        person = {"name": name if version == 2 else f"old-{n}", "done": len(done), "score": score,
                  "results": results if version == 2 else None}
        people.append(person)
        files[f"{person['name'] if version == 2 else f'old-{n}'}.json" if n != 7 else "seven.json"] = progress_file(
            name if version == 2 else None,
            {f"checklist.{CHECKLIST}": {"v": 1, "done": {i: "2027-03-04" for i in done}}, f"quiz.{QUIZ}": quiz},
            version)
    files["broken.json"] = "{not json"
    files["foreign.json"] = json.dumps({"format": "something-else", "version": 1, "items": {}})
    return people, files


PEOPLE, FILES = make_class()


def write_files(tmp_path, files: dict[str, str]) -> list[str]:
    paths = []
    for name, text in files.items():
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        paths.append(str(path))
    return paths


def open_view(page):
    page.goto(URL)
    root = page.locator("[data-hb-widget=cohort][data-hb-ready]")
    root.wait_for(state="attached")
    return root


def load_class(page, tmp_path, files=FILES):
    root = open_view(page)
    root.locator("[data-hb-files]").set_input_files(write_files(tmp_path, files))
    root.locator("[data-hb-rows] tr").first.wait_for()
    return root


def column_of(root, title: str) -> int:
    heads = root.locator("[data-hb-head] th").all_inner_texts()
    return next(i for i, text in enumerate(heads) if text.rstrip(" ▲▼") == title)


def column(root, index: int) -> list[str]:
    return root.locator("[data-hb-rows] tr").evaluate_all(
        "(rows, i) => rows.map(r => r.children[i].textContent)", index)


def test_thirty_files_one_row_each_broken_ones_named_and_skipped(page, tmp_path):
    root = load_class(page, tmp_path)
    assert root.locator("[data-hb-rows] tr").count() == 30
    skipped = root.locator("[data-hb-skipped]").inner_text()
    assert "broken.json" in skipped and "foreign.json" in skipped
    assert "已读入 30 人" in root.locator("[data-hb-message]").inner_text()
    names = column(root, 0)
    assert "学员01" in names and INJECTION in names and "old-30" in names  # a file without a name: its file name
    size = len(item_ids(CHECKLIST))
    checklist_column = column_of(root, load_data("checklists", CHECKLIST)["title"])
    quiz_column = column_of(root, load_data("quizzes", QUIZ)["title"])
    by_name = {r[0]: r for r in root.locator("[data-hb-rows] tr").evaluate_all(
        "rows => rows.map(r => Array.from(r.children, c => c.textContent))")}
    for person in PEOPLE:
        row = by_name[person["name"]]
        assert row[checklist_column].endswith(f"{person['done']}/{size}")
        passed = person["score"] >= 80
        assert row[quiz_column] == ("✔ " if passed else "") + f"{person['score']}%（{'及格' if passed else '未及格'}）"
    assert len(root.locator("[data-hb-head] th").all()) == len(track_steps(TRACK)) + 2
    stored = page.evaluate("Object.keys(localStorage).filter(k => k.includes('hb.') && !k.endsWith('hb.probe'))")
    assert stored == [], "the cohort view stores nothing"


def test_every_column_sorts_both_ways_with_aria_sort(page, tmp_path):
    root = load_class(page, tmp_path)
    quiz_column = column_of(root, load_data("quizzes", QUIZ)["title"])
    header = root.locator("[data-hb-head] th").nth(quiz_column)
    header.get_by_role("button").click()
    assert root.locator("[data-hb-head] th").nth(quiz_column).get_attribute("aria-sort") == "ascending"
    scores = [int(text.lstrip("✔ ").split("%")[0]) for text in column(root, quiz_column)]
    assert scores == sorted(p["score"] for p in PEOPLE)
    button = root.locator("[data-hb-head] th").nth(quiz_column).get_by_role("button")
    button.focus()
    page.keyboard.press("Enter")  # by keyboard: the button keeps the focus
    assert root.locator("[data-hb-head] th").nth(quiz_column).get_attribute("aria-sort") == "descending"
    assert page.evaluate("document.activeElement.dataset.hbSort") == str(quiz_column)
    scores = [int(text.lstrip("✔ ").split("%")[0]) for text in column(root, quiz_column)]
    assert scores == sorted((p["score"] for p in PEOPLE), reverse=True)
    assert root.locator("[data-hb-head] th[aria-sort]").count() == 1
    root.locator("[data-hb-head] th").nth(0).get_by_role("button").click()
    assert root.locator("[data-hb-head] th").nth(0).get_attribute("aria-sort") == "ascending"
    ascending = column(root, 0)
    root.locator("[data-hb-head] th").nth(0).get_by_role("button").click()
    assert column(root, 0) == ascending[::-1] and sorted(ascending) == sorted(p["name"] for p in PEOPLE)


def test_item_analysis_lists_the_most_missed_questions_first_with_their_section(page, tmp_path):
    root = load_class(page, tmp_path)
    with_results = [p for p in PEOPLE if p["results"]]
    missed = {q: sum(1 - p["results"][q] for p in with_results) for q in question_ids(QUIZ)}
    box = root.locator(f"[data-hb-quiz={QUIZ}]")
    assert box.is_visible()
    shown = box.locator("li[data-hb-question]:visible")
    ids = shown.evaluate_all("items => items.map(li => li.dataset.hbQuestion)")
    assert ids == sorted((q for q in missed if missed[q]), key=lambda q: -missed[q])
    first = shown.first
    assert first.inner_text().startswith(f"{missed[ids[0]]}/{len(with_results)} 人答错")
    review = next(q for q in load_data("quizzes", QUIZ)["questions"] if q["id"] == ids[0])["review"]
    path, _, anchor = review.partition("#")
    assert first.locator("a", has_text="复习").get_attribute("href").endswith(
        path.removesuffix(".md").removesuffix("index").rstrip("/") + "/" + (f"#{anchor}" if anchor else ""))


def test_csv_for_excel_bom_chinese_headers_and_no_formulas(page, tmp_path):
    page.clock.install(time=FIXED_NOW)
    root = load_class(page, tmp_path)
    with page.expect_download() as download:
        root.get_by_role("button", name="导出 CSV（Excel）").click()
    assert download.value.suggested_filename == "培训班进度-国际站销售-2027-03-09.csv"
    target = tmp_path / "class.csv"
    download.value.save_as(target)
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "UTF-8 with BOM, so Excel reads the Chinese"
    assert raw.count(b"\r\n") == 31 and raw.endswith(b"\r\n")
    rows = list(csv.reader(io.StringIO(raw[3:].decode("utf-8"), newline="")))
    assert rows[0][:2] == ["姓名", "文件"] and rows[0][-1] == "完成步骤"
    assert len(rows[0]) == len(track_steps(TRACK)) + 3
    assert len(rows) == 31
    names = [row[0] for row in rows[1:]]
    assert "'" + INJECTION in names, "a cell starting with = is prefixed, so Excel shows it as text"
    assert not any(cell[:1] in "=+-@" for row in rows for cell in row if cell), "no cell Excel would run"


def test_csv_cell_rules(page, tmp_path):
    load_class(page, tmp_path)
    cells = page.evaluate("""() => ['=1+2', '+1', '-1', '@SUM(A1)', '\\tx', 'a,b', 'say "hi"', '王小明', '1/4']
        .map(window.hb.cohortCsvCell)""")
    assert cells == ["'=1+2", "'+1", "'-1", "'@SUM(A1)", "'\tx", '"a,b"', '"say ""hi"""', "王小明", "1/4"]


def test_printed_record_is_landscape_with_everyone_and_signatures(page, tmp_path):
    root = load_class(page, tmp_path)
    page.evaluate("window.print = () => {}")
    root.get_by_role("button", name="打印全班进度记录").click()
    page.wait_for_function("() => document.body.classList.contains('hb-printing-cohort')")
    page.emulate_media(media="print")
    assert not page.locator("[data-hb-controls]").is_visible()
    assert not page.locator(".md-header").is_visible()
    pdf = page.pdf(prefer_css_page_size=True)
    pypdf = pytest.importorskip("pypdf")
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    box = reader.pages[0].mediabox
    assert float(box.width) > float(box.height), "A4 landscape"
    assert round(float(box.width) / 72 * 25.4) == 297
    text = "".join(sheet.extract_text() for sheet in reader.pages)
    assert "学员01" in text and "学员30" not in text and "old-30" in text and "培训师签字" in text
    assert 1 <= pdf_page_count(pdf) <= 3, "30 people on a few sheets"


def test_exports_made_through_the_site_are_read(page, tmp_path):
    """Two readers use the site: tick, answer, type their name, export; the trainer reads both files."""
    questions = load_data("quizzes", QUIZ)["questions"]
    exported = []
    for name, wrong in (("王小明", 0), ("李华", 1)):
        page.goto("onboarding/")
        page.evaluate("localStorage.clear()")  # the next reader, in a browser of their own
        page.goto("onboarding/quiz/")
        quiz = page.locator(f"[data-hb-widget=quiz][data-hb-id={QUIZ}][data-hb-ready]")
        for i, q in enumerate(questions):
            answer(question(quiz, q["id"]), q, right=i != wrong)
        quiz.get_by_role("button", name="交卷", exact=True).click()
        quiz.locator("[data-hb-score]").wait_for()
        page.goto("progress/")
        page.locator("[data-hb-widget=dashboard][data-hb-ready]").wait_for(state="attached")
        page.fill("[data-hb-name]", name)
        page.locator("[data-hb-name]").blur()
        with page.expect_download() as download:
            page.get_by_role("button", name="导出进度").click()
        target = tmp_path / download.value.suggested_filename
        download.value.save_as(target)
        exported.append(str(target))
    root = open_view(page)
    root.locator("[data-hb-files]").set_input_files(exported)
    root.locator("[data-hb-rows] tr").nth(1).wait_for()
    assert sorted(column(root, 0)) == sorted(["王小明", "李华"])
    score = round(100 * (len(questions) - 1) / len(questions))
    quiz_column = column_of(root, load_data("quizzes", QUIZ)["title"])
    assert {text.lstrip("✔ ").split("（")[0] for text in column(root, quiz_column)} == {f"{score}%"}
    missed = root.locator(f"[data-hb-quiz={QUIZ}] li[data-hb-question]:visible")
    assert sorted(missed.evaluate_all("items => items.map(li => li.dataset.hbQuestion)")) == sorted(
        [questions[0]["id"], questions[1]["id"]])
    assert missed.first.inner_text().startswith("1/2 人答错")


def test_cohort_view_after_use_is_accessible(page, tmp_path):
    load_class(page, tmp_path)
    assert_no_violations(page)


def test_without_javascript_it_says_what_to_do(new_page):
    page = new_page(java_script_enabled=False)
    page.goto(URL)
    note = page.locator("[data-hb-widget=cohort] .hb-nojs-note")
    assert note.is_visible() and "JavaScript" in note.inner_text()
    assert not page.locator("[data-hb-controls]").is_visible()


def test_phone_width_keeps_the_page_from_scrolling_sideways(new_page, tmp_path):
    page = new_page(viewport={"width": 390, "height": 844})
    root = load_class(page, tmp_path)
    assert root.locator("[data-hb-rows] tr").count() == 30
    assert page.evaluate("document.documentElement.scrollWidth") <= 390, "the wide table scrolls in its own box"
