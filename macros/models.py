"""Typed models of what trainers write: checklists, agendas, quizzes, tracks and calculators.

Validation that concerns one value or one object lives here. Duplicate ids (which need the
line of the second one) are found by `loader.py`; links and ids that point into other files
by `crossref.py`, once everything is loaded. Messages are Chinese because
trainers read them; `loader.py` adds the file and line.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal, Self

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator, model_validator

from macros.fields import LINK, MARKDOWN, PLAIN, Role

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
TIME_RANGE = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-3]):([0-5]\d)$")

# What a text field holds decides how it is checked and shown (macros/fields.py walks them):
# Text is shown as escaped plain text, Markdown as inline Markdown (links checked), Link is a
# docs-relative page link or an http(s) URL, Ref names the id of another data file.
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1), PLAIN]
Markdown = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1), MARKDOWN]
Id = Annotated[str, StringConstraints(strip_whitespace=True, pattern=ID_PATTERN), PLAIN]
Link = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1), LINK]
# The id of a checklist, agenda or quiz defined in another data file (checked once all are loaded).
ChecklistRef = Annotated[str, StringConstraints(strip_whitespace=True, pattern=ID_PATTERN), Role("ref", "checklists")]
AgendaRef = Annotated[str, StringConstraints(strip_whitespace=True, pattern=ID_PATTERN), Role("ref", "agendas")]
QuizRef = Annotated[str, StringConstraints(strip_whitespace=True, pattern=ID_PATTERN), Role("ref", "quizzes")]


class LocatedError(ValueError):
    """A rule broken by one part of an object: `loc` leads from the object to that part, so the
    message points at the offending line (e.g. the later of two overlapping sessions), not the object.
    Messages are `说明；怎么改`: the loader splits them at the first `；`."""

    def __init__(self, message: str, *loc: str | int):
        super().__init__(message)
        self.loc = loc


class Strict(BaseModel):
    """Unknown keys are errors: a typo such as `titel` must not pass silently."""

    model_config = ConfigDict(extra="forbid", frozen=True)


# ---------------------------------------------------------------- checklists
class ChecklistItem(Strict):
    id: Annotated[Id, Field(description="在本清单内唯一：小写英文字母、数字和连字符，例如 collect-handbook；发布后不要再改，勾选进度按 id 保存")]
    text: Annotated[Markdown, Field(description="要做的事；可用加粗、斜体、链接等简单格式")]
    link: Annotated[Link | None, Field(description="选填：讲这件事的页面，从 docs/ 算起，例如 onboarding/company.md#leave")] = None
    due: Annotated[Text | None, Field(description="选填：期限，随便写，例如 第1天、第1周、每天")] = None
    owner: Annotated[Text | None, Field(description="选填：谁负责，例如 HR、导师")] = None
    score: Annotated[bool, Field(description="选填：写 true 时打印版加一列“得分”（用于考核表）")] = False


class ChecklistGroup(Strict):
    title: Annotated[Text, Field(description="组名，例如 第一天")]
    items: list[ChecklistItem] = Field(min_length=1, description="这一组的条目，至少一项")


class Checklist(Strict):
    title: Annotated[Text, Field(description="清单标题")]
    description: Annotated[Markdown | None, Field(description="选填：一句说明，可用加粗、斜体、链接等简单格式")] = None
    audience: Annotated[Text, Field(description="谁来勾选，例如 新员工、导师、主管、培训师、班主任")]
    signoff: Annotated[list[Text], Field(description="选填：打印时页尾留出这些人的签字栏，例如 [新员工, 导师]")] = []
    groups: list[ChecklistGroup] = Field(min_length=1, description="分组，至少一组；每组有 title 和 items")

    @property
    def items(self) -> list[ChecklistItem]:
        return [item for group in self.groups for item in group.items]

    @property
    def has_scores(self) -> bool:
        return any(item.score for item in self.items)


# ---------------------------------------------------------------- agendas
class Session(Strict):
    time: Annotated[str, Field(description="时间段，24 小时制、两位数，加英文双引号，例如 \"09:00-10:30\"")]
    title: Annotated[Text, Field(description="这一场的标题")]
    description: Annotated[Markdown | None, Field(description="选填：一句说明，可用加粗、斜体、链接等简单格式")] = None
    host: Annotated[Text | None, Field(description="选填：主持人或讲师")] = None
    place: Annotated[Text | None, Field(description="选填：地点")] = None
    materials: Annotated[list[Text], Field(description="选填：要发的资料")] = []
    links: Annotated[list[Link], Field(description="选填：相关页面，从 docs/ 算起")] = []
    checklists: Annotated[list[ChecklistRef], Field(description="选填：相关清单的 id（data/checklists/ 下的文件名，不含 .yml）")] = []

    @field_validator("time", mode="before")
    @classmethod
    def _time_range(cls, value: object) -> str:
        if not isinstance(value, str) or not TIME_RANGE.match(value.strip()):
            raise ValueError(f"时间「{value}」格式不对；写成带引号的 \"09:00-10:30\"（24 小时制，小时和分钟都写两位数）")
        start, end = value.strip().split("-")
        if end <= start:
            raise ValueError(f"时间「{value}」的结束时间不晚于开始时间；检查是否把开始和结束时间写反了")
        return value.strip()

    @property
    def start(self) -> str:
        return self.time.split("-")[0]

    @property
    def end(self) -> str:
        return self.time.split("-")[1]


class Day(Strict):
    day: int = Field(ge=1, description="第几天：从 1 开始按顺序编号")
    theme: Annotated[Text | None, Field(description="选填：当天主题")] = None
    sessions: list[Session] = Field(min_length=1, description="当天的安排，按时间先后排列，时间不能重叠")

    @model_validator(mode="after")
    def _no_overlap(self) -> Self:
        for position, (before, after) in enumerate(zip(self.sessions, self.sessions[1:], strict=False), start=1):
            if after.start < before.end:
                raise LocatedError(
                    f"第{self.day}天的「{before.title}」（{before.time}）和「{after.title}」（{after.time}）"
                    "时间重叠或顺序颠倒；请按时间先后排列，并让后一场在前一场结束后开始",
                    "sessions", position, "time")
        return self


class Agenda(Strict):
    title: Annotated[Text, Field(description="日程标题")]
    track: Annotated[Text, Field(description="给谁的日程，例如 全体新员工")]
    description: Annotated[Markdown | None, Field(description="选填：一句说明，可用加粗、斜体、链接等简单格式")] = None
    holidays: Annotated[list[dt.date], Field(description="选填：公司另定的休息日，写成 [2026-06-01]；法定节假日和调休上班日会自动算进去，不用写")] = []
    days: list[Day] = Field(min_length=1, description="每一天的安排，day 按 1、2、3……顺序编号")

    @model_validator(mode="after")
    def _days_in_order(self) -> Self:
        for position, day in enumerate(self.days, start=1):
            if day.day != position:
                raise LocatedError(f"第 {position} 个 day 写的是 {day.day}；天数要从 1 开始按顺序连续编号（1、2、3……）",
                                   "days", position - 1, "day")
        return self


# ---------------------------------------------------------------- holiday notices
WEEKDAY_NAMES = "一二三四五六日"


class Festival(Strict):
    name: Annotated[Text, Field(description="节日名称，照通知写，例如 春节")]
    days: list[dt.date] = Field(min_length=1, description="放假的每一天，连同其中的周六、周日，写成 [2027-10-01, 2027-10-02]")
    workdays: Annotated[list[dt.date], Field(description="选填：调休上班的日期（通知里“某月某日（周六）上班”），只能是周六或周日")] = []


class HolidayNotice(Strict):
    """One year of the State Council's notice (国务院办公厅关于某年部分节假日安排的通知), typed in
    by a trainer before the chinesecalendar package has it. The year is the file name
    (data/calendars/2027.yml); rules that need it are checked by macros/calendars.py."""

    title: Annotated[Text, Field(description="通知的标题，例如 国务院办公厅关于2027年部分节假日安排的通知")]
    published: Annotated[dt.date, Field(description="通知的发布日期，写成 2026-11-12")]
    holidays: list[Festival] = Field(min_length=1, description="通知里的每个节日一项：name、days（放假日期）和 workdays（调休上班日期）")

    @model_validator(mode="after")
    def _each_date_once(self) -> Self:
        seen: dict[dt.date, tuple[str, str]] = {}  # date -> (days/workdays, festival name)
        for index, festival in enumerate(self.holidays):
            for kind, days in (("days", festival.days), ("workdays", festival.workdays)):
                for position, day in enumerate(days):
                    where = ("holidays", index, kind, position)
                    if day in seen:
                        earlier_kind, earlier_name = seen[day]
                        problem = "既是放假日又是调休上班日" if earlier_kind != kind else "写了两次"
                        raise LocatedError(f"{day.isoformat()} {problem}（{earlier_name}的 {earlier_kind} 里已经有这一天）；"
                                           "对照通知改正：每个日期只写一次，放假写在 days 里，调休上班写在 workdays 里", *where)
                    seen[day] = (kind, festival.name)
                    if kind == "workdays" and day.weekday() < 5:
                        raise LocatedError(f"调休上班日 {day.isoformat()} 是周{WEEKDAY_NAMES[day.weekday()]}，本来就要上班；"
                                           "workdays 里只写通知中要上班的周六或周日，对照通知检查日期", *where)
        return self


# ---------------------------------------------------------------- quizzes
class Option(Strict):
    text: Annotated[Markdown, Field(description="选项文字；可用加粗、斜体、链接等简单格式")]
    correct: Annotated[bool, Field(description="正确的选项写 true；单选题恰好一个，多选题至少一个")] = False
    explanation: Annotated[Markdown | None, Field(description="选填：针对这个选项的解释")] = None


class QuestionBase(Strict):
    id: Annotated[Id, Field(description="在本测验内唯一：小写英文字母、数字和连字符；发布后不要再改")]
    prompt: Annotated[Markdown, Field(description="题目；可用加粗、斜体、链接等简单格式")]
    explanation: Annotated[Markdown, Field(description="答题后显示的解释：说明为什么，不只是给出答案")]
    review: Annotated[Link, Field(description="讲这个知识点的页面和标题 id，从 docs/ 算起，例如 trade-email/first-contact.md#no-attachments")]


class ChoiceQuestion(QuestionBase):
    type: Annotated[Literal["single", "multiple"], Field(description="题型：single 单选，multiple 多选")]
    options: list[Option] = Field(min_length=2, description="选项，至少两个")

    @model_validator(mode="after")
    def _correct_count(self) -> Self:
        correct = sum(option.correct for option in self.options)
        if self.type == "single" and correct != 1:
            raise LocatedError(f"单选题必须恰好有 1 个选项写 `correct: true`，现在有 {correct} 个；"
                               "只在正确的那个选项下写 `correct: true`，其余选项不写 correct"
                               "（如果确实有几个正确选项，把 type 改成 multiple）", "options")
        if self.type == "multiple" and correct == 0:
            raise LocatedError("多选题至少要有 1 个选项写 `correct: true`；在每个正确的选项下加一行 `correct: true`",
                               "options")
        return self


class TrueFalseQuestion(QuestionBase):
    type: Annotated[Literal["true_false"], Field(description="题型：true_false 判断")]
    answer: Annotated[bool, Field(description="正确答案：true（对）或 false（错），不加引号")]


class FillQuestion(QuestionBase):
    type: Annotated[Literal["fill"], Field(description="题型：fill 填空")]
    answers: list[Text] = Field(min_length=1, description="可接受的答案，一个或多个；比对时忽略首尾空格、全半角和大小写")


class OrderQuestion(QuestionBase):
    type: Annotated[Literal["order"], Field(description="题型：order 排序")]
    items: list[Markdown] = Field(min_length=2, description="按正确顺序写，至少两项；网页上会打乱显示")


Question = Annotated[
    ChoiceQuestion | TrueFalseQuestion | FillQuestion | OrderQuestion,
    Field(discriminator="type"),
]

QUESTION_TYPE_NAMES = {"single": "单选", "multiple": "多选", "true_false": "判断", "fill": "填空", "order": "排序"}


class Quiz(Strict):
    title: Annotated[Text, Field(description="测验标题")]
    description: Annotated[Markdown | None, Field(description="选填：一句说明，可用加粗、斜体、链接等简单格式")] = None
    pass_mark: int = Field(default=80, ge=1, le=100, description="选填：及格线（百分比，1–100），默认 80")
    shuffle: Annotated[bool, Field(description="选填：是否打乱选项顺序（排序题除外），默认 false")] = False
    mode: Annotated[Literal["practice", "exam"], Field(description="选填：practice 练习（默认）或 exam 考试")] = "practice"
    time_limit: int | None = Field(default=None, ge=1, le=600,
                                   description="考试时间（分钟，1–600）：考试模式必填，练习模式不能写")
    questions: list[Question] = Field(min_length=1, description="题目，至少一道；type 写 single 单选、multiple 多选、true_false 判断、fill 填空或 order 排序")

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        if self.mode == "exam" and self.time_limit is None:
            raise LocatedError("考试模式（mode: exam）需要限定时间；加一行 `time_limit: 分钟数`，例如 `time_limit: 60`",
                               "mode")
        if self.mode == "practice" and self.time_limit is not None:
            raise LocatedError("只有考试模式才有时间限制；删除 time_limit，或加上 `mode: exam`", "time_limit")
        return self


# ---------------------------------------------------------------- tracks
class TrackStep(Strict):
    agenda: Annotated[AgendaRef | None, Field(description="日程的 id；每一步只能写 agenda、page、checklist、quiz 中的一个")] = None
    page: Annotated[Link | None, Field(description="页面，从 docs/ 算起，例如 trade-email/index.md")] = None
    checklist: Annotated[ChecklistRef | None, Field(description="清单的 id")] = None
    quiz: Annotated[QuizRef | None, Field(description="测验的 id")] = None
    title: Annotated[Text | None, Field(description="选填：这一步的显示名称；页面这一步默认用页面标题")] = None

    @model_validator(mode="after")
    def _one_target(self) -> Self:
        kinds = [kind for kind in self.target_fields() if getattr(self, kind)]
        if len(kinds) != 1:
            raise ValueError(f"每一步只能写 {'、'.join(self.target_fields())} 中的一个，"
                             f"现在写了 {len(kinds)} 个；把它们拆成几步")
        return self

    @classmethod
    def target_fields(cls) -> list[str]:
        """The fields that name what the step points to: every field but its title."""
        return [name for name in cls.model_fields if name != "title"]

    @property
    def kind(self) -> str:
        return next(kind for kind in self.target_fields() if getattr(self, kind))

    @property
    def target(self) -> str:
        target: str = getattr(self, self.kind)  # every target field is a str (an id or a link)
        return target


class Track(Strict):
    id: Annotated[Id, Field(description="路线的 id：小写英文字母、数字和连字符，例如 intl-sales")]
    title: Annotated[Text, Field(description="路线名称")]
    description: Annotated[Markdown | None, Field(description="选填：一句说明，可用加粗、斜体、链接等简单格式")] = None
    steps: list[TrackStep] = Field(min_length=1, description="按学习顺序排列的步骤，至少一步")


class Tracks(Strict):
    tracks: list[Track] = Field(min_length=1, description="学习路线，至少一条")


# ---------------------------------------------------------------- calculators
# The browser does the arithmetic (docs/assets/hb-calc.js); these files
# only give the form its starting values and, for the loading calculator, the container sizes.
def _number(description: str, low: float, high: float) -> Any:
    return Field(ge=low, le=high, description=f"{description}（{low:g}～{high:g}）")


class QuoteDefaults(Strict):
    price: Annotated[float, _number("工厂含税单价，元/件", 0, 1_000_000)]
    quantity: Annotated[int, _number("数量，件", 1, 10_000_000)]
    vat: Annotated[float, _number("增值税率，按百分数写：13% 写 13", 0, 17)]
    rebate: Annotated[float, _number("出口退税率，按百分数写：13% 写 13", 0, 17)]
    inland: Annotated[float, _number("内陆运费，元/票", 0, 10_000_000)]
    port: Annotated[float, _number("港杂费，元/票", 0, 10_000_000)]
    freight: Annotated[float, _number("海运费，美元/票", 0, 1_000_000)]
    insurance: Annotated[float, _number("保险费率，按百分数写：0.3% 写 0.3", 0, 10)]
    cover: Annotated[float, _number("投保加成，按百分数写，惯例 110", 100, 150)]
    rate: Annotated[float, _number("汇率：1 美元兑多少元人民币", 1, 50)]
    margin: Annotated[float, _number("利润率，占报价的百分比", 0, 99)]

    @model_validator(mode="after")
    def _rebate_within_vat(self) -> Self:
        if self.rebate > self.vat:
            raise LocatedError(f"退税率 {self.rebate:g} 高于增值税率 {self.vat:g}；退税率不会超过增值税率，核对两个数是否写反",
                               "rebate")
        return self


class Quote(Strict):
    title: Annotated[Text, Field(description="计算器标题，例如 报价计算器")]
    description: Annotated[Markdown | None, Field(description="选填：一句说明，可用加粗、斜体、链接等简单格式")] = None
    defaults: QuoteDefaults = Field(description="表单一打开时填好的数（一个示例订单）")


class Carton(Strict):
    length: Annotated[float, _number("箱长，厘米", 5, 1000)]
    width: Annotated[float, _number("箱宽，厘米", 5, 1000)]
    height: Annotated[float, _number("箱高，厘米", 5, 1000)]
    weight: Annotated[float, _number("每箱毛重，千克", 0.1, 30_000)]
    upright: Annotated[bool, Field(description="选填：true 表示此面向上（只能水平转动），默认 false（可以任意方向摆放）")] = False


class ContainerType(Strict):
    id: Annotated[Id, Field(description="柜型的 id：小写英文字母、数字和连字符，例如 40hq")]
    name: Annotated[Text, Field(description="柜型名称，例如 40HQ（40 尺高柜）")]
    length: Annotated[float, _number("内长，厘米", 100, 2000)]
    width: Annotated[float, _number("内宽，厘米", 100, 300)]
    height: Annotated[float, _number("内高，厘米", 100, 300)]
    door_width: Annotated[float, _number("箱门宽，厘米", 100, 300)]
    door_height: Annotated[float, _number("箱门高，厘米", 100, 300)]
    payload: Annotated[float, _number("最大载重，千克", 1000, 40_000)]

    @model_validator(mode="after")
    def _door_within_box(self) -> Self:
        if self.door_width > self.width:
            raise LocatedError("箱门宽大于内宽；箱门不会比柜子内部宽，核对是否写反或单位不对", "door_width")
        if self.door_height > self.height:
            raise LocatedError("箱门高大于内高；箱门不会比柜子内部高，核对是否写反或单位不对", "door_height")
        return self


class Loading(Strict):
    title: Annotated[Text, Field(description="计算器标题，例如 装箱计算器")]
    description: Annotated[Markdown | None, Field(description="选填：一句说明，可用加粗、斜体、链接等简单格式")] = None
    checked: Annotated[Text, Field(description="柜型数据最后核对的时间和来源，例如 2026年12月核对，来源：World Shipping Council")]
    carton: Carton = Field(description="表单一打开时填好的纸箱（一个示例）")
    container: Annotated[Id, Field(description="表单一打开时选中的柜型 id，必须是下面 containers 里的一个")]
    containers: list[ContainerType] = Field(min_length=1, description="可选的柜型，典型值（各船公司、各个柜子略有不同）")

    @model_validator(mode="after")
    def _known_container(self) -> Self:
        ids = [box.id for box in self.containers]
        if self.container not in ids:
            raise LocatedError(f"默认柜型「{self.container}」不在 containers 里；改成 {'、'.join(ids)} 之一", "container")
        return self
