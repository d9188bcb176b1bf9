"""What each text field of the models holds, and one walk over every text a trainer wrote.

The models mark their string fields with a Role (models.py: Text, Markdown, Link, *Ref). Checks
that apply to a kind of text (links, ids, untrusted markup) walk the loaded models with
`texts()` instead of keeping their own lists of fields, so a new field or a new widget kind is
checked as soon as its model says what the field holds.
"""

from __future__ import annotations

import typing
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel


@dataclass(frozen=True)
class Role:
    name: str  # plain, markdown, link or ref
    kind: str | None = None  # for ref: the data folder the id belongs to (checklists, ...)


PLAIN = Role("plain")
MARKDOWN = Role("markdown")
LINK = Role("link")

Loc = tuple[str | int, ...]


def texts(model: BaseModel, loc: Loc = ()) -> Iterator[tuple[Loc, str, Role]]:
    """Every string in a loaded model, with its place (as pydantic names it) and its Role."""
    for name, info in type(model).model_fields.items():
        yield from _values(getattr(model, name), (info.annotation, *info.metadata), loc + (name,))


def _values(value: Any, annotation: Any, loc: Loc) -> Iterator[tuple[Loc, str, Role]]:
    if isinstance(value, BaseModel):
        yield from texts(value, loc)
    elif isinstance(value, str):
        yield loc, value, role_of(annotation)
    elif isinstance(value, (list, tuple)):
        item_type = _item_type(annotation)
        for index, item in enumerate(value):
            yield from _values(item, item_type, loc + (index,))


def role_of(annotation: Any) -> Role:
    """The Role found in an annotation (Annotated metadata, unions, Optional); plain if none."""
    if isinstance(annotation, Role):
        return annotation
    for part in _parts(annotation):
        if isinstance(part, Role):
            return part
        found = role_of(part) if not isinstance(part, (str, int, float, bool, type(None))) else PLAIN
        if found is not PLAIN:
            return found
    return PLAIN


def _parts(annotation: Any) -> tuple[Any, ...]:
    if isinstance(annotation, tuple):
        return annotation
    if typing.get_origin(annotation) is typing.Annotated:
        return (typing.get_args(annotation)[0], *annotation.__metadata__)
    origin = typing.get_origin(annotation)
    if origin in (list, tuple):
        return ()  # a list's items are reached through _item_type
    return typing.get_args(annotation)


def _item_type(annotation: Any) -> Any:
    """`list[X]` (possibly inside Annotated/Optional, or given with field metadata) -> X."""
    candidates: tuple[Any, ...] = annotation if isinstance(annotation, tuple) else (annotation,)
    for candidate in candidates:
        origin = typing.get_origin(candidate)
        if origin in (list, tuple):
            return typing.get_args(candidate)[0]
        if origin is typing.Annotated:
            found = _item_type(typing.get_args(candidate)[0])
            if found is not None:
                return found
        elif origin is not None:
            for arg in typing.get_args(candidate):
                found = _item_type(arg)
                if found is not None:
                    return found
    return None
