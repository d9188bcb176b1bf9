"""Typed models of what trainers write: checklists, agendas, quizzes and tracks.

Validation that concerns one value or one object lives here. Duplicate ids (which need the
line of the second one) are found by `loader.py`; links and ids that point into other files
by `crossref.py`, once everything is loaded. Messages are Chinese because
trainers read them; `loader.py` adds the file and line.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator, model_validator

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
TIME_RANGE = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-3]):([0-5]\d)$")

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Id = Annotated[str, StringConstraints(strip_whitespace=True, pattern=ID_PATTERN)]
Link = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


class Strict(BaseModel):
    """Unknown keys are errors: a typo such as `titel` must not pass silently."""

    model_config = ConfigDict(extra="forbid", frozen=True)


# ---------------------------------------------------------------- checklists
class ChecklistItem(Strict):
    id: Id
    text: Text
    link: Link | None = None
    due: Text | None = None
    owner: Text | None = None
    score: bool = False


class ChecklistGroup(Strict):
    title: Text
    items: list[ChecklistItem] = Field(min_length=1)


class Checklist(Strict):
    title: Text
    description: Text | None = None
    audience: Text
    signoff: list[Text] = []
    groups: list[ChecklistGroup] = Field(min_length=1)

    @property
    def items(self) -> list[ChecklistItem]:
        return [item for group in self.groups for item in group.items]

    @property
    def has_scores(self) -> bool:
        return any(item.score for item in self.items)


# ---------------------------------------------------------------- agendas
class Session(Strict):
    time: str
    title: Text
    description: Text | None = None
    host: Text | None = None
    place: Text | None = None
    materials: list[Text] = []
    links: list[Link] = []
    checklists: list[Id] = []

    @field_validator("time", mode="before")
    @classmethod
    def _time_range(cls, value):
        if not isinstance(value, str) or not TIME_RANGE.match(value.strip()):
            raise ValueError(f"时间「{value}」格式不对，应写成 \"09:00-10:30\"（24 小时制，两位数，加引号）")
        start, end = value.strip().split("-")
        if end <= start:
            raise ValueError(f"时间「{value}」的结束时间不晚于开始时间；请检查是否写反了")
        return value.strip()

    @property
    def start(self) -> str:
        return self.time.split("-")[0]

    @property
    def end(self) -> str:
        return self.time.split("-")[1]


class Day(Strict):
    day: int = Field(ge=1)
    theme: Text | None = None
    sessions: list[Session] = Field(min_length=1)

    @model_validator(mode="after")
    def _no_overlap(self):
        for before, after in zip(self.sessions, self.sessions[1:]):
            if after.start < before.end:
                raise ValueError(
                    f"第{self.day}天的「{before.title}」（{before.time}）和「{after.title}」（{after.time}）"
                    "时间重叠或顺序颠倒；请按时间先后排列，并让后一场在前一场结束后开始")
        return self


class Agenda(Strict):
    title: Text
    track: Text
    description: Text | None = None
    holidays: list[dt.date] = []
    days: list[Day] = Field(min_length=1)

    @model_validator(mode="after")
    def _days_in_order(self):
        for position, day in enumerate(self.days, start=1):
            if day.day != position:
                raise ValueError(f"第 {position} 个 day 写的是 {day.day}；天数要从 1 开始按顺序连续编号（1、2、3……）")
        return self


# ---------------------------------------------------------------- quizzes
class Option(Strict):
    text: Text
    correct: bool = False
    explanation: Text | None = None


class QuestionBase(Strict):
    id: Id
    prompt: Text
    explanation: Text
    review: Link


class ChoiceQuestion(QuestionBase):
    type: Literal["single", "multiple"]
    options: list[Option] = Field(min_length=2)

    @model_validator(mode="after")
    def _correct_count(self):
        correct = sum(option.correct for option in self.options)
        if self.type == "single" and correct != 1:
            raise ValueError(f"单选题必须恰好有 1 个选项写 `correct: true`，现在有 {correct} 个")
        if self.type == "multiple" and correct == 0:
            raise ValueError("多选题至少要有 1 个选项写 `correct: true`")
        return self


class TrueFalseQuestion(QuestionBase):
    type: Literal["true_false"]
    answer: bool


class FillQuestion(QuestionBase):
    type: Literal["fill"]
    answers: list[Text] = Field(min_length=1)


class OrderQuestion(QuestionBase):
    type: Literal["order"]
    items: list[Text] = Field(min_length=2)


Question = Annotated[
    Union[ChoiceQuestion, TrueFalseQuestion, FillQuestion, OrderQuestion],
    Field(discriminator="type"),
]

QUESTION_TYPE_NAMES = {"single": "单选", "multiple": "多选", "true_false": "判断", "fill": "填空", "order": "排序"}


class Quiz(Strict):
    title: Text
    description: Text | None = None
    pass_mark: int = Field(default=80, ge=1, le=100)
    shuffle: bool = False
    mode: Literal["practice", "exam"] = "practice"
    time_limit: int | None = Field(default=None, ge=1, le=600)
    questions: list[Question] = Field(min_length=1)

    @model_validator(mode="after")
    def _consistent(self):
        if self.mode == "exam" and self.time_limit is None:
            raise ValueError("考试模式（mode: exam）需要写 `time_limit: 分钟数`，例如 `time_limit: 60`")
        if self.mode == "practice" and self.time_limit is not None:
            raise ValueError("只有考试模式才有时间限制：删除 time_limit，或加上 `mode: exam`")
        return self


# ---------------------------------------------------------------- tracks
class TrackStep(Strict):
    agenda: Id | None = None
    page: Link | None = None
    checklist: Id | None = None
    quiz: Id | None = None
    title: Text | None = None

    @model_validator(mode="after")
    def _one_target(self):
        kinds = [kind for kind in ("agenda", "page", "checklist", "quiz") if getattr(self, kind)]
        if len(kinds) != 1:
            raise ValueError("每一步只能写 agenda、page、checklist、quiz 中的一个，"
                             f"现在写了 {len(kinds)} 个；把它们拆成几步")
        return self

    @property
    def kind(self) -> str:
        return next(kind for kind in ("agenda", "page", "checklist", "quiz") if getattr(self, kind))

    @property
    def target(self) -> str:
        return getattr(self, self.kind)


class Track(Strict):
    id: Id
    title: Text
    description: Text | None = None
    steps: list[TrackStep] = Field(min_length=1)


class Tracks(Strict):
    tracks: list[Track] = Field(min_length=1)
