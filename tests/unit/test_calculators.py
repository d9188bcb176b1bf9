"""报价计算器 and 装箱计算器: the arithmetic of docs/assets/hb-calc.js, run under node (the file the
browser runs), against figures worked out by hand and against a Decimal reference written here
independently; the error messages for empty, negative, out-of-range and wrong-unit input; the
forms rendered from the live data files (labels, names the script reads, no-JS note).

Hand-worked figures are written as the sums that give them, so a reader can check each one."""

from __future__ import annotations

import difflib
import json
import os
import re
import shutil
import subprocess
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal

import pytest
from bs4 import BeautifulSoup

from macros.calculators import LOADING_RESULTS, QUOTE_LINES, number, render_loading, render_quote
from macros.loader import load_handbook
from macros.render import PageContext

from .support import ROOT, UNIT

SCRIPT = ROOT / "docs" / "assets" / "hb-calc.js"
RUNNER = """
const calc = require(process.argv[1]);
const cases = JSON.parse(require("fs").readFileSync(0, "utf8"));
const fix = v => Object.fromEntries(Object.entries(v).map(([k, x]) => [k, x === "NaN" ? NaN : x]));
process.stdout.write(JSON.stringify(cases.map(([kind, values, box]) =>
  kind === "parse" ? (Number.isNaN(calc.parse(values)) ? "NaN" : calc.parse(values)) : kind === "cents" ? calc.cents(values, box) :
  kind === "fields" ? Object.keys(calc[values].fields) : calc[kind].compute(fix(values), box))));
"""
if shutil.which("node") is None:
    pytest.skip("node is not installed", allow_module_level=True)


def run(*cases: tuple) -> list:
    """Each case through hb-calc.js under node, in one process: (kind, values[, container])."""
    done = subprocess.run(["node", "-e", RUNNER, str(SCRIPT)], input=json.dumps([list(c) + [None] * (3 - len(c)) for c in cases]),
                          capture_output=True, text=True, check=True)
    return list(json.loads(done.stdout))


@pytest.fixture(scope="module")
def handbook():
    loaded, problems = load_handbook(str(ROOT))
    assert not problems, "\n".join(map(str, problems))
    return loaded


@pytest.fixture(scope="module")
def boxes(handbook) -> dict:
    """The containers as declared once, in data/loadings/standard-containers.yml."""
    return {box.id: box.model_dump() for box in handbook.loadings["standard-containers"].containers}


# ---------------------------------------------------------------- 报价计算器
SAMPLE = {"price": 46, "quantity": 2000, "vat": 13, "rebate": 13, "inland": 1800, "port": 950, "freight": 1500,
          "insurance": 0.3, "cover": 110, "rate": 7.1, "margin": 15}


def quote(**changes):
    return {**SAMPLE, **changes}


def reference(v: dict) -> dict:
    """The page's rules in Decimal: {line: (CNY total, CNY per unit, USD total, USD per unit)}."""
    d = {key: Decimal(str(value)) for key, value in v.items()}
    hundred, keep = Decimal(100), 1 - d["margin"] / 100
    goods = d["price"] * d["quantity"]
    rebate = goods / (1 + d["vat"] / hundred) * d["rebate"] / hundred
    cost, local = goods - rebate, d["inland"] + d["port"]
    fob, freight = (cost + local) / keep, d["freight"] * d["rate"]
    cfr = fob + freight
    cif = cfr / (1 - d["cover"] / hundred * d["insurance"] / hundred)
    lines = {"goods": goods, "rebate": rebate, "cost": cost, "exw": cost / keep, "local": local, "fob": fob,
             "freight": freight, "cfr": cfr, "premium": cif - cfr, "cif": cif}
    cent = Decimal("0.01")
    return {key: (float(value.quantize(cent, ROUND_HALF_UP)), float((value / d["quantity"]).quantize(cent, ROUND_CEILING)),
                  float((value / d["rate"]).quantize(cent, ROUND_HALF_UP)),
                  float((value / d["rate"] / d["quantity"]).quantize(cent, ROUND_CEILING)))
            for key, value in lines.items()}


def figures(result: dict) -> dict:
    return {key: tuple(line[part] for part in ("cny", "unitCny", "usd", "unitUsd")) for key, line in result["lines"].items()}


def test_the_sample_order_worked_by_hand():
    """46 元 × 2000 件, 13 % VAT and rebate, 1800 + 950 元 inland and port, 1500 USD freight, 0.3 % at 110 %,
    7.1 元/USD, 15 % of the price as profit."""
    result = run(("quote", SAMPLE))[0]
    got = figures(result)
    assert got["goods"][:2] == (92000.00, 46.00)                      # 46 × 2000
    assert got["rebate"][0] == 10584.07                               # 92000 ÷ 1.13 × 13 % = 10584.0708
    assert got["cost"][0] == 81415.93                                 # 92000 − 10584.0708
    assert got["exw"][0] == 95783.45                                  # 81415.9292 ÷ 0.85 = 95783.4461
    assert got["fob"][:2] == (99018.74, 49.51)                        # (81415.9292 + 2750) ÷ 0.85 = 99018.7402; ÷ 2000 = 49.509 → up
    assert got["fob"][2:] == (13946.30, 6.98)                         # ÷ 7.1 = 13946.2986; ÷ 2000 = 6.9731 → up to 6.98
    assert got["freight"][:3] == (10650.00, 5.33, 1500.00)            # 1500 × 7.1; 10650 ÷ 2000 = 5.325 → up
    assert got["cfr"][0] == 109668.74 and got["cfr"][3] == 7.73       # 99018.7402 + 10650; ÷ 7.1 ÷ 2000 = 7.7231
    assert got["cif"][0] == 110031.85                                 # 109668.7402 ÷ (1 − 1.1 × 0.003) = 110031.8453
    assert got["cif"][2:] == (15497.44, 7.75)                         # ÷ 7.1 = 15497.4430; ÷ 2000 = 7.7487 → up
    assert got["premium"][0] == 363.11                                # 110031.8453 − 109668.7402
    assert result["summary"] == "每件 FOB 6.98、CFR 7.73、CIF 7.75 美元（汇率 7.1）。"
    assert result["out"]["cif.cny"] == "110,031.85", "thousands separated, two decimals"


HAND_CASES = {
    # zero rates and costs: every line is the goods value; 1000 ÷ 7 = 142.857 → 142.86; per unit 1.42857 → up to 1.43
    "zero rates": (quote(price=10, quantity=100, vat=0, rebate=0, inland=0, port=0, freight=0, insurance=0, margin=0, rate=7),
                   {"fob": (1000.0, 10.0, 142.86, 1.43), "cif": (1000.0, 10.0, 142.86, 1.43), "premium": (0.0, 0.0, 0.0, 0.0)}),
    # 99 % margin: the price is cost ÷ 0.01 = 100 times the cost
    "margin 99 %": (quote(price=1, quantity=1, vat=0, rebate=0, inland=0, port=0, freight=0, insurance=0, margin=99, rate=5),
                    {"fob": (100.0, 100.0, 20.0, 20.0), "exw": (100.0, 100.0, 20.0, 20.0)}),
    # rebate below VAT: 100000 ÷ 1.13 × 9 % = 7964.60; FOB (92035.40 + 3000) ÷ 0.9 = 105594.89;
    # CFR + 2000 × 7.2 = 119994.89; CIF ÷ (1 − 1.1 × 0.005) = 120658.51
    "rebate 9 of 13": (quote(price=100, quantity=1000, rebate=9, inland=2000, port=1000, freight=2000, insurance=0.5, rate=7.2, margin=10),
                       {"rebate": (7964.60, 7.97, 1106.19, 1.11), "fob": (105594.89, 105.60, 14665.96, 14.67),
                        "cif": (120658.51, 120.66, 16758.13, 16.76)}),
    # one piece: per unit equals the total (rounded up where the total rounds down: 3.1 ÷ 7 = 0.44286)
    "one piece": (quote(price=3.1, quantity=1, vat=0, rebate=0, inland=0, port=0, freight=0, insurance=0, margin=0, rate=7),
                  {"fob": (3.1, 3.1, 0.44, 0.45)}),
    # huge but allowed: 50000 × 2 000 000 = 1e11 元 with VAT, 1e11 ÷ 1.13 = 88 495 575 221.24 after the rebate;
    # per unit 44 247.787 61 → up to 44 247.79
    "huge order": (quote(price=50000, quantity=2_000_000, inland=0, port=0, freight=0, insurance=0, margin=0),
                   {"fob": (88495575221.24, 44247.79, 12464165524.12, 6232.09)}),
}


@pytest.mark.parametrize("name", HAND_CASES)
def test_cases_worked_by_hand(name):
    values, expected = HAND_CASES[name]
    result = run(("quote", values))[0]
    assert {key: v for key, v in result["errors"].items() if v} == {}
    got = figures(result)
    for key, want in expected.items():
        assert got[key] == want, key


@pytest.mark.parametrize("values", [SAMPLE, *(case for case, _ in HAND_CASES.values()),
                                    quote(price=0.01, quantity=9_999_999, margin=50, rate=6.5),
                                    quote(price=2.675, quantity=3, vat=9, rebate=6, insurance=0.15, cover=120, rate=7.3333)])
def test_every_line_agrees_with_the_decimal_reference(values):
    assert figures(run(("quote", values))[0]) == reference(values)


def test_rounding_is_half_up_and_unit_prices_round_up_once():
    """2.675 and 1.005 are stored just below the half in binary; 12.000000000000002 is 12, not 12.01."""
    assert run(("cents", 2.675, False), ("cents", 1.005, False), ("cents", 12.000000000000002, True),
               ("cents", 12.001, True)) == [2.68, 1.01, 12.0, 12.01]


QUOTE_ERRORS = {
    "empty, negative, text": (quote(price=None, inland=-5, port="NaN"),
                              {"price": "请填写工厂含税单价。", "inland": "内陆运费不能是负数。", "port": "港杂费请填写数字。"}),
    "zero quantity": (quote(quantity=0), {"quantity": "数量请填写 1～10,000,000 之间的数字。"}),
    "part of a piece": (quote(quantity=2.5), {"quantity": "数量请填写整数。"}),
    "margin 100 %": (quote(margin=100), {"margin": "利润率要小于 100%（按报价算，100% 时报价无穷大）。"}),
    "margin 150 %": (quote(margin=150), {"margin": "利润率要小于 100%（按报价算，100% 时报价无穷大）。"}),
    "VAT as a fraction": (quote(vat=0.13, rebate=0.13), {"vat": "增值税率按百分数填写：13% 就填 13，不要填 0.13。",
                                                       "rebate": "出口退税率按百分数填写：13% 就填 13，不要填 0.13。"}),
    "insurance as a fraction": (quote(insurance=0.003), {"insurance": "保险费率按百分数填写：0.3% 就填 0.3，不要填 0.003。"}),
    "rebate above VAT": (quote(vat=9, rebate=13), {"rebate": "出口退税率不能高于增值税率。"}),
    "rate upside down": (quote(rate=0.14), {"rate": "汇率填 1 美元兑多少元，约 7。"}),
    "VAT wrong, rebate not blamed": (quote(vat=0.13), {"vat": "增值税率按百分数填写：13% 就填 13，不要填 0.13。"}),
    "cover below 100 %": (quote(cover=90), {"cover": "投保加成请填写 100～150 之间的数字。"}),
    "too large": (quote(price=50000, quantity=2_000_000, margin=20), {"quantity": "总额超过 1000 亿元，请核对数量。"}),
}


@pytest.mark.parametrize("name", QUOTE_ERRORS)
def test_quote_errors_name_the_field_and_the_fix(name):
    values, expected = QUOTE_ERRORS[name]
    result = run(("quote", values))[0]
    assert {key: text for key, text in result["errors"].items() if text} == expected
    assert "lines" not in result, "no figures next to an error"


# ---------------------------------------------------------------- 装箱计算器
def carton(length=62, width=62, height=30, weight=15, upright=False):
    return {"length": length, "width": width, "height": height, "weight": weight, "upright": upright}


# (carton, container) -> cartons, binding limit, rows along length × width × height
LOADING_CASES = {
    # the flagship example: 1203 ÷ 62 = 19, 235 ÷ 62 = 3, 239 ÷ 30 = 7 → 399 ("about 400 per 40GP")
    "62x62x30 in 40GP": (carton(), "40gp", 399, "space", [19, 3, 7]),
    # on its side in a high cube: 1203 ÷ 62 = 19, 235 ÷ 30 = 7, 269 ÷ 62 = 4 → 532 ("500+ per 40HQ")
    "62x62x30 in 40HQ": (carton(), "40hq", 532, "space", [19, 7, 4]),
    # this side up: only the height gains, 269 ÷ 30 = 8 → 19 × 3 × 8 = 456
    "62x62x30 upright in 40HQ": (carton(upright=True), "40hq", 456, "space", [19, 3, 8]),
    # 590 ÷ 62 = 9 → 9 × 3 × 7 = 189 (lying it down gives 171 or 189 too)
    "62x62x30 in 20GP": (carton(), "20gp", 189, "space", [9, 3, 7]),
    # heavy: 840 fit (24 × 5 × 7), but 26 500 ÷ 200 = 132.5 → 132
    "heavy cartons": (carton(50, 40, 30, 200), "40gp", 132, "weight", [24, 5, 7]),
    # wider than the container in every direction
    "larger than the container": (carton(240, 240, 240), "40gp", 0, "size", None),
    # 230 cm high, this side up: inside 239 fits, the door's 228 does not
    "taller than the door": (carton(300, 100, 230, upright=True), "40gp", 0, "size", None),
    # the same carton on its side: 4 × 1 × 2 = 8 (230 across the 234 door, 100 high)
    "on its side through the door": (carton(300, 100, 230), "40gp", 8, "space", [4, 1, 2]),
    # one carton is over the payload: space for 2, weight for none
    "heavier than the payload": (carton(200, 200, 200, 30000), "20gp", 0, "weight", [2, 1, 1]),
    # tiny and light: 240 × 47 × 53 = 597 840 fit, 26 500 ÷ 0.1 = 265 000 may be loaded
    "tiny cartons": (carton(5, 5, 5, 0.1), "40hq", 265000, "weight", [240, 47, 53]),
    # 239 ÷ 23.9 is 10 exactly (in binary 9.999…): 1203 ÷ 60 = 20, 235 ÷ 40 = 5 → 1000
    "decimal sides": (carton(60, 40, 23.9, 10, upright=True), "40gp", 1000, "space", [20, 5, 10]),
}


@pytest.mark.parametrize("name", LOADING_CASES)
def test_loading_cases_worked_by_hand(name, boxes):
    values, box, cartons, limit, rows = LOADING_CASES[name]
    result = run(("loading", values, boxes[box]))[0]
    assert (result["raw"]["cartons"], result["raw"]["limit"]) == (cartons, limit)
    if rows:
        assert result["raw"]["rows"] == rows


def test_loading_totals_and_summary(boxes):
    result = run(("loading", carton(), boxes["40gp"]))[0]
    # 399 × 0.62 × 0.62 × 0.30 = 46.01 m³ of 12.03 × 2.35 × 2.39 = 67.57 m³; 399 × 15 = 5985 kg of 26 500
    assert result["out"] == {"cartons": "399", "limit": "空间", "cbm": "46.01", "weight": "5,985",
                             "volumeUse": "68.1%", "weightUse": "22.6%", "layout": "19 × 3 × 7", "turn": "62 × 62 × 30"}
    assert result["summary"] == "40GP（40 尺普柜）约装 399 箱：空间先放满。"
    heavy = run(("loading", carton(50, 40, 30, 200), boxes["40gp"]))[0]
    assert heavy["summary"] == "40GP（40 尺普柜）约装 132 箱：先到载重上限（按空间能放 840 箱）。"
    door = run(("loading", carton(300, 100, 230, upright=True), boxes["40gp"]))[0]
    assert door["summary"] == "40GP（40 尺普柜）约装 0 箱：箱子过不了箱门；能侧放的话，取消“此面向上”再试。"
    big = run(("loading", carton(240, 240, 240), boxes["40gp"]))[0]
    assert big["summary"] == "40GP（40 尺普柜）约装 0 箱：箱子比柜子内部还大。" and big["out"]["layout"] == "—"


LOADING_ERRORS = {
    "metres for centimetres": (carton(length=0.62), {"length": "箱长按厘米填写：0.62 像是米，就填 62。"}),
    "empty, negative, text": (carton(width=None, height=-3, weight="NaN"),
                              {"width": "请填写箱宽。", "height": "箱高不能是负数。", "weight": "每箱毛重请填写数字。"}),
    "zero": (carton(length=0, weight=0), {"length": "箱长请填写 5～1,000 之间的数字。", "weight": "每箱毛重要大于 0。"}),
    "huge": (carton(height=1200, weight=40000), {"height": "箱高请填写 5～1,000 之间的数字。",
                                                 "weight": "每箱毛重请填写 0.1～30,000 之间的数字。"}),
}


@pytest.mark.parametrize("name", LOADING_ERRORS)
def test_loading_errors_name_the_field_and_the_fix(name, boxes):
    values, expected = LOADING_ERRORS[name]
    result = run(("loading", values, boxes["40gp"]))[0]
    assert {key: text for key, text in result["errors"].items() if text} == expected
    assert "raw" not in result


def test_chinese_number_input_is_read():
    """What a Chinese input method types: full-width digits, 。 as the point, separators, %."""
    assert run(("parse", "１,２００"), ("parse", "4。5"), ("parse", "13%"), ("parse", " 0.3 "), ("parse", ""),
               ("parse", "很多"), ("parse", "-5"), ("parse", "1.2.3")) == [1200, 4.5, 13, 0.3, None, "NaN", -5, "NaN"]


# ---------------------------------------------------------------- the forms, from the live data
def page_context() -> PageContext:
    return PageContext(page_url="trade-email/calculators/", page_title=lambda path: path,
                       widget_page=lambda kind, item_id: None, widget_title=lambda kind, item_id: "")


@pytest.fixture(scope="module")
def forms(handbook) -> dict:
    quote_html = render_quote("sample-order", handbook.quotes["sample-order"], page_context(), "../../assets/hb-calc.css")
    loading_html = render_loading("standard-containers", handbook.loadings["standard-containers"], page_context(),
                                  "../../assets/hb-calc.css")
    return {"quote": BeautifulSoup(quote_html, "html.parser"), "loading": BeautifulSoup(loading_html, "html.parser")}


@pytest.mark.parametrize("kind", ["quote", "loading"])
def test_form_has_every_field_the_script_reads_labelled(forms, kind):
    tree = forms[kind]
    root = tree.select_one(f"section[data-hb-widget={kind}]")
    assert root["data-hb-module"] == "hb-calc.js"
    fields = run(("fields", kind))[0]
    inputs = {field["name"]: field for field in root.select("form [name]")}
    assert set(fields) <= set(inputs), "every field the arithmetic checks is in the form"
    for name, field in inputs.items():
        assert tree.select_one(f"label[for={field['id']}]"), f"{name} has a label"
    for name in fields:
        error = root.select_one(f"[data-hb-error={name}]")
        assert error is not None and error["id"] in inputs[name]["aria-describedby"].split(), "its message is read with it"
    assert "计算器需要启用 JavaScript" in root.select_one("noscript").get_text()
    assert root.select_one("form").has_attr("hidden"), "the form shows only once the script can calculate"
    assert root.select_one("output[data-hb-summary]") is not None
    ids = [element["id"] for element in tree.select("[id]")]
    assert len(ids) == len(set(ids))


def test_quote_form_starts_with_the_data_file_values(forms, handbook):
    defaults = handbook.quotes["sample-order"].defaults
    root = forms["quote"]
    assert {field["name"]: field["value"] for field in root.select("input")} == {
        name: number(value) for name, value in defaults.model_dump().items()}
    assert [cell["data-hb-out"] for cell in root.select("[data-hb-out]")] == [
        f"{key}.{part}" for key, _ in QUOTE_LINES for part in ("cny", "unitCny", "usd", "unitUsd")]
    assert set(run(("quote", defaults.model_dump()))[0]["out"]) == {cell["data-hb-out"] for cell in root.select("[data-hb-out]")}


def test_loading_form_lists_the_containers_declared_once(forms, handbook, boxes):
    root = forms["loading"]
    data = json.loads(root.select_one("section")["data-hb-json"])
    assert data["containers"] == list(boxes.values())
    assert [option["value"] for option in root.select("select option")] == list(boxes)
    assert root.select_one("option[selected]")["value"] == handbook.loadings["standard-containers"].container
    specs = root.select_one("table.hb-calc__specs").get_text(" ", strip=True)
    assert "典型值" in specs and "1203 × 235 × 269" in specs and "2026年12月核对" in specs
    keys = [cell["data-hb-out"] for cell in root.select("[data-hb-out]")]
    assert keys == [key for key, _ in LOADING_RESULTS]
    assert set(run(("loading", carton(), boxes["40gp"]))[0]["out"]) == set(keys)


def test_numbers_are_shown_as_typed():
    assert [number(46.0), number(0.3), number(7.1), number(1e6), number(0.1 + 0.2)] == ["46", "0.3", "7.1", "1000000", "0.3"]


# ---------------------------------------------------------------- golden files (fixture data)
@pytest.fixture(scope="module")
def fixtures():
    loaded, problems = load_handbook(str(UNIT / "fixtures"))
    assert not problems, "\n".join(map(str, problems))
    return loaded


def render_fixture(fixtures, kind: str) -> str:
    if kind == "quote":
        return render_quote("golden-quote", fixtures.quotes["golden-quote"], page_context(), "../../assets/hb-calc.css")
    return render_loading("golden-loading", fixtures.loadings["golden-loading"], page_context(), "../../assets/hb-calc.css")


@pytest.mark.parametrize("kind", ["quote", "loading"])
def test_matches_golden_file(fixtures, kind):
    """After an intended template change: UPDATE_GOLDEN=1 pytest tests/unit/test_calculators.py, review the diff."""
    actual, golden = render_fixture(fixtures, kind), UNIT / "golden" / f"{kind}.html"
    if os.environ.get("UPDATE_GOLDEN") == "1":
        golden.write_text(actual, encoding="utf-8")
    assert golden.is_file(), "no golden file: run with UPDATE_GOLDEN=1"
    if actual != golden.read_text(encoding="utf-8"):
        diff = "".join(difflib.unified_diff(golden.read_text(encoding="utf-8").splitlines(True), actual.splitlines(True), n=2))
        pytest.fail(f"rendered {kind} differs from golden/{kind}.html (UPDATE_GOLDEN=1 to accept):\n{diff}")


@pytest.mark.parametrize("kind", ["quote", "loading"])
def test_fixture_text_stays_text(fixtures, kind):
    markup = render_fixture(fixtures, kind)
    tree = BeautifulSoup(markup, "html.parser")
    assert not tree.find_all("script") and not tree.find("b"), "trainer text is never markup"
    assert "&lt;script&gt;" in markup
    for raw in re.findall(r'data-hb-json="([^"]*)"', markup):
        assert "<" not in raw and ">" not in raw
    if kind == "loading":
        assert json.loads(tree.select_one("section")["data-hb-json"])["containers"][0]["name"] == '普柜 "GP" & <b>'
        assert tree.select_one("input[name=upright]").has_attr("checked")
        assert tree.select_one("input[name=height]")["value"] == "20.5"
        assert tree.select_one("option[selected]")["value"] == "hq"
    else:
        assert tree.select_one(".hb-widget__intro a")["href"] == "../../onboarding/company/"
