"""macros.links: anchors as the build computes them, link checks, and page-relative hrefs.

The oracle for anchors is MkDocs itself: a small build with the handbook's own
`markdown_extensions` (copied from mkdocs.yml) and a hook that records each page's HTML.
"""

from __future__ import annotations

import html
import json
import os
import random
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from macros import links
from macros.anchors import DeferredAnchors
from macros.check import read_config

from .support import ROOT, UNIT

FIXTURE_PAGE = UNIT / "fixtures" / "anchors.md"
RECORD_HOOK = '''
import json, os
pages = {}
def on_page_content(html, page, config, files):
    pages[page.file.src_uri] = html
    return html
def on_post_build(config):
    with open(os.path.join(config.site_dir, "pages.json"), "w", encoding="utf-8") as handle:
        json.dump(pages, handle, ensure_ascii=False)
'''


def markdown_extensions_block() -> str:
    """The `markdown_extensions:` block of mkdocs.yml, as written (with its !!python slugify tags)."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    match = re.search(r"^markdown_extensions:\n(?:(?:[ \t]+.*|[ \t]*)\n)+", text, re.MULTILINE)
    assert match, "mkdocs.yml has no markdown_extensions block"
    return match.group(0)


@pytest.fixture(scope="module")
def configured():
    links.configure_markdown(read_config(str(ROOT)).get("markdown_extensions"))
    yield
    links.configure_markdown(read_config(str(ROOT)).get("markdown_extensions"))


@pytest.fixture(scope="module")
def built_pages(tmp_path_factory) -> tuple[Path, dict[str, set[str]], dict[str, str]]:
    """Every docs page and the fixture page, built by MkDocs: docs path -> ids in its HTML, and
    docs path -> the HTML itself (the page content, as hooks see it in on_page_content)."""
    project = tmp_path_factory.mktemp("anchors")
    shutil.copytree(ROOT / "docs", project / "docs", ignore=shutil.ignore_patterns("assets"))
    shutil.copytree(ROOT / "includes", project / "includes")
    shutil.copy(FIXTURE_PAGE, project / "docs" / "anchors-fixture.md")
    (project / "record.py").write_text(RECORD_HOOK, encoding="utf-8")
    (project / "mkdocs.yml").write_text(
        "site_name: anchors\nuse_directory_urls: true\nhooks: [record.py]\n" + markdown_extensions_block(),
        encoding="utf-8")
    site = project / "site"
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site)], cwd=project,
                            capture_output=True, text=True, timeout=300,
                            env=dict(os.environ, NO_MKDOCS_2_WARNING="1"))
    assert result.returncode == 0, result.stderr[-3000:]
    pages = json.loads((site / "pages.json").read_text(encoding="utf-8"))
    ids = {path: {element["id"] for element in BeautifulSoup(html, "html.parser").find_all(id=True)}
           for path, html in pages.items()}
    return project / "docs", ids, pages


def docs_pages() -> list[str]:
    return sorted(path.relative_to(ROOT / "docs").as_posix() for path in (ROOT / "docs").rglob("*.md"))


# ---------------------------------------------------------------- anchors_of == the build


def test_fixture_page_anchors_match_the_build(built_pages, configured):
    docs, ids, _ = built_pages
    assert set(links.anchors_of(str(docs / "anchors-fixture.md"))) == ids["anchors-fixture.md"]


@pytest.mark.parametrize("page", docs_pages())
def test_handbook_page_anchors_match_the_build(built_pages, configured, page):
    docs, ids, _ = built_pages
    assert set(links.anchors_of(str(docs / page))) == ids[page]


# ---------------------------------------------------------------- ids a build records (hooks/anchor_links.py)


@pytest.mark.parametrize("page", ["anchors-fixture.md", *docs_pages()])
def test_ids_recorded_during_a_build_are_the_ids_of_the_html(built_pages, page):
    _, ids, html = built_pages
    deferred = DeferredAnchors()
    deferred.record(page, html[page])
    assert deferred.ids[page] == ids[page]


def test_id_shown_in_a_code_block_is_not_an_id():
    html = '<pre><code>&lt;h2 id="shown"&gt;标题&lt;/h2&gt; id="text"</code></pre><h2 id="real">标题</h2>'
    assert links.ids_in_html(html) == {"real"}


@pytest.mark.parametrize(("anchor", "why"), [
    ("锚点测试页", "the page title heading"),
    ("第-1-天", "Chinese heading: spaces become -, case and punctuation handled by pymdownx slugify"),
    ("第-1-天_1", "the second heading with the same text"),
    ("第-1-天_3", "a repeated heading at another level still counts"),
    ("leave", "an explicit { #leave } wins"),
    ("leave_1", "a heading whose slug is taken by an explicit id elsewhere on the page"),
    ("2027-plan", "an explicit id may start with a digit"),
    ("with-class", "an explicit id next to a class"),
    ("使用-code-的方法", "inline code in a heading"),
    ("snake_case-变量", "underscores inside words are kept"),
    ("a--b问答", "& and full-width punctuation dropped"),
    ("链接-公司-介绍", "a link in a heading counts by its text"),
    ("加粗-标题", "bold in a heading counts by its text"),
    ("结尾带井号", "closing #s are not part of the heading"),
    ("英文-title-with-caps", "lower case"),
    ("全角括号和引号", "full-width brackets and quotes dropped"),
    ("问为什么", "full-width colon and question mark dropped"),
    ("_1", "a heading with nothing left after slugify"),
    ("para-id", "an attribute list on a paragraph"),
    ("setext-标题", "an underlined (setext) heading"),
    ("提示框里的标题", "a heading inside an admonition"),
    ("订单查询", "a content tab label"),
    ("fn:1", "a footnote"),
])
def test_fixture_page_has_anchor(configured, anchor, why):
    assert anchor in links.anchors_of(str(FIXTURE_PAGE)), why


@pytest.mark.parametrize("anchor", ["缩进四格是代码不是标题", "not-an-id", "代码块里的不是标题-not-an-id", "inline-code-id",
                                    "第-1-天_4", "如何请假"])
def test_fixture_page_has_no_anchor(configured, anchor):
    assert anchor not in links.anchors_of(str(FIXTURE_PAGE))


def test_bom_and_windows_line_endings_give_the_same_anchors(configured, tmp_path):
    text = FIXTURE_PAGE.read_text(encoding="utf-8")
    bom, crlf = tmp_path / "bom.md", tmp_path / "crlf.md"
    bom.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    crlf.write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    expected = links.anchors_of(str(FIXTURE_PAGE))
    assert links.anchors_of(str(bom)) == expected
    assert links.anchors_of(str(crlf)) == expected


def test_page_that_is_not_utf8_does_not_crash(configured, tmp_path):
    page = tmp_path / "gbk.md"
    page.write_bytes("# 标题\n\n## 请假 { #leave }\n".encode("gbk"))
    assert "leave" in links.anchors_of(str(page))


def test_anchors_follow_edits(configured, tmp_path):
    """The cache is keyed by modification time: `make serve` sees a heading added a moment ago."""
    page = tmp_path / "page.md"
    page.write_text("## 旧标题 { #old }\n", encoding="utf-8")
    assert links.anchors_of(str(page), 1.0) == {"old"}
    page.write_text("## 新标题 { #new }\n", encoding="utf-8")
    assert links.anchors_of(str(page), 2.0) == {"new"}


def test_default_configuration_matches_mkdocs_yml(tmp_path):
    """Without mkdocs.yml (the helpers used on their own), the handbook's settings still apply."""
    links.configure_markdown(None)
    try:
        default = links.anchors_of(str(FIXTURE_PAGE))
    finally:
        links.configure_markdown(read_config(str(ROOT)).get("markdown_extensions"))
    assert default == links.anchors_of(str(FIXTURE_PAGE))


# ---------------------------------------------------------------- check()


@pytest.fixture
def docs(tmp_path) -> Path:
    (tmp_path / "onboarding").mkdir()
    (tmp_path / "onboarding" / "company.md").write_text("# 公司\n\n## 如何请假 { #leave }\n\n## 第 1 天\n", encoding="utf-8")
    (tmp_path / "index.md").write_text("# 首页\n", encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("link", [
    "onboarding/company.md", "onboarding/company.md#leave", "onboarding/company.md#第-1-天", "index.md",
    "https://example.com/x.md#nope", "mailto:hr@example.com", "tel:0571-88880000",
])
def test_check_accepts(configured, docs, link):
    assert links.check(link, str(docs)) is None


@pytest.mark.parametrize(("link", "message", "hint"), [
    ("onboarding/companny.md", "不存在", "docs/"),
    ("onboarding/company.md#qingjia", "#qingjia", "{ #qingjia }"),
    ("onboarding/company.md#如何请假", "#如何请假", "{ #如何请假 }"),
    ("onboarding/company", "没有指向 .md 页面", "onboarding/company.md#leave"),
    ("#leave", "没有指向 .md 页面", "docs/"),
])
def test_check_rejects(configured, docs, link, message, hint):
    found = links.check(link, str(docs))
    assert found is not None
    assert message in found[0] and hint in found[1]


# ---------------------------------------------------------------- href() and page_url()


@pytest.mark.parametrize(("source", "url"), [
    ("index.md", ""),
    ("onboarding/index.md", "onboarding/"),
    ("onboarding/company.md", "onboarding/company/"),
    ("trainers/answer-keys/onboarding.md", "trainers/answer-keys/onboarding/"),
    ("print/first-week.md", "print/first-week/"),
    ("assets/form.pdf", "assets/form.pdf"),
])
def test_page_url(source, url):
    assert links.page_url(source) == url


@pytest.mark.parametrize(("link", "from_page", "expected"), [
    ("onboarding/company.md#leave", "onboarding/schedule/", "../company/#leave"),
    ("onboarding/company.md", "onboarding/schedule/", "../company/"),
    ("onboarding/company.md#leave", "", "onboarding/company/#leave"),
    ("onboarding/company.md#leave", "onboarding/", "company/#leave"),
    ("onboarding/company.md#leave", "print/first-week/", "../../onboarding/company/#leave"),
    ("onboarding/company.md#leave", "trainers/answer-keys/onboarding/", "../../../onboarding/company/#leave"),
    ("onboarding/schedule.md#day-1", "onboarding/schedule/", "./#day-1"),
    ("onboarding/schedule.md", "onboarding/schedule/", "./"),
    ("onboarding/index.md", "onboarding/", "./"),
    ("onboarding/index.md", "onboarding/schedule/", "../"),
    ("onboarding/index.md#day-one", "", "onboarding/#day-one"),
    ("index.md", "", "./"),
    ("index.md", "onboarding/schedule/", "../../"),
    ("index.md#start", "onboarding/", "../#start"),
    ("trade-email/first-contact.md#第-1-天", "call-center/kpi/", "../../trade-email/first-contact/#第-1-天"),
    ("https://example.com/a.md#x", "onboarding/schedule/", "https://example.com/a.md#x"),
    ("mailto:hr@example.com", "onboarding/", "mailto:hr@example.com"),
])
def test_href(link, from_page, expected):
    assert links.href(link, from_page) == expected


@pytest.mark.parametrize("from_page", ["", "onboarding/", "onboarding/schedule/", "print/first-week/"])
@pytest.mark.parametrize("target", ["index.md", "onboarding/index.md", "onboarding/company.md", "trainers/answer-keys/onboarding.md"])
def test_href_resolves_to_the_target_page(from_page, target):
    """Following the href from the page's URL lands on the target's URL, whatever the depth."""
    import posixpath

    resolved = posixpath.normpath(posixpath.join("/" + from_page, links.href(target, from_page)))
    expected = posixpath.normpath("/" + links.page_url(target))
    assert resolved == expected


@pytest.fixture
def file_urls():
    """URLs as an LMS package builds them (use_directory_urls: false); directory URLs again after."""
    links.configure_urls(False)
    yield
    links.configure_urls(True)


@pytest.mark.parametrize(("link", "from_page", "expected"), [
    ("onboarding/company.md#leave", "onboarding/schedule.html", "company.html#leave"),
    ("onboarding/index.md", "onboarding/schedule.html", "index.html"),
    ("index.md", "onboarding/schedule.html", "../index.html"),
    ("onboarding/company.md", "index.html", "onboarding/company.html"),
    ("onboarding/company.md", "", "onboarding/company.html"),
    ("onboarding/schedule.md#day-1", "onboarding/schedule.html", "schedule.html#day-1"),
    ("trainers/lms.md", "print/packet-intl-sales.html", "../trainers/lms.html"),
    ("assets/form.pdf", "onboarding/schedule.html", "../assets/form.pdf"),
])
def test_href_with_file_urls(file_urls, link, from_page, expected):
    assert links.href(link, from_page) == expected


def test_configure_urls_forgets_hrefs_worked_out_before(file_urls):
    links.configure_urls(True)
    assert links.href("onboarding/company.md", "index.html") == "onboarding/company/"
    links.configure_urls(False)
    assert links.href("onboarding/company.md", "index.html") == "onboarding/company.html"


@pytest.mark.parametrize(("link", "external"), [
    ("https://example.com", True), ("HTTP://example.com", True), ("mailto:a@b.c", True), ("tel:110", True),
    ("onboarding/company.md", False), ("//example.com", False), ("javascript:alert(1)", False),
])
def test_is_external(link, external):
    assert links.is_external(link) is external


def test_split():
    assert links.split("onboarding/company.md#leave") == ("onboarding/company.md", "leave")
    assert links.split("onboarding/company.md") == ("onboarding/company.md", "")


def test_markdown_extensions_block_is_what_read_config_sees():
    """The oracle build uses the same extension list as `make check` (by name, in order)."""
    block = textwrap.dedent(markdown_extensions_block().split("\n", 1)[1])
    names = re.findall(r"^- ([\w.]+)", block, re.MULTILINE)
    configured_names = [next(iter(entry)) if isinstance(entry, dict) else entry
                        for entry in read_config(str(ROOT))["markdown_extensions"]]
    assert names == configured_names


# ids_in_html's look-back, against the pattern it replaces (tried at every tag), on real pages and
# on random strings of the characters that decide it.
TRIED_AT_EVERY_TAG = re.compile(r"""<[A-Za-z][^<>]*?\sid=(?:"([^"]*)"|'([^']*)')""")


def ids_by_pattern(text: str) -> set[str]:
    return {html.unescape(double or single) for double, single in TRIED_AT_EVERY_TAG.findall(text)}


def test_ids_are_those_the_pattern_tried_at_every_tag_finds(built_pages):
    _, _, pages = built_pages
    assert all(links.ids_in_html(text) == ids_by_pattern(text) for text in pages.values())
    pieces = ["<", ">", "<a", "<A", "</a>", "< b", " id=", "\tid=", 'id="x"', " id='y'", ' id="', '"', "'",
              "&amp;", "z", " ", "\n", "<1", ' id="a<b"', ' id="c>d"', "<p title='>'"]
    rng = random.Random(22)
    for _ in range(20000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 14)))
        assert links.ids_in_html(text) == ids_by_pattern(text), text
