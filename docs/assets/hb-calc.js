/* The two calculators' form (报价计算器 quote, 装箱计算器 loading): reads the fields, runs the kind's
   arithmetic (hb-quote-calc.js / hb-loading-calc.js, fetched here, pure so the tests run them under
   node), shows each field's problem next to it and the results. Without JS the page says so. */
(function (hb) {
  "use strict";
  var calculators = {};
  hb.calculator = function (name, api) { calculators[name] = api; };

  /* Full-width digits, 。 for the decimal point, thousands separators and a trailing % are accepted;
     null for an empty field, NaN for anything else that is not a number. */
  function parse(text) {
    var clean = String(text).normalize("NFKC").replace(/。/g, ".").replace(/[,\s%]/g, "");
    if (!clean) return null;
    return /^-?(\d+(\.\d+)?|\.\d+)$/.test(clean) ? Number(clean) : NaN;
  }

  function start(root, api) {
    var form = root.querySelector("form"), status = root.querySelector("[data-hb-summary]");
    var results = root.querySelector("[data-hb-results]"), data = hb.data(root) || {};

    function read() {
      var values = {};
      hb.$$(form, "[name]").forEach(function (field) {
        values[field.name] = field.type === "checkbox" ? field.checked : field.tagName === "SELECT" ? field.value : parse(field.value);
      });
      return values;
    }

    function calculate(focus) {
      var values = read(), box = (data.containers || []).filter(function (c) { return c.id === values.container; })[0];
      var result = api.compute(values, box), first = null, count = 0;
      api.fields.forEach(function (name) {
        var input = form.elements.namedItem(name), text = result.errors[name] || "";
        input.setAttribute("aria-invalid", text ? "true" : "false");
        root.querySelector("[data-hb-error=" + name + "]").textContent = text;
        if (text) { count++; first = first || input; }
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
    root.querySelector("[data-hb-action=print]").addEventListener("click", function () { hb.printOnly(root); });
    form.hidden = false;
    calculate(false);
  }

  function setup(root) {
    var kind = root.dataset.hbWidget;
    hb.load("hb-" + kind + "-calc.js", function () { start(root, calculators[kind]); });
  }

  hb.define("quote", setup);
  hb.define("loading", setup);
})(window.hb);
