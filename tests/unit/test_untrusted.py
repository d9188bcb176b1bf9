"""The untrusted-text rules (macros/untrusted.py): what is refused and what is left alone."""

from __future__ import annotations

import pytest

from macros.inline import inline_html
from macros.untrusted import (
    code_scheme_findings,
    front_matter_findings,
    html_findings,
    locate,
    raw_text_findings,
    url_finding,
)

REFUSED_URLS = {
    "javascript": "javascript:alert(1)",
    "javascript, mixed case and spaces": " JaVaScRiPt :alert(1)",
    "javascript with a tab": "java\tscript:alert(1)",
    "javascript as entities": "&#106;avascript:alert(1)",
    "data": "data:text/html,<script>alert(1)</script>",
    "vbscript": "vbscript:msgbox(1)",
    "quote that breaks out of href": 'https://example.com/"><img src=x onerror=alert(1)>',
    "space in URL": "https://example.com/a b",
    "no host": "https:///path",
    "bad port": "https://example.com:99999/",
    "protocol-relative": "//example.com/x",
    "file": "file:///etc/passwd",
}
ALLOWED_URLS = ["https://www.alibaba.com/help", "http://example.com:8080/a?b=c#d", "mailto:hr@example.com",
                "tel:+86-571-8888", "onboarding/company.md#leave", "#top", "../print/first-day/",
                "https://例子.测试/路径"]


@pytest.mark.parametrize("url", REFUSED_URLS.values(), ids=REFUSED_URLS.keys())
def test_refused_addresses(url):
    assert url_finding(url) is not None


@pytest.mark.parametrize("url", ALLOWED_URLS)
def test_allowed_addresses(url):
    assert url_finding(url) is None


def test_images_must_come_from_the_site():
    assert url_finding("https://img.example.com/a.png", image=True) is not None
    assert url_finding("data:image/png;base64,AAAA", image=True) is not None
    assert url_finding("../assets/images/a.png", image=True) is None


@pytest.mark.parametrize("text", [
    "<script>alert(1)</script>", "入职第一天</script><script>alert(1)</script>", "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>", "<iframe src=https://example.com>", '<a href="javascript:alert(1)">x</a>',
    "<object data=x>", '<div style="background:url(https://x.example/a)">x</div>', "<base href=https://x.example/>",
])
def test_code_running_markup_is_refused_in_any_text(text):
    assert raw_text_findings(text), text


@pytest.mark.parametrize("text", ["价格 < 100 美元", "A & B 公司", "<b>粗体</b>", "a<b", "{{ 7*7 }}", "3 > 2",
                                  "见 onboarding/company.md", "data: 销售数据"])
def test_harmless_text_is_left_alone(text):
    assert raw_text_findings(text) == [] and code_scheme_findings(text) == []


@pytest.mark.parametrize("markdown", [
    "[点我](javascript:alert(1))",
    "读[守则][r]\n\n[r]: javascript:alert(1)",
    "[x](&#106;avascript:alert(1))",
    "![图](https://img.example.com/a.png)",
    "[x](data:text/html,hi)",
])
def test_links_in_inline_markdown_are_checked_as_rendered(markdown):
    assert html_findings(inline_html(markdown)), inline_html(markdown)


def test_autolink_with_a_code_scheme_is_refused():
    assert html_findings("<p><javascript:alert(1)></p>")


def test_code_examples_in_pages_are_text_not_markup():
    assert html_findings("<p><code>&lt;script&gt;alert(1)&lt;/script&gt;</code></p>") == []


def test_front_matter_refuses_tags_and_description_quotes():
    assert front_matter_findings("title", "练习</title><b>x</b>")
    assert front_matter_findings("description", 'a "quoted" word')
    assert front_matter_findings("title", "价格 < 100 & 运费") == []
    assert front_matter_findings("title", "他说“你好”") == []


def test_locate_finds_entity_spelled_needles_on_their_line():
    source = "# 标题\n\n正文\n\n[r]: &#106;avascript:alert(1)\n"
    assert locate(source, "javascript:alert(1)") == (5, 6)
    assert locate(source, "not there", 3) == (3, 1)


def test_texts_without_a_colon_are_not_decoded_for_nothing():
    """code_scheme_findings skips texts with no `:` and no `&`: the same findings as decoding them."""
    import html
    import random

    from macros.untrusted import CODE_SCHEME, URL_NOISE

    def decoded_every_time(text):
        match = CODE_SCHEME.search(URL_NOISE.sub("", html.unescape(text)))
        return match.group(0).split(":")[0].strip().lower() if match else None

    pieces = ["javascript", "JavaScript", "vbscript", "live", "script", ":", "：", "&#58;", "&colon;", "&#x3a;",
              "&", "#58;", " ", "\t", "\n", "\x00", "中文", "&#106;", "a"]
    rng = random.Random(22)
    texts = ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 6))) for _ in range(5000)]
    found = [(text, [finding.message for finding in code_scheme_findings(text)], decoded_every_time(text)) for text in texts]
    assert [text for text, ours, scheme in found if bool(ours) != bool(scheme) or (scheme and scheme not in ours[0])] == []
    assert sum(1 for _, ours, _ in found if ours) > 100
