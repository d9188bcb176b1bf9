"""macros.fields.texts: every string of the loaded models with its Role, the Roles worked out once
per model field instead of once per value."""

from __future__ import annotations

import typing

import pytest
from pydantic import BaseModel

from macros import fields
from macros.loader import load_handbook

from .support import ROOT, UNIT


def old_texts(model: BaseModel, loc: tuple = ()) -> typing.Iterator[tuple]:
    """texts() as it was, looking the Role up in the annotation for every value: the answers."""
    for name, info in type(model).model_fields.items():
        yield from old_values(getattr(model, name), (info.annotation, *info.metadata), loc + (name,))


def old_values(value, annotation, loc):
    if isinstance(value, BaseModel):
        yield from old_texts(value, loc)
    elif isinstance(value, str):
        yield loc, value, fields.role_of(annotation)
    elif isinstance(value, (list, tuple)):
        item_type = fields._item_type(annotation)
        for index, item in enumerate(value):
            yield from old_values(item, item_type, loc + (index,))


@pytest.fixture(scope="module")
def models(tmp_path_factory) -> list[BaseModel]:
    from benchmarks.synthetic import write_handbook_project
    project = tmp_path_factory.mktemp("synthetic") / "handbook"
    write_handbook_project(project, 120, [])
    found = []
    for root in (ROOT, UNIT / "fixtures", project):
        handbook, _ = load_handbook(str(root))
        found += [model for _, _, model in handbook.models()]
    return found


def test_the_same_texts_and_roles(models):
    assert len(models) >= 40
    ours = [list(fields.texts(model)) for model in models]
    assert ours == [list(old_texts(model)) for model in models]
    roles = {role for walked in ours for _, _, role in walked}
    assert {fields.PLAIN, fields.MARKDOWN, fields.LINK} <= roles and any(role.name == "ref" for role in roles)


class Inner(BaseModel):
    notes: list[typing.Annotated[str, fields.MARKDOWN]] = []


class Outer(BaseModel):
    title: str
    link: typing.Annotated[str, fields.LINK]
    grid: list[list[typing.Annotated[str, fields.LINK]]] = []
    parts: list[Inner] = []
    maybe: typing.Annotated[str, fields.MARKDOWN] | None = None


def test_nested_lists_models_and_optionals():
    model = Outer(title="t", link="a.md", grid=[["b.md", "c.md"], []], parts=[Inner(notes=["**x**"])], maybe="y")
    assert list(fields.texts(model)) == list(old_texts(model)) == [
        (("title",), "t", fields.PLAIN), (("link",), "a.md", fields.LINK),
        (("grid", 0, 0), "b.md", fields.LINK), (("grid", 0, 1), "c.md", fields.LINK),
        (("parts", 0, "notes", 0), "**x**", fields.MARKDOWN), (("maybe",), "y", fields.MARKDOWN)]


def test_roles_are_worked_out_once_per_field(models, monkeypatch):
    for model in models:
        list(fields.texts(model))  # every field of every model seen once
    calls = []
    real = fields.role_of
    monkeypatch.setattr(fields, "role_of", lambda annotation: calls.append(annotation) or real(annotation))
    for model in models:
        list(fields.texts(model))
    assert calls == []
