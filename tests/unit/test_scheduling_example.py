"""The worked example printed on call-center/scheduling.md: every figure in its text is recomputed
here from the same inputs as the calculator's example (macros.staffing.EXAMPLE), so the page and
the widget below it cannot drift apart."""

from __future__ import annotations

import re

import pytest

from macros.staffing import EXAMPLE, rota, staffing

from . import support

PAGE = support.ROOT / "docs" / "call-center" / "scheduling.md"


def example_block() -> str:
    text = PAGE.read_text(encoding="utf-8")
    return text[text.index('!!! example "算一算"'):text.index("<!-- staffing-calculator -->")]


def test_inputs_are_the_calculators_example():
    block = example_block()
    calls, talk, wrap = re.search(r"有 (\d+) 通来电，平均每通通话 ([\d.]+) 分钟、案头处理 ([\d.]+) 分钟", block).groups()
    assert int(calls) == EXAMPLE["calls"] and float(talk) + float(wrap) == EXAMPLE["aht"]
    assert f"合计 {EXAMPLE['aht']} 分钟（{EXAMPLE['aht'] * 60} 秒）" in block
    assert f"{EXAMPLE['target']}% 的来电在 {EXAMPLE['answer']} 秒内接起" in block
    assert f"假设缩减率为 {EXAMPLE['shrinkage']}%" in block


def check_figures(block: str) -> None:
    traffic = EXAMPLE["calls"] * EXAMPLE["aht"] / EXAMPLE["interval"]
    assert f"= {EXAMPLE['calls']} × {EXAMPLE['aht']} ÷ {EXAMPLE['interval']} = {traffic:g} 爱尔兰" in block
    rows = re.findall(r"\| \**(\d+) 人\** \| \**约 (\d+)%\** \| \**约 (\d+) 秒\** \| (\d+)% \|", block)
    assert len(rows) >= 4
    needed = None
    for agents, level, wait, occupancy in rows:
        row = staffing(traffic, int(agents), EXAMPLE["aht"] * 60, EXAMPLE["answer"])
        assert (round(row.service_level * 100), round(row.wait), round(row.occupancy * 100)) == \
            (int(level), int(wait), int(occupancy)), f"row {agents} 人"
        if needed is None and row.service_level >= EXAMPLE["target"] / 100:
            needed = int(agents)
    below = staffing(traffic, needed - 1, EXAMPLE["aht"] * 60, EXAMPLE["answer"])
    assert below.service_level < EXAMPLE["target"] / 100, "the table starts below the target"
    assert f"至少要 {needed} 人同时在线" in block
    exact = needed / (1 - EXAMPLE["shrinkage"] / 100)
    step = f"排班人数 = {needed} ÷ (1 − {EXAMPLE['shrinkage']}%) ≈ {round(exact, 1):g}"
    assert step in block, step
    assert f"**排 {rota(needed, EXAMPLE['shrinkage'])} 人**" in block


def test_traffic_table_and_rota_are_recomputed():
    check_figures(example_block())


@pytest.mark.parametrize("right, wrong", [("**排 23 人**", "**排 22 人**"), ("约 57%", "约 58%"), ("约 18 秒", "约 19 秒"),
                                          ("≈ 22.9", "≈ 22.8")])
def test_a_changed_figure_is_caught(right, wrong):
    block = example_block()
    assert right in block
    with pytest.raises(AssertionError):
        check_figures(block.replace(right, wrong))
