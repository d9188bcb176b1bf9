"""What each text field of the models holds, and one walk over every text a trainer wrote.

The models mark their string fields with a Role (models.py: Text, Markdown, Link, *Ref). Checks
that apply to a kind of text (links, ids, untrusted markup) walk the loaded models with
`texts()` instead of keeping their own lists of fields, so a new field or a new widget kind is
checked as soon as its model says what the field holds.
"""

from __future__ import annotations

import functools
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
    for name, slot in _slots(type(model)):
        value = getattr(model, name)
        if isinstance(value, str):  # most values: yielded here, not through one more generator
            yield loc + (name,), value, slot.role
        elif isinstance(value, (BaseModel, list, tuple)):
            yield from _values(value, slot, loc + (name,))


class _Slot:
    """What an annotation says of the values held there: the Role of a string, and the _Slot of
    a list's items. Worked out once per model field (_slots), not again for every value."""

    def __init__(self, annotation: Any) -> None:
        self.annotation = annotation
        self.role = role_of(annotation)
        self._items: _Slot | None = None

    @property
    def items(self) -> _Slot:
        if self._items is None:  # on first use: a list of lists of … goes only as deep as the data
            self._items = _Slot(_item_type(self.annotation))
        return self._items


@functools.cache  # keyed by the model class: always hashable, unlike some field metadata
def _slots(model_class: type[BaseModel]) -> tuple[tuple[str, _Slot], ...]:
    return tuple((name, _Slot((info.annotation, *info.metadata))) for name, info in model_class.model_fields.items())


def _values(value: Any, slot: _Slot, loc: Loc) -> Iterator[tuple[Loc, str, Role]]:
    if isinstance(value, BaseModel):
        yield from texts(value, loc)
    elif isinstance(value, str):
        yield loc, value, slot.role
    elif isinstance(value, (list, tuple)):
        items = slot.items
        for index, item in enumerate(value):
            yield from _values(item, items, loc + (index,))


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
