"""Pages whose only template code is `{{ company.hr.phone }}`-style variables and constant macro
calls (`{{ checklist("first-day") }}`, `{{ agenda("x", level=2) }}`), filled in without Jinja.

mkdocs-macros compiles every page that contains `{{` into a Jinja template: about 2 ms a page,
the largest part of what the macros cost in a big handbook (dev/benchmarks.md). When all a page
has is plain variable lookups from mkdocs.yml's `extra:` and calls of the handbook's macros with
one or two ids and whole-number options, rendering it gives the text with each value or macro output put
in, in page order, so the build does that directly. Anything else goes through Jinja as before:
other calls or arguments, filters, `{%`, `{#`, `{{-`, a name the page's front matter overrides,
a key that is also a method name (Jinja would find the method), a value that is not text or a
number, a name that does not exist (Jinja then reports it).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Container, Mapping
from typing import Any

import jinja2

VARIABLE = re.compile(r"\{\{\s*([A-Za-z]\w*(?:\.[A-Za-z]\w*)*)\s*\}\}")  # no `_x`: see pages._private_access
MARKERS = ("{{", "{%", "{#")
# `{{ name("an-id", level=3) }}`: one or two ids as the positional arguments (the generated print
# pages call `generated_page("checklist", "first-day")`), whole-number keywords.
ID = r'"([a-z0-9]+(?:-[a-z0-9]+)*)"'
CALL = re.compile(rf'\{{\{{\s*([a-z_]+)\(\s*(?:{ID}(?:\s*,\s*{ID})?'
                  r'((?:\s*,\s*[a-z_]+\s*=\s*(?:0|[1-9][0-9]{0,3}))*)\s*)?\)\s*\}\}')
KEYWORD = re.compile(r"([a-z_]+)\s*=\s*([0-9]+)")
TEMPLATE_CODE = re.compile(f"{VARIABLE.pattern}|{CALL.pattern}")


def default_syntax(environment: jinja2.Environment) -> bool:
    """The fast path knows Jinja's default delimiters only (mkdocs-macros allows others)."""
    return (environment.variable_start_string, environment.variable_end_string, environment.block_start_string,
            environment.comment_start_string, environment.line_statement_prefix,
            environment.line_comment_prefix) == ("{{", "}}", "{%", "{#", None, None)


def fill_variables(markdown: str, variables: Mapping[str, Any], overridden: Container[str],
                   macros: Mapping[str, Callable[..., str]] | None = None) -> str | None:
    """`markdown` with its variables filled in and `macros` called, or None when Jinja must
    render the page. Nothing is called unless the whole page can be done without Jinja."""
    macros = macros or {}
    if any(marker in TEMPLATE_CODE.sub("", markdown) for marker in MARKERS):
        return None
    values: dict[str, str] = {}
    for match in TEMPLATE_CODE.finditer(markdown):
        dotted, name = match.group(1), match.group(2)
        if dotted is not None:
            value = _lookup(dotted, variables, overridden)
            if value is None:
                return None
            values[dotted] = value
        else:
            keywords = [key for key, _ in KEYWORD.findall(match.group(5) or "")]
            if name not in macros or name in overridden or len(set(keywords)) < len(keywords):
                return None  # not one of ours, replaced by the front matter, or a keyword twice

    def fill(match: re.Match[str]) -> str:
        if match.group(1) is not None:
            return values[match.group(1)]
        ids = [item_id for item_id in match.group(3, 4) if item_id]
        options = {key: int(number) for key, number in KEYWORD.findall(match.group(5) or "")}
        return str(macros[match.group(2)](*ids, **options))

    return TEMPLATE_CODE.sub(fill, markdown)


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
