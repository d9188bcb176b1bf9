"""macros.pages: a page is read once per check run, and the calls of constants are found without
Jinja exactly as the Jinja parse finds them."""

from __future__ import annotations

import builtins
import os
from pathlib import Path

import pytest

from macros import crossref, pages
from macros.anchors import DeferredAnchors
from macros.loader import load_handbook

from .support import ROOT, UNIT
from .test_lean_inline import bad_input_pages

# ---------------------------------------------------------------- one read of each page

RAW_PAGES = {
    "utf-8": "# 页\n\n正文。\n".encode(),
    "bom": "\ufeff# 页\n正文\n".encode(),
    "two boms": "\ufeff\ufeff# 页\n".encode(),
    "crlf": "# 页\r\n\r\n正文\r\n".encode(),
    "lone cr and crlf": b"a\rb\r\nc\n\rd\r",
    "gbk": "# Practice\n\n正文。\n".encode("gbk"),
    "gbk after a bom": b"\xef\xbb\xbf" + "# 页\r\n\r\n正文\n".encode("gbk"),
    "cut in a character": "# 页\n\n正".encode()[:-1],
    "lone continuation bytes": b"a\n\x80\x80\nb",
    "empty": b"",
}


def old_read(path: Path) -> tuple[str, int | None]:
    """How pages.py read a page (text mode) and found its first byte that is not UTF-8, before
    page_source did both from one read."""
    with open(path, encoding="utf-8-sig", errors="replace") as handle:
        text = handle.read()
    raw = path.read_bytes()
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as error:
        return text, raw[: error.start].count(b"\n") + 1
    return text, None


@pytest.mark.parametrize("name", sorted(RAW_PAGES))
def test_one_read_gives_what_the_two_reads_gave(name, tmp_path):
    path = tmp_path / "page.md"
    path.write_bytes(RAW_PAGES[name])
    source = pages.page_source(str(path))
    assert (source.text, source.bad_byte_line) == old_read(path)


def test_an_edited_page_is_read_again(tmp_path):
    """make serve checks again after every edit: the cache must not hand back the old text, even
    when the new text has the same size."""
    path = tmp_path / "page.md"
    path.write_text("# 甲\n", encoding="utf-8")
    assert pages.read_page(str(path)) == "# 甲\n"
    path.write_text("# 乙\n", encoding="utf-8")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))  # a later edit, whatever the clock
    assert pages.read_page(str(path)) == "# 乙\n"


def test_check_pages_opens_each_page_once(monkeypatch):
    """scan_page, the page links and page_safety share one read (pages.page_source). Pages that
    page_safety converts are read once more, by links.page_html_of: only those may be opened twice.
    As in a build, link anchors are left for later (make check converts the linked pages too)."""
    from macros.untrusted import might_break_a_rule

    docs = ROOT / "docs"
    handbook, _ = load_handbook(str(ROOT))
    pages._page_source.cache_clear()
    opened: dict[str, int] = {}
    real_open = builtins.open

    def counting_open(file, *args, **kwargs):
        if str(file).endswith(".md"):
            opened[str(file)] = opened.get(str(file), 0) + 1
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", counting_open)
    crossref.check_pages(handbook, str(docs), set(), "docs/", deferred=DeferredAnchors())
    monkeypatch.undo()
    converted = {str(docs / path) for path in pages.markdown_pages(str(docs))
                 if might_break_a_rule(pages.read_page(str(docs / path)))}
    assert opened and {path: count for path, count in opened.items() if count > 1 + (path in converted)} == {}


# ---------------------------------------------------------------- calls without Jinja

CRAFTED = {
    "one call": '# 页\n\n{{ checklist("first-day") }}\n',
    "the name earlier on the line": '写 checklist 的地方：{{ checklist("first-day") }}\n',
    "a call over three lines": '# 页\n\n{{\n  checklist("first-day")\n}}\n',
    "variables on their own lines": '{{\ncompany.hr.phone }} {{ agenda("x", level=2) }}\n',
    "calls and variables": ('{{ agenda("new-hire" , level = 4 ) }} 与 {{company.hr.phone}}\n\n'
                            '{{ progress_dashboard() }}{{ quiz("a") }}\n{{ track("b-c-1") }}\n'),
    "the same call twice on a line": '{{ quiz("a") }} {{ quiz("a") }}\n',
    "a keyword twice": '{{ agenda("x", level=2, level=3) }}\n',
    "a variable with a macro's name": '{{ checklist }} {{ checklist("a") }}\n',
    "an unknown macro": '{{ checklsit("a") }}\n',
    "an attribute named like a constant": '{{ company.true }} {{ quiz("a") }}\n',
    "names Jinja keeps": '{{ in }} {{ if("x") }} {{ and("x") }} {{ _x("a") }}\n',
    "a code block": '```\n{{ checklist("a") }}\n```\n{{ quiz("b") }}\n',
    "an ideographic space inside": '{{\u3000checklist("a")\u3000}}\n',
    "a brace after": '{{ checklist("a") }}}\n',
    "two ids": '{{ generated_page("checklist", "a") }}\n',
    "a brace and a space before": '{ {{ checklist("a") }}\n',
    # Jinja must look at these (syntax errors, constants, other template code): the same answer
    "a brace before": '{{{ checklist("a") }}\n',
    "a constant": '{{ true }} {{ quiz("a") }}\n',
    "a constant called": '{{ none("x") }}\n',
    "not": '{{ not("x") }}\n',
    "a character that is not in a name": '{{ company.a² }} {{ quiz("a") }}\n',
    "a non-ASCII name": '{{ company.电话 }} {{ quiz("a") }}\n',
    "whitespace control": '{{ checklist("a") -}}\n',
    "a block after": '{{ checklist("a") }} {% raw %}{{ x }}{% endraw %}\n',
    "a comment after": '{{ checklist("a") }} {# 注释 #}\n',
    "an open tag after": '{{ checklist("a") }} {{ quiz(\n',
    "a filter": '{{ checklist("a") | upper }}\n',
    "private": '{{ checklist("a") }} {{ company.__class__ }}\n',
    # pages of variables only, where the first shortcut (plain_pages.variables_only) was not Jinja's answer
    "only a constant": "真值：{{ true }}\n",
    "only a constant's attribute": "{{ none.x }}\n",
    "only not": "{{ not }}\n",
    "only a variable after a brace": "{{{ company.hr.phone }}\n",
    "only a variable on the next line": "电话：{{\n  company.hr.phone }}\n",
    "only a character that is not in a name": "{{ company.a² }}\n",
}


def scanned(docs: Path, text: str, jinja: bool, monkeypatch) -> tuple:
    """scan_page's answer for a page, and whether it came from _constant_calls (not Jinja)."""
    (docs / "page.md").write_text(text, encoding="utf-8")
    pages._page_source.cache_clear()  # the same file, written again and again
    answered = []
    real = pages._constant_calls

    def spy(path, text):
        found = None if jinja else real(path, text)
        answered.append(found is not None)
        return found

    monkeypatch.setattr(pages, "_constant_calls", spy)
    calls, names, problems = pages.scan_page(str(docs), "page.md", "docs/")
    monkeypatch.undo()
    return (calls, names, [str(problem) for problem in problems]), any(answered)


def corpus(synthetic_docs: Path) -> dict[str, str]:
    found = {f"crafted: {name}": text for name, text in CRAFTED.items()}
    for label, folder in (("docs", ROOT / "docs"), ("synthetic", synthetic_docs)):
        found |= {f"{label}: {path.relative_to(folder)}": pages.read_page(str(path)) for path in sorted(folder.rglob("*.md"))}
    found |= {f"bad input: {name} {number}": text for number, (name, text) in enumerate(bad_input_pages())}
    found["fixture: anchors.md"] = (UNIT / "fixtures" / "anchors.md").read_text(encoding="utf-8")
    return found


def test_calls_of_constants_are_what_the_jinja_parse_finds(synthetic_docs, tmp_path, monkeypatch):
    different = {}
    fast = 0
    for name, text in corpus(synthetic_docs).items():
        ours, without_jinja = scanned(tmp_path, text, jinja=False, monkeypatch=monkeypatch)
        jinjas, _ = scanned(tmp_path, text, jinja=True, monkeypatch=monkeypatch)
        if ours != jinjas:
            different[name] = (ours, jinjas)
        fast += without_jinja and bool(ours[0])
    assert different == {}
    assert fast >= 40  # the pages with widgets, in both books, do go without Jinja


def test_what_needs_jinja_is_left_to_it():
    for name in ("a brace before", "a constant", "only a constant", "only a constant's attribute", "only not",
                 "only a variable after a brace", "only a character that is not in a name", "a constant called", "not", "a character that is not in a name",
                 "a non-ASCII name", "whitespace control", "a block after", "a comment after", "an open tag after",
                 "a filter", "private"):
        assert pages._constant_calls("page.md", CRAFTED[name]) is None, name


# ---------------------------------------------------------------- the lines the page links look at

def test_only_lines_with_a_link_or_a_fence_are_looked_at(synthetic_docs):
    texts = [pages.read_page(str(path)) for folder in (ROOT / "docs", synthetic_docs) for path in sorted(folder.rglob("*.md"))]
    texts += ["", "\n", "a.md", "\na.md\n", "```\n[x](a.md)\n```", "x.md y.md\n~~~\n\n~~~ z.md", "a.md\n\n\n.md"]
    for text in texts:
        every_line = [(number, line) for number, line in enumerate(text.split("\n"), start=1)
                      if ".md" in line or "```" in line or "~~~" in line]
        assert list(crossref._lines_with_links_or_fences(text)) == every_line
