"""One set of rules for the text trainers write, in data files and in pages alike.

Trainers are trusted to write text, not code. Whatever they write reaches every reader's
browser, so these are errors wherever they appear:
- HTML that runs code: <script> and the other elements below, and event-handler attributes
  (onerror=, onclick= …);
- links whose address is not a page of the handbook or a well-formed http(s) URL
  (javascript:, data:, vbscript: …), whether inline, reference-style, an autolink or raw HTML;
- images from other sites (a request leaving the site, and often blocked in China).
Each rule gives a `Finding`: a Chinese message and hint, and the text to look for in the source
so the problem can be shown at its line. Rendering escapes text anyway; these rules make the
mistake visible to the trainer instead of silently shipping inert markup.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urlsplit

# Elements that run code or change where the page's scripts and links point.
CODE_ELEMENTS = {"script", "iframe", "frame", "frameset", "object", "embed", "applet", "base", "meta", "link",
                 "portal", "noscript"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "poster", "background", "data", "cite",
                  "srcset", "ping"}
IMAGE_ELEMENTS = {"img", "image", "source", "picture", "video", "audio", "input", "track"}
LINK_SCHEMES = {"http", "https", "mailto", "tel"}
SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
# Browsers drop ASCII tabs and newlines inside a URL and control characters and spaces around it.
URL_NOISE = re.compile(r"[\x00-\x20\x7f]")
UNSAFE_URL_CHARACTERS = re.compile(r"[\s\"'<>`{}|\\^]")
HOST = re.compile(r"^(?:[A-Za-z0-9\u00a1-\uffff](?:[A-Za-z0-9\u00a1-\uffff-]{0,61}[A-Za-z0-9\u00a1-\uffff])?\.)+"
                  r"[A-Za-z\u00a1-\uffff][A-Za-z0-9\u00a1-\uffff-]*$|^localhost$|^\d{1,3}(?:\.\d{1,3}){3}$")
# A scheme that runs code, written anywhere (after entities are decoded and noise removed).
CODE_SCHEME = re.compile(r"(?:javascript|vbscript|livescript)\s*:", re.IGNORECASE)
# Pages without any of the markers below cannot break a rule: they are not converted for the rules
# (make check stays fast). Each alternative is a necessary part of some way to break one
# (tests/unit/test_page_markers.py). Markup and entities, looked for outside `code spans` only:
MARKUP_MARKERS = re.compile(
    r"<[A-Za-z/!?]"  # raw HTML, comments, autolinks (`<` before a digit or space is text)
    r"|&[#A-Za-z]")  # entities, which can spell an address
# Looked for in the whole text, code spans included, in lower case. Each starts with fixed text,
# so the regex engine jumps from one candidate to the next (an alternation of them all is slower
# than converting a few pages).
PAGE_MARKERS = tuple(re.compile(pattern, re.MULTILINE) for pattern in (
    r"!\[",  # images
    r"\]:",  # reference and footnote definitions
    r"\]\([^)]*?(?::|/[\x00-\x20\x7f]*/)",  # an inline link with a scheme or starting // (spaces dropped)
    r"script\s*:",
    r"data\s*:",
    # attr_list sets any attribute, `{ onclick }` too (a word is a name with itself as the value)
    r"\{[^\n]*?(?<![\w-])(?:on|srcdoc|style|href|src|action|formaction|xlink|poster|background|data|cite|srcset"
    r"|ping)",
    r"-8<",  # pymdownx.snippets: another file's text comes in
))
# pymdownx.blocks (/// tab): its `attrs:` option sets any attribute. A `^` has no fixed text to
# jump to, so this one is tried only on pages that have a `///` somewhere.
BLOCKS = re.compile(r"^[ \t]*/{3}", re.MULTILINE)

ONE_LINE_CODE_SPAN = re.compile(r"`[^`\n]+`")


def might_break_a_rule(page: str) -> bool:
    """False for a page that cannot break a rule, so it need not be converted for them. Markup
    inside a code span is shown as text (`data/quizzes/<id>.yml`); a code span in a link's
    address is not code, which PAGE_MARKERS, looked for in the whole text, sees."""
    lowered = page.lower()
    if any(marker.search(lowered) for marker in PAGE_MARKERS) or ("///" in lowered and BLOCKS.search(lowered)):
        return True
    # without a `<` or `&` no markup marker can be found (taking out code spans adds no character)
    return ("<" in page or "&" in page) and bool(MARKUP_MARKERS.search(_without_code_spans(page)))


def _without_code_spans(page: str) -> str:
    """The page without its `code spans`, where that is sure to be what Markdown sees as code:
    only single backticks, none escaped, an even number on every line. Markdown then pairs them
    one after the other within each line, as ONE_LINE_CODE_SPAN does. Otherwise (```, ``x``, a
    backslash before a backtick, a span across lines), the page as it is, which can only mean
    converting it when there was no need."""
    if "`" not in page or "``" in page or "\\`" in page:
        return page
    # With no `` anywhere, ONE_LINE_CODE_SPAN pairs each line's backticks from the left, so a
    # backtick is left over exactly where a line has an odd number of them.
    without = ONE_LINE_CODE_SPAN.sub("", page)
    return page if "`" in without else without


HINT_CODE = "删除它；如果是要给读者看的代码示例，把它放进 `反引号` 或代码块里"
HINT_LINK = "链接只能指向手册里的页面（例如 onboarding/company.md#leave）或完整的 https:// 网址"
HINT_IMAGE = "把图片文件放到 docs/ 下（例如 docs/assets/images/），用相对路径引用"


@dataclass(frozen=True)
class Finding:
    message: str
    hint: str
    needle: str  # what to search for in the source, to give the line


def url_finding(url: str, image: bool = False) -> Finding | None:
    """What is wrong with a link (or, with `image`, an image) address; None when it is allowed.

    Addresses without a scheme are left to the link checks (they name pages of the handbook)."""
    cleaned = URL_NOISE.sub("", html.unescape(url))
    scheme = SCHEME.match(cleaned)
    shown = url if len(url) <= 60 else url[:57] + "…"
    if image and (scheme or cleaned.startswith("//")):
        return Finding(f"图片「{shown}」来自其他网站：读者的浏览器会向外部发出请求，在公司网络里也常被拦截", HINT_IMAGE, url)
    if cleaned.startswith("//"):
        return Finding(f"链接「{shown}」缺少 https:", "写成完整的网址，以 https:// 开头", url)
    if not scheme:
        return None
    name = scheme.group(1).lower()
    if name not in LINK_SCHEMES:
        return Finding(f"链接地址「{shown}」不允许：以「{name}:」开头的地址可能在读者的浏览器里运行代码或打开未知内容",
                       HINT_LINK, url)
    if name in ("http", "https"):
        problem = _malformed(url)
        if problem:
            return Finding(f"网址「{shown}」格式不对（{problem}）",
                           "写成完整的网址，例如 https://www.example.com/path，不要包含空格、引号或尖括号", url)
    return None


def _malformed(url: str) -> str | None:
    if UNSAFE_URL_CHARACTERS.search(url):
        return "含有空格、引号、尖括号等不能出现在网址里的字符"
    try:
        parts = urlsplit(url)
        port = parts.port  # raises on a port that is not a number
    except ValueError:
        return "无法识别的网址"
    host = parts.hostname or ""
    if not host or not HOST.match(host):
        return "缺少或无法识别网站的域名"
    if port is not None and not 0 < port < 65536:
        return "端口号不对"
    return None


def raw_text_findings(text: str) -> list[Finding]:
    """Rules for any text as written: HTML that runs code (even where it would be escaped)."""
    return _unique(_HtmlScan.of(text))


def code_scheme_findings(text: str) -> list[Finding]:
    """`javascript:` and the like anywhere in a text, however it is spelled (entities, spaces)."""
    if ":" not in text and "&" not in text:
        return []  # no colon, and none an entity could spell (most texts): nothing to decode
    match = CODE_SCHEME.search(URL_NOISE.sub("", html.unescape(text)))
    if not match:
        return []
    scheme = match.group(0).split(":")[0].strip().lower()
    return [Finding(f"内容里出现了「{scheme}:」：这种地址会在读者的浏览器里运行代码", HINT_LINK, _needle(text, scheme))]


def html_findings(rendered: str) -> list[Finding]:
    """Rules for HTML made from trainer text (by Markdown): elements, attributes, addresses."""
    return _unique(_HtmlScan.of(rendered))


def _needle(text: str, word: str) -> str:
    position = text.lower().find(word)
    return text[position:position + len(word)] if position >= 0 else word


def _unique(findings: list[Finding]) -> list[Finding]:
    return list(dict.fromkeys(findings))


class _HtmlScan(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.findings: list[Finding] = []

    @classmethod
    def of(cls, text: str) -> list[Finding]:
        if "<" not in text:
            return []  # no tag at all (most data texts): HTMLParser would call nothing below
        scan = cls()
        try:
            scan.feed(text)
            scan.close()
        except (AssertionError, ValueError):  # HTMLParser gives up on some broken markup: nothing ran
            pass
        return scan.findings

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if SCHEME.match(tag):  # an autolink such as <javascript:alert(1)>
            found = url_finding(tag)
            if found:
                self.findings.append(found)
        if tag in CODE_ELEMENTS:
            self.findings.append(Finding(f"不能使用 HTML 标签「<{tag}>」：它会在读者的浏览器里运行代码或加载外部内容",
                                         HINT_CODE, f"<{tag}"))
        for name, value in attrs:
            if name.startswith("on"):
                self.findings.append(Finding(f"不能使用事件属性「{name}=」：它会在读者的浏览器里运行代码", "删除这个属性", name))
            elif name == "srcdoc" or (name == "style" and value and "url(" in value.lower()):
                self.findings.append(Finding(f"不能使用属性「{name}=」：它会加载或运行其他内容", "删除这个属性", name))
            elif name in URL_ATTRIBUTES and value is not None:
                for address in (value.split(",") if name == "srcset" else [value]):
                    found = url_finding(address.strip().split(" ")[0], image=tag in IMAGE_ELEMENTS and name != "href")
                    if found:
                        self.findings.append(found)

    handle_startendtag = handle_starttag


def locate(source: str, needle: str, start_line: int = 1) -> tuple[int, int]:
    """(line, column) of the first `needle` in `source` (case-insensitive), from `start_line`."""
    lines = source.split("\n")
    variants = [needle, html.escape(needle, quote=False), needle.replace("&", "&amp;")]
    for number in range(max(start_line, 1), len(lines) + 1):
        row = lines[number - 1].lower()
        for candidate in (row, html.unescape(row)):  # `&#106;avascript:` is found as javascript:
            for variant in variants:
                position = candidate.find(variant.lower()) if variant else -1
                if position >= 0:
                    return number, position + 1
    return (start_line if start_line <= len(lines) else 1), 1


TITLE_TAG = re.compile(r"<\s*/?\s*[A-Za-z!?]")


def front_matter_findings(key: str, value: str) -> list[Finding]:
    """The theme puts a page's `title` and `description` into <title>, <meta> and the header
    without escaping them, so markup there is refused (in the page body it would be shown)."""
    findings = raw_text_findings(value) or code_scheme_findings(value)
    if TITLE_TAG.search(value) and not findings:
        findings.append(Finding("标题和说明里不能写 HTML 标签", "删除尖括号里的标签，只写文字", "<"))
    if key == "description" and '"' in value:
        findings.append(Finding("标题和说明里不能有英文双引号（\"）", "改用中文引号“”或「」", '"'))
    return findings
