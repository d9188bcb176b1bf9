"""The worked examples of the sales pages, recomputed from their inputs: every number the page
shows must be the one these inputs give (a changed input or a typo on the page fails here).

Inputs are written once, below; the pages are read as text. Money is Decimal, rounded half up."""

from __future__ import annotations

import datetime
import math
import re
from decimal import ROUND_HALF_UP, Decimal
from itertools import permutations

import pytest
import yaml

from macros.check import read_config
from tests.helpers import ROOT

DOCS = ROOT / "docs"


def page(path: str) -> str:
    return (DOCS / path).read_text(encoding="utf-8")


def money(value: Decimal, places: int = 2) -> str:
    """1912.0 -> '1,912.00'; places=0 -> '1,912'."""
    return f"{value.quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP):,.{places}f}"


def facts() -> dict[str, str]:
    """mkdocs.yml `extra.facts`: the dated facts pages share."""
    facts: dict[str, str] = read_config(str(ROOT))["extra"]["facts"]
    return facts


def transit_days() -> tuple[int, int]:
    """The sea-transit range to North Europe, from the one place that states it (extra.facts)."""
    found = re.search(r"约 (\d+)–(\d+) 天", facts()["sea_transit_europe"])
    assert found, "extra.facts.sea_transit_europe no longer states 约 N–M 天"
    return int(found.group(1)), int(found.group(2))


# ---------------------------------------------------------------- export costing (costing.md)

COSTING = {
    "purchase": Decimal("58.00"),      # RMB per pc, VAT included
    "vat": Decimal("0.13"),
    "rebate_rate": Decimal("0.13"),
    "quantity": 2000,
    "domestic": {"拖车": 2800, "起运港 THC": 1400, "文件费": 450, "报关费": 150, "其他": 200},  # RMB per container
    "ocean": {"O/F": 2100, "BAF": 300},  # USD per 40HQ
    "insurance_rate": Decimal("0.002"),
    "rate": Decimal("7.10"),            # RMB per USD
    "rate_later": Decimal("7.00"),
    "profit": Decimal("0.10"),          # cost plus, on goods and domestic costs
}


def costing() -> dict[str, Decimal]:
    c = COSTING
    quantity = Decimal(c["quantity"])
    rebate = c["purchase"] / (1 + c["vat"]) * c["rebate_rate"]
    net = c["purchase"] - rebate
    domestic = Decimal(sum(c["domestic"].values()))
    freight = Decimal(sum(c["ocean"].values()))
    exw = net * (1 + c["profit"]) / c["rate"]
    fob = (net + domestic / quantity) * (1 + c["profit"]) / c["rate"]
    cfr = fob + freight / quantity
    cif = cfr / (1 - Decimal("1.1") * c["insurance_rate"])
    premium = cif * Decimal("1.1") * c["insurance_rate"]
    cif_quoted = cif.quantize(Decimal("0.01"), ROUND_HALF_UP)
    total = cif_quoted * quantity
    received = total * c["rate"]
    cost = (c["purchase"] - rebate) * quantity + domestic + (freight + premium * quantity) * c["rate"]
    return {
        "rebate": rebate, "net": net, "domestic": domestic, "domestic_pc": domestic / quantity,
        "freight": freight, "freight_pc": freight / quantity, "exw": exw,
        "exw_no_rebate": c["purchase"] * (1 + c["profit"]) / c["rate"], "fob": fob, "cfr": cfr,
        "cif": cif, "premium": premium, "total": total, "received": received,
        "received_later": total * c["rate_later"], "profit": received - cost,
    }


def test_costing_page_shows_the_inputs():
    text = page("trade-email/costing.md")
    c = COSTING
    assert f"{c['purchase']} 元 / 件，增值税率 {c['vat']:.0%}" in text
    assert f"退税率 | {c['rebate_rate']:.0%}" in text
    parts = "，".join(f"{name} {amount:,} 元" for name, amount in c["domestic"].items())
    assert f"{parts}，合计 {money(costing()['domestic'], 0)} 元" in text
    ocean = " + ".join(f"{name} USD {amount:,}" for name, amount in c["ocean"].items())
    assert f"{ocean} = USD {money(costing()['freight'], 0)}" in text
    assert f"1 美元 = {c['rate']} 元" in text
    assert f"{c['insurance_rate']:.1%}（ICC (A) 条款" in text
    assert f"{c['quantity']:,} 件" in text


def test_costing_page_shows_every_step_as_computed():
    text = page("trade-email/costing.md")
    r = costing()
    rows = [
        f"58.00 ÷ 1.13 × 13% | {money(r['rebate'])} 元",
        f"58.00 − {money(r['rebate'])} | {money(r['net'])} 元",
        f"{money(r['net'])} × 1.10 ÷ 7.10 | **USD {money(r['exw'])}**",
        f"5,000 ÷ 2,000 | {money(r['domestic_pc'])} 元",
        f"({money(r['net'])} + {money(r['domestic_pc'])}) × 1.10 ÷ 7.10 | **USD {money(r['fob'])}**",
        f"2,400 ÷ 2,000 | USD {money(r['freight_pc'])}",
        f"{money(r['fob'])} + {money(r['freight_pc'])} | **USD {money(r['cfr'])}**",
        f"{money(r['cfr'])} ÷ (1 − 1.1 × 0.2%) | **USD {money(r['cif'])}**",
        f"{money(r['cif'])} × 110% × 0.2% | USD {money(r['premium'], 3)}",
    ]
    for row in rows:
        assert row in text, row
    # the rounded steps give the same results as the unrounded chain the page says it follows
    assert money(Decimal(money(r["cfr"])) / (1 - Decimal("0.0022"))) == money(r["cif"])


def test_costing_page_totals_profit_and_exchange_risk():
    text = page("trade-email/costing.md")
    r = costing()
    assert f"USD {money(r['cif'])} × 2,000 = **USD {money(r['total'])}**" in text
    assert f"收到 {money(r['received'], 0)} 元" in text
    assert f"利润约 **{money(r['profit'], 0)} 元**，不到货款的 {math.ceil(r['profit'] / r['received'] * 100)}%" in text
    assert f"只换到 {money(r['received_later'], 0)} 元" in text
    assert f"少了 **{money(r['received'] - r['received_later'], 0)} 元**" in text
    loss_share = (r["received"] - r["received_later"]) / r["profit"]
    assert Decimal("0.15") < loss_share < Decimal("0.20"), "the page calls it 将近五分之一"
    assert f"是 **USD {money(r['exw_no_rebate'])}**" in text


# ---------------------------------------------------------------- containers (containers.md, case one)

CONTAINERS = {  # typical internal length, width, height in metres, as the page gives them
    "20GP": (Decimal("5.90"), Decimal("2.35"), Decimal("2.39")),
    "40GP": (Decimal("12.03"), Decimal("2.35"), Decimal("2.39")),
    "40HQ": (Decimal("12.03"), Decimal("2.35"), Decimal("2.69")),
}
PAYLOAD_20GP_KG = 28000
CARTON = (Decimal("0.62"), Decimal("0.62"), Decimal("0.30"))
CARTON_KG = 11
ORDER_CARTONS = 2000 // 4
LCL_CARTONS = 40


def stowages(inside: tuple[Decimal, ...], carton: tuple[Decimal, ...]) -> set[tuple[int, int, int]]:
    """Cartons along the container's length, width and height, for each of the six orientations."""
    return {(int(inside[0] // a), int(inside[1] // b), int(inside[2] // c)) for a, b, c in permutations(carton)}


def best_stowage(inside: tuple[Decimal, ...], carton: tuple[Decimal, ...]) -> tuple[int, set[tuple[int, int, int]]]:
    """The most cartons one orientation holds, and the orientations (counts) that hold that many."""
    options = stowages(inside, carton)
    most = max(a * b * c for a, b, c in options)
    return most, {counts for counts in options if math.prod(counts) == most}


def test_container_table_volumes():
    text = page("trade-email/containers.md")
    for name, (length, width, height) in CONTAINERS.items():
        volume = (length * width * height).quantize(Decimal("0.1"), ROUND_HALF_UP)
        assert f"| **{name}**" in text
        assert f"{length} × {width} × {height} m | 约 {volume} m³" in text, name
    length, width, height = CONTAINERS["20GP"]
    per_m3 = Decimal(PAYLOAD_20GP_KG) / (length * width * height)
    assert f"每立方米约 {per_m3.quantize(Decimal(1), ROUND_HALF_UP)} kg" in text


def test_carton_counts_are_the_best_orientation():
    text = page("trade-email/containers.md")
    counts = {}
    for name, inside in CONTAINERS.items():
        count, best = best_stowage(inside, CARTON)
        counts[name] = count
        row = re.search(rf"^\| {name} \| [^|]+ \| (\d+) × (\d+) × (\d+) \| (\d+) \|$", text, re.MULTILINE)
        assert row, f"no stowage row for {name}"
        shown = tuple(int(number) for number in row.group(1, 2, 3))
        assert shown in best and int(row.group(4)) == count, (name, shown, best, count)
    assert counts == {"20GP": 189, "40GP": 399, "40HQ": 532}  # what the case and the quiz say
    assert counts["40GP"] < ORDER_CARTONS <= counts["40HQ"]
    assert f"还剩 {counts['40HQ'] - ORDER_CARTONS} 箱的位置" in text
    carton_m3 = (CARTON[0] * CARTON[1] * CARTON[2]).normalize()
    assert f"= {carton_m3} m³；{ORDER_CARTONS} 箱共约 {carton_m3 * ORDER_CARTONS:.2f} m³" in text
    assert f"{ORDER_CARTONS} 箱 × {CARTON_KG} kg = {ORDER_CARTONS * CARTON_KG:,} kg" in text
    case = page("trade-email/cases/inquiry-to-order.md")
    assert f"{ORDER_CARTONS} cartons, about {carton_m3 * ORDER_CARTONS:.1f} m³, {ORDER_CARTONS * CARTON_KG:,} kg, one 40' high-cube" in case
    assert f"最多约 {counts['40GP']} 箱" in case and f"能放 {counts['40HQ']} 箱" in case


def test_lcl_example():
    text = page("trade-email/containers.md")
    volume = (CARTON[0] * CARTON[1] * CARTON[2] * LCL_CARTONS).quantize(Decimal("0.01"), ROUND_HALF_UP)
    weight = LCL_CARTONS * CARTON_KG
    assert f"{LCL_CARTONS} 箱面板灯" in text and f"共 {volume} m³、{weight} kg（{weight / 1000:.2f} t）" in text
    assert f"按 {max(volume, Decimal(weight) / 1000)} 计费吨" in text


# ---------------------------------------------------------------- order execution (dates and money)

DEPOSIT_ARRIVES = datetime.date(2027, 2, 20)  # the example year; 2027 is not a leap year
LEAD_DAYS = 25
UNIT_PRICE, PIECES, DEPOSIT_SHARE = Decimal("8.95"), 2000, Decimal("0.30")


def chinese_date(day: datetime.date) -> str:
    return f"{day.month} 月 {day.day} 日"


def test_order_execution_case_dates():
    text = page("trade-email/order-execution.md")
    etd = DEPOSIT_ARRIVES + datetime.timedelta(days=LEAD_DAYS)
    assert f"| {chinese_date(DEPOSIT_ARRIVES)} | 财务确认定金" in text
    assert f"即最晚 {chinese_date(etd)} |" in text
    assert f"| {chinese_date(etd - datetime.timedelta(days=14))} | 开船前两周" in text
    assert f"| {chinese_date(etd - datetime.timedelta(days=7))} | 开船前一周" in text
    assert f"| {chinese_date(etd)} | 开船。" in text
    shortest, longest = transit_days()
    arrival = (f"预计 {chinese_date(etd + datetime.timedelta(days=shortest))}到 "
               f"{chinese_date(etd + datetime.timedelta(days=longest))}到汉堡（海上 {shortest}–{longest} 天")
    assert arrival in text
    case = page("trade-email/cases/inquiry-to-order.md")
    assert f"by {etd.day} March" in case and f"by {DEPOSIT_ARRIVES.day} February" in case


def test_order_money_adds_up():
    total = UNIT_PRICE * PIECES
    deposit = total * DEPOSIT_SHARE
    balance = total - deposit
    for path in ("trade-email/order-execution.md", "trade-email/cases/inquiry-to-order.md"):
        text = page(path)
        assert f"USD {money(total)}" in text and f"USD {money(deposit)}" in text and f"USD {money(balance)}" in text, path
    case = page("trade-email/cases/inquiry-to-order.md")
    first_quote = Decimal("9.10") * PIECES
    assert f"Total: USD {money(first_quote)}" in case and f"9.10 × 2,000 = {money(first_quote, 0)}" in case
    assert (f"{UNIT_PRICE} × 2,000 = {money(total, 0)}；30% 是 {money(deposit, 0)}，70% 是 {money(balance, 0)}") in case


def test_order_execution_booking_figures():
    text = page("trade-email/order-execution.md")
    carton_m3 = CARTON[0] * CARTON[1] * CARTON[2]
    assert f"{ORDER_CARTONS} 箱，{ORDER_CARTONS * CARTON_KG:,} kg，{carton_m3 * ORDER_CARTONS:.2f} m³" in text
    assert ORDER_CARTONS == PIECES // 4


# ---------------------------------------------------------------- case two: the follow-up calendar

def test_silent_buyer_reminder_is_a_week_before_expiry():
    quoted, expires, day = datetime.date(2027, 3, 3), datetime.date(2027, 3, 31), 21
    reminder = quoted + datetime.timedelta(days=day)
    assert (expires - reminder).days == 7  # the page calls it 有效期前一周
    text = page("trade-email/cases/silent-buyer.md")
    assert f"| 第 {day} 天（{chinese_date(reminder)}，有效期前一周） |" in text


# ---------------------------------------------------------------- quiz answers that are computed

def quiz_question(quiz: str, question_id: str) -> dict:
    data = yaml.safe_load((ROOT / "data" / "quizzes" / f"{quiz}.yml").read_text(encoding="utf-8"))
    return next(q for q in data["questions"] if q["id"] == question_id)


def test_quiz_numbers():
    rebate = Decimal(113) / Decimal("1.13") * Decimal("0.13")
    assert str(rebate.quantize(Decimal(1))) in quiz_question("export-operations", "vat-rebate")["answers"]
    lcl = quiz_question("export-operations", "lcl-charge")
    volume = (CARTON[0] * CARTON[1] * CARTON[2] * LCL_CARTONS).quantize(Decimal("0.01"), ROUND_HALF_UP)
    assert str(volume) in lcl["answers"] and f"{LCL_CARTONS * CARTON_KG} kg" in lcl["prompt"]
    cif = quiz_question("export-operations", "cif-from-cfr")
    assert f"USD {money(Decimal('9.54') / (1 - Decimal('0.0022')))}" in cif["explanation"]
    count = quiz_question("export-operations", "carton-count")["explanation"]
    assert f"最多放 {best_stowage(CONTAINERS['40GP'], CARTON)[0]} 箱" in count
    assert f"可放 {best_stowage(CONTAINERS['40HQ'], CARTON)[0]} 箱" in count


@pytest.mark.parametrize("name", ["20GP", "40GP", "40HQ"])
def test_glossary_container_sizes_match_the_page(name):
    glossary = (ROOT / "includes" / "glossary" / "trade-email.md").read_text(encoding="utf-8")
    length, width, height = CONTAINERS[name]
    assert f"{length} × {width} × {height} m" in glossary
