"""Quizzes as a Moodle question bank (Moodle XML), for trainers who keep exams in the company LMS.

Type mapping: single and multiple choice → multichoice; true/false → truefalse; fill-in →
shortanswer with every accepted answer (and its full-width/half-width twin, since the handbook
ignores that difference and Moodle does not); ordering → ordering (core since Moodle 4.3).
Per-option explanations become answer feedback, the question's explanation general feedback,
and every link (review links included) an absolute URL of the published handbook.

Text goes through the same inline Markdown renderer as the widgets (raw HTML in trainer text is
escaped there), then into XML text nodes, so `<`, `&`, quotes and `]]>` arrive intact: no CDATA
section that `]]>` could end. A question type Moodle cannot take raises UnsupportedQuestion,
which names it: nothing is dropped silently.
"""

from __future__ import annotations

import html
import unicodedata
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable
from urllib.parse import urljoin

from macros import links
from macros.inline import render_inline
from macros.models import ChoiceQuestion, FillQuestion, OrderQuestion, Quiz, TrueFalseQuestion
from macros.render import AnyQuestion

# Moodle accepts only grades from a fixed list (question/format.php); 100/k for k correct options
# is on it for k up to 10, written as Moodle writes it.
MAX_CORRECT_OPTIONS = 10
REVIEW_LABEL = "复习：讲这部分内容的章节"


class UnsupportedQuestion(ValueError):
    """A question that has no Moodle type: the message names the quiz, question and type."""


def link_resolver(site_url: str) -> Callable[[str], str]:
    """A docs-relative link (onboarding/faq.md#probation) as an absolute URL of the published site."""
    base = site_url if site_url.endswith("/") else site_url + "/"

    def resolve(link: str) -> str:
        if links.is_external(link):
            return link
        path, anchor = links.split(link)
        return urljoin(base, links.page_url(path)) + (f"#{anchor}" if anchor else "")

    return resolve


def _text(parent: ET.Element, tag: str, html: str, fmt: str = "html") -> ET.Element:
    element = ET.SubElement(parent, tag, {"format": fmt} if fmt else {})
    ET.SubElement(element, "text").text = html
    return element


def _fraction(value: float) -> str:
    return f"{value:.7f}".rstrip("0").rstrip(".") if value % 1 else str(int(value))


MOODLE_TYPES: dict[type, str] = {ChoiceQuestion: "multichoice", TrueFalseQuestion: "truefalse", FillQuestion: "shortanswer",
                OrderQuestion: "ordering"}


def _question(bank: ET.Element, quiz_id: str, question: AnyQuestion, resolve: Callable[[str], str]) -> None:
    qtype = MOODLE_TYPES.get(type(question))
    if qtype is None:
        raise UnsupportedQuestion(f"{quiz_id}/{question.id}: 题型「{question.type}」没有对应的 Moodle 题型")

    def md(text: str | None) -> str:
        return str(render_inline(text, resolve))

    element = ET.SubElement(bank, "question", {"type": qtype})
    ET.SubElement(ET.SubElement(element, "name"), "text").text = f"{quiz_id}/{question.id}"
    _text(element, "questiontext", md(question.prompt))
    review = html.escape(resolve(question.review), quote=True)
    _text(element, "generalfeedback", md(question.explanation) + f'<p><a href="{review}">{REVIEW_LABEL}</a></p>')
    ET.SubElement(element, "defaultgrade").text = "1"
    ET.SubElement(element, "idnumber").text = f"{quiz_id}/{question.id}"
    ET.SubElement(ET.SubElement(ET.SubElement(element, "tags"), "tag"), "text").text = quiz_id

    if isinstance(question, ChoiceQuestion):
        _choice_answers(element, quiz_id, question, md)
    elif isinstance(question, TrueFalseQuestion):
        for truth in (True, False):
            choice = _text(element, "answer", "true" if truth else "false", "moodle_auto_format")
            choice.set("fraction", "100" if truth == question.answer else "0")
            _text(choice, "feedback", "")
    elif isinstance(question, FillQuestion):
        ET.SubElement(element, "usecase").text = "0"  # case is ignored, as on the site
        for text in _answer_forms(question.answers):
            answer = _text(element, "answer", text, "moodle_auto_format")
            answer.set("fraction", "100")
            _text(answer, "feedback", "")
    else:
        for tag_name, setting in (("layouttype", "VERTICAL"), ("selecttype", "ALL"), ("selectcount", "0"),
                                  ("gradingtype", "ABSOLUTE_POSITION"), ("showgrading", "SHOW")):
            ET.SubElement(element, tag_name).text = setting
        for item in question.items:  # in the right order: Moodle shuffles them for the learner
            _text(element, "answer", md(item)).set("fraction", "1")


def _choice_answers(element: ET.Element, quiz_id: str, question: ChoiceQuestion, md: Callable[[str | None], str]) -> None:
    correct = sum(option.correct for option in question.options)
    if correct > MAX_CORRECT_OPTIONS:
        raise UnsupportedQuestion(f"{quiz_id}/{question.id}: 多选题有 {correct} 个正确选项，"
                                  f"Moodle 最多能给 {MAX_CORRECT_OPTIONS} 个正确选项分配分数")
    ET.SubElement(element, "single").text = "true" if question.type == "single" else "false"
    ET.SubElement(element, "shuffleanswers").text = "true"
    ET.SubElement(element, "answernumbering").text = "ABCD"
    for option in question.options:
        # A wrong option in a multiple-choice question costs the whole mark, as on the site,
        # where only the exact set of right options counts.
        fraction = 100 / correct if option.correct else (-100 if question.type == "multiple" else 0)
        answer = _text(element, "answer", md(option.text))
        answer.set("fraction", _fraction(round(fraction, 5)))
        _text(answer, "feedback", md(option.explanation))


def _answer_forms(answers: Iterable[str]) -> list[str]:
    """Each accepted answer, trimmed, and its NFKC form (全角 ＦＯＢ → FOB) where that differs."""
    forms: list[str] = []
    for text in answers:
        for form in (text.strip(), unicodedata.normalize("NFKC", text).strip()):
            if form and form not in forms:
                forms.append(form)
    return forms


def _category(bank: ET.Element, title: str) -> None:
    element = ET.SubElement(bank, "question", {"type": "category"})
    category = ET.SubElement(element, "category")
    ET.SubElement(category, "text").text = f"$course$/top/{title.replace('/', '／')}"


def question_bank(quizzes: Iterable[tuple[str, Quiz]], site_url: str) -> bytes:
    """Moodle XML for the quizzes, each in a category named after its title."""
    resolve = link_resolver(site_url)
    bank = ET.Element("quiz")
    for quiz_id, quiz in quizzes:
        _category(bank, quiz.title)
        for question in quiz.questions:
            _question(bank, quiz_id, question, resolve)
    ET.indent(bank)
    return bytes(ET.tostring(bank, encoding="utf-8", xml_declaration=True)) + b"\n"
