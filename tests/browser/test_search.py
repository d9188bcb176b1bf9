"""The handbook's search (issue #30): docs/assets/hb-search.js over search/hb/ (macros/search_index.py).

Each question of search_queries.yml (the TUNING set) is put into the search box in headless Chromium
and the ranked result links (`a[data-hb-search-result]`, in rank order) are read. The box is filled
without any key press: the search listens to `input` events, so paste, an input method's commit,
autofill and voice input search as typing does. The held-out set (search_heldout.yml) is checked
only as totals: never tune the search on its questions (see the file).

Latency is measured inside the page: a capturing `input` listener stores performance.now() when
the text arrives, and a MutationObserver stores it when the results' status turns "done".

Run with `-s` to see the table: question, rank of the expected page, time. To debug a miss, use
`python -m benchmarks.search_eval SITE --engine node --show tuning` (the same code, in Node).
"""

from __future__ import annotations

import re
import statistics
import time
import unicodedata
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from browser_helpers import loopback_sitemap

QUERIES_FILE = Path(__file__).with_name("search_queries.yml")
HELDOUT_FILE = Path(__file__).with_name("search_heldout.yml")
TOP1_TARGET = 0.85
TOP3_TARGET = 0.95
# Held-out floors: just under what the search reaches (84.5 % / 93.5 % on 2026-12-08, with the
# pages' declared questions, the sound-alike path and the wider synonyms; dev/search.md), so that a
# change that loses ground fails. Never raised by tuning on these questions. The aim is
# higher (90 % / 97 %).
HELDOUT_TOP1_FLOOR = 0.84
HELDOUT_TOP3_FLOOR = 0.93
MEDIAN_MS_TARGET = 100.0
NONSENSE_QUERIES = ["qzxjvkw", "zzqx wvkj"]

# Installed once per page: records when text arrives and when results are shown.
INSTRUMENT = """() => {
  const box = document.querySelector("[data-hb-search-input]");
  const status = document.querySelector("[data-hb-search-status]");
  const state = window.__searchTiming = { input: null, shown: null };
  box.addEventListener("input", () => { state.input = performance.now(); state.shown = null; }, true);
  new MutationObserver(() => {
    if (state.input !== null && state.shown === null && status.dataset.hbSearchStatus === "done")
      state.shown = performance.now();
  }).observe(status, { attributes: true, attributeFilter: ["data-hb-search-status"] });
}"""

DONE = "() => document.querySelector('[data-hb-search-status]').dataset.hbSearchStatus === 'done'"
IDLE = "() => document.querySelector('[data-hb-search-status]').dataset.hbSearchStatus === 'idle'"
RESULT_LINKS = "() => Array.from(document.querySelectorAll('a[data-hb-search-result]'), link => link.href)"
META = "[data-hb-search-meta]"


def load_queries(path: Path = QUERIES_FILE) -> list[tuple[str, str, str]]:
    """(persona, query, expected page) from a query file, in file order."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    rows, seen = [], set()
    for persona, entries in data.items():
        for query, expected in entries.items():
            assert str(query) not in seen, f"{path.name}: {query!r} appears twice"
            seen.add(str(query))
            rows.append((persona, str(query), expected))
    return rows


def pad(text: str, width: int) -> str:
    """Left-justify by display width: a Chinese character takes two columns."""
    shown = sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)
    return text + " " * max(0, width - shown)


def page_path(href: str, site_url: str) -> str:
    """The page of a result link, relative to the site root, without the #fragment."""
    path = urlsplit(href).path
    base = urlsplit(site_url).path
    return path[len(base):] if path.startswith(base) else path


class SearchBox:
    """The search dialog on one page, opened with "/" and filled without a key press."""

    def __init__(self, page, site_url: str):
        self.page = page
        self.site_url = site_url
        page.goto(site_url)
        page.keyboard.press("/")
        self.input = page.locator("[data-hb-search-input]")
        self.input.wait_for(state="visible")
        page.wait_for_function("() => document.activeElement.matches('[data-hb-search-input]')")
        page.evaluate(INSTRUMENT)

    def clear(self):
        self.input.fill("")
        self.page.wait_for_function(IDLE)

    def search(self, query: str) -> tuple[list[str], float]:
        """Result pages in order (deduplicated) and milliseconds from the text arriving to results."""
        self.clear()
        self.input.fill(query)
        self.page.wait_for_function("() => window.__searchTiming.shown !== null")
        timing = self.page.evaluate("() => window.__searchTiming")
        pages: list[str] = []
        for href in self.page.evaluate(RESULT_LINKS):
            path = page_path(href, self.site_url)
            if path not in pages:
                pages.append(path)
        return pages, timing["shown"] - timing["input"]


@pytest.fixture
def search_box(page, site_url):
    return SearchBox(page, site_url)


def ranks(search_box, queries):
    rows = []
    for persona, query, expected in queries:
        pages, elapsed = search_box.search(query)
        rank = pages.index(expected) + 1 if expected in pages else None
        rows.append((persona, query, expected, rank, elapsed, pages[:3]))
    return rows


def rates(rows):
    return (sum(1 for row in rows if row[3] == 1) / len(rows),
            sum(1 for row in rows if row[3] is not None and row[3] <= 3) / len(rows))


def test_queries_land_on_the_right_page(search_box, site):
    queries = load_queries()
    assert len(queries) >= 60, "the query set should stay realistic and broad"
    rows = ranks(search_box, queries)

    print(f"\n{pad('query', 22)}  rank  time ms  expected page (and the top 3 when it is not first)")
    for _, query, expected, rank, elapsed, top in rows:
        note = expected if rank == 1 else f"{expected}  ← got {', '.join(top) or '(nothing)'}"
        print(f"{pad(query, 22)}  {rank or '-':>4}  {elapsed:7.1f}  {note}")
    print()
    for persona in dict.fromkeys(row[0] for row in rows):
        subset = [row for row in rows if row[0] == persona]
        first, top3 = rates(subset)
        print(f"{persona:<12} {len(subset):3} queries: top-1 {first:6.1%}, top-3 {top3:6.1%}")
    top1, top3 = rates(rows)
    median = statistics.median(row[4] for row in rows)
    print(f"{'all':<12} {len(rows):3} queries: top-1 {top1:6.1%}, top-3 {top3:6.1%}; "
          f"median {median:.1f} ms from the text arriving to results")

    problems = []
    if top3 < TOP3_TARGET:
        problems.append(f"top-3 {top3:.1%} < {TOP3_TARGET:.0%}")
    if top1 < TOP1_TARGET:
        problems.append(f"top-1 {top1:.1%} < {TOP1_TARGET:.0%}")
    if median > MEDIAN_MS_TARGET:
        problems.append(f"median latency {median:.1f} ms > {MEDIAN_MS_TARGET:.0f} ms")
    if problems:
        missed = [f"{query!r} → {expected}: rank {rank or 'none'}, got {top}"
                  for _, query, expected, rank, _, top in rows if rank != 1]
        problems.append("queries whose expected page is not first (fix headings or the synonyms in "
                        "includes/glossary/synonyms.txt):\n  " + "\n  ".join(missed))
    assert not problems, "\n".join(problems)


def test_heldout_questions_totals_only(search_box):
    """Totals only, by design: the questions are not printed, so nobody tunes on them."""
    rows = ranks(search_box, load_queries(HELDOUT_FILE))
    top1, top3 = rates(rows)
    empty = sum(1 for row in rows if not row[5])
    print(f"\nheld-out {len(rows)} questions: top-1 {top1:.1%}, top-3 {top3:.1%}, empty {empty}")
    assert empty == 0, f"{empty} held-out questions got no result"
    assert top1 >= HELDOUT_TOP1_FLOOR and top3 >= HELDOUT_TOP3_FLOOR, \
        f"held-out top-1 {top1:.1%} / top-3 {top3:.1%} fell below {HELDOUT_TOP1_FLOOR:.0%} / {HELDOUT_TOP3_FLOOR:.0%}"


@pytest.mark.parametrize("query", NONSENSE_QUERIES)
def test_nonsense_query_offers_the_faq_and_glossary(search_box, query):
    pages, _ = search_box.search(query)
    assert pages == ["onboarding/faq/", "glossary/"], f"{query!r} should offer the FAQ and the glossary, got {pages}"
    assert search_box.page.locator(META).inner_text().startswith("没有找到符合条件的结果")


@pytest.mark.parametrize("query", ["婚假", "丧假有几天", "怎么样"])
def test_handbook_words_never_get_nothing_found(search_box, query):
    """No page holds the phrase, but every character is a word of the handbook: closest pages."""
    pages, _ = search_box.search(query)
    assert pages, f"{query!r} found nothing"
    assert "没有找到" not in search_box.page.locator(META).inner_text()


# --- Questions ---

# Topic words and the ways people wrap them in a question. Each question must land on the page the
# bare word lands on: the question words around it neither empty the list nor move the answer.
TOPICS = ["导师", "报销", "储物柜", "询盘", "试用期", "工单", "关键词", "排班", "跟听", "RFQ"]
QUESTION_FORMS = ["我的{}是谁", "{}在哪", "{}在哪里", "{}怎么办", "怎么{}", "怎样{}", "{}是什么", "什么是{}",
                  "{}吗", "{}呢", "如何{}"]


@pytest.mark.parametrize("topic", TOPICS)
def test_questions_land_where_the_bare_word_lands(search_box, topic):
    bare, _ = search_box.search(topic)
    assert bare, f"{topic!r} finds nothing"
    wrong = {}
    for form in QUESTION_FORMS:
        question = form.format(topic)
        pages, _ = search_box.search(question)
        if pages[:1] != bare[:1]:
            wrong[question] = pages[:3]
    assert wrong == {}, f"{topic!r} lands on {bare[0]}, but these questions do not: {wrong}"


MARKS = "() => Array.from(document.querySelectorAll('[data-hb-search-result] mark'), mark => mark.textContent)"


def test_reimbursement_finds_reimbursement_not_quotations(search_box):
    """A search for 报销 must not rank the 报价 (quotation) pages first, and marks 报销 whole."""
    pages, _ = search_box.search("报销")
    assert pages[0] == "onboarding/company/"
    page = search_box.page
    page.wait_for_function("() => document.querySelector('a[data-hb-search-result]').hash !== ''")
    assert page.evaluate("() => document.querySelector('a[data-hb-search-result]').hash") == "#reimbursement"
    marks = page.evaluate(MARKS)
    assert marks and all(mark == "报销" for mark in marks), f"highlighted besides 报销: {set(marks)}"


# --- Any input, the keyboard, the phone ---

def test_text_without_a_key_press_searches(page, site_url):
    """Paste, an input method's commit and autofill set the text without key events."""
    page.set_viewport_size({"width": 1280, "height": 800})  # the search box shows in the header
    page.goto(site_url)
    box = page.locator("[data-hb-search-input]")
    box.click()
    box.fill("报价单")  # no key press
    page.wait_for_function(DONE)
    assert page_path(page.evaluate(RESULT_LINKS)[0], site_url) == "trade-email/inquiry-reply/"
    # An input method: text arrives while composing, the search waits for the commit
    page.evaluate("""() => {
      const box = document.querySelector("[data-hb-search-input]");
      box.value = "跟听";
      box.dispatchEvent(new InputEvent("input", { isComposing: true, bubbles: true }));
      box.dispatchEvent(new CompositionEvent("compositionend", { data: "跟听", bubbles: true }));
    }""")
    page.wait_for_function("""() => document.querySelector("a[data-hb-search-result]")
      .href.includes("/call-center/coaching/")""")


def test_keyboard_reaches_and_opens_the_first_result(page, site_url):
    page.goto(site_url)
    page.keyboard.press("/")
    page.keyboard.insert_text("排班")  # as an input method commits text
    page.wait_for_function(DONE)
    page.keyboard.press("ArrowDown")
    assert page.evaluate("() => document.activeElement.matches('a[data-hb-search-result]')")
    page.keyboard.press("ArrowUp")
    assert page.evaluate("() => document.activeElement.matches('[data-hb-search-input]')")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/call-center/scheduling/"))


def test_highlights_never_split_a_word_on_a_phone(page, site_url):
    page.set_viewport_size({"width": 390, "height": 844})
    box = SearchBox(page, site_url)
    box.search("首次呼叫解决率")
    page.wait_for_function("() => document.querySelectorAll('[data-hb-search-result] mark').length > 3")
    split = page.evaluate("""() => Array.from(document.querySelectorAll("[data-hb-search-result] mark"))
      .filter(mark => new Set(Array.from(mark.getClientRects(), rect => Math.round(rect.top))).size > 1)
      .map(mark => mark.textContent)""")
    assert split == [], f"highlighted words split across lines: {split}"
    assert "首次呼叫解决率" in page.evaluate(MARKS)


# --- The search and its index are downloaded on demand (docs/assets/hb-search-on-demand.js) ---

def watch_requests(page, pattern: str) -> list[str]:
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url) if re.search(pattern, request.url) else None)
    return requested


INDEX = r"/search/hb/meta\.json$"


def test_no_download_until_a_search_starts(page, site_url):
    index = watch_requests(page, INDEX)
    script = watch_requests(page, r"/hb-search\.js$")
    material_index = watch_requests(page, r"search_index\.json")
    page.goto(site_url + "onboarding/company/")
    page.wait_for_load_state("networkidle")
    assert index == [] and script == [], "the page downloaded the search although nobody searched"

    started = time.perf_counter()
    page.keyboard.press("/")
    page.keyboard.type("报价")
    page.wait_for_function(DONE)
    print(f"\nfirst search: {(time.perf_counter() - started) * 1000:.0f} ms from pressing / to results (typing included)")
    assert len(index) == 1 and len(script) == 1
    assert material_index == [], "the theme's search index is never needed"
    assert page.console_errors == []


@pytest.mark.parametrize(("word", "slip"), [("排班", "拍班"), ("报销", "报消")])
def test_a_slip_of_the_input_method_lands_where_the_word_lands(page, site_url, word, slip):
    """A word typed with a same-sounding character (拍 for 排) no page holds: the handbook's word
    that sounds like it is searched too. The sound files download only for such a query."""
    sounds = watch_requests(page, r"/search/hb/(py\.json|y/\d+\.json)$")
    box = SearchBox(page, site_url)
    right, _ = box.search(word)
    assert sounds == [], "a word of the handbook needs no sound-alike files"
    slipped, _ = box.search(slip)
    assert slipped[:1] == right[:1], f"{slip!r} lands on {slipped[:3]}, {word!r} on {right[:1]}"
    assert any(url.endswith("py.json") for url in sounds)
    assert f"也按“{word}”找了" in page.locator(META).inner_text(), "the reader sees what was searched for"
    assert page.console_errors == []


def test_pointing_at_search_starts_the_download(page, site_url):
    index = watch_requests(page, INDEX)
    page.set_viewport_size({"width": 1280, "height": 800})  # the search box shows in the header
    page.goto(site_url)
    page.wait_for_load_state("networkidle")
    assert index == []
    with page.expect_request(re.compile(r"/hb-search\.js$")):
        page.hover(".md-search__form")
    assert not page.evaluate("document.activeElement.matches('[data-hb-search-input]')")


def test_search_link_shows_results_at_once(page, site_url):
    page.goto(site_url + "?q=" + "报价")
    page.wait_for_function(DONE)
    assert page.evaluate(RESULT_LINKS)


def test_index_downloaded_once_across_instant_navigation(page, site_url):
    loopback_sitemap(page, site_url)
    index = watch_requests(page, INDEX)
    page.goto(site_url + "onboarding/")
    page.wait_for_load_state("networkidle")  # Material has read sitemap.xml
    page.evaluate("window.__hbNoReload = true")  # gone if a navigation reloads the whole page
    page.locator(".md-content a[href$='company/']").first.click()
    page.wait_for_url(re.compile(r"/onboarding/company/(#.*)?$"), wait_until="commit")
    page.wait_for_load_state("networkidle")
    assert page.evaluate("window.__hbNoReload") is True, "navigation was not instant (page reloaded)"
    assert index == []

    for query in ("报价", "转正"):
        page.keyboard.press("/")
        page.locator("[data-hb-search-input]").fill(query)
        page.wait_for_function(DONE)
        page.keyboard.press("Escape")
    assert len(index) == 1

    # A result link navigates instantly and the search still works on the next page.
    page.keyboard.press("/")
    page.locator("[data-hb-search-input]").fill("我的导师是谁")
    page.wait_for_function("""() => Array.from(document.querySelectorAll("a[data-hb-search-result]"))
      .some(link => link.href.includes("/onboarding/mentor/"))""")
    page.locator("a[data-hb-search-result]").first.click()
    page.wait_for_url(re.compile(r"/onboarding/mentor/"))
    assert page.evaluate("window.__hbNoReload") is True
    assert not page.evaluate("document.getElementById('__search').checked"), "the dialog should close"
