"""The handbook's own search index, written from the built site (issue #30).

A step after the engine: it reads the HTML pages in the site folder, so it works the same after
MkDocs, ProperDocs or any engine that writes `<article>` pages (`python -m macros.search_index
site/`; hooks/search_index.py runs it at the end of a MkDocs build). docs/assets/hb-search.js
queries it in the browser.

Terms, so that a match survives a segmentation mistake and needs no dictionary: every Chinese
character and every pair of neighbouring characters (bigram), and every Latin word (lowercased,
NFKC: full-width letters fold to ASCII). A page's weight for a term adds its fields: the title
(H1) weighs TITLE, the description (front matter) DESCRIPTION, the questions the page answers
(front matter `questions:`, macros/page_questions.py) QUESTIONS, each H2/H3 heading HEADING, the
body 1 a time (capped). Trainer pages are marked so that the query side ranks reader pages first.

Files under search/hb/ (a phone downloads only what a query needs):
- meta.json: page titles and URLs, the number of shards, the glossary's synonym groups;
- s/<n>.json: the shard of terms whose first character (two letters for Latin) hashes to n:
  {term: [pages that hold it, posting, posting, …]}, a posting being one number,
  page << 16 | weight << 8 | section; at most MAX_POSTINGS pages a term (the heaviest);
- p/<page>.json: the page's sections [anchor, heading, opening text], for result snippets;
- py.json and y/<n>.json, for a query word typed with the wrong character of the same sound
  (an input method's slip: 寻盘 for 询盘): py.json gives the readings of the index's characters
  and of GB 2312's, y/<n>.json lists the index's bigrams under their sound (sound_key), so the query side
  finds 询盘 from 寻盘's sound without a dictionary of its own. Fetched only when a query's word
  is in no page.
"""

from __future__ import annotations

import html
import itertools
import json
import math
import operator
import os
import re
import shutil
import sys
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field

from pypinyin import Style, pinyin

INDEX_DIR = os.path.join("search", "hb")
# A posting's weight packs three fields, which hb-search.js weighs: body occurrences (capped: a word
# repeated 50 times in a long page is not 50 times more relevant), headings that hold the term
# (up to 3) and the title.
BODY_CAP = 7
QUESTIONS = 8
HEADING = 16
HEADING_CAP = 3
TITLE = 64
DESCRIPTION = 128
MAX_POSTINGS = 300
SHARD_BYTES = 8_000  # aim per shard, before compression: a query fetches a few small files
EXCERPT_CHARS = 240
READINGS_CAP = 3  # a character's readings considered (行: xing, hang, …): the commonest first
# Pages that are not answers: printable copies of checklists, quiz answer keys, the 404 page
SKIPPED = ("print/", "trainers/answer-keys/", "404.html", "search/", "assets/")
TRAINER_PAGES = "trainers/"

DESCRIPTION_TAG = re.compile(r'<meta name="description" content="([^"]*)"')
ARTICLE = re.compile(r'<article class="md-content__inner[^"]*">(.*?)</article>', re.S)
HEADING_TAG = re.compile(r'<h([1-3])(?: id="([^"]*)")?[^>]*>(.*?)</h\1>', re.S)
# Text readers do not see as content: permalinks, scripts, styles, the tooltips' explanations
NOISE = re.compile(r'<(script|style|noscript)\b.*?</\1>|<a class="headerlink".*?</a>', re.S)
# Widgets (checklists, agendas, quizzes, tracks) list topics that prose pages teach: only their
# headings are indexed, so a page full of agenda items does not outrank the page that explains
WIDGET = re.compile(r'<section class="hb-widget\b.*?</section>', re.S)
TAG = re.compile(r"<[^>]+>")
SPACE = re.compile(r"\s+")
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
LATIN = re.compile(r"[a-z0-9]+(?:/[a-z0-9]+)*")


@dataclass
class Section:
    anchor: str
    heading: str
    text: str


@dataclass
class Page:
    url: str
    title: str
    sections: list[Section] = field(default_factory=list)
    description: str = ""
    questions: list[str] = field(default_factory=list)

    @property
    def length(self) -> int:
        """Characters of text, for the query side's length normalisation (long pages mention more)."""
        return sum(len(section.heading) + len(section.text) for section in self.sections)

    @property
    def trainer(self) -> bool:
        return self.url.startswith(TRAINER_PAGES)


def normalize(text: str) -> str:
    """The form both sides compare: NFKC (full-width to ASCII), lowercase, zero-width gone."""
    return unicodedata.normalize("NFKC", text).lower().replace("\u200b", "")


def bucket(key: str, count: int) -> int:
    """Same as bucket in docs/assets/hb-search.js: the sum of the key's character codes, modulo."""
    return sum(ord(char) for char in key) % count


def shard_of(term: str, shards: int) -> int:
    """Same as shardOf in docs/assets/hb-search.js: the first character (two for Latin) decides,
    so a query's word prefix finds every longer word in one shard."""
    return bucket(term[:1] if HAN.match(term) else term[:2], shards)


# Sounds an input method's user mixes up (flat and retroflex initials, front and back nasals):
# folded on both sides, so 申请 typed as 森请 is still found.
FUZZY = ((re.compile(r"^([zcs])h"), r"\1"), (re.compile(r"([aei])ng$"), r"\1n"))


def readings(char: str) -> list[str]:
    """A character's toneless readings, folded (FUZZY), commonest first, at most READINGS_CAP."""
    found = pinyin(char, style=Style.NORMAL, heteronym=True, errors="ignore")
    folded = []
    for syllable in (found[0] if found else [])[:READINGS_CAP]:
        for pattern, replacement in FUZZY:
            syllable = pattern.sub(replacement, syllable)
        if syllable not in folded:
            folded.append(syllable)
    return folded


def common_characters() -> set[str]:
    """The 6763 characters of GB 2312, which an input method offers first."""
    found = set()
    for high in range(0xB0, 0xF8):
        for low in range(0xA1, 0xFF):
            try:
                found.add(bytes((high, low)).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    return found


def sound_key(first: list[str], second: list[str]) -> list[str]:
    """The keys a bigram is filed under: every pair of its characters' readings. Same in hb-search.js."""
    return [f"{a} {b}" for a in first for b in second]


def sound_shard(key: str, shards: int) -> int:
    return bucket(key, shards)


def plain(fragment: str) -> str:
    return SPACE.sub(" ", html.unescape(TAG.sub(" ", fragment))).strip()


def read_page(url: str, markup: str) -> Page | None:
    """The title and sections of a built page, or None for a page without an article."""
    found = ARTICLE.search(markup)
    if not found:
        return None
    article = WIDGET.sub(lambda widget: " ".join(heading.group(0) for heading in HEADING_TAG.finditer(widget.group(0))),
                         NOISE.sub(" ", found.group(1)))
    parts = HEADING_TAG.split(article)  # text, level, id, heading, text, level, id, heading, text …
    page = Page(url, "")
    page.sections.append(Section("", "", plain(parts[0])))
    for i in range(1, len(parts) - 1, 4):
        level, anchor, heading, text = parts[i:i + 4]
        if level == "1" and not page.title:
            page.title = plain(heading)
            page.sections[0].text = (page.sections[0].text + " " + plain(text)).strip()
        else:
            page.sections.append(Section(anchor or "", plain(heading), plain(text)))
    if not page.title:
        page.title = url
    summary = DESCRIPTION_TAG.search(markup)
    page.description = html.unescape(summary.group(1)) if summary else ""
    return page


def site_pages(site_dir: str) -> Iterator[Page]:
    for folder, dirs, files in os.walk(site_dir):
        dirs.sort()
        if "index.html" not in files:
            continue
        rel = os.path.relpath(folder, site_dir).replace(os.sep, "/")
        url = "" if rel == "." else rel + "/"
        if url.startswith(SKIPPED):
            continue
        with open(os.path.join(folder, "index.html"), encoding="utf-8") as handle:
            page = read_page(url, handle.read())
        if page:
            yield page


def term_stream(text: str) -> Iterator[str]:
    """Every term of a text: Chinese characters, then bigrams, then Latin words. Chained from C
    iterators: a build runs it over every page's text."""
    text = normalize(text)
    runs = HAN.findall(text)
    return itertools.chain(itertools.chain.from_iterable(runs),
                           itertools.chain.from_iterable(map(operator.add, run, run[1:]) for run in runs),
                           (word for word in LATIN.findall(text) if len(word) > 1 or word.isdigit()))


def weights(page: Page) -> dict[str, int]:
    """term -> its posting in the page without the page number: packed weight << 8 | section,
    the section being the one with the shortest heading that holds the term (费用报销 rather than
    财务制度：报销与办公设备申领), else the first that holds it."""
    first: dict[str, int] = {}
    in_heading: dict[str, tuple[int, int]] = {}  # term -> (length of the heading, section)
    headings: Counter[str] = Counter()
    for number in range(len(page.sections) - 1, -1, -1):  # backwards: the first section wins
        section = page.sections[number]
        first.update(dict.fromkeys(term_stream(section.text), min(number, 255)))
        heading = set(term_stream(section.heading))
        headings.update(heading)
        for term in heading:  # the shortest heading that holds the term is the most specific one
            if len(section.heading) <= in_heading.get(term, (1 << 30, 0))[0]:
                in_heading[term] = (len(section.heading), min(number, 255))
    body = Counter(term_stream("\n".join(section.text for section in page.sections)))
    packed = {term: (count if count < BODY_CAP else BODY_CAP) << 8 | first[term] for term, count in body.items()}
    for term, (_, number) in in_heading.items():
        packed[term] = ((packed.get(term, 0) >> 8) + HEADING * min(headings[term], HEADING_CAP)) << 8 | number
    for term in set(term_stream(page.title)):
        old = packed.get(term, 0)
        packed[term] = ((old >> 8) + TITLE) << 8 | (old & 255)
    for term in set(term_stream(page.description)):
        old = packed.get(term, 0)
        packed[term] = ((old >> 8) + DESCRIPTION) << 8 | (old & 255)
    for term in set(term_stream(" ".join(page.questions))):
        old = packed.get(term, 0)
        packed[term] = ((old >> 8) + QUESTIONS) << 8 | (old & 255)
    return packed


def build(pages: list[Page], synonyms: list[list[str]]) -> tuple[dict[str, object], list[dict[str, list[int]]]]:
    """The page list and the shards. A posting is one number: page << 16 | weight << 8 | section."""
    postings: dict[str, list[int]] = defaultdict(list)
    for number, page in enumerate(pages):
        shifted = number << 16
        for term, packed in weights(page).items():
            postings[term].append(shifted | packed)
    size = sum(len(term) * 3 + len(found) * 8 for term, found in postings.items())
    shards = max(1, math.ceil(size / SHARD_BYTES))
    tables: list[dict[str, list[int]]] = [{} for _ in range(shards)]
    for term, found in sorted(postings.items()):  # sorted: the same site gives the same files
        if len(found) > MAX_POSTINGS:  # keep the heaviest, in page order
            found = sorted(sorted(found, key=lambda posting: -(posting >> 8 & 255))[:MAX_POSTINGS])
        tables[shard_of(term, shards)][term] = [len(postings[term]), *found]
    groups = [[normalize(word) for word in group] for group in synonyms]
    meta = {"v": 3, "shards": shards,
            "pages": [[page.url, page.title, 1 if page.trainer else 0, page.length] for page in pages],
            "synonyms": groups,
            # The synonyms no page uses: a reader who types one is led to the group's other words
            "absent": sorted({word for group in groups for word in group
                              if not all(term in postings for term in set(term_stream(word)))})}
    return meta, tables


def sounds(terms: Iterable[str]) -> tuple[dict[str, str], list[dict[str, list[str]]]]:
    """py.json (reading -> the characters that have it, in one string) and the y/ shards (sound ->
    bigrams)."""
    bigrams = sorted(term for term in terms if len(term) == 2 and HAN.fullmatch(term))
    # Readings for the characters a reader may type by mistake too, not only the handbook's own
    chars = sorted({char for bigram in bigrams for char in bigram} | common_characters())
    table = {char: readings(char) for char in chars}
    by_sound: dict[str, list[str]] = defaultdict(list)
    for bigram in bigrams:
        for key in sound_key(table[bigram[0]], table[bigram[1]]):
            by_sound[key].append(bigram)
    size = sum(len(key) + 8 * len(found) for key, found in by_sound.items())
    shards = max(1, math.ceil(size / SHARD_BYTES))
    tables: list[dict[str, list[str]]] = [{} for _ in range(shards)]
    for key, found in sorted(by_sound.items()):
        tables[sound_shard(key, shards)][key] = found
    by_reading: dict[str, str] = defaultdict(str)  # reading -> its characters: each reading written once
    for char, found in table.items():
        for reading in found:
            by_reading[reading] += char
    return dict(sorted(by_reading.items())), tables


def excerpts(page: Page) -> list[list[str]]:
    return [[section.anchor, section.heading, section.text[:EXCERPT_CHARS]] for section in page.sections]


def dump(path: str, value: object) -> None:
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(json.dumps(value, ensure_ascii=False, separators=(",", ":")))  # dumps: the C encoder


def write_index(site_dir: str, synonyms: Iterable[list[str]] = (), questions: Mapping[str, list[str]] | None = None) -> int:
    """Write search/hb/ into a built site; the number of pages indexed. `questions`: the questions
    each page answers (macros/page_questions.py), by page address: indexed with its description."""
    pages = list(site_pages(site_dir))
    for page in pages:
        page.questions = list((questions or {}).get(page.url, []))
    meta, tables = build(pages, list(synonyms))
    chars, sound_tables = sounds(term for table in tables for term in table)
    meta["sounds"] = len(sound_tables)
    root = os.path.join(site_dir, INDEX_DIR)
    shutil.rmtree(root, ignore_errors=True)
    for folder in ("s", "p", "y"):
        os.makedirs(os.path.join(root, folder))
    dump(os.path.join(root, "meta.json"), meta)
    dump(os.path.join(root, "py.json"), chars)
    for number, table in enumerate(tables):
        dump(os.path.join(root, "s", f"{number}.json"), table)
    for number, sound_table in enumerate(sound_tables):
        dump(os.path.join(root, "y", f"{number}.json"), sound_table)
    for number, page in enumerate(pages):
        dump(os.path.join(root, "p", f"{number}.json"), excerpts(page))
    return len(pages)


def main(argv: list[str]) -> int:
    """`python -m macros.search_index SITE_DIR [PROJECT_DIR]`: for engines that run no hooks."""
    from macros.glossary import synonym_groups
    from macros.page_questions import by_url

    if not argv:
        print("用法：python -m macros.search_index 站点目录 [项目目录]", file=sys.stderr)
        return 2
    project = argv[1] if len(argv) > 1 else "."
    count = write_index(argv[0], synonym_groups(project), by_url(os.path.join(project, "docs")))
    print(f"search index: {count} pages")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
