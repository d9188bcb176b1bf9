/* The LMS side of a handbook package (SCORM 1.2). This page is what the LMS launches; it shows
   the handbook in a frame and is the only code that talks to the LMS, so the handbook's pages are
   the website's pages, unchanged.
   - Finds the LMS's `API` object the standard way: on a parent window, then on the opener's.
     Without one (the package opened outside an LMS) it only shows the handbook.
   - On start: LMSInitialize, lesson_status `incomplete` if not attempted, and the progress kept in
     cmi.suspend_data written back into the browser's storage before the handbook loads, so a
     reader resumes on any computer.
   - Whenever the handbook saves (a `storage` event: the frame is another document of this origin):
     status, score and suspend data, then LMSCommit. On leaving: session time, LMSCommit, LMSFinish.
   What counts as done is what the 我的进度 page counts (docs/assets/hb-progress.js, status()):
   only a checklist's current item ids, and a quiz score for its current question set. */
(function () {
  "use strict";
  var info = JSON.parse(document.documentElement.getAttribute("data-hb-json"));
  var frame = document.getElementById("hb-lms-frame");
  var scope = new URL(".", location.href).pathname + "hb.";  /* as Material's __md_scope in the package */
  var LIMIT = 4096;  /* SCORM 1.2: cmi.suspend_data holds at most 4096 characters */
  var started = Date.now(), api = findApi(), finished = false, reported = "", timer = 0, kept = "";

  function findApi() {
    function climb(win) {
      for (var hops = 0; win && hops < 8; hops++) {
        try { if (win.API) return win.API; } catch (e) { return null; }  /* another origin: stop */
        if (win.parent === win) break;
        win = win.parent;
      }
      return null;
    }
    return climb(window.parent !== window ? window.parent : null) || (window.opener ? climb(window.opener) : null);
  }
  function call(name, a, b) {
    try { return String(api[name].apply(api, b === undefined ? [a] : [a, b])); } catch (e) { return ""; }
  }

  function read(key) {
    try { var value = JSON.parse(localStorage.getItem(scope + key)); return value && typeof value === "object" ? value : null; } catch (e) { return null; }
  }
  function write(key, value) { try { localStorage.setItem(scope + key, JSON.stringify(value)); } catch (e) { /* blocked: nothing kept */ } }
  function has(object, id) { return Object.prototype.hasOwnProperty.call(object, id); }

  /* ---- days as small numbers: 2026-12-07 ↔ 20794 (days since 1970-01-01) ---- */
  function day(iso) { var t = Date.parse(String(iso).slice(0, 10) + "T00:00:00Z"); return isNaN(t) ? 0 : Math.round(t / 864e5); }
  function iso(n) { return new Date(n * 864e5).toISOString().slice(0, 10); }

  function isDone(step) {
    var ids = step.ids || [];
    if (step.kind === "checklist") {
      var saved = read("checklist." + step.target), done = saved && saved.done && typeof saved.done === "object" ? saved.done : {};
      return ids.length > 0 && ids.every(function (id) { return has(done, id); });
    }
    if (step.kind === "quiz") {
      var q = read("quiz." + step.target);
      return !!q && typeof q.best === "number" && q.set === ids.join() && !!q.passed;
    }
    return !!read("mark." + step.key);
  }

  /* ---- the compact form of this package's progress, for cmi.suspend_data ----
     {"v":1,"c":{checklist:[day, hex bits of its current ids]},"q":{quiz:[best, passed, day]},"m":{mark key:day}} */
  function pack() {
    var out = { v: 1, c: {}, q: {}, m: {} };
    info.steps.forEach(function (step) {
      var ids = step.ids || [];
      if (step.kind === "checklist") {
        var saved = read("checklist." + step.target), done = saved && saved.done && typeof saved.done === "object" ? saved.done : {};
        var bits = "", last = 0;
        for (var i = 0; i < ids.length; i += 4) {
          var nibble = 0;
          for (var j = 0; j < 4 && i + j < ids.length; j++) {
            if (has(done, ids[i + j])) { nibble |= 1 << j; last = Math.max(last, day(done[ids[i + j]])); }
          }
          bits += nibble.toString(16);
        }
        if (last) out.c[step.target] = [last, bits];
      } else if (step.kind === "quiz") {
        var q = read("quiz." + step.target);
        if (q && typeof q.best === "number" && q.set === ids.join()) out.q[step.target] = [q.best, q.passed ? 1 : 0, day(q.bestDate || q.lastDate)];
      } else {
        var mark = read("mark." + step.key);
        if (mark) out.m[step.key] = day(mark.date);
      }
    });
    return JSON.stringify(out);
  }

  function unpack(text) {
    var data;
    try { data = JSON.parse(text); } catch (e) { return; }
    if (!data || data.v !== 1) return;
    info.steps.forEach(function (step) {
      var ids = step.ids || [];
      if (step.kind === "checklist" && data.c && data.c[step.target]) {
        var entry = data.c[step.target], done = {}, date = iso(entry[0]);
        ids.forEach(function (id, i) { if (parseInt(entry[1].charAt(i >> 2) || "0", 16) & (1 << (i & 3))) done[id] = date; });
        write("checklist." + step.target, { v: 1, done: done });
      } else if (step.kind === "quiz" && data.q && data.q[step.target]) {
        var q = data.q[step.target], when = iso(q[2]);
        write("quiz." + step.target, { v: 2, set: ids.join(), best: q[0], passed: q[1] === 1, last: q[0], lastDate: when, bestDate: when });
      } else if (data.m && has(data.m, step.key)) {
        write("mark." + step.key, { v: 1, date: iso(data.m[step.key]) });
      }
    });
  }

  /* ---- what the LMS records ---- */
  function report() {
    if (!api || finished) return;
    var status = "incomplete", saved = pack();
    if (info.kind === "exam") {
      var q = read("quiz." + info.quiz);
      if (q && typeof q.best === "number" && q.set === info.steps[0].ids.join()) {
        call("LMSSetValue", "cmi.core.score.min", "0");
        call("LMSSetValue", "cmi.core.score.max", "100");
        call("LMSSetValue", "cmi.core.score.raw", String(q.best));
        status = q.best >= info.pass_mark ? "passed" : "failed";
      }
    } else if (info.steps.every(isDone)) {
      status = "completed";
    }
    if (status === "incomplete" && kept) status = kept;  /* a record once completed or passed stays so */
    if (status === "completed" || status === "passed") kept = status;
    var now = status + "|" + saved;
    if (now === reported) return;
    reported = now;
    if (saved.length <= LIMIT) call("LMSSetValue", "cmi.suspend_data", saved);
    call("LMSSetValue", "cmi.core.lesson_status", status);
    call("LMSSetValue", "cmi.core.exit", status === "incomplete" ? "suspend" : "");
    call("LMSCommit", "");
  }

  function timespan(ms) {  /* CMITimeSpan: HHHH:MM:SS.SS */
    var s = ms / 1000, h = Math.floor(s / 3600), m = Math.floor(s % 3600 / 60), rest = (s % 60).toFixed(2);
    function two(n) { return (n < 10 ? "0" : "") + n; }
    return two(Math.min(h, 9999)) + ":" + two(m) + ":" + (rest.length < 5 ? "0" : "") + rest;
  }

  function finish() {
    if (!api || finished) return;
    report();
    call("LMSSetValue", "cmi.core.session_time", timespan(Date.now() - started));
    call("LMSCommit", "");
    call("LMSFinish", "");
    finished = true;
  }

  if (api && call("LMSInitialize", "") === "true") {
    var status = call("LMSGetValue", "cmi.core.lesson_status");
    if (status === "not attempted" || status === "") call("LMSSetValue", "cmi.core.lesson_status", "incomplete");
    if (status === "completed" || status === "passed") kept = status;
    unpack(call("LMSGetValue", "cmi.suspend_data"));
    call("LMSCommit", "");
    window.addEventListener("storage", function (event) {
      if (event.key === null || event.key.indexOf(scope) === 0) { clearTimeout(timer); timer = setTimeout(report, 200); }
    });
    window.addEventListener("pagehide", finish);
    window.addEventListener("beforeunload", finish);
  } else {
    api = null;
  }
  /* The start page may name a content tab (我的进度's tracks): the theme opens a tab on a click, not
     from the address, so open it. */
  frame.addEventListener("load", function () {
    try {
      var id = decodeURIComponent(frame.contentWindow.location.hash.slice(1)), tab = id && frame.contentDocument.getElementById(id);
      if (tab && tab.type === "radio" && !tab.checked) tab.click();
    } catch (e) { /* a page of another origin: leave it */ }
  });
  window.hbLms = { pack: pack, unpack: unpack, report: report, finish: finish, connected: !!api };
  frame.src = info.start;
})();
