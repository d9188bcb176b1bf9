"""报价计算器 and 装箱计算器: the forms, their starting values and the container table.

The arithmetic is done in the browser by docs/assets/hb-calc.js, whose pure part the tests also
run under node, so it lives in one place. This module only renders
what works without JavaScript: the labelled form (shown by the script), the rules, the container
sizes. No MkDocs imports: data in, HTML out.
"""

from __future__ import annotations

from typing import Any

from macros.models import Loading, Quote
from macros.render import PageContext, _json_island, _templates

# The rows of the quotation table: data-hb-out keys of hb-calc.js, and what readers call them.
QUOTE_LINES = (("goods", "含税货值"), ("rebate", "出口退税"), ("cost", "退税后成本"), ("exw", "EXW 报价"),
               ("local", "内陆运费 + 港杂费"), ("fob", "FOB 报价"), ("freight", "海运费"), ("cfr", "CFR 报价"),
               ("premium", "保险费"), ("cif", "CIF 报价"))
LOADING_RESULTS = (("cartons", "每柜约装（箱）"), ("limit", "先到的上限"), ("layout", "摆放：沿柜长 × 柜宽 × 柜高（箱）"),
                   ("turn", "纸箱朝向：对应的箱子边长（厘米）"), ("cbm", "总体积（立方米）"), ("weight", "总毛重（千克）"),
                   ("volumeUse", "体积利用率"), ("weightUse", "载重利用率"))


def number(value: float) -> str:
    """A trainer's number as typed in a form: 46 not 46.0, 0.3 not 0.30000000000000004."""
    return f"{value:.10g}" if value != int(value) else str(int(value))


def render_quote(quote_id: str, quote: Quote, context: PageContext, stylesheet: str) -> str:
    return _templates.get_template("quote.html").render(
        id=quote_id, quote=quote, lines=QUOTE_LINES, number=number, stylesheet=stylesheet, **context.helpers())


def render_loading(loading_id: str, loading: Loading, context: PageContext, stylesheet: str) -> str:
    data: dict[str, Any] = {"containers": [box.model_dump() for box in loading.containers]}
    return _templates.get_template("loading.html").render(
        id=loading_id, loading=loading, results=LOADING_RESULTS, number=number, stylesheet=stylesheet,
        data_json=_json_island(data), **context.helpers())
