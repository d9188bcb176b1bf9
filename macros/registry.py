"""Every widget kind and page macro of the handbook, declared once.

Loader, cross-checks, macro registration, rendering, editor schemas, the benchmark and the
tests read this module; nothing else lists the kinds. To add a kind, see dev/adding-a-widget.md:
a model (models.py), a template (templates/), a browser module (docs/assets/hb-<name>.js), an
entry here and its data.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from macros.models import Agenda, Checklist, Loading, Quiz, Quote, Tracks


@dataclass(frozen=True)
class Argument:
    """A keyword argument of a macro, checked in `make check` and in the build alike."""

    name: str
    type: type
    default: Any
    allowed: range | None = None  # for int: the values allowed
    help: str = ""  # Chinese: what it does, for the error hint

    def problem(self, value: Any) -> str | None:
        """What is wrong with `value` (Chinese), or None."""
        if self.type is int and (isinstance(value, bool) or not isinstance(value, int)):
            return f"参数「{self.name}」要写一个不带引号的整数"
        if not isinstance(value, self.type):
            return f"参数「{self.name}」的类型不对"
        if self.allowed is not None and value not in self.allowed:
            return f"参数「{self.name}」只能是 {self.allowed.start}～{self.allowed.stop - 1}，现在是 {value}"
        return None


@dataclass(frozen=True)
class WidgetKind:
    name: str  # macro name, `data-hb-widget`, saved-progress prefix and track-step key: "checklist"
    folder: str  # data/<folder>/<id>.yml, and the Handbook attribute: "checklists"
    model: type[BaseModel]
    label: str  # what trainers and readers call it: 清单
    template: str  # in macros/templates/
    module: str | None  # browser module in docs/assets/, loaded on pages that show the widget
    schema: str  # schemas/<schema>.schema.json
    schema_description: str
    step: bool = False  # may be a step of a track (`checklist: first-week`)
    printable: bool = False  # has a generated print page (macros/generated.py), so it needs no page of its own
    arguments: tuple[Argument, ...] = ()
    file: str | None = None  # a kind kept in one file (tracks.yml) instead of a folder

    @property
    def anchor(self) -> str:
        """The widget's element id on its page is `<anchor>-<id>`."""
        return self.name


@dataclass(frozen=True)
class PageMacro:
    """A macro that is not a widget of its own (lists, the dashboard, generated pages)."""

    name: str
    takes: str | None = None  # the kind (folder) whose id it takes, or None for no argument
    arguments: tuple[Argument, ...] = field(default=())


CHECKLIST = WidgetKind("checklist", "checklists", Checklist, "清单", "checklist.html", "hb-checklist.js",
                       "checklist", "data/checklists/<id>.yml：一份清单，文件名就是清单的 id", step=True, printable=True)
AGENDA = WidgetKind("agenda", "agendas", Agenda, "日程", "agenda.html", "hb-agenda.js",
                    "agenda", "data/agendas/<id>.yml：一份培训日程，文件名就是日程的 id", step=True,
                    arguments=(Argument("level", int, 3, range(2, 7), "每一天的标题级别，2 表示二级标题"),))
QUIZ = WidgetKind("quiz", "quizzes", Quiz, "测验", "quiz.html", "hb-quiz.js",
                  "quiz", "data/quizzes/<id>.yml：一份测验，文件名就是测验的 id", step=True)
TRACK = WidgetKind("track", "tracks", Tracks, "路线", "track.html", "hb-progress.js",
                   "tracks", "data/tracks.yml：全部学习路线", file="tracks.yml")

# The two calculators share one browser module, hb-calc.js: the form, and the arithmetic as a pure
# function the tests run under node.
QUOTE = WidgetKind("quote", "quotes", Quote, "报价计算器", "quote.html", "hb-calc.js",
                   "quote", "data/quotes/<id>.yml：报价计算器的示例订单（表单的初始值），文件名就是 id")
LOADING = WidgetKind("loading", "loadings", Loading, "装箱计算器", "loading.html", "hb-calc.js",
                     "loading", "data/loadings/<id>.yml：装箱计算器的柜型尺寸和示例纸箱，文件名就是 id")

KINDS: tuple[WidgetKind, ...] = (CHECKLIST, AGENDA, QUIZ, TRACK, QUOTE, LOADING)
FOLDER_KINDS = tuple(kind for kind in KINDS if kind.file is None)
STEP_KINDS = tuple(kind for kind in KINDS if kind.step)
BY_FOLDER = {kind.folder: kind for kind in KINDS}
BY_NAME = {kind.name: kind for kind in KINDS}

PAGE_MACROS: tuple[PageMacro, ...] = (
    PageMacro("answer_key", takes="quizzes"),
    PageMacro("progress_dashboard"),
    PageMacro("cohort_view"),  # data-hb-widget="cohort": the trainers' view of many exported files
    PageMacro("answer_key_links"),
    PageMacro("lms_downloads"),
    PageMacro("changelog"),  # 更新记录, from git (macros/changelog.py)
    PageMacro("staffing_calculator"),
    PageMacro("glossary"),
)


def macro_signatures() -> dict[str, tuple[str | None, tuple[Argument, ...]]]:
    """Macro name -> (kind folder of its one id argument or None, keyword arguments)."""
    found: dict[str, tuple[str | None, tuple[Argument, ...]]] = {
        kind.name: (kind.folder, kind.arguments) for kind in KINDS}
    found.update({macro.name: (macro.takes, macro.arguments) for macro in PAGE_MACROS})
    return found
