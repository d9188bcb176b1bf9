"""overrides/partials/feedback.html: every content page's 报告问题 / 提建议 link, made at build time.

The partial is rendered here as the theme renders it (a Jinja environment without autoescape),
with the page and configuration it reads; the built site's own link is tests/built/test_page_chrome.py.
"""

from __future__ import annotations

from types import SimpleNamespace
from urllib.parse import parse_qs, urlsplit

import jinja2
import pytest
from bs4 import BeautifulSoup

from .support import ROOT

ENV = jinja2.Environment(loader=jinja2.FileSystemLoader(str(ROOT / "overrides")), autoescape=False)
COMPANY = {"name": "示例外贸有限公司", "hr": {"email": "hr@example.com"}}


def config(repo_url: str, company: dict | None = None) -> SimpleNamespace:
    return SimpleNamespace(repo_url=repo_url, site_name="手册", site_url="https://training.example.com/",
                           extra={"company": COMPANY if company is None else company})


def page(src_uri: str = "trade-email/writing.md", title: str = "写好外贸函电", section: str | None = "外贸函电"):
    return SimpleNamespace(file=SimpleNamespace(src_uri=src_uri), title=title, url=src_uri.removesuffix(".md") + "/",
                           canonical_url="https://training.example.com/" + src_uri.removesuffix(".md") + "/",
                           parent=SimpleNamespace(title=section) if section else None)


def link(config_, page_) -> str | None:
    html = ENV.get_template("partials/feedback.html").render(config=config_, page=page_)
    found = BeautifulSoup(html, "html.parser").find("a", attrs={"data-hb-feedback-link": True})
    return found["href"] if found else None


def test_on_github_a_new_issue_with_title_address_and_section():
    href = link(config("https://github.com/acme/handbook/"), page())
    parts = urlsplit(href)
    assert (parts.scheme, parts.netloc, parts.path) == ("https", "github.com", "/acme/handbook/issues/new")
    query = parse_qs(parts.query)
    assert query["title"] == ["【反馈】写好外贸函电"]
    body = query["body"][0]
    assert "页面：写好外贸函电" in body and "网址：https://training.example.com/trade-email/writing/" in body
    assert "栏目：外贸函电" in body


def test_elsewhere_an_email_to_the_company_address():
    href = link(config("https://git.example.com/team/handbook"), page(section=None))
    assert href.startswith("mailto:hr@example.com?subject=")
    query = parse_qs(urlsplit(href).query)
    assert query["subject"] == ["【手册反馈】写好外贸函电"] and "栏目" not in query["body"][0]
    company = {**COMPANY, "feedback_email": "training@example.com"}
    assert link(config("https://git.example.com/x", company), page()).startswith("mailto:training@example.com?")


def test_no_address_no_link_and_no_link_on_print_pages():
    assert link(config("https://git.example.com/x", {"name": "公司"}), page()) is None
    assert link(config("https://github.com/acme/handbook"), page("print/first-week.md")) is None
    assert link(config("https://github.com/acme/handbook"), page("trainers/answer-keys/onboarding.md")) is None


@pytest.mark.parametrize("title", ['"><script>alert(1)</script>', "a&b=c#d"])
def test_a_title_cannot_break_out_of_the_link(title):
    html = ENV.get_template("partials/feedback.html").render(config=config("https://github.com/acme/handbook"),
                                                              page=page(title=title))
    assert "<script" not in html
    href = BeautifulSoup(html, "html.parser").find("a", attrs={"data-hb-feedback-link": True})["href"]
    assert parse_qs(urlsplit(href).query)["title"] == ["【反馈】" + title]
    assert "#" not in href, "a # in the title would cut the address short"
