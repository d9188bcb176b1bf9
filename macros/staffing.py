"""排班计算器: the staffing calculator of call-center/scheduling.md (Erlang C).

The browser does the arithmetic for the reader's own figures (docs/assets/hb-staffing.js); this
module renders the form and, for readers without JavaScript and for print, the worked example of
the page as a table computed here with the same formulas. No MkDocs imports: data in, HTML out.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

# The page's worked example: 60 calls in 30 minutes, 6 minutes each, 80 % answered within 20 s.
EXAMPLE: dict[str, int] = {"calls": 60, "interval": 30, "aht": 6, "target": 80, "answer": 20, "shrinkage": 30}

_templates = Environment(loader=PackageLoader("macros", "templates"), autoescape=select_autoescape(["html"]),
                         undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)


@dataclass(frozen=True)
class Staffing:
    agents: int
    service_level: float | None  # share answered within the answer time; None: the queue never settles
    wait: float | None  # average speed of answer (ASA), seconds
    occupancy: float


def erlang_b(traffic: float, agents: int) -> float:
    """Blocking probability by the recurrence B(n) = A·B(n-1) / (n + A·B(n-1)): no factorials, no overflow."""
    blocking = 1.0
    for n in range(1, agents + 1):
        blocking = traffic * blocking / (n + traffic * blocking)
    return blocking


def staffing(traffic: float, agents: int, aht_seconds: float, answer_seconds: float) -> Staffing:
    """Erlang C figures for `agents` on the phones with `traffic` Erlangs offered."""
    if agents <= traffic:
        return Staffing(agents, None, None, 1.0)
    blocking = erlang_b(traffic, agents)
    waiting = agents * blocking / (agents - traffic * (1 - blocking))  # Erlang C: share of calls that wait
    level = 1 - waiting * math.exp(-(agents - traffic) * answer_seconds / aht_seconds)
    return Staffing(agents, level, waiting * aht_seconds / (agents - traffic), traffic / agents)


def example_rows(example: dict[str, int] = EXAMPLE) -> tuple[float, list[Staffing], int]:
    """Traffic, the rows from the workload up to one past the first that meets the target, and that first one."""
    traffic = example["calls"] * example["aht"] / example["interval"]
    rows, needed, agents = [], None, math.floor(traffic)
    while needed is None or agents <= needed + 1:
        row = staffing(traffic, agents, example["aht"] * 60, example["answer"])
        rows.append(row)
        if needed is None and row.service_level is not None and row.service_level >= example["target"] / 100:
            needed = agents
        agents += 1
    return traffic, rows, needed


def rota(agents: int, shrinkage_percent: float) -> int:
    """People to schedule so that `agents` are on the phones after breaks, training, leave (shrinkage)."""
    return math.ceil(agents * 100 / (100 - shrinkage_percent) - 1e-9)


def render_staffing(stylesheet: str) -> str:
    """`stylesheet`: the href of docs/assets/hb-staffing.css from the page showing the widget."""
    traffic, rows, needed = example_rows()
    return _templates.get_template("staffing.html").render(
        stylesheet=stylesheet, example=EXAMPLE, traffic=traffic, rows=rows, needed=needed, rota=rota(needed, EXAMPLE["shrinkage"]))
