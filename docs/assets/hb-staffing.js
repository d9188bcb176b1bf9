/* Staffing calculator (排班计算器): Erlang C for the reader's own figures, in the browser.
   Loaded by handbook.js on the page that shows it; without JS the page shows the worked example. */
(function (hb) {
  "use strict";
  var $$ = hb.$$;
  /* field: [smallest, largest, zero allowed, name in messages] */
  var FIELDS = {
    calls: [0, 100000, false, "来电量"], interval: [1, 1440, true, "时段长度"], aht: [0, 600, false, "平均处理时长"],
    target: [1, 99.9, true, "目标服务水平"], answer: [0, 3600, true, "目标接起时间"], shrinkage: [0, 90, true, "非接听时间占比"]
  };
  var MAX_TRAFFIC = 10000;  /* Erlangs; the search below is one step per agent */
  var number = new Intl.NumberFormat("zh-CN", { maximumFractionDigits: 1 });
  var percent = new Intl.NumberFormat("zh-CN", { style: "percent", maximumFractionDigits: 1 });

  /* Full-width digits, Chinese punctuation, thousands separators and a trailing % are accepted. */
  function parse(text) {
    var clean = String(text).normalize("NFKC").replace(/。/g, ".").replace(/[,\s%]/g, "");
    return /^\d+(\.\d+)?$|^\.\d+$/.test(clean) ? Number(clean) : NaN;
  }

  /* Fewest agents meeting the target. Erlang B by its recurrence B(n) = A·B(n-1) / (n + A·B(n-1)),
     then Erlang C from it: no factorials or powers, so no overflow however large the traffic. */
  function solve(v) {
    var traffic = v.calls * v.aht / v.interval, aht = v.aht * 60, b = 1, n = 0, waiting = 1, level = 0;
    while (!(n > traffic && level >= v.target / 100)) {
      n++;
      b = traffic * b / (n + traffic * b);
      if (n > traffic) {
        waiting = n * b / (n - traffic * (1 - b));
        level = 1 - waiting * Math.exp(-(n - traffic) * v.answer / aht);
      }
    }
    return {
      traffic: traffic, agents: n, level: level, wait: waiting * aht / (n - traffic), occupancy: traffic / n,
      rota: Math.ceil(n * 100 / (100 - v.shrinkage) - 1e-9)  /* in percent: 21 / (1 - 0.3) is 30.000000000000004 */
    };
  }

  function duration(seconds) {
    if (seconds < 59.95) return number.format(seconds) + " 秒";
    var whole = Math.round(seconds);
    return Math.floor(whole / 60) + " 分 " + whole % 60 + " 秒";
  }

  function staffing(root) {
    var form = root.querySelector("form"), summary = root.querySelector("[data-hb-summary]");
    var figures = root.querySelector("[data-hb-figures]");

    function read() {
      var values = {}, bad = null;
      $$(form, "input[name]").forEach(function (input) {
        var rule = FIELDS[input.name], value = parse(input.value);
        var ok = value >= rule[0] && value <= rule[1] && (rule[2] || value > 0);
        input.setAttribute("aria-invalid", ok ? "false" : "true");
        if (!ok && !bad) bad = { input: input, text: rule[3] + "请填写" + (rule[2] ? " " + number.format(rule[0]) + "～" + number.format(rule[1]) + " 之间" : "大于 0、不超过 " + number.format(rule[1]) + " ") + "的数字。" };
        values[input.name] = value;
      });
      if (!bad && values.calls * values.aht / values.interval > MAX_TRAFFIC)
        bad = { input: form.elements.calls, text: "话务量超过 " + number.format(MAX_TRAFFIC) + " Erlang，请按更短的时段或分组计算。" };
      return bad || values;
    }

    function show(result) {
      var out = {
        traffic: number.format(result.traffic) + " Erlang", agents: number.format(result.agents) + " 人",
        rota: number.format(result.rota) + " 人", level: percent.format(result.level),
        wait: duration(result.wait), occupancy: percent.format(result.occupancy)
      };
      Object.keys(out).forEach(function (key) {
        var dd = figures.querySelector("[data-hb-out=" + key + "]");
        dd.textContent = out[key];
        dd.setAttribute("data-hb-value", result[key]);
      });
      return out;
    }

    function calculate(focus) {
      var values = read();
      hb.show(figures, !values.input);
      if (values.input) {
        summary.textContent = values.text;
        if (focus) values.input.focus();
        return;
      }
      var out = show(solve(values));
      summary.textContent = "需要同时在线 " + out.agents + "，排班 " + out.rota + "：预计 " + out.level + " 的来电在 " +
        number.format(values.answer) + " 秒内接起，平均等待 " + out.wait + "。";
    }

    form.addEventListener("submit", function (event) { event.preventDefault(); calculate(true); });
    form.addEventListener("change", function () { calculate(false); });
    root.querySelector("[data-hb-action=print]").addEventListener("click", function () { hb.printOnly(root); });
    form.hidden = false;
    calculate(false);
  }

  hb.define("staffing", staffing);
})(window.hb);
