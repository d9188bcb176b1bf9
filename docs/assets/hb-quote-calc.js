/* 报价计算器, the arithmetic: pure, no page access. hb-calc.js runs it in the browser and the tests
   run this same file under node, so the figures have one source. Totals are kept unrounded until
   shown: totals to the nearest fen/cent, unit prices rounded up to the cent (a quote never undercuts). */
(function (api) {
  if (typeof module === "object" && module.exports) module.exports = api;
  else window.hb.calculator("quote", api);
})(function () {
  "use strict";
  /* name: [name in messages, smallest, largest, a typed fraction below this means the % was forgotten, example] */
  var FIELDS = {
    price: ["工厂含税单价", 0, 1e6], quantity: ["数量", 1, 1e7], vat: ["增值税率", 0, 17, 1, "13% 就填 13，不要填 0.13"],
    rebate: ["出口退税率", 0, 17, 1, "13% 就填 13，不要填 0.13"], inland: ["内陆运费", 0, 1e7], port: ["港杂费", 0, 1e7],
    freight: ["海运费", 0, 1e6], insurance: ["保险费率", 0, 10, 0.01, "0.3% 就填 0.3，不要填 0.003"],
    cover: ["投保加成", 100, 150], rate: ["汇率", 1, 50], margin: ["利润率", 0, 99]
  };
  var LIMIT = 1e11;  /* yuan: cents stay exact in a double far beyond this */
  var LINES = ["goods", "rebate", "cost", "exw", "local", "fob", "freight", "cfr", "premium", "cif"];
  var money = new Intl.NumberFormat("zh-CN", { minimumFractionDigits: 2, maximumFractionDigits: 2 });

  /* 2.675 * 100 is 267.49999999999997 in binary: cut to 15 digits first, so halves round up. */
  function cents(x, up) { var c = Number((x * 100).toPrecision(15)); return (up ? Math.ceil(c) : Math.round(c)) / 100; }

  function check(name, v) {
    var f = FIELDS[name], x = v[name];
    if (x === null || x === undefined || x === "") return "请填写" + f[0] + "。";
    if (typeof x !== "number" || isNaN(x)) return f[0] + "请填写数字。";
    if (x < 0) return f[0] + "不能是负数。";
    if (f[3] && x > 0 && x < f[3]) return f[0] + "按百分数填写：" + f[4] + "。";
    if (name === "quantity" && (x % 1 || x < 1)) return "数量请填写不小于 1 的整数。";
    if (name === "rate" && x < 1) return "汇率填 1 美元兑多少元人民币（约 7），不是 1 元兑多少美元。";
    if (name === "margin" && x >= 100) return "利润率必须小于 100%：利润率按报价算，100% 的利润率意味着报价无穷大。";
    if (name === "cover" && x < 100) return "投保加成不低于 100%，惯例是 110。";
    if (x < f[1] || x > f[2]) return f[0] + "请填写 " + f[1] + "～" + money.format(f[2]).slice(0, -3) + " 之间的数字。";
    if (name === "rebate" && typeof v.vat === "number" && x > v.vat) return "出口退税率不能高于增值税率。";
    return "";
  }

  /* v: {price, quantity, vat, rebate, inland, port, freight, insurance, cover, rate, margin}, numbers
     (rates in percent); null for an empty field, NaN for text that is not a number. */
  function compute(v) {
    var errors = {}, bad = false;
    Object.keys(FIELDS).forEach(function (name) { errors[name] = check(name, v); bad = bad || !!errors[name]; });
    if (bad) return { errors: errors };
    var keep = 1 - v.margin / 100, goods = v.price * v.quantity;
    var rebate = goods / (1 + v.vat / 100) * v.rebate / 100, cost = goods - rebate, local = v.inland + v.port;
    var fob = (cost + local) / keep, freight = v.freight * v.rate, cfr = fob + freight;
    var cif = cfr / (1 - v.cover / 100 * v.insurance / 100);
    var raw = { goods: goods, rebate: rebate, cost: cost, exw: cost / keep, local: local, fob: fob,
                freight: freight, cfr: cfr, premium: cif - cfr, cif: cif };
    if (cif > LIMIT) {
      errors.quantity = "报价总额超过 1000 亿元，超出本计算器的范围：请核对单价和数量，或分批计算。";
      return { errors: errors };
    }
    var lines = {}, out = {};
    LINES.forEach(function (key) {
      var total = raw[key], usd = total / v.rate;
      lines[key] = { cny: cents(total), usd: cents(usd), unitCny: cents(total / v.quantity, true),
                     unitUsd: cents(usd / v.quantity, true) };
      ["cny", "usd", "unitCny", "unitUsd"].forEach(function (part) { out[key + "." + part] = money.format(lines[key][part]); });
    });
    return {
      errors: errors, raw: raw, lines: lines, out: out,
      summary: "FOB 每件 " + out["fob.unitUsd"] + " 美元，CFR 每件 " + out["cfr.unitUsd"] + " 美元，CIF 每件 " +
        out["cif.unitUsd"] + " 美元（" + v.quantity + " 件，汇率 " + v.rate + "）。"
    };
  }

  return { fields: Object.keys(FIELDS), compute: compute, cents: cents };
}());
