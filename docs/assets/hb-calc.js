/* 报价计算器 (quote) and 装箱计算器 (loading). The arithmetic is the pure factory at the bottom: the
   browser runs it through the form code at the top, the tests run this same file under node
   (require() returns the factory's result), so every figure has one source. Without JS the page
   says so (<noscript>) and shows the rules. */
(function (calc) {
  "use strict";
  if (typeof module === "object" && module.exports) { module.exports = calc; return; }
  var hb = window.hb;

  function start(root) {
    var api = calc[root.dataset.hbWidget], form = root.querySelector("form");
    var status = root.querySelector("[data-hb-summary]"), results = root.querySelector("[data-hb-results]");
    var boxes = (hb.data(root) || {}).containers || [];

    function calculate(focus) {
      var values = {}, first = null, count = 0;
      hb.$$(form, "[name]").forEach(function (field) {
        values[field.name] = field.type === "checkbox" ? field.checked : field.tagName === "SELECT" ? field.value : calc.parse(field.value);
      });
      var box = boxes.filter(function (b) { return b.id === values.container; })[0], result = api.compute(values, box);
      Object.keys(api.fields).forEach(function (name) {
        if (result.errors[name]) { count++; first = first || form.elements.namedItem(name); }  /* namedItem: elements.length is a count */
      });
      /* Messages appear above the buttons: on leaving a field they wait for 计算 (or Enter), or the
         button would move between press and release and the click be lost. */
      if (focus || !first) Object.keys(api.fields).forEach(function (name) {
        var text = result.errors[name] || "";
        form.elements.namedItem(name).setAttribute("aria-invalid", text ? "true" : "false");
        root.querySelector("[data-hb-error=" + name + "]").textContent = text;
      });
      hb.show(results, !first);
      if (first) {
        status.textContent = "有 " + count + " 处要改：" + result.errors[first.name];
        if (focus) first.focus();
        return;
      }
      Object.keys(result.out).forEach(function (key) {
        var cell = root.querySelector("[data-hb-out='" + key + "']");
        if (cell) cell.textContent = result.out[key];
      });
      status.textContent = result.summary;
    }

    form.addEventListener("submit", function (event) { event.preventDefault(); calculate(true); });
    form.addEventListener("change", function () { calculate(false); });
    form.hidden = false;
    calculate(false);
  }

  hb.define("quote", start);
  hb.define("loading", start);
})(function () {
  "use strict";
  var money = new Intl.NumberFormat("zh-CN", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  var number = new Intl.NumberFormat("zh-CN", { maximumFractionDigits: 2 });
  function percent(share) { return (share * 100).toFixed(1) + "%"; }

  /* Full-width digits, 。 for the decimal point, thousands separators and a trailing % are accepted;
     null for an empty field, NaN for anything else that is not a number. */
  function parse(text) {
    var clean = String(text).normalize("NFKC").replace(/。/g, ".").replace(/[,\s%]/g, "");
    if (!clean) return null;
    return /^-?(\d+(\.\d+)?|\.\d+)$/.test(clean) ? Number(clean) : NaN;
  }

  /* Each field's problem ("" if none). fields: name -> [name in messages, smallest, largest, and
     optionally: below this a positive value is a unit mistake, and what to say about it]. */
  function check(fields, v, special) {
    var errors = {}, bad = false;
    Object.keys(fields).forEach(function (name) {
      var f = fields[name], x = v[name];
      errors[name] = x === null || x === undefined ? "请填写" + f[0] + "。"
        : typeof x !== "number" || isNaN(x) ? f[0] + "请填写数字。"
        : x < 0 ? f[0] + "不能是负数。"
        : f[3] && x > 0 && x < f[3] ? f[0] + f[4](x)
        : special(name, x, errors) || (x < f[1] || x > f[2] ? f[0] + "请填写 " + number.format(f[1]) + "～" + number.format(f[2]) + " 之间的数字。" : "");
      bad = bad || !!errors[name];
    });
    return bad && errors;
  }

  /* ---- 报价计算器. Totals stay unrounded until shown: totals to the nearest fen/cent, unit prices
     rounded up to the cent, so a quote never undercuts. */
  function percentTyped(example) { return function () { return "按百分数填写：" + example + "。"; }; }
  var tax = percentTyped("13% 就填 13，不要填 0.13");
  var QUOTE = {
    price: ["工厂含税单价", 0, 1e6], quantity: ["数量", 1, 1e7], vat: ["增值税率", 0, 17, 1, tax],
    rebate: ["出口退税率", 0, 17, 1, tax], inland: ["内陆运费", 0, 1e7], port: ["港杂费", 0, 1e7],
    freight: ["海运费", 0, 1e6], insurance: ["保险费率", 0, 10, 0.01, percentTyped("0.3% 就填 0.3，不要填 0.003")],
    cover: ["投保加成", 100, 150], rate: ["汇率", 1, 50], margin: ["利润率", 0, 99]
  };
  var LINES = ["goods", "rebate", "cost", "exw", "local", "fob", "freight", "cfr", "premium", "cif"];

  /* 2.675 * 100 is 267.49999999999997 in binary: cut to 15 digits first, so halves round up. */
  function cents(x, up) { var c = Number((x * 100).toPrecision(15)); return (up ? Math.ceil(c) : Math.round(c)) / 100; }

  /* v: {price, quantity, vat, rebate, inland, port, freight, insurance, cover, rate, margin}: numbers,
     rates in percent; null for an empty field, NaN for text that is not a number. */
  function quote(v) {
    var errors = check(QUOTE, v, function (name, x, found) {
      return name === "quantity" && x % 1 ? "数量请填写整数。"
        : name === "rate" && x < 1 ? "汇率填 1 美元兑多少元，约 7。"
        : name === "margin" && x >= 100 ? "利润率要小于 100%（按报价算，100% 时报价无穷大）。"
        : name === "rebate" && !found.vat && x > v.vat ? "出口退税率不能高于增值税率。" : "";  /* vat comes first */
    });
    if (errors) return { errors: errors };
    var keep = 1 - v.margin / 100, goods = v.price * v.quantity;
    var rebate = goods / (1 + v.vat / 100) * v.rebate / 100, cost = goods - rebate, local = v.inland + v.port;
    var fob = (cost + local) / keep, freight = v.freight * v.rate, cfr = fob + freight;
    var cif = cfr / (1 - v.cover / 100 * v.insurance / 100);
    var raw = { goods: goods, rebate: rebate, cost: cost, exw: cost / keep, local: local, fob: fob,
                freight: freight, cfr: cfr, premium: cif - cfr, cif: cif };
    if (cif > 1e11) return { errors: { quantity: "总额超过 1000 亿元，请核对数量。" } };  /* cents stay exact far beyond */
    var lines = {}, out = {};
    LINES.forEach(function (key) {
      var usd = raw[key] / v.rate, line = lines[key] = {
        cny: cents(raw[key]), usd: cents(usd), unitCny: cents(raw[key] / v.quantity, true), unitUsd: cents(usd / v.quantity, true) };
      Object.keys(line).forEach(function (part) { out[key + "." + part] = money.format(line[part]); });
    });
    return { errors: {}, lines: lines, out: out,
      summary: "每件 FOB " + out["fob.unitUsd"] + "、CFR " + out["cfr.unitUsd"] + "、CIF " + out["cif.unitUsd"] + " 美元（汇率 " + v.rate + "）。" };
  }

  /* ---- 装箱计算器. The rule, stated on the page: every carton in one orientation (no mixed layers),
     the best of the orientations allowed, each carton passing the door as it lies; then the payload. */
  function metres(x) { return "按厘米填写：" + x + " 像是米，就填 " + number.format(x * 100) + "。"; }
  var CARTON = { length: ["箱长", 5, 1000, 5, metres], width: ["箱宽", 5, 1000, 5, metres], height: ["箱高", 5, 1000, 5, metres],
                 weight: ["每箱毛重", 0.1, 30000] };
  var TURNS = [[0, 1, 2], [1, 0, 2], [0, 2, 1], [2, 0, 1], [1, 2, 0], [2, 1, 0]];  /* the first two keep the height up */
  var LIMITS = { space: "空间", weight: "载重", size: "尺寸" };

  function fit(room, side) { return Math.floor(room / side + 1e-9); }  /* 239 / 23.9 is 10, not 9.999… */

  /* v: {length, width, height (cm), weight (kg): as for quote(); upright: bool}; box: a container of
     data/loadings/<id>.yml (cm, kg). */
  function loading(v, box) {
    var errors = check(CARTON, v, function (name, x) { return name === "weight" && !x ? "每箱毛重要大于 0。" : ""; });
    if (errors) return { errors: errors };
    var sides = [v.length, v.width, v.height], best = { count: -1 }, inRoom = false;
    TURNS.slice(0, v.upright ? 2 : 6).forEach(function (turn) {
      var s = turn.map(function (i) { return sides[i]; });
      var rows = [fit(box.length, s[0]), fit(box.width, s[1]), fit(box.height, s[2])], count = rows[0] * rows[1] * rows[2];
      inRoom = inRoom || count > 0;
      if (s[1] > box.door_width || s[2] > box.door_height) count = 0;
      if (count > best.count) best = { count: count, rows: rows, sides: s };
    });
    var byWeight = fit(box.payload, v.weight), cartons = Math.min(best.count, byWeight), each = v.length * v.width * v.height / 1e6;
    var limit = !best.count ? "size" : byWeight < best.count ? "weight" : "space";
    var r = { cartons: cartons, limit: limit, rows: best.rows, sides: best.sides,
              cbm: cartons * each, weight: cartons * v.weight, volumeUse: cartons * each * 1e6 / (box.length * box.width * box.height),
              weightUse: cartons * v.weight / box.payload };
    var out = { cartons: number.format(cartons), limit: LIMITS[limit], cbm: number.format(r.cbm), weight: number.format(r.weight),
                volumeUse: percent(r.volumeUse), weightUse: percent(r.weightUse),
                layout: limit === "size" ? "—" : r.rows.join(" × "), turn: limit === "size" ? "—" : r.sides.map(number.format).join(" × ") };
    var why = limit === "size" ? (inRoom ? "箱子过不了箱门" : "箱子比柜子内部还大") + (v.upright ? "；能侧放的话，取消“此面向上”再试" : "")
      : limit === "weight" ? "先到载重上限（按空间能放 " + number.format(best.count) + " 箱）" : "空间先放满";
    return { errors: {}, raw: r, out: out, summary: box.name + "约装 " + out.cartons + " 箱：" + why + "。" };
  }

  return { parse: parse, cents: cents, quote: { fields: QUOTE, compute: quote }, loading: { fields: CARTON, compute: loading } };
}());
