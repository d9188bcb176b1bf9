"""Pages whose only template code is `{{ company.hr.phone }}`-style variables, filled in without Jinja.

mkdocs-macros compiles every page that contains `{{` into a Jinja template: about 2 ms a page,
the largest part of what the macros cost in a big handbook (dev/benchmarks.md). When all a page
has is plain variable lookups from mkdocs.yml's `extra:`, rendering it gives the text with each
value put in, so the build does that directly. Anything else goes through Jinja as before: macro
calls, filters, `{%`, `{#`, `{{-`, a name the page's front matter overrides, a key that is also a
method name (Jinja would find the method), a value that is not text or a number, a name that does
not exist (Jinja then reports it).
"""

from __future__ import annotations

import re
from collections.abc import Container, Mapping
from typing import Any

import jinja2

VARIABLE = re.compile(r"\{\{\s*([A-Za-z]\w*(?:\.[A-Za-z]\w*)*)\s*\}\}")  # no `_x`: see pages._private_access
MARKERS = ("{{", "{%", "{#")


def default_syntax(environment: jinja2.Environment) -> bool:
    """The fast path knows Jinja's default delimiters only (mkdocs-macros allows others)."""
    return (environment.variable_start_string, environment.variable_end_string, environment.block_start_string,
            environment.comment_start_string, environment.line_statement_prefix,
            environment.line_comment_prefix) == ("{{", "}}", "{%", "{#", None, None)


def variables_only(markdown: str) -> bool:
    """True when every `{{`, `{%` and `{#` of the page is part of a plain `{{ name.key }}`."""
    return not any(marker in VARIABLE.sub("", markdown) for marker in MARKERS)


def fill_variables(markdown: str, variables: Mapping[str, Any], overridden: Container[str]) -> str | None:
    """`markdown` with its variables filled in, or None when Jinja must render the page."""
    if not variables_only(markdown):
        return None
    values: dict[str, str] = {}
    for dotted in set(VARIABLE.findall(markdown)):
        value = _lookup(dotted, variables, overridden)
        if value is None:
            return None
        values[dotted] = value
    return VARIABLE.sub(lambda match: values[match.group(1)], markdown)


def _lookup(dotted: str, variables: Mapping[str, Any], overridden: Container[str]) -> str | None:
    root, *parts = dotted.split(".")
    if root in overridden or root not in variables:
        return None
    value = variables[root]
    for part in parts:
        if not isinstance(value, Mapping) or part not in value or hasattr(type(value), part):
            return None
        value = value[part]
    return str(value) if isinstance(value, (str, int, float)) else None
