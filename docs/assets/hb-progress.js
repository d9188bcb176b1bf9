/* Role tracks and the 我的进度 dashboard: read what checklists and quizzes saved, export/import it
   as a file, print a training record. Nothing leaves the browser. Loaded by handbook.js on pages
   that show a track or the dashboard. */
(function (hb) {
  "use strict";
  var $$ = hb.$$, data = hb.data, store = hb.store, today = hb.today, read = store.get, write = store.set;
  var KEY = hb.KEY = /^(checklist|quiz|agenda|mark|pref)\.[A-Za-z0-9._\/#-]+$/;

  function savedKeys() { return store.keys().filter(function (key) { return KEY.test(key); }); }

  /* What a file name may hold of a text: no path, reserved or blank characters (also hb-cohort-view.js). */
  function safeName(text) { return String(text).replace(/[\\\/:*?"<>|\u0000-\u001f\s]+/g, ""); }

  /* Save a text as a file: made in the browser, nothing is sent (also hb-cohort-view.js). */
  function download(text, type, fileName) {
    var link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([text], { type: type }));
    link.download = fileName;
    document.body.appendChild(link);
    link.click();
    setTimeout(function () { URL.revokeObjectURL(link.href); link.remove(); }, 1000);
  }

  function has(object, id) { return Object.prototype.hasOwnProperty.call(object, id); }

  /* Status of one step {kind, target, key, ids}: {done, text, date, n, size, score}. Only the
     checklist's current item ids and a score for the quiz's current questions count, whatever else
     was saved. `get` reads a saved item: this browser's store, or (cohort view) an imported file. */
  function status(step, get) {
    var ids = step.ids || [], read = get || store.get;
    if (step.kind === "checklist") {
      var saved = read("checklist." + step.target), done = saved && saved.done && typeof saved.done === "object" ? saved.done : {};
      var dates = ids.filter(function (id) { return has(done, id); }).map(function (id) { return String(done[id]); }).sort();
      var n = dates.length, size = ids.length;
      return { done: size > 0 && n === size, text: "已完成 " + n + "/" + size + "（" + Math.round(n * 100 / (size || 1)) + "%）", date: size && n === size ? dates[n - 1] : "", n: n, size: size };
    }
    if (step.kind === "quiz") {
      var q = read("quiz." + step.target);
      if (!q || typeof q.best !== "number") return { done: false, text: "未作答", date: "" };
      if (q.set !== ids.join()) return { done: false, text: "题目已更新，请重新作答", date: "" };
      return { done: !!q.passed, text: "最好成绩 " + q.best + "%，" + (q.passed ? "已及格" : "未及格"), date: q.bestDate || q.lastDate || "", score: q.best };
    }
    var mark = read("mark." + step.key);
    return { done: !!mark, text: mark ? "已完成" : "未完成", date: mark ? mark.date : "" };
  }

  function track(root) {
    var info = data(root);
    if (!info) return;
    var items = $$(root, ".hb-track__step");
    function update() {
      var finished = 0;
      info.steps.forEach(function (step, i) {
        var s = status(step), li = items[i];
        if (s.done) finished++;
        li.classList.toggle("hb-done", s.done);
        li.querySelector("[data-hb-status]").textContent = (s.done ? "✔ " : "") + s.text;
        var box = li.querySelector("[data-hb-mark]");
        if (box) box.checked = s.done;
      });
      root.querySelector("progress").value = finished;
      root.querySelector("[data-hb-done]").textContent = finished;
    }
    root.addEventListener("change", function (event) {
      var box = event.target.closest("[data-hb-mark]");
      if (!box) return;
      if (box.checked) write("mark." + box.dataset.hbMark, { v: 1, date: today() });
      else store.remove("mark." + box.dataset.hbMark);
      update();
    });
    $$(root, "[hidden]").forEach(function (el) { el.hidden = false; });
    update();
    root.hbUpdate = update;
  }

  function dashboard(root) {
    var info = data(root) || { ids: {}, marks: [] };
    var message = root.querySelector("[data-hb-message]"), select = root.querySelector("[data-hb-track-select]");
    var tracks = $$(document, "[data-hb-widget=track]").map(data).filter(Boolean);
    function chosen() { return tracks.filter(function (t) { return t.id === select.value; })[0]; }
    function refresh() {
      var t = chosen(), wanted = t ? t.steps.map(function (s) { return s.kind + ":" + s.target; }) : null;
      $$(root, "tr[data-hb-kind]").forEach(function (row) {
        var kind = row.dataset.hbKind, target = row.dataset.hbTarget;
        var s = status({ kind: kind, target: target, ids: info.ids[kind + "." + target] });
        row.querySelector("[data-hb-status]").textContent = (s.done ? "✔ " : "") + s.text;
        row.hidden = !!wanted && wanted.indexOf(row.dataset.hbKind + ":" + row.dataset.hbTarget) < 0;
      });
      $$(document, "[data-hb-widget=track]").forEach(function (el) { if (el.hbUpdate) el.hbUpdate(); });
      fillRecord();
    }
    function say(text) { message.textContent = text; }

    /* The reader's name, typed once: kept in this browser (pref.name), written into the export. */
    var nameBox = root.querySelector("[data-hb-name]");
    function name() { return nameBox.value.trim().slice(0, 40); }
    function fileName() {
      var safe = safeName(name());
      return "培训进度-" + (safe ? safe + "-" : "") + today() + ".json";
    }

    function exportFile() {
      var items = {};
      savedKeys().forEach(function (k) { var v = read(k); if (v && k !== "pref.name") items[k] = v; });
      var file = { format: "handbook-progress", version: 2, exported: new Date().toISOString(), name: name(), items: items };
      download(JSON.stringify(file, null, 2), "application/json", fileName());
      say("已导出 " + Object.keys(items).length + " 项进度。");
    }

    function importFile(file) {
      var reader = new FileReader();
      reader.onload = function () {
        var checked = hb.readProgress(String(reader.result), info, root);
        if (typeof checked === "string") { say(checked + "你现有的进度没有改变。"); return; }
        var before = {};
        savedKeys().forEach(function (k) { before[k] = read(k); });
        var ok = Object.keys(checked.items).every(function (k) { return write(k, checked.items[k]); });
        if (!ok) {  /* storage full or blocked: put back what was there */
          Object.keys(checked.items).forEach(store.remove);
          Object.keys(before).forEach(function (k) { write(k, before[k]); });
          say("浏览器不允许保存（可能是隐私模式或空间已满），没有导入。");
          return;
        }
        if (checked.name && !name()) { nameBox.value = checked.name; saveName(); }
        say("已导入 " + Object.keys(checked.items).length + " 项进度。" + checked.left);
        refresh();
      };
      reader.onerror = function () { say("无法读取这个文件，你现有的进度没有改变。"); };
      reader.readAsText(file);
    }

    function fillRecord() {
      var t = chosen() || tracks[0];
      if (!t) return;
      root.querySelector("[data-hb-record-track]").textContent = t.title;
      root.querySelector("[data-hb-record-date]").textContent = today();
      root.querySelector("[data-hb-name-print]").textContent = name();
      var rows = root.querySelector("[data-hb-record-rows]");
      rows.textContent = "";
      t.steps.forEach(function (step) {
        var s = status(step), tr = document.createElement("tr");
        [step.title, s.done ? "✔ 完成" : "未完成", (step.kind === "quiz" ? s.text.replace(/，.*$/, "") + " " : "") + (s.date || "")].forEach(function (text) {
          var td = document.createElement("td"); td.textContent = text; tr.appendChild(td);
        });
        rows.appendChild(tr);
      });
    }

    function printRecord() {
      fillRecord();
      document.body.classList.add("hb-printing-record");
      var done = function () { document.body.classList.remove("hb-printing-record"); window.removeEventListener("afterprint", done); };
      window.addEventListener("afterprint", done);
      window.print();
    }

    function saveName() {
      if (name()) write("pref.name", { v: 1, name: name() }); else store.remove("pref.name");
      fillRecord();
    }
    var saved = read("pref.name");
    if (saved && typeof saved.name === "string") nameBox.value = saved.name;
    nameBox.addEventListener("change", saveName);
    var pref = read("pref.dashboard");
    if (pref && typeof pref.track === "string") select.value = pref.track;
    select.addEventListener("change", function () { write("pref.dashboard", { v: 1, track: select.value }); refresh(); });
    root.querySelector("[data-hb-import]").addEventListener("change", function (event) {
      var file = event.target.files[0];
      /* The import checks are loaded only when someone imports: every other visit skips them. */
      if (file) hb.load("hb-import.js", function () { importFile(file); });
      event.target.value = "";
    });
    root.addEventListener("click", function (event) {
      var action = event.target.closest("[data-hb-action]");
      if (!action) return;
      var name = action.dataset.hbAction;
      if (name === "export") exportFile();
      if (name === "record") printRecord();
      if (name === "clear" && window.confirm("确定清除本手册保存在这个浏览器里的全部进度吗？建议先导出备份。")) {
        /* and a quiz's unfinished answers (never exported: they only live until the quiz is submitted) */
        store.keys().filter(function (key) { return KEY.test(key) || key.indexOf("draft.") === 0; }).forEach(store.remove);
        nameBox.value = "";
        $$(document, "[data-hb-widget=checklist] input[type=checkbox]").forEach(function (b) { b.checked = false; });
        say("已清除全部进度。");
        refresh();
      }
    });
    $$(root, ".hb-dashboard__controls, [data-hb-summary], [data-hb-record]").forEach(function (el) { el.hidden = false; });
    refresh();
  }

  hb.stepStatus = status;
  hb.safeName = safeName;
  hb.download = download;
  hb.define("track", track);
  hb.define("dashboard", dashboard);
})(window.hb);
