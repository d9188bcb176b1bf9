"""macros.plain_pages: the build fills in plain variables without Jinja; the page must come out
exactly as Jinja would render it, and anything else must be left to Jinja."""

from __future__ import annotations

import jinja2
import pytest

from macros.generated import _page
from macros.plain_pages import default_syntax, fill_variables

from . import support  # noqa: F401  (puts the project root on sys.path)

VARIABLES = {
    "company": {"name": "示例贸易有限公司", "hr": {"phone": "0571-88880000", "floor": 3}, "ratio": 1.5,
                "items": "a key that is also a dict method", "team": ["张三", "李四"]},
    "site": "https://example.com/",
}
JINJA = jinja2.Environment(undefined=jinja2.StrictUndefined, keep_trailing_newline=True)


@pytest.mark.parametrize("markdown", [
    "# 联系人事\n\n电话：{{ company.hr.phone }}，在 {{company.hr.floor}} 楼。\n",
    "{{ company.name }}{{ company.name }}——{{ site }}\n\n```text\n{{ company.ratio }}\n```\n",
    "| 部门 | 电话 |\n| --- | --- |\n| 人事 | {{  company.hr.phone  }} |\n",
    "没有模板代码的页面 { #anchor }\n",
])
def test_the_same_text_as_jinja(markdown):
    assert fill_variables(markdown, VARIABLES, overridden={}) == JINJA.from_string(markdown).render(**VARIABLES)


@pytest.mark.parametrize(("markdown", "why"), [
    ('{{ checklist("first-day") }}', "a macro call"),
    ("{{ company.name | upper }}", "a filter"),
    ("{% raw %}{{ x }}{% endraw %}", "a block"),
    ("{{ company.name }} {# 注释 #}", "a comment"),
    ("{{- company.name -}}", "whitespace control"),
    ("{{ company.items }}", "Jinja finds dict.items before the key"),
    ("{{ company.team }}", "a list is printed by Jinja's rules"),
    ("{{ company.hr }}", "a mapping is printed by Jinja's rules"),
    ("{{ company.nme }}", "a misspelt key: Jinja reports it"),
    ("{{ nobody }}", "an unknown name: Jinja reports it"),
    ("{{ company.name.first }}", "an attribute of text"),
    ("{{ title }}", "front matter overrides"),
])
def test_anything_else_is_left_to_jinja(markdown, why):
    assert fill_variables(markdown, {**VARIABLES, "title": "x"}, overridden={"title": "页面标题"}) is None, why


def test_only_the_default_delimiters():
    assert default_syntax(jinja2.Environment())
    assert not default_syntax(jinja2.Environment(variable_start_string="[[", variable_end_string="]]"))
    assert not default_syntax(jinja2.Environment(line_statement_prefix="#"))


class Recorder:
    """Stand-in macros: their output names the call, and every call is recorded in order."""

    def __init__(self):
        self.calls = []

    def macros(self):
        def make(name):
            def call(*args, **kwargs):
                self.calls.append((name, args, kwargs))
                return f"<div>{name}{args}{sorted(kwargs.items())}</div>"
            return call
        return {name: make(name) for name in ("checklist", "agenda", "quiz", "progress_dashboard", "generated_page")}


@pytest.mark.parametrize("markdown", [
    '# 第一周\n\n{{ checklist("first-week") }}\n\n电话 {{ company.hr.phone }}\n\n{{agenda("new-hire",level=2)}}\n',
    '{{ quiz( "onboarding" ) }}{{ quiz("onboarding") }}\n{{ progress_dashboard() }}\n',
    '{{ agenda("a-b-c", level = 4 ) }} 与 {{ agenda("x" , level=3) }}\n',
    _page("print/first-day.md", "checklist", "first-day").markdown,  # a generated print page, as written
])
def test_constant_macro_calls_give_what_jinja_gives_in_the_same_order(markdown):
    ours, jinjas = Recorder(), Recorder()
    filled = fill_variables(markdown, VARIABLES, overridden={}, macros=ours.macros())
    assert filled == JINJA.from_string(markdown).render(**VARIABLES, **jinjas.macros())
    assert ours.calls == jinjas.calls and ours.calls


@pytest.mark.parametrize(("markdown", "why"), [
    ('{{ agenda(level=2) }}', "keywords without an id"),
    ('{{ agenda("x" level=2) }}', "a missing comma: Jinja reports it"),
    ('{{ agenda("x", level=2, level=3) }}', "a keyword twice: Jinja reports it"),
    ('{{ agenda("x", level="2") }}', "a text option"),
    ('{{ agenda("x",) }}', "a trailing comma"),
    ("{{ agenda('x') }}", "single quotes"),
    ('{{ agenda("X_1") }}', "not an id"),
    ('{{ generated_page("checklist", "x", "y") }}', "three positional arguments"),
    ('{{ staffing_calculator() }}', "not given as a macro here"),
    ('{{ checklist("a") }}{{ checklist("b") | upper }}', "one call Jinja must do: none is called"),
    ('{{ quiz("a") }}', "front matter overrides the name"),
])
def test_other_calls_are_left_to_jinja_and_nothing_is_called(markdown, why):
    recorder = Recorder()
    assert fill_variables(markdown, VARIABLES, overridden={"quiz": "x"}, macros=recorder.macros()) is None, why
    assert recorder.calls == [], why
