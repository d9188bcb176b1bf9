"""Company variables (mkdocs.yml `extra.company`) as readers see them.

A value the company has not filled in yet ("") must not reach a reader as an empty cell or as
template text ("待公司填写"): readers get one instruction they can act on, UNSET_TEXT, declared
here and nowhere else. Trainers are told which variables are still empty by `make check`
(macros/notices.py), which names the same text.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

UNSET_TEXT = "请向主管确认"


def for_readers(value: Any) -> Any:
    """`value` (the `company` mapping of `extra:`) with every blank string replaced by UNSET_TEXT;
    a new mapping: the configuration MkDocs loaded (and `make check` reads) stays as written."""
    if isinstance(value, Mapping):
        return {key: for_readers(child) for key, child in value.items()}
    if isinstance(value, str) and not value.strip():
        return UNSET_TEXT
    return value
