"""Load every trainer data file into models, collecting all problems with file and line."""

from __future__ import annotations

import difflib
import os
import re
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from macros.calendars import load_calendars
from macros.models import ID_PATTERN, QUESTION_TYPE_NAMES, HolidayNotice, LocatedError
from macros.problems import Problem, relative_path
from macros.registry import BY_FOLDER, KINDS, WidgetKind
from macros.yaml_source import Loc, YamlDocument, read_yaml


@dataclass
class Handbook:
    """Everything trainers wrote, by kind and id, plus each file's parsed document for locating
    values. `handbook.checklists` (and so on, for every folder of macros/registry.py) is the
    {id: model} of that kind; `handbook.tracks` is tracks.yml's model, or None."""

    root: str
    items: dict[str, dict[str, Any]] = field(default_factory=lambda: {kind.folder: {} for kind in KINDS})
    documents: dict[tuple[str, str], YamlDocument] = field(default_factory=dict)
    # Files that exist but could not be loaded, by kind ("tracks" for tracks.yml): their own
    # problems are reported; references to their ids are not (no cascade of false "not found").
    broken: dict[str, set[str]] = field(default_factory=dict)
    # data/calendars/<year>.yml: the State Council's holiday notices, by year (macros/workdays.py)
    calendars: dict[int, HolidayNotice] = field(default_factory=dict)

    def __getattr__(self, name: str) -> Any:
        items = self.__dict__.get("items") or {}
        if name in items:
            kind = BY_FOLDER[name]
            return items[name].get(kind.file[:-4]) if kind.file else items[name]
        raise AttributeError(name)

    def document(self, kind: str, item_id: str) -> YamlDocument:
        return self.documents[(kind, item_id)]

    def models(self) -> list[tuple[str, str, BaseModel]]:
        """(kind, file id, model) of every loaded file; tracks.yml is ("tracks", "tracks", Tracks)."""
        return [(kind, item_id, model) for kind, found in self.items.items() for item_id, model in found.items()]

    def ids(self, kind: str) -> set[str]:
        """The ids of a kind: file names, or for a one-file kind the `id`s of its entries."""
        if BY_FOLDER[kind].file is None:
            return set(self.items[kind])
        return {entry.id for model in self.items[kind].values() for entry in _entries(model)}

    def is_broken(self, kind: str, item_id: str) -> bool:
        """True when `item_id` may exist but its file failed to load (for a one-file kind, the file)."""
        broken = self.broken.get(kind, set())
        return item_id in broken or (BY_FOLDER[kind].file is not None and bool(broken))


def _entries(model: BaseModel) -> list[Any]:
    """The entries of a one-file kind: its list field (tracks.yml: `tracks:`)."""
    return next(value for value in (getattr(model, name) for name in type(model).model_fields) if isinstance(value, list))


def load_handbook(root: str, data_dir: str = "data") -> tuple[Handbook, list[Problem]]:
    handbook = Handbook(root=root)
    problems: list[Problem] = []
    base = os.path.join(root, data_dir)
    for kind in KINDS:
        for item_id, path in _files(base, kind, root, problems):
            loaded, document, found = load_file(path, relative_path(path, root), kind.model)
            problems += found
            if loaded is not None and document is not None:  # a model always comes with its document
                handbook.items[kind.folder][item_id] = loaded
                handbook.documents[(kind.folder, item_id)] = document
            else:
                handbook.broken.setdefault(kind.folder, set()).add(item_id)
    handbook.calendars, found = load_calendars(root, data_dir, load_file)
    return handbook, problems + found


def _files(base: str, kind: WidgetKind, root: str, problems: list[Problem]) -> list[tuple[str, str]]:
    """(id, path) of the data files of a kind; misnamed files are reported and left out."""
    if kind.file is not None:
        path = os.path.join(base, kind.file)
        return [(kind.file[:-4], path)] if os.path.isfile(path) else []
    folder = os.path.join(base, kind.folder)
    if not os.path.isdir(folder):
        return []
    found: list[tuple[str, str]] = []
    for name in sorted(os.listdir(folder)):
        path = os.path.join(folder, name)
        display = relative_path(path, root)
        if name.endswith(".yaml"):
            problems.append(Problem(display, 1, 1, "数据文件的扩展名要用 .yml", f"把文件改名为 {name[:-5]}.yml"))
        elif name.endswith(".yml") and not _is_id(name[:-4]):
            problems.append(Problem(display, 1, 1, f"文件名「{name}」不能用作 id",
                                    "文件名只用小写英文字母、数字和连字符，例如 first-week.yml"))
        elif name.endswith(".yml"):
            found.append((name[:-4], path))
    return found


def load_file(path: str, display: str, model: type[BaseModel]
              ) -> tuple[BaseModel | None, YamlDocument | None, list[Problem]]:
    document, problems = read_yaml(path, display)
    if document is None:
        return None, None, problems
    if not isinstance(document.data, dict):
        return None, None, [Problem(display, 1, 1, "文件内容应该是“字段: 值”的形式，现在不是",
                                    "对照《如何编辑本手册》中的示例，从 `title: 标题` 这样的行开始写")]
    problems = _duplicate_ids(document)
    try:
        loaded = model.model_validate(document.data)
    except ValidationError as error:
        details = error.errors()
        typos = _typos(document, model, details)
        problems += [_translate(document, model, detail) for detail in details
                     if not (detail["type"] == "missing" and _loc(detail) in typos)]
        return None, None, problems
    return (None if problems else loaded), document, problems


def _duplicate_ids(document: YamlDocument) -> list[Problem]:
    """Ids must be unique within the file, per kind of list; report the second one at its own line.

    Lists of the same kind share one scope: a checklist's items are numbered across all its groups
    (`groups[*].items[*]`), because progress is saved per item id and the HTML ids must differ.
    """
    problems: list[Problem] = []
    seen: dict[tuple[str, ...], dict[str, int]] = {}

    def walk(value: Any, loc: Loc) -> None:
        if isinstance(value, dict):
            for key, child in value.items():
                if isinstance(child, (dict, list)):  # only these hold lists (most values are text)
                    walk(child, loc + (key,))
        elif isinstance(value, list):
            scope = seen.setdefault(tuple(part for part in loc if not isinstance(part, int)), {})
            for index, child in enumerate(value):
                if isinstance(child, dict) and isinstance(child.get("id"), str):
                    ident = child["id"].strip()
                    line, col = document.place(loc + (index, "id"))
                    if ident in scope:
                        problems.append(Problem(document.path, line, col,
                                                f"id「{ident}」重复了（第 {scope[ident]} 行已经用过）",
                                                "每个 id 必须唯一：给其中一个换个名字；已发布的 id 不要改，读者的进度按 id 保存"))
                    else:
                        scope[ident] = line
                if isinstance(child, (dict, list)):
                    walk(child, loc + (index,))

    walk(document.data, ())
    return problems


def _is_id(text: str) -> bool:
    return re.match(ID_PATTERN, text) is not None


def _loc(detail: ErrorDetails) -> Loc:
    return tuple(part for part in detail["loc"] if not _is_union_tag(part))


def _guess(document: YamlDocument, model: type[BaseModel], loc: Loc) -> str | None:
    """The allowed field an unknown key was probably meant to be (txet → text)."""
    allowed = _allowed_keys(model, loc[:-1], document)
    guess = difflib.get_close_matches(str(loc[-1]), allowed, n=1, cutoff=0.6)
    return guess[0] if guess else None


def _typos(document: YamlDocument, model: type[BaseModel], details: list[ErrorDetails]) -> set[Loc]:
    """Required fields that are missing only because their key is misspelled: one mistake, one
    message (the unknown key's, with its 是不是想写), not a second one for the missing field."""
    typos: set[Loc] = set()
    for detail in details:
        loc = _loc(detail)
        if detail["type"] == "extra_forbidden" and (guess := _guess(document, model, loc)):
            typos.add(loc[:-1] + (guess,))
    return typos


def _translate(document: YamlDocument, model: type[BaseModel], detail: ErrorDetails) -> Problem:
    """Turn one pydantic error into a Chinese message at the right line."""
    loc = _loc(detail)
    kind = detail["type"]
    cause = detail.get("ctx", {}).get("error")
    if kind == "value_error" and isinstance(cause, LocatedError):
        loc += cause.loc  # the part of the object that breaks the rule, e.g. the later session
    line, col = document.place(loc)
    name = next((str(part) for part in reversed(loc) if isinstance(part, str)), "文件")
    value = detail.get("input")
    message, hint = f"「{name}」的值有问题（{detail['msg']}）", "对照《如何编辑本手册》中的格式说明修改"

    if kind == "extra_forbidden":
        allowed = _allowed_keys(model, loc[:-1], document)
        guess = _guess(document, model, loc)
        message = f"不认识的字段「{name}」"
        hint = (f"是不是想写「{guess}」？" if guess else "") + f"这里可用的字段有：{'、'.join(allowed)}"
    elif kind == "missing":
        message = f"缺少必填字段「{name}」"
        hint = f"在{_describe_place(loc[:-1])}加上一行 `{name}: …`"
    elif kind in ("string_type",):
        message = f"「{name}」应该是一段文字，现在是 {_describe(value)}"
        hint = "直接写文字；如果文字以数字、true/false 或特殊符号开头，请加引号"
    elif kind in ("int_type", "int_parsing", "int_from_float"):
        message = f"「{name}」应该是整数，现在是 {_describe(value)}"
        hint = "写一个不带引号的整数，例如 80"
    elif kind in ("float_type", "float_parsing"):
        message = f"「{name}」应该是数字，现在是 {_describe(value)}"
        hint = "写一个不带引号、不带单位的数字，例如 13 或 0.3"
    elif kind in ("bool_type", "bool_parsing"):
        message = f"「{name}」只能是 true 或 false，现在是 {_describe(value)}"
        hint = "写 true（是）或 false（否），不要加引号"
    elif kind == "list_type":
        message = f"「{name}」应该是一个列表，现在是 {_describe(value)}"
        hint = "每一项另起一行，以 `- ` 开头；或写成 [甲, 乙]"
    elif kind in ("dict_type", "model_type", "model_attributes_type"):
        message = f"「{name}」这里应该是若干“字段: 值”，现在是 {_describe(value)}"
        hint = "检查缩进：下一层的字段要比这一行多缩进两个空格"
    elif kind in ("date_type", "date_parsing", "date_from_datetime_parsing"):
        message = f"「{name}」应该是日期，现在是 {_describe(value)}"
        hint = "日期写成 2027-01-01（年-月-日）"
    elif kind == "literal_error":
        expected = detail.get("ctx", {}).get("expected", "")
        message = f"「{name}」不能是 {_describe(value)}"
        hint = f"只能写以下之一：{expected}"
    elif kind == "union_tag_invalid":
        message = f"题目类型 type「{value if not isinstance(value, dict) else value.get('type')}」不存在"
        hint = "type 只能是 " + "、".join(f"{name}（{label}）" for name, label in QUESTION_TYPE_NAMES.items())
    elif kind == "union_tag_not_found":
        message = "题目缺少 type 字段"
        hint = "加上一行 `type: single`（或 multiple、true_false、fill、order）"
    elif kind == "string_too_short":
        message = f"「{name}」不能为空"
        hint = "填写内容，或在字段可选时删除整行"
    elif kind == "too_short":
        minimum = detail.get("ctx", {}).get("min_length", 1)
        message = f"「{name}」至少要有 {minimum} 项"
        hint = "在下面添加列表项，每项以 `- ` 开头"
    elif kind == "string_pattern_mismatch":
        message = f"id「{value}」格式不对"
        hint = "id 只能用小写英文字母、数字和连字符，例如 first-week；不要用中文和空格"
    elif kind in ("greater_than_equal", "less_than_equal"):
        limit = detail.get("ctx", {})
        message = f"「{name}」的值 {value} 超出范围"
        hint = f"允许的范围：{limit.get('ge', '')}{'～' + str(limit['le']) if 'le' in limit else ' 以上'}"
    elif kind == "value_error":
        text = str(cause if cause is not None else detail["msg"])
        message, _, hint = text.partition("；")
        hint = hint or "对照《如何编辑本手册》中的格式说明修改"
    return Problem(document.path, line, col, message, hint)


def _is_union_tag(part: str | int) -> bool:
    return isinstance(part, str) and part in QUESTION_TYPE_NAMES


def _describe_place(loc: Loc) -> str:
    """Where a missing field goes, for the hint: 文件开头, 「groups」的第 1 项, 「days」下 ..."""
    if not loc:
        return "文件开头（不缩进）"
    if isinstance(loc[-1], int):
        owner = next((str(part) for part in reversed(loc) if isinstance(part, str)), "列表")
        return f"「{owner}」的第 {loc[-1] + 1} 项里"
    return f"「{loc[-1]}」下面（多缩进两个空格）"


def _allowed_keys(model: type[BaseModel], loc: Loc, document: YamlDocument) -> list[str]:
    """Field names of the model found at `loc`, walking list items and union members.

    The model of a field is chosen only once the walk has reached its value, so that a question
    in `questions: list[Single | Fill | ...]` is matched by its own `type:`.
    """
    current: Any = model
    pending: Any = None  # annotation of the last field, resolved once its value is known
    value: Any = document.data
    for part in loc:
        if isinstance(part, str):
            if pending is not None:
                current = _model_in(pending, value if isinstance(value, dict) else None)
            field = current.model_fields.get(part) if current else None
            if field is None:
                return []
            pending = field.annotation
        value = _child(value, part)
    if pending is not None:
        current = _model_in(pending, value if isinstance(value, dict) else None)
    return list(current.model_fields) if current else []


def _child(value: Any, part: str | int) -> Any:
    if isinstance(value, dict):
        return value.get(part)
    if isinstance(value, list) and isinstance(part, int) and 0 <= part < len(value):
        return value[part]
    return None


def _model_in(annotation: Any, value: dict[str, Any] | None) -> type[BaseModel] | None:
    """Find the BaseModel inside list[...] / Annotated / Union annotations."""
    import typing

    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    args = typing.get_args(annotation)
    candidates = [found for arg in args if (found := _model_in(arg, value))]
    if len(candidates) > 1 and isinstance(value, dict):
        for candidate in candidates:
            type_field = candidate.model_fields.get("type")
            if type_field and value.get("type") in typing.get_args(type_field.annotation):
                return candidate
    return candidates[0] if candidates else None


def _describe(value: object) -> str:
    if value is None:
        return "空值"
    if isinstance(value, bool):
        return f"{str(value).lower()}（是/否）"
    if isinstance(value, (int, float)):
        return f"数字 {value}"
    if isinstance(value, str):
        return f"文字「{value[:30]}」"
    if isinstance(value, list):
        return "一个列表"
    if isinstance(value, dict):
        return "一组字段"
    return type(value).__name__
