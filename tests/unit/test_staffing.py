"""macros.staffing: the worked example table of the scheduling page (Erlang C, computed at build time)
agrees with pyworkforce, stays finite for large call centres, and renders a form a screen reader
and the widget script can use."""

from __future__ import annotations

import math

import pytest
from bs4 import BeautifulSoup

from macros.staffing import EXAMPLE, erlang_b, example_rows, render_staffing, rota, staffing

from . import support  # noqa: F401  (puts the project root on sys.path)

erlang = pytest.importorskip("pyworkforce.queuing")


@pytest.mark.parametrize("calls, interval, aht, answer", [(60, 30, 6, 20), (100, 30, 3, 20), (2000, 60, 6, 15),
                                                          (1, 30, 3, 20), (75, 30, 7.5, 120)])
def test_figures_agree_with_pyworkforce(calls, interval, aht, answer):
    model = erlang.ErlangC(transactions=calls, aht=aht, asa=answer / 60, interval=interval)
    traffic = calls * aht / interval
    for agents in range(math.floor(traffic) + 1, math.floor(traffic) + 8):
        ours = staffing(traffic, agents, aht * 60, answer)
        assert math.isclose(ours.service_level, model.service_level(agents), rel_tol=1e-9)
        expected_wait = model.waiting_probability(agents) * aht * 60 / (agents - traffic)
        assert math.isclose(ours.wait, expected_wait, rel_tol=1e-9)


def test_the_worked_example_needs_16_on_the_phones_and_23_on_the_rota():
    traffic, rows, needed = example_rows()
    assert traffic == 12 and needed == 16
    by_agents = {row.agents: row for row in rows}
    assert by_agents[12].service_level is None, "as many agents as Erlangs: the queue never settles"
    assert 0.56 < by_agents[14].service_level < 0.58 and 86 < by_agents[14].wait < 88  # issue #20
    assert rota(needed, EXAMPLE["shrinkage"]) == 23


def test_large_traffic_stays_finite():
    """The recurrence needs no factorial: 5,000 Erlangs would overflow 5,000! long before."""
    assert 0 < erlang_b(5000, 5100) < 1
    result = staffing(5000, 5100, 300, 20)
    assert 0 < result.service_level <= 1 and math.isfinite(result.wait)


def test_rota_is_not_pushed_up_by_binary_fractions():
    assert 21 / (1 - 0.3) > 30  # why rota() works in percent (pyworkforce rounds this up to 31)
    assert rota(21, 30) == 30 and rota(16, 30) == 23 and rota(16, 0) == 16


def test_markup_for_the_script_and_for_screen_readers():
    soup = BeautifulSoup(render_staffing("../../assets/hb-staffing.css"), "html.parser")
    root = soup.select_one("section[data-hb-widget=staffing]")
    assert root["data-hb-module"] == "hb-staffing.js"
    form = root.find("form")
    assert form.has_attr("hidden"), "without the script there is nothing to calculate with"
    inputs = form.find_all("input")
    assert {field["name"] for field in inputs} == set(EXAMPLE)
    for field in inputs:
        assert soup.find("label", attrs={"for": field["id"]}), field
        assert field["value"] == str(EXAMPLE[field["name"]])
    assert form.select_one("[role=status]"), "results are announced"
    assert root.find("table").find("caption")
