"""The search index writer, macros/search_index.py, and the glossary's synonym groups."""

from __future__ import annotations

import json

from macros.glossary import synonym_groups
from macros.search_index import (
    HEADING,
    MAX_POSTINGS,
    TITLE,
    Page,
    Section,
    build,
    read_page,
    term_stream,
    weights,
    write_index,
)

ARTICLE = """<html><body><article class="md-content__inner md-typeset">
<h1 id="询盘回复">询盘回复<a class="headerlink" href="#x">¶</a></h1><p>开头的话。</p>
<h2 id="steps">回复的步骤</h2><p>先读懂 Inquiry，再报价 &amp; 写明 FOB。</p>
<section class="hb-widget hb-checklist" data-hb-widget="checklist"><h2 id="checklist">清单</h2>
<ul><li>清单里的事项不进索引</li></ul></section>
<h3>没有锚点</h3><p>尾段</p>
</article></body></html>"""


def test_a_page_is_read_into_title_and_sections():
    page = read_page("trade-email/inquiry-reply/", ARTICLE)
    assert page is not None
    assert page.title == "询盘回复"
    assert [(section.anchor, section.heading) for section in page.sections] == [
        ("", ""), ("steps", "回复的步骤"), ("checklist", "清单"), ("", "没有锚点")]
    assert page.sections[0].text == "开头的话。"
    assert page.sections[1].text == "先读懂 Inquiry，再报价 & 写明 FOB。"
    assert "事项" not in " ".join(section.text for section in page.sections), "a widget's items are not indexed"
    assert "¶" not in page.title
    assert read_page("x/", "<html>no article</html>") is None


def test_a_term_points_at_the_first_section_whose_heading_holds_it():
    page = read_page("x/", ARTICLE)
    assert page is not None
    packed = weights(page)
    assert packed["步骤"] & 255 == 1 and packed["步骤"] >> 8 == HEADING, "in the heading of section 1 only"
    assert packed["尾段"] & 255 == 3 and packed["尾段"] >> 8 == 1, "once in the body of section 3"
    assert packed["询盘"] >> 8 == TITLE, "in the title"


def test_terms_are_characters_bigrams_and_latin_words():
    assert list(term_stream("询盘ＦＯＢ回复")) == ["询", "盘", "回", "复", "询盘", "回复", "fob"]
    assert "t/t" in list(term_stream("付款用 T/T"))


def test_postings_pack_title_and_keep_the_heaviest_pages():
    pages = [Page(f"p{i}/", "询盘" if i == 0 else "别的", [Section("", "", "询盘" * (i % 20))]) for i in range(MAX_POSTINGS + 50)]
    holding = sum(1 for i in range(MAX_POSTINGS + 50) if i == 0 or i % 20)
    meta, tables = build(pages, [["薪资", "工资"]])
    postings = next(table["询盘"] for table in tables if "询盘" in table)
    assert postings[0] == holding, "the first number counts every page that holds the term"
    assert len(postings) == 1 + MAX_POSTINGS
    first = postings[1]  # page << 16 | weight << 8 | section
    assert first >> 16 == 0 and (first >> 8 & 255) >= TITLE, "page 0 has the term in its title"
    assert postings[1:] == sorted(postings[1:]), "in page order"
    assert meta["synonyms"] == [["薪资", "工资"]]


def test_the_index_is_written_into_the_site(tmp_path):
    (tmp_path / "trade-email" / "inquiry-reply").mkdir(parents=True)
    (tmp_path / "trade-email" / "inquiry-reply" / "index.html").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "print" / "first-week").mkdir(parents=True)
    (tmp_path / "print" / "first-week" / "index.html").write_text(ARTICLE, encoding="utf-8")
    assert write_index(str(tmp_path), []) == 1
    meta = json.loads((tmp_path / "search" / "hb" / "meta.json").read_text(encoding="utf-8"))
    assert meta["pages"][0][:3] == ["trade-email/inquiry-reply/", "询盘回复", 0]
    sections = json.loads((tmp_path / "search" / "hb" / "p" / "0.json").read_text(encoding="utf-8"))
    assert sections[1][:2] == ["steps", "回复的步骤"]


def test_synonym_groups(tmp_path):
    folder = tmp_path / "includes" / "glossary"
    folder.mkdir(parents=True)
    (folder / "synonyms.txt").write_text("# 说明\n薪资、工资、 薪水\n孤单\n\nFOB，离岸价 # 注释\n跟进、follow  up\n",
                                         encoding="utf-8")
    assert synonym_groups(str(tmp_path)) == [["薪资", "工资", "薪水"], ["FOB", "离岸价"], ["跟进", "follow up"]], \
        "a space belongs to the word: follow up is one word, not follow and up"
    assert synonym_groups(str(tmp_path / "nowhere")) == []


def test_synonyms_no_page_uses_are_listed():
    pages = [Page("a/", "询盘回复", [Section("", "", "回复询盘要快。Follow up 一次。")])]
    meta, _ = build(pages, [["询盘", "询价", "enquiry"], ["跟进", "follow up"]])
    assert meta["absent"] == ["enquiry", "询价", "跟进"], "follow up is in the page, 询价 is not"


def test_readings_fold_the_sounds_an_input_method_mixes_up():
    from macros.search_index import readings

    assert readings("询") == ["xun"]
    assert readings("申") == readings("森") == ["sen"], "sh → s"
    assert readings("应")[0] == "yin", "ing → in"
    assert 1 <= len(readings("行")) <= 3, "several readings, capped"
    assert readings("a") == []


def test_sound_files_file_every_bigram_under_its_sound(tmp_path):
    site = tmp_path / "site"
    (site / "x").mkdir(parents=True)
    (site / "x" / "index.html").write_text(ARTICLE, encoding="utf-8")
    write_index(str(site))
    root = site / "search" / "hb"
    meta = json.loads((root / "meta.json").read_text(encoding="utf-8"))
    readings = json.loads((root / "py.json").read_text(encoding="utf-8"))
    assert "询" in readings["xun"] and "盘" in readings["pan"]
    assert "麦" in readings["mai"], "GB 2312's characters too: a slip may use one no page has"
    filed = {}
    for number in range(meta["sounds"]):
        filed.update(json.loads((root / "y" / f"{number}.json").read_text(encoding="utf-8")))
    assert "询盘" in filed["xun pan"]
    assert all(len(bigram) == 2 for found in filed.values() for bigram in found)
