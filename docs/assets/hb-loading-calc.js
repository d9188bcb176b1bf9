/* 装箱计算器, the arithmetic: pure, no page access. hb-calc.js runs it in the browser and the tests
   run this same file under node. The rule, stated on the page: every carton in one orientation
   (no mixed layers), the best of the orientations allowed, each carton passing the door as it
   lies; then the payload. An estimate: real loading differs by about 10 %. */
(function (api) {
  if (typeof module === "object" && module.exports) module.exports = api;
  else window.hb.calculator("loading", api);
})(function () {
  "use strict";
  var FIELDS = { length: ["箱长", 5, 1000], width: ["箱宽", 5, 1000], height: ["箱高", 5, 1000], weight: ["每箱毛重", 0.1, 30000] };
  var ORIENTATIONS = [[0, 1, 2], [1, 0, 2], [0, 2, 1], [2, 0, 1], [1, 2, 0], [2, 1, 0]];  /* the first two keep the height up */
  var LIMITS = { space: "空间（按尺寸摆放）", weight: "载重", size: "箱子尺寸（放不进）" };
  var number = new Intl.NumberFormat("zh-CN", { maximumFractionDigits: 2 });
  var percent = new Intl.NumberFormat("zh-CN", { style: "percent", maximumFractionDigits: 1 });

  function check(name, v) {
    var f = FIELDS[name], x = v[name];
    if (x === null || x === undefined || x === "") return "请填写" + f[0] + "。";
    if (typeof x !== "number" || isNaN(x)) return f[0] + "请填写数字。";
    if (x <= 0) return f[0] + "请填写大于 0 的数字。";
    if (name !== "weight" && x < f[1]) return f[0] + "按厘米填写：" + x + " 像是米，" + number.format(x * 100) + " 厘米就填 " + number.format(x * 100) + "。";
    if (x < f[1] || x > f[2]) return f[0] + "请填写 " + f[1] + "～" + number.format(f[2]) + " 之间的数字。";
    return "";
  }

  function fit(room, side) { return Math.floor(room / side + 1e-9); }  /* 239 / 23.9 must be 10, not 9.999… */

  /* v: {length, width, height (cm), weight (kg): numbers, null if empty, NaN if not a number; upright: bool};
     box: a container of data/loadings/*.yml (cm, kg). */
  function compute(v, box) {
    var errors = {}, bad = false;
    Object.keys(FIELDS).forEach(function (name) { errors[name] = check(name, v); bad = bad || !!errors[name]; });
    if (bad) return { errors: errors };
    var sides = [v.length, v.width, v.height], best = null, inRoom = false;
    ORIENTATIONS.slice(0, v.upright ? 2 : 6).forEach(function (o) {
      var a = sides[o[0]], b = sides[o[1]], c = sides[o[2]];
      var rows = [fit(box.length, a), fit(box.width, b), fit(box.height, c)];
      var count = rows[0] * rows[1] * rows[2];
      inRoom = inRoom || count > 0;
      if (b > box.door_width || c > box.door_height) count = 0;
      if (!best || count > best.count) best = { count: count, rows: rows, sides: [a, b, c] };
    });
    var byWeight = fit(box.payload, v.weight), cartons = Math.min(best.count, byWeight);
    var limit = best.count === 0 ? "size" : byWeight < best.count ? "weight" : "space";
    var carton = v.length * v.width * v.height / 1e6, room = box.length * box.width * box.height / 1e6;
    var r = {
      cartons: cartons, bySpace: best.count, byWeight: byWeight, limit: limit, rows: best.rows, sides: best.sides,
      cbm: cartons * carton, weight: cartons * v.weight, volumeUse: cartons * carton / room, weightUse: cartons * v.weight / box.payload
    };
    var out = {
      cartons: number.format(cartons) + " 箱", limit: LIMITS[limit], cbm: number.format(r.cbm) + " 立方米",
      weight: number.format(r.weight) + " 千克", volumeUse: percent.format(r.volumeUse), weightUse: percent.format(r.weightUse),
      layout: limit === "size" ? "—" : "沿柜长 " + r.rows[0] + " 箱（每箱 " + number.format(r.sides[0]) + " 厘米）× 沿柜宽 " +
        r.rows[1] + " 箱（" + number.format(r.sides[1]) + " 厘米）× 叠 " + r.rows[2] + " 层（" + number.format(r.sides[2]) + " 厘米）"
    };
    var why = limit === "size" ? (inRoom ? "箱子过不了箱门（门宽 " + box.door_width + "、门高 " + box.door_height + " 厘米）" : "箱子比柜子内部还大") +
      (v.upright ? "；如果可以侧放，取消“此面向上”再试" : "") + "。"
      : limit === "weight" ? "先到载重上限：按空间能放 " + number.format(best.count) + " 箱，按载重只能装 " + number.format(byWeight) + " 箱。"
      : "先放满空间；载重还剩 " + percent.format(1 - r.weightUse) + "。";
    return { errors: errors, raw: r, out: out, summary: box.name + "约装 " + out.cartons + "：" + why };
  }

  return { fields: Object.keys(FIELDS), compute: compute };
}());
