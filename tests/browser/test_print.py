"""Paper: PDFs rendered by Chromium as a reader's "print to PDF" would be, read back with pypdf.

Page counts, and text that must and must not be on each sheet: the training record (20-step track
on one sheet, signatures never alone), a track's packet (every checklist titled, one per sheet),
the quiz worksheet; plus the print colours of links, titles and ticked boxes.
"""

from __future__ import annotations

import io
import re
import unicodedata

import pytest

from browser_helpers import load_data, widget

pypdf = pytest.importorskip("pypdf")

TRACK = "intl-sales"


def norm(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def pdf_pages(page) -> list[str]:
    """The text of each printed sheet. NFKC because the CJK font maps some glyphs to Kangxi
    radicals (⼊ for 入); whitespace removed because PDF text has none between CJK runs."""
    page.emulate_media(media="print")
    pdf = page.pdf(prefer_css_page_size=True)
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    return [norm(sheet.extract_text()) for sheet in reader.pages]


def track_steps(track_id: str) -> list[dict]:
    import yaml

    from browser_helpers import DATA

    tracks = yaml.safe_load((DATA / "tracks.yml").read_text(encoding="utf-8"))["tracks"]
    return next(track for track in tracks if track["id"] == track_id)["steps"]


def open_record(page, extra_rows: int = 0):
    """我的进度 → 打印培训记录单 for the 20-step track, with window.print stubbed out."""
    page.goto("progress/")
    page.locator("[data-hb-widget=dashboard][data-hb-ready]").wait_for(state="attached")
    page.select_option("[data-hb-track-select]", TRACK)
    page.evaluate("window.print = () => {}")
    page.fill("[data-hb-name]", "张三")
    page.click("[data-hb-action=record]")
    if extra_rows:
        page.evaluate("""n => {
            const body = document.querySelector('[data-hb-record-rows]'), first = body.firstElementChild;
            for (let i = 1; i <= n; i++) {
                const row = first.cloneNode(true); row.firstElementChild.textContent = '额外步骤' + i; body.appendChild(row);
            }
        }""", extra_rows)
    rows = page.locator("[data-hb-record-rows] tr")
    assert rows.count() == len(track_steps(TRACK)) + extra_rows


def test_training_record_of_20_steps_is_one_sheet_with_its_signatures(page):
    assert len(track_steps(TRACK)) == 20
    open_record(page)
    sheets = pdf_pages(page)
    assert len(sheets) == 1, [sheet[:80] for sheet in sheets]
    sheet = sheets[0]
    assert "新员工培训记录单" in sheet and norm("姓名：张三") in sheet
    assert "预览" not in sheet, "the on-screen heading note is not printed"
    assert "只用于打印" not in sheet and "不会保存或上传" not in sheet
    for role in ("新员工签字", "导师签字", "主管签字"):
        assert role in sheet
    assert sheet.index("入职第一个月") < sheet.index("新员工签字"), "the last step, then the signatures"
    assert page.console_errors == []


def test_a_long_record_never_leaves_the_signatures_alone(page):
    open_record(page, extra_rows=14)
    sheets = pdf_pages(page)
    assert len(sheets) >= 2
    last = sheets[-1]
    assert "新员工签字" in last and all("新员工签字" not in sheet for sheet in sheets[:-1])
    assert "额外步骤14" in last, "the last row goes with the signatures"
    assert "签字确认" in last and "新员工培训记录单" in last.split("签字确认")[1], "a heading says what is signed"


def test_packet_titles_every_checklist_on_its_own_sheet(page):
    checklists = [step["checklist"] for step in track_steps(TRACK) if "checklist" in step]
    titles = [norm(load_data("checklists", item)["title"]) for item in checklists]
    page.goto(f"print/packet-{TRACK}/")
    sheets = pdf_pages(page)
    starts = [next(index for index, sheet in enumerate(sheets) if title in sheet) for title in titles]
    assert starts[0] == 0 and "入职清单合集" in sheets[0]
    first_sheet_after_h1 = sheets[0].split("入职清单合集", 1)[1]
    assert first_sheet_after_h1.startswith(titles[0]), "the first checklist keeps its title under the packet's"
    assert starts == sorted(starts) and len(set(starts)) == len(starts), "each checklist starts a sheet"
    for title, start in zip(titles, starts, strict=True):
        assert sheets[start].count(title) >= 1


def test_single_checklist_sheet_shows_its_title_once(page):
    title = norm(load_data("checklists", "first-day")["title"])
    page.goto("print/first-day/")
    sheets = pdf_pages(page)
    assert sheets[0].startswith(title) and not sheets[0].startswith(title * 2)


def test_quiz_worksheet_has_a_paper_hint_not_the_buttons_one(page):
    page.goto("onboarding/quiz/")
    widget(page, "quiz", "onboarding")
    text = "".join(pdf_pages(page))
    assert "上移" not in text and "下移" not in text, "the on-screen hint talks about buttons"
    assert "括号里写上序号" in text
    assert "查看答案" not in text and "检查本题" not in text


def print_styles(page, selector: str) -> dict:
    return page.locator(selector).first.evaluate("""el => { const s = getComputedStyle(el);
        return {color: s.color, decoration: s.textDecorationLine, background: s.backgroundColor, image: s.backgroundImage}; }""")


def test_links_titles_and_ticks_print_black_on_white(page):
    page.goto("print/first-day/")
    root = widget(page, "checklist", "first-day")
    root.locator("input[type=checkbox]").first.check()
    page.emulate_media(media="print")
    link = print_styles(page, "article a[href]:not(.headerlink)")
    assert link["color"] == "rgb(0, 0, 0)" and link["decoration"] == "none", link
    for title in ("article h1", ".hb-checklist__group legend"):
        assert print_styles(page, title)["color"] == "rgb(0, 0, 0)", title
    ticked = print_styles(page, ".hb-checklist__item input:checked")
    assert ticked["background"] == "rgba(0, 0, 0, 0)", "no solid black square"
    assert "svg" in ticked["image"], "a tick mark instead"
    assert print_styles(page, ".hb-checklist__item input:not(:checked)")["image"] == "none"
