/* Reading a progress file: the 我的进度 dashboard's import (hb-progress.js loads this on the first
   import) and the trainers' cohort view (hb-cohort.js) both go through hb.readProgress. Each item is
   rebuilt from known fields and the checklist's or quiz's CURRENT ids, so a made-up or outdated file
   can never show progress that is not there; what is left out is listed.
   Format versions: 1 (items only); 2 adds `name` and, per quiz, `results` {question id: 1 right, 0 wrong}
   of the last attempt. Both are read. */
(function (hb) {
  "use strict";
  var KEY = hb.KEY, DATE = /^\d{4}-\d\d-\d\d$/, info, root;

  /* The title of a checklist or quiz, as its dashboard row shows it. */
  function title(key) {
    if (info.titles && typeof info.titles[key] === "string") return "“" + info.titles[key] + "”";
    var dot = key.indexOf("."), link = root.querySelector("tr[data-hb-kind='" + key.slice(0, dot) + "'][data-hb-target='" + key.slice(dot + 1) + "'] a");
    return "“" + (link ? link.textContent : key.slice(dot + 1)) + "”";
  }
  function list(names) { return names.slice(0, 5).join("、") + (names.length > 5 ? " 等 " + names.length + " 项" : ""); }

  /* One imported item, rebuilt from known fields and current ids only; null (with a reason in
     `problems`) when nothing of it can be kept. */
  function clean(key, v, problems) {
    var kind = key.split(".")[0], ids = info.ids[key];
    if (!KEY.test(key) || !v || typeof v !== "object" || Array.isArray(v)) { problems.push("无法识别的内容 " + list([key])); return null; }
    if (kind === "checklist") {
      if (!ids) { problems.push("手册里没有清单 " + key.slice(10)); return null; }
      var done = {}, unknown = [], bad = [], given = v.done && typeof v.done === "object" ? v.done : {};
      Object.keys(given).forEach(function (id) {
        if (ids.indexOf(id) < 0) unknown.push(id);
        else if (!DATE.test(given[id])) bad.push(id);
        else done[id] = given[id];
      });
      if (unknown.length) problems.push("清单" + title(key) + "里没有这些项目：" + list(unknown));
      if (bad.length) problems.push("清单" + title(key) + "里这些项目的日期不对：" + list(bad));
      return { v: 1, done: done };
    }
    if (kind === "quiz") {
      if (!ids) { problems.push("手册里没有测验 " + key.slice(5)); return null; }
      if (v.set !== ids.join()) { problems.push("测验" + title(key) + "的成绩不是现在这套题的"); return null; }
      var score = function (n) { return typeof n === "number" && n >= 0 && n <= 100; };
      if (!score(v.best) || !score(v.last) || typeof v.passed !== "boolean" || !DATE.test(v.lastDate)) { problems.push("测验" + title(key) + "的成绩格式不对"); return null; }
      var kept = { v: 2, set: v.set, best: v.best, passed: v.passed, last: v.last, lastDate: v.lastDate, bestDate: DATE.test(v.bestDate) ? v.bestDate : v.lastDate };
      var results = v.results && typeof v.results === "object" && !Array.isArray(v.results) ? v.results : null;
      if (results && ids.every(function (id) { return results[id] === 0 || results[id] === 1; })) {
        kept.results = {};
        ids.forEach(function (id) { kept.results[id] = results[id]; });
      }
      return kept;
    }
    if (kind === "agenda" && ids && DATE.test(v.start)) return { v: 1, start: v.start };
    if (kind === "mark" && info.marks.indexOf(key) >= 0 && DATE.test(v.date)) return { v: 1, date: v.date };
    if (key === "pref.dashboard" && typeof v.track === "string") return { v: 1, track: v.track };
    if (key === "pref.first-day" && DATE.test(v.start)) return { v: 1, start: v.start };  /* the agendas' first day */
    problems.push("无法识别的内容 " + list([key]));
    return null;
  }

  function validate(text) {
    var file;
    try { file = JSON.parse(text); } catch (e) { return "文件不是有效的进度文件（无法读取 JSON）。"; }
    if (!file || file.format !== "handbook-progress" || (file.version !== 1 && file.version !== 2) || !file.items || typeof file.items !== "object" || Array.isArray(file.items)) {
      return "这不是本手册导出的进度文件，或版本不对。";
    }
    var items = {}, problems = [];
    Object.keys(file.items).forEach(function (k) { var v = clean(k, file.items[k], problems); if (v) items[k] = v; });
    var left = problems.length ? "以下内容没有导入：" + problems.join("；") + "。" : "";
    if (!Object.keys(items).length) return "没有可以导入的进度。" + left;
    var name = typeof file.name === "string" ? file.name.trim().slice(0, 40) : "";
    return { items: items, left: left, name: name };
  }

  hb.readProgress = function (text, data, dashboard) {
    info = data;
    root = dashboard;
    return validate(text);
  };
})(window.hb);
