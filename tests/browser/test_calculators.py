"""报价计算器 and 装箱计算器 on trade-email/calculators/: the form shows what hb-calc.js computes (the
arithmetic itself is tested under node in tests/unit/test_calculators.py), Chinese number input,
errors next to the field, keyboard, the container choice, no JavaScript, phone width, print, axe
and the page-weight budget. Tests that use `page` run on a full load and on arrival by an
instant-navigation click (conftest.JOURNEYS)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from browser_helpers import ROOT, assert_hidden, widget
from test_a11y import assert_no_violations
from test_page_weight import BUDGET, OWN, loaded_resources, minified_sizes  # noqa: F401 - a fixture
from test_storage import BLOCKED

URL = "trade-email/calculators/"
QUOTE_FIELDS = ("price", "quantity", "vat", "rebate", "inland", "port", "freight", "insurance", "cover", "rate", "margin")


def node_quote(values: dict) -> dict:
    """The same file's arithmetic under node: what the table must show."""
    script = "const c = require(process.argv[1]); process.stdout.write(JSON.stringify(c.quote.compute(JSON.parse(process.argv[2]))));"
    done = subprocess.run(["node", "-e", script, str(ROOT / "docs/assets/hb-calc.js"), json.dumps(values)],
                          capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def open_quote(page):
    page.goto(URL)
    root = widget(page, "quote", "sample-order")
    root.locator("form").wait_for(state="visible")  # the script has calculated the starting values
    return root


def open_loading(page):
    page.goto(URL)
    root = widget(page, "loading", "standard-containers")
    root.locator("form").wait_for(state="visible")
    return root


def shown(root) -> dict:
    return {cell.get_attribute("data-hb-out"): cell.inner_text() for cell in root.locator("[data-hb-out]").all()}


def test_quote_starts_with_the_sample_order_worked_out(page):
    root = open_quote(page)
    cells = shown(root)
    assert (cells["fob.unitUsd"], cells["cfr.unitUsd"], cells["cif.unitUsd"]) == ("6.98", "7.73", "7.75")
    assert cells["cif.cny"] == "110,031.85" and cells["rebate.cny"] == "10,584.07"
    assert root.get_by_role("status").inner_text() == "每件 FOB 6.98、CFR 7.73、CIF 7.75 美元（汇率 7.1）。"
    assert page.console_errors == []


def test_quote_reads_chinese_input_and_recalculates_from_the_keyboard(page):
    root = open_quote(page)
    root.get_by_label("数量（件）").fill("１,０００")  # full-width digits and a separator from a Chinese input method
    root.get_by_label("汇率（1 美元兑人民币元）").fill("7。2")  # 。 typed for the point
    root.get_by_label("利润率（占报价的 %）").fill("12%")
    root.get_by_label("利润率（占报价的 %）").press("Enter")
    values = {name: root.locator(f"input[name={name}]").input_value() for name in QUOTE_FIELDS}
    want = node_quote({**{name: float(value) for name, value in values.items() if name not in ("quantity", "rate", "margin")},
                       "quantity": 1000, "rate": 7.2, "margin": 12})
    assert shown(root) == want["out"]
    root.get_by_label("海运费（美元/票）").fill("0")
    root.get_by_label("海运费（美元/票）").press("Tab")  # leaving a changed field recalculates
    assert shown(root)["freight.usd"] == "0.00"
    assert page.console_errors == []


def test_quote_errors_sit_next_to_the_field(page):
    root = open_quote(page)
    margin = root.get_by_label("利润率（占报价的 %）")
    margin.fill("100")
    root.get_by_role("button", name="计算").click()
    message = "利润率要小于 100%（按报价算，100% 时报价无穷大）。"
    assert root.locator("[data-hb-error=margin]").inner_text() == message
    assert margin.get_attribute("aria-invalid") == "true"
    assert margin.evaluate("el => el === document.activeElement"), "focus goes to the field to correct"
    assert margin.evaluate("el => el.getAttribute('aria-describedby')").split()[0] == root.locator("[data-hb-error=margin]").get_attribute("id")
    assert root.get_by_role("status").inner_text() == "有 1 处要改：" + message
    assert root.locator("table[data-hb-results]").is_hidden(), "no stale figures next to an error"

    price = root.get_by_label("工厂含税单价（元/件）")
    price.fill("")
    root.get_by_label("增值税率（%）").fill("0.13")
    root.get_by_role("button", name="计算").click()
    assert root.get_by_role("status").inner_text() == "有 3 处要改：请填写工厂含税单价。"
    assert price.evaluate("el => el === document.activeElement"), "the first field with a problem"
    assert root.locator("[data-hb-error=vat]").inner_text() == "增值税率按百分数填写：13% 就填 13，不要填 0.13。"

    price.fill("46")
    root.get_by_label("增值税率（%）").fill("13")
    margin.fill("15")
    margin.press("Enter")
    assert margin.get_attribute("aria-invalid") == "false" and root.locator("[data-hb-error=margin]").inner_text() == ""
    assert shown(root)["cif.unitUsd"] == "7.75"
    assert page.console_errors == []


def test_loading_the_flagship_carton_in_each_container(page):
    root = open_loading(page)
    status = root.get_by_role("status")
    assert status.inner_text() == "40GP（40 尺普柜）约装 399 箱：空间先放满。"
    root.get_by_label("柜型").select_option("40hq")
    assert shown(root)["cartons"] == "532"
    root.get_by_label("此面向上（只能水平转动，不能侧放或倒放）").check()
    assert shown(root)["cartons"] == "456"
    root.get_by_label("每箱毛重（千克）").fill("200")
    root.get_by_label("每箱毛重（千克）").press("Enter")
    assert shown(root)["limit"] == "载重" and shown(root)["cartons"] == "132"  # 26 500 ÷ 200
    assert page.console_errors == []


def test_loading_warns_about_metres(page):
    root = open_loading(page)
    length = root.get_by_label("箱长（厘米）")
    length.fill("0.62")
    length.press("Enter")
    assert root.locator("[data-hb-error=length]").inner_text() == "箱长按厘米填写：0.62 像是米，就填 62。"
    assert root.get_by_role("status").inner_text() == "有 1 处要改：箱长按厘米填写：0.62 像是米，就填 62。"
    assert length.get_attribute("aria-invalid") == "true"
    assert root.locator("table[data-hb-results]").is_hidden()
    assert page.console_errors == []


def test_without_javascript_the_page_says_so_and_shows_the_rules(new_page):
    page = new_page(java_script_enabled=False)
    page.goto(URL)
    for kind in ("quote", "loading"):
        root = page.locator(f"[data-hb-widget={kind}]")
        assert root.locator("form").is_hidden(), "a form that cannot calculate is not shown"
        assert "计算器需要启用 JavaScript" in root.inner_text()
        assert root.locator(".hb-calc__rules").is_visible()
    specs = page.locator("table.hb-calc__specs")
    assert specs.is_visible() and "40HQ" in specs.inner_text()


def test_phone_width(new_page):
    page = new_page(viewport={"width": 390, "height": 844})
    for root in (open_quote(page), open_loading(page)):
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, "nothing scrolls sideways"
        for box in [element.bounding_box() for element in root.locator("input, select, table").all()]:
            assert box["x"] >= 0 and box["x"] + box["width"] <= 390, box
    assert page.console_errors == []


def test_print_shows_inputs_and_results(page):
    root = open_quote(page)
    root.get_by_label("数量（件）").fill("3000")
    root.get_by_label("数量（件）").press("Enter")
    page.emulate_media(media="print")
    assert_hidden(page, [".hb-calc button", ".md-sidebar", ".md-header"])
    loading = page.locator("[data-hb-widget=loading]")
    for part in (root.locator("input[name=quantity]"), root.locator("table[data-hb-results]"), root.get_by_role("status"),
                 loading.locator("input[name=length]"), loading.locator("table[data-hb-results]"), loading.locator(".hb-calc__specs")):
        assert part.is_visible()
    assert root.locator("input[name=quantity]").input_value() == "3000"
    assert page.pdf(format="A4")[:4] == b"%PDF"
    assert page.console_errors == []


def test_no_axe_violations_before_and_after_errors(page):
    root = open_quote(page)
    widget(page, "loading", "standard-containers").locator("form").wait_for(state="visible")
    assert_no_violations(page)
    root.get_by_label("利润率（占报价的 %）").fill("x")
    root.get_by_role("button", name="计算").click()
    assert_no_violations(page)


def test_own_js_and_css_within_budget(new_page, site_url, minified_sizes):  # noqa: F811 - the fixture
    page = new_page()
    page.site_root = site_url
    sizes = loaded_resources(page, site_url + URL)
    own = {Path(resource).name for resource in sizes if Path(resource).name.startswith(OWN)}
    assert {"hb-calc.js", "hb-calc.css"} <= own
    total = sum(minified_sizes[name] for name in own)
    print(f"\n{URL}: own JS+CSS {total} B minified ({', '.join(sorted(own))})")
    assert total <= BUDGET, f"own JS+CSS {total} B minified ({', '.join(sorted(own))}), budget {BUDGET} B"


def test_works_with_storage_blocked(page):
    """The calculators save nothing; a browser that refuses storage still calculates, without errors."""
    page.context.add_init_script(BLOCKED)
    root = open_quote(page)
    assert shown(root)["cif.unitUsd"] == "7.75"
    root.get_by_label("数量（件）").fill("1")
    root.get_by_label("数量（件）").press("Enter")
    assert shown(root)["goods.unitCny"] == "46.00"
    loading = widget(page, "loading", "standard-containers")
    assert loading.get_by_role("status").inner_text().startswith("40GP")
    assert page.console_errors == []
