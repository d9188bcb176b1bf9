"""macros.models: good data validates; each kind of mistake is rejected with a Chinese message."""

from __future__ import annotations

import copy
import datetime as dt

import pytest
from pydantic import ValidationError

from macros.models import Agenda, Checklist, LocatedError, Quiz, Tracks

from . import support  # noqa: F401  (puts the project root on sys.path)

CHECKLIST = {
    "title": "入职第一周",
    "description": "第一周要完成的事，见[公司制度](onboarding/company.md#leave)。",
    "audience": "新员工",
    "signoff": ["新员工", "导师"],
    "groups": [
        {"title": "第一天", "items": [
            {"id": "collect-handbook", "text": "领取 **《员工守则》**", "link": "onboarding/company.md#rules",
             "due": "第1天", "owner": "HR"},
            {"id": "meet-mentor", "text": "认识导师", "score": True},
        ]},
        {"title": "第二天", "items": [{"id": "read-rules", "text": "读完制度"}]},
    ],
}

AGENDA = {
    "title": "新员工岗前培训日程",
    "track": "全体新员工",
    "holidays": [dt.date(2027, 1, 1)],
    "days": [
        {"day": 1, "theme": "欢迎", "sessions": [
            {"time": "09:00-10:30", "title": "欢迎会", "host": "总经理", "place": "大会议室",
             "materials": ["员工守则"], "links": ["onboarding/company.md"], "checklists": ["first-day"]},
            {"time": "10:30-12:00", "title": "参观"},  # starts exactly when the previous one ends
        ]},
        {"day": 2, "sessions": [{"time": "13:30-17:00", "title": "制度"}]},
    ],
}

QUESTION_BASE = {"prompt": "问题？", "explanation": "因为……", "review": "trade-email/first-contact.md#no-attachments"}
QUIZ = {
    "title": "外贸函电自测",
    "questions": [
        {"id": "single", "type": "single", **QUESTION_BASE,
         "options": [{"text": "甲", "correct": True, "explanation": "对"}, {"text": "乙"}]},
        {"id": "multiple", "type": "multiple", **QUESTION_BASE,
         "options": [{"text": "甲", "correct": True}, {"text": "乙", "correct": True}, {"text": "丙"}]},
        {"id": "true-false", "type": "true_false", **QUESTION_BASE, "answer": False},
        {"id": "fill", "type": "fill", **QUESTION_BASE, "answers": ["首次呼叫解决率", "FCR"]},
        {"id": "order", "type": "order", **QUESTION_BASE, "items": ["送达", "打开", "回复"]},
    ],
}

TRACKS = {"tracks": [{"id": "intl-sales", "title": "国际站销售", "steps": [
    {"agenda": "intl-sales-pre-job"}, {"page": "trade-email/index.md", "title": "读：外贸函电"},
    {"checklist": "first-week"}, {"quiz": "trade-email-basics"},
]}]}

MODELS = {"checklist": (Checklist, CHECKLIST), "agenda": (Agenda, AGENDA), "quiz": (Quiz, QUIZ), "tracks": (Tracks, TRACKS)}


def changed(data: dict, path: tuple, value=None, *, delete: bool = False) -> dict:
    """A deep copy of `data` with the value at `path` replaced (or deleted)."""
    result = copy.deepcopy(data)
    parent = result
    for part in path[:-1]:
        parent = parent[part]
    if delete:
        del parent[path[-1]]
    else:
        parent[path[-1]] = value
    return result


def rejected(model, data) -> list[dict]:
    with pytest.raises(ValidationError) as caught:
        model.model_validate(data)
    return caught.value.errors()


def messages(errors: list[dict]) -> str:
    """The text of every error: pydantic's own message, or the Chinese one a validator raised."""
    return "\n".join(str(error["ctx"]["error"]) if isinstance(error.get("ctx", {}).get("error"), ValueError)
                     else error["msg"] for error in errors)


# ---------------------------------------------------------------- good data


@pytest.mark.parametrize("kind", MODELS)
def test_good_data_validates(kind):
    model, data = MODELS[kind]
    model.model_validate(data)


def test_defaults_and_derived_values():
    checklist = Checklist.model_validate(CHECKLIST)
    assert [item.id for item in checklist.items] == ["collect-handbook", "meet-mentor", "read-rules"]
    assert checklist.has_scores
    quiz = Quiz.model_validate(QUIZ)
    assert (quiz.pass_mark, quiz.shuffle, quiz.mode, quiz.time_limit) == (80, False, "practice", None)
    assert [question.type for question in quiz.questions] == ["single", "multiple", "true_false", "fill", "order"]
    session = Agenda.model_validate(AGENDA).days[0].sessions[0]
    assert (session.start, session.end) == ("09:00", "10:30")
    step = Tracks.model_validate(TRACKS).tracks[0].steps[1]
    assert (step.kind, step.target) == ("page", "trade-email/index.md")


def test_exam_with_time_limit_validates():
    Quiz.model_validate({**QUIZ, "mode": "exam", "time_limit": 60})


def test_time_is_stripped_and_may_touch():
    agenda = changed(AGENDA, ("days", 0, "sessions", 0, "time"), " 09:00-10:30 ")
    assert Agenda.model_validate(agenda).days[0].sessions[0].time == "09:00-10:30"


def test_multiple_choice_may_have_one_correct_option():
    quiz = changed(QUIZ, ("questions", 1, "options", 1, "correct"), False)
    Quiz.model_validate(quiz)


# ---------------------------------------------------------------- faults

FAULTS = {
    # name: (model, data, fragment of the Chinese message, loc of a LocatedError or None)
    "single-without-correct": (Quiz, changed(QUIZ, ("questions", 0, "options", 0, "correct"), False),
                               "恰好有 1 个选项", ("options",)),
    "single-with-two-correct": (Quiz, changed(QUIZ, ("questions", 0, "options", 1, "correct"), True),
                                "现在有 2 个", ("options",)),
    "multiple-without-correct": (Quiz, changed(changed(QUIZ, ("questions", 1, "options", 0, "correct"), False),
                                               ("questions", 1, "options", 1, "correct"), False),
                                 "多选题至少要有 1 个", ("options",)),
    "choice-with-one-option": (Quiz, changed(QUIZ, ("questions", 0, "options"), [{"text": "甲", "correct": True}]),
                               "at least 2", None),
    "fill-without-answers": (Quiz, changed(QUIZ, ("questions", 3, "answers"), delete=True), "Field required", None),
    "fill-with-empty-answers": (Quiz, changed(QUIZ, ("questions", 3, "answers"), []), "at least 1", None),
    "order-with-one-item": (Quiz, changed(QUIZ, ("questions", 4, "items"), ["送达"]), "at least 2", None),
    "true-false-without-answer": (Quiz, changed(QUIZ, ("questions", 2, "answer"), delete=True), "Field required", None),
    "unknown-question-type": (Quiz, changed(QUIZ, ("questions", 0, "type"), "choice"), "does not match", None),
    "question-id-not-ascii": (Quiz, changed(QUIZ, ("questions", 0, "id"), "第一题"), "pattern", None),
    "question-without-review": (Quiz, changed(QUIZ, ("questions", 0, "review"), delete=True), "Field required", None),
    "exam-without-time-limit": (Quiz, {**QUIZ, "mode": "exam"}, "time_limit", ("mode",)),
    "practice-with-time-limit": (Quiz, {**QUIZ, "time_limit": 30}, "只有考试模式", ("time_limit",)),
    "pass-mark-over-100": (Quiz, {**QUIZ, "pass_mark": 120}, "less than or equal", None),
    "unknown-mode": (Quiz, {**QUIZ, "mode": "test"}, "practice", None),
    "overlapping-sessions": (Agenda, changed(AGENDA, ("days", 0, "sessions", 1, "time"), "10:00-11:00"),
                             "时间重叠", ("sessions", 1, "time")),
    "sessions-out-of-order": (Agenda, changed(AGENDA, ("days", 0, "sessions", 1, "time"), "08:00-08:30"),
                              "顺序颠倒", ("sessions", 1, "time")),
    "end-before-start": (Agenda, changed(AGENDA, ("days", 1, "sessions", 0, "time"), "17:00-13:30"),
                         "结束时间不晚于开始时间", None),
    "end-equals-start": (Agenda, changed(AGENDA, ("days", 1, "sessions", 0, "time"), "13:30-13:30"),
                         "结束时间不晚于开始时间", None),
    "time-one-digit-hour": (Agenda, changed(AGENDA, ("days", 1, "sessions", 0, "time"), "9:00-10:30"), "格式不对", None),
    "time-with-tilde": (Agenda, changed(AGENDA, ("days", 1, "sessions", 0, "time"), "09:00~10:30"), "格式不对", None),
    "time-hour-25": (Agenda, changed(AGENDA, ("days", 1, "sessions", 0, "time"), "25:00-26:00"), "格式不对", None),
    "time-start-only": (Agenda, changed(AGENDA, ("days", 1, "sessions", 0, "time"), "09:00"), "格式不对", None),
    "time-as-number": (Agenda, changed(AGENDA, ("days", 1, "sessions", 0, "time"), 540), "格式不对", None),
    "days-skip-a-number": (Agenda, changed(AGENDA, ("days", 1, "day"), 3), "第 2 个 day 写的是 3", ("days", 1, "day")),
    "days-start-at-zero": (Agenda, changed(AGENDA, ("days", 0, "day"), 0), "greater than or equal", None),
    "days-repeated": (Agenda, changed(AGENDA, ("days", 1, "day"), 1), "按顺序连续编号", ("days", 1, "day")),
    "day-without-sessions": (Agenda, changed(AGENDA, ("days", 1, "sessions"), []), "at least 1", None),
    "holiday-not-a-date": (Agenda, {**AGENDA, "holidays": ["元旦"]}, "date", None),
    "unknown-key-checklist": (Checklist, {**CHECKLIST, "titel": "x"}, "Extra inputs", None),
    "unknown-key-item": (Checklist, changed(CHECKLIST, ("groups", 0, "items", 0, "lnk"), "x.md"), "Extra inputs", None),
    "unknown-key-session": (Agenda, changed(AGENDA, ("days", 0, "sessions", 0, "speaker"), "x"), "Extra inputs", None),
    "unknown-key-option": (Quiz, changed(QUIZ, ("questions", 0, "options", 0, "right"), True), "Extra inputs", None),
    "unknown-key-quiz": (Quiz, {**QUIZ, "passmark": 60}, "Extra inputs", None),
    "checklist-without-audience": (Checklist, changed(CHECKLIST, ("audience",), delete=True), "Field required", None),
    "checklist-empty-title": (Checklist, {**CHECKLIST, "title": "  "}, "at least 1", None),
    "checklist-group-without-items": (Checklist, changed(CHECKLIST, ("groups", 1, "items"), []), "at least 1", None),
    "checklist-item-id-with-space": (Checklist, changed(CHECKLIST, ("groups", 0, "items", 0, "id"), "collect handbook"),
                                     "pattern", None),
    "checklist-score-not-bool": (Checklist, changed(CHECKLIST, ("groups", 0, "items", 0, "score"), "是"), "boolean", None),
    "track-step-with-two-targets": (Tracks, changed(TRACKS, ("tracks", 0, "steps", 0, "quiz"), "onboarding"),
                                    "只能写 agenda、page、checklist、quiz 中的一个", None),
    "track-step-with-no-target": (Tracks, changed(TRACKS, ("tracks", 0, "steps", 0), {"title": "空"}),
                                  "现在写了 0 个", None),
    "track-without-steps": (Tracks, changed(TRACKS, ("tracks", 0, "steps"), []), "at least 1", None),
    "no-tracks": (Tracks, {"tracks": []}, "at least 1", None),
}


@pytest.mark.parametrize("name", FAULTS)
def test_fault_is_rejected(name):
    model, data, fragment, located = FAULTS[name]
    errors = rejected(model, data)
    assert fragment in messages(errors), messages(errors)
    if located is not None:
        causes = [error["ctx"]["error"] for error in errors if isinstance(error.get("ctx", {}).get("error"), LocatedError)]
        assert [cause.loc for cause in causes] == [located]


@pytest.mark.parametrize("name", [name for name, fault in FAULTS.items() if fault[3] is not None])
def test_rule_messages_carry_a_hint(name):
    """Whole-object rules are written `说明；怎么改`, and the loader splits them at the first `；`."""
    model, data, _, _ = FAULTS[name]
    text = messages(rejected(model, data))
    assert "；" in text and text.split("；", 1)[1].strip()


def test_models_are_frozen():
    checklist = Checklist.model_validate(CHECKLIST)
    with pytest.raises(ValidationError):
        checklist.title = "改了"
