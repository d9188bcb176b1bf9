"""The query side of the search, docs/assets/hb-search.js, run in Node (which has the browser's
Intl.Segmenter): how a question becomes weighted terms, how pages rank, what is highlighted."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "docs" / "assets" / "hb-search.js"


def run(code: str) -> object:
    """Evaluate `code` (an expression) with `engine` = the script's exports; its JSON value."""
    program = f"const engine = require({json.dumps(str(SCRIPT))}); process.stdout.write(JSON.stringify({code}));"
    return json.loads(subprocess.run(["node", "-e", program], check=True, capture_output=True, text=True).stdout)


def terms(query: str, synonyms: list[list[str]] | None = None) -> dict[str, float]:
    found = run(f"engine.queryTerms({json.dumps(query)}, {json.dumps(synonyms or [])})")
    assert isinstance(found, list)
    return {item["term"]: round(item["weight"], 3) for item in found}


def test_question_words_weigh_nothing():
    bare = terms("工单")
    for question in ("工单是什么", "什么是工单", "我的工单在哪里", "工单怎么办？"):
        assert terms(question) == bare, question


def test_a_query_of_question_words_is_kept():
    assert "怎么" in terms("怎么样")


def test_a_word_the_segmenter_does_not_know_keeps_its_bigrams():
    """储物柜 comes out of the segmenter as three characters: its bigrams still count fully."""
    found = terms("储物柜在哪")
    assert found["储物"] == found["物柜"] == 1


def test_latin_words_are_folded_and_prefixes_match():
    found = run('engine.queryTerms("ＦＯＢ和Incoterm", [])')
    assert {"term": "fob", "weight": 1, "prefix": True, "typed": False} in found
    assert {"term": "incoterm", "weight": 1, "prefix": True, "typed": False} in found


def test_a_word_no_page_uses_is_stood_in_for_by_its_group():
    """老外 is in no page: its group's words carry the whole weight. A handbook word's synonyms
    weigh less: the word finds its pages by itself."""
    group = [["外国买家", "老外"]]
    stood_in = run(f"engine.queryTerms('老外', {json.dumps(group)}, ['老外'])")
    known = run(f"engine.queryTerms('老外', {json.dumps(group)}, [])")
    assert isinstance(stood_in, list) and isinstance(known, list)
    weight = {item["term"]: item["weight"] for item in stood_in}["买家"]
    assert weight == 1 > {item["term"]: item["weight"] for item in known}["买家"]


def test_a_synonym_brings_its_group():
    found = terms("工资几号发", [["薪资", "工资", "薪水"]])
    assert found["工资"] == 1 and 0 < found["薪资"] < 1 and 0 < found["薪水"] < 1
    assert "薪资" not in terms("工作几号发", [["薪资", "工资", "薪水"]])


# The trainer page comes first, so that only the trainer factor (not the tie-break by order) can
# put the reader page above it.
META = {"shards": 1, "pages": [["trainers/x/", "询盘培训", 1, 100], ["reader/", "询盘回复", 0, 100],
                               ["other/", "别的", 0, 100]]}


def ranked(table: dict, query: str = "询盘") -> list[str]:
    code = (f"engine.rank(engine.queryTerms({json.dumps(query)}, []), {json.dumps(META)}, {{0: {json.dumps(table)}}})"
            ".map(hit => hit.page)")
    pages = run(code)
    assert isinstance(pages, list)
    return [META["pages"][page][0] for page in pages]


def posting(page: int, weight: int, section: int = 0) -> int:
    """As macros/search_index.py packs it; weight 64 = in the title, 15 = 15 times in the body."""
    return page << 16 | weight << 8 | section


def test_reader_pages_rank_above_trainer_pages_of_the_same_score():
    assert ranked({"询盘": [2, posting(0, 64), posting(1, 64)]}) == ["reader/", "trainers/x/"]


def test_a_title_outweighs_body_mentions():
    assert ranked({"询盘": [2, posting(1, 15), posting(2, 64)]}) == ["other/", "reader/"]


def test_highlights_mark_whole_words():
    spans = run('engine.highlights("回复询盘之前先读询盘", engine.queryTerms("询盘", []))')
    assert spans == [[2, 4], [8, 10]]
    spans = run('engine.highlights("首次呼叫解决率（FCR）", engine.queryTerms("首次呼叫解决率", []))')
    assert spans == [[0, 7]]


def test_shard_of_matches_the_index_writer():
    from macros.search_index import shard_of

    words = ["询盘", "fob", "incoterms", "t/t", "讲师", "a1"]
    assert run(f"{json.dumps(words)}.map(word => engine.shardOf(word, 37))") == [shard_of(word, 37) for word in words]


# --- A word typed with a same-sounding character (an input method's slip) ---

PY_JSON = {"xun": "询寻", "pan": "盘判", "si": "试", "yong": "用", "qi": "期其"}  # as py.json: reading -> characters


def alikes(query: str, sounds: dict[str, list[str]], index: dict[str, list[int]]) -> dict[str, float]:
    """The sound-alike terms hb-search.js adds for `query`, with one sound shard and one term shard."""
    meta = {"shards": 1, "sounds": 1, "pages": META["pages"]}
    code = (f"(() => {{ const readings = engine.readingsOf({json.dumps(PY_JSON)}); const terms = engine.queryTerms({json.dumps(query)}, []);"
            f" const missing = engine.missingWords(terms, {json.dumps(meta)}, {{0: {json.dumps(index)}}});"
            f" return engine.soundAlikes(missing, readings, {{0: {json.dumps(sounds)}}}, {json.dumps(meta)}); }})()")
    found = run(code)
    assert isinstance(found, list)
    return {item["term"]: round(item["weight"], 3) for item in found}


def test_a_missing_word_finds_the_handbook_word_that_sounds_like_it():
    sounds = {"xun pan": ["询盘"], "pan xun": []}
    assert alikes("寻盘", sounds, {"询盘": [1, posting(1, 64)]}) == {"询盘": 0.8}


def test_a_word_the_handbook_holds_brings_no_sound_alikes():
    sounds = {"xun pan": ["询盘", "寻盘"]}
    assert alikes("寻盘", sounds, {"寻盘": [1, posting(2, 1)], "询盘": [1, posting(1, 64)]}) == {}


def test_a_sound_alike_shares_a_character_with_the_typed_word():
    """Two characters changed is another word that sounds the same, not a slip (试用 → 使用 is fine,
    but 寻判 does not become 询盘)."""
    assert alikes("寻判", {"xun pan": ["询盘"]}, {}) == {}
    assert alikes("试用其", {"yong qi": ["用期"], "si yong": ["试用"]}, {"试用": [1, posting(1, 64)]}) == {"用期": 0.48}, "across 试用|其: 0.6 × 0.8"


def test_sound_keys_and_shards_match_the_index_writer():
    from macros.search_index import sound_key, sound_shard

    keys = run(f"engine.soundKeys('询盘', engine.readingsOf({json.dumps({'xun': '询', 'pan': '盘', 'ban': '盘'})}))")
    assert keys == sound_key(["xun"], ["pan", "ban"]) == ["xun pan", "xun ban"]
    assert run(f"{json.dumps(keys)}.map(key => engine.soundShard(key, 37))") == [sound_shard(key, 37) for key in keys]


def test_the_query_is_respelled_with_the_commonest_sound_alike():
    meta = {"shards": 1, "pages": META["pages"]}
    alikes = [{"term": "询盘", "from": "寻盘"}, {"term": "巡盘", "from": "寻盘"}]
    tables = {0: {"询盘": [9, posting(1, 64)], "巡盘": [1, posting(2, 1)]}}
    assert run(f"engine.respell('寻盘多久回', {json.dumps(alikes)}, {json.dumps(meta)}, {json.dumps(tables)})") == "询盘多久回"
    assert run(f"engine.respell('询盘', [], {json.dumps(meta)}, {json.dumps(tables)})") == ""
