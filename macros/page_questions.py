"""The questions a page answers, declared in its front matter (`questions:`), for the search.

Readers type questions in their own words; a page's title and headings use the handbook's. A
trainer who hears a question asked lists it on the page that answers it:

    questions:
      - 试用期多长
      - 客户骂人可以挂电话吗

macros/search_index.py indexes them as a field of their own, weighed like a heading, from the
Markdown source, so any engine's build gets them. `make check` and the build report a list
that is not a list of short questions, at its line.
"""

from __future__ import annotations

import functools
import os

import yaml

from macros.pages import FRONT_MATTER, markdown_pages, read_page
from macros.problems import Problem

KEY = "questions"
MAX_CHARS = 40  # a question, not a paragraph: long text would outweigh the page's own words


def _front_matter(text: str) -> dict[str, object] | None:
    """The front matter as a mapping, or None."""
    found = FRONT_MATTER.match(text)
    if not found:
        return None
    try:
        meta = yaml.safe_load(found.group(1))
    except yaml.YAMLError:
        return None  # the build reports broken front matter itself
    return meta if isinstance(meta, dict) else None


def questions_of(text: str) -> list[str]:
    """The page's declared questions; none when the list is missing or malformed (make check says so)."""
    front = _front_matter(text)
    value = front.get(KEY) if front else None
    if not isinstance(value, list):
        return []
    return [item.strip() for item in value if isinstance(item, str) and item.strip()]


def _line_of(text: str, needle: str, after: int = 0) -> int:
    """1-based line of the first line from `after` (0-based) that contains `needle`, else after + 1."""
    lines = text.split("\n")
    for number in range(after, len(lines)):
        if needle in lines[number]:
            return number + 1
    return after + 1


def page_problems(text: str, display: str) -> list[Problem]:
    front = _front_matter(text)
    if not front or KEY not in front:
        return []
    value = front[KEY]
    key_line = _line_of(text, f"{KEY}:")
    if not isinstance(value, list):
        return [Problem(display, key_line, 1, "questions 应是一组问题，每条一行",
                        "questions: 后面换行，每条问题单独一行，以两个空格和“- ”开头，例如「  - 试用期多长」")]
    problems = []
    for item in value:
        line = _line_of(text, str(item), key_line) if item is not None else key_line
        if not isinstance(item, str) or not item.strip():
            problems.append(Problem(display, line, 3, f"questions 里的「{item}」不是一句问题",
                                    "每条写一句读者会问的话，例如：- 试用期多长；数字或空行请删掉，或给它加上引号"))
        elif len(item.strip()) > MAX_CHARS:
            problems.append(Problem(display, line, 3, f"questions 里的这条问题有 {len(item.strip())} 个字，太长了",
                                    f"写成读者会在搜索框里打的一句话，不超过 {MAX_CHARS} 个字"))
    return problems


def check(docs_dir: str, display_prefix: str) -> list[Problem]:
    problems: list[Problem] = []
    for path in markdown_pages(docs_dir):
        problems += page_problems(read_page(os.path.join(docs_dir, path)), f"{display_prefix}{path}")
    return problems


def page_url(path: str) -> str:
    """The page's address relative to the site root, as the built site has it (directory URLs):
    `onboarding/faq.md` → `onboarding/faq/`, `onboarding/index.md` → `onboarding/`."""
    stem = path[:-3] if path.endswith(".md") else path
    if stem == "index" or stem.endswith("/index"):
        stem = stem[: -len("index")]
    else:
        stem += "/"
    return "" if stem in ("", "/") else stem


@functools.lru_cache(maxsize=4096)  # bounded: a long make serve session edits the same files
def _file_questions(full_path: str, mtime_ns: int, size: int) -> tuple[str, ...]:
    """A page file's questions, read again only when the file changes (make serve rebuilds the
    index after every save; parsing every page's front matter each time would add up)."""
    text = read_page(full_path)
    found = FRONT_MATTER.match(text)
    if not found or f"{KEY}:" not in found.group(1):
        return ()
    return tuple(questions_of(text))


def by_url(docs_dir: str) -> dict[str, list[str]]:
    """Every page's questions, by its address in the built site."""
    found = {}
    for path in markdown_pages(docs_dir):
        full_path = os.path.join(docs_dir, path)
        stat = os.stat(full_path)
        questions = _file_questions(full_path, stat.st_mtime_ns, stat.st_size)
        if questions:
            found[page_url(path)] = list(questions)
    return found
