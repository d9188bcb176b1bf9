"""Every figure of the worked examples on the call-centre pages added for issue #32 is recomputed
here from the inputs the page states, and the QA form's points add up to 100. A page that changes
an input without its result (or the reverse) fails."""

from __future__ import annotations

import math
import re

import pytest
import yaml

from macros.staffing import rota, staffing

from . import support

DOCS = support.ROOT / "docs" / "call-center"


def page(name: str) -> str:
    return (DOCS / name).read_text(encoding="utf-8")


def pct(part: float, whole: float) -> str:
    """A share as the pages print it: one decimal, half up (23.75 -> 23.8)."""
    return f"{math.floor(part / whole * 1000 + 0.5) / 10:.1f}%"


def test_abandon_rate_is_the_other_side_of_the_kpi_pages_answer_rate():
    offered, abandoned = 1250, 100
    kpi, workforce = page("kpi.md"), page("workforce.md")
    assert f"共有 {offered:,} 通电话请求人工，其中 {offered - abandoned:,} 通被接起，{abandoned} 通在排队时挂断" in kpi
    assert f"{offered:,} 通请求人工的电话有 {abandoned} 通在排队时挂断，放弃率 = {abandoned} ÷ {offered:,} = " \
           f"{pct(abandoned, offered)}，人工接通率就是 {pct(offered - abandoned, offered)}" in workforce


def test_occupancy_quotes_the_scheduling_example():
    traffic, agents = 12, 16
    row = staffing(traffic, agents, 360, 20)
    assert f"{traffic} 爱尔兰的话务由 {agents} 人接，占用率就是 {round(row.occupancy * 100)}%" in page("workforce.md")


def test_adherence_example():
    scheduled, late, breaks_over = 420, 6, 15
    online = scheduled - late - breaks_over
    text = page("workforce.md")
    assert f"排班在线 {scheduled} 分钟（8 小时减去 {8 * 60 - scheduled} 分钟的小休和用餐）" in text
    assert f"实际在排好的时段里在线 {online} 分钟（迟到 {late} 分钟，小休晚回两次共 {breaks_over} 分钟）" in text
    assert f"排班遵从率 = {online} ÷ {scheduled} = {pct(online, scheduled)}" in text


def test_shrinkage_example():
    agents, days, hours = 10, 22, 8
    person_days = agents * days
    parts = {"小休和用餐": person_days * 60 / 60, "培训和辅导": person_days * 24 / 60, "班组会": person_days * 12 / 60,
             "请假和缺勤": 22 * hours}
    rota_hours, lost = agents * days * hours, sum(parts.values())
    text = page("workforce.md")
    assert f"排班时间共 {agents} × {days} × {hours} = {rota_hours:,} 小时" in text
    for name, value in parts.items():
        assert re.search(rf"^\| {name} \| .* \| {value:g} 小时 \|$", text, re.MULTILINE), name
    assert f"**{lost:g} 小时**" in text
    assert f"缩减率 = {lost:g} ÷ {rota_hours:,} = {pct(lost, rota_hours)}" in text


def test_forecast_error_example():
    forecast, actual = 60, 66
    assert f"预测 20:00–20:30 有 {forecast} 通来电，实际来了 {actual} 通，误差 = ({actual} − {forecast}) ÷ {actual} = " \
           f"{pct(actual - forecast, actual)}" in page("workforce.md")


def test_root_cause_table():
    causes = {"系统信息不同步": 18, "客服答复不完整或不正确": 10, "等其他部门处理，没有给客户时间": 7, "客户有了新的问题": 5}
    total = sum(causes.values())
    text = page("quality.md")
    assert f"某月抽了 {total} 通重复来电" in text
    for name, count in causes.items():
        assert f"| {name} | {count} | {pct(count, total)} |" in text
    assert f"| 合计 | {total} | {pct(total, total)} |" in text
    assert f"前两类合计占 {pct(18 + 10, total)}" in text


def margin(share: float, responses: int) -> float:
    """Half-width of the normal-approximation 95 % interval, in percentage points."""
    return 1.96 * math.sqrt(share * (1 - share) / responses) * 100


def test_csat_example():
    sent, returned, satisfied = 2000, 240, 204
    share = satisfied / returned
    text = page("feedback.md")
    assert f"回收率** = {returned} ÷ {sent:,} = {pct(returned, sent)}" in text
    assert f"满意度** = {satisfied} ÷ {returned} = {pct(satisfied, returned)}" in text
    wide = margin(share, returned)
    assert f"1.96 × √({share:.2f} × {1 - share:.2f} ÷ {returned}) ≈ {wide:.1f} 个百分点" in text
    assert f"大约 {share * 100 - wide:.1f}%–{share * 100 + wide:.1f}%" in text


def test_csat_of_one_agent():
    returned, satisfied = 20, 17
    share = satisfied / returned
    text = page("feedback.md")
    assert f"收回 {returned} 份，{satisfied} 份满意，满意度也是 {pct(satisfied, returned)}" in text
    assert f"1.96 × √({share:.2f} × {1 - share:.2f} ÷ {returned}) ≈ {margin(share, returned):.1f} 个百分点" in text


def test_qa_form_points_add_up_to_100():
    form = yaml.safe_load((support.ROOT / "data" / "checklists" / "qa-form.yml").read_text(encoding="utf-8"))
    scored, critical = form["groups"]
    points = [int(re.search(r"（(\d+) 分）", item["text"]).group(1)) for item in scored["items"]]
    assert sum(points) == 100 and "100" in scored["title"]
    assert all(item.get("score") for item in scored["items"])
    assert not any(re.search(r"\d+ 分", item["text"]) for item in critical["items"]), "critical errors carry no points"


def quiz_question(quiz: str, question: str) -> dict:
    data = yaml.safe_load((support.ROOT / "data" / "quizzes" / f"{quiz}.yml").read_text(encoding="utf-8"))
    return next(item for item in data["questions"] if item["id"] == question)


def test_quiz_figures():
    """The quiz questions that quote a figure: the rota question and the small CSAT sample."""
    question = quiz_question("call-center-basics", "wfm-rota")
    assert "需要 16 人同时在线，缩减率是 30%" in question["prompt"]
    assert str(rota(16, 30)) in question["answers"]
    assert f"16 ÷ 0.7 ≈ {16 / 0.7:.1f}，人不能排半个，向上取整为 {rota(16, 30)} 人" in question["explanation"]
    question = quiz_question("call-center-basics", "csat-small-sample")
    assert "17 份满意（85%）" in question["prompt"] and "15 份满意（75%）" in question["prompt"]
    assert min(margin(17 / 20, 20), margin(15 / 20, 20)) >= 15
    assert "误差范围在 ±15 个百分点以上" in question["options"][0]["text"]


@pytest.mark.parametrize("wrong", ["= 95.1%", "= 29.9%", "45.1%", "≈ 4.6 个百分点"])
def test_a_changed_figure_is_caught(wrong, monkeypatch):
    right = {"= 95.1%": "= 95.0%", "= 29.9%": "= 30.0%", "45.1%": "45.0%", "≈ 4.6 个百分点": "≈ 4.5 个百分点"}[wrong]
    original = page

    def altered(name: str) -> str:
        return original(name).replace(right, wrong)

    monkeypatch.setitem(globals(), "page", altered)
    with pytest.raises(AssertionError):
        test_adherence_example()
        test_shrinkage_example()
        test_root_cause_table()
        test_csat_example()
