"""tools/lms/moodle.py on made-up quizzes: text that breaks XML or HTML arrives intact, every type
maps to its Moodle type, and a type Moodle cannot take is named, never dropped."""

from __future__ import annotations

import html
from xml.etree import ElementTree as ET

import pytest

from macros.models import Quiz
from tools.lms import moodle

NASTY = 'A <b>bold</b> & "quoted" \'text\' ]]> <script>alert(1)</script>'


def bank(quiz: dict) -> ET.Element:
    return ET.fromstring(moodle.question_bank([("nasty", Quiz.model_validate(quiz))], "https://handbook.example/hb/"))


def test_text_that_breaks_xml_arrives_intact():
    root = bank({"title": "标题 <&> ]]>", "questions": [
        {"id": "q1", "type": "single", "prompt": NASTY, "explanation": NASTY, "review": "onboarding/faq.md#a",
         "options": [{"text": NASTY, "correct": True, "explanation": NASTY}, {"text": "no"}]},
        {"id": "q2", "type": "fill", "prompt": "p", "explanation": "e", "review": "index.md", "answers": [NASTY]},
    ]})
    assert root.find("question/category/text").text == "$course$/top/标题 <&> ]]>"
    single = root.findall("question")[1]
    # Raw HTML in trainer text is shown as text (escaped once for HTML), as on the site.
    shown = html.unescape(single.findtext("questiontext/text"))
    assert shown == NASTY
    assert "<script>" not in single.findtext("questiontext/text")
    assert html.unescape(single.find("answer").findtext("feedback/text")) == NASTY
    fill = root.findall("question")[2]
    assert fill.findtext("answer/text") == NASTY.strip(), "a fill answer is matched as typed: plain text"


def test_each_type_maps_to_its_moodle_type_and_review_link_is_absolute():
    root = bank({"title": "t", "questions": [
        {"id": "a", "type": "single", "prompt": "p", "explanation": "e", "review": "onboarding/faq.md#probation",
         "options": [{"text": "x", "correct": True}, {"text": "y"}]},
        {"id": "b", "type": "multiple", "prompt": "p", "explanation": "e", "review": "index.md",
         "options": [{"text": "x", "correct": True}, {"text": "y", "correct": True}, {"text": "z", "correct": True}, {"text": "w"}]},
        {"id": "c", "type": "true_false", "prompt": "p", "explanation": "e", "review": "index.md", "answer": False},
        {"id": "d", "type": "fill", "prompt": "p", "explanation": "e", "review": "index.md", "answers": ["ＦＯＢ", "fob"]},
        {"id": "e", "type": "order", "prompt": "p", "explanation": "e", "review": "index.md", "items": ["1", "2", "3"]},
    ]})
    questions = root.findall("question")[1:]
    assert [q.get("type") for q in questions] == ["multichoice", "multichoice", "truefalse", "shortanswer", "ordering"]
    assert '<a href="https://handbook.example/hb/onboarding/faq/#probation">' in questions[0].findtext("generalfeedback/text")
    assert [a.get("fraction") for a in questions[1].findall("answer")] == ["33.33333", "33.33333", "33.33333", "-100"]
    assert [(a.findtext("text"), a.get("fraction")) for a in questions[2].findall("answer")] == [("true", "0"), ("false", "100")]
    assert [a.findtext("text") for a in questions[3].findall("answer")] == ["ＦＯＢ", "FOB", "fob"]
    assert [a.findtext("text") for a in questions[4].findall("answer")] == ["1", "2", "3"]


def test_a_type_moodle_cannot_take_is_named():
    class Strange:
        id, type, prompt, explanation, review = "odd", "hotspot", "p", "e", "index.md"

    root = ET.Element("quiz")
    with pytest.raises(moodle.UnsupportedQuestion, match="nasty/odd: 题型「hotspot」没有对应的 Moodle 题型"):
        moodle._question(root, "nasty", Strange(), moodle.link_resolver("https://h.example/"))  # type: ignore[arg-type]
