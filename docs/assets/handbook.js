/* Handbook widgets: checklists, agendas, quizzes. Plain HTML works without this file;
   this adds saving, scoring, dates, calendar export and printing. No framework, no build. */
(function () {
  "use strict";

  /* ---- storage: keys scoped to the site; any storage failure leaves the page working ---- */
  var scope = (window.__md_scope ? window.__md_scope.pathname : "/") + "hb.";
  var store = {
    get: function (key) {
      try {
        var value = JSON.parse(localStorage.getItem(scope + key));
        return value && typeof value === "object" ? value : null;
      } catch (e) { return null; }
    },
    set: function (key, value) {
      try { localStorage.setItem(scope + key, JSON.stringify(value)); } catch (e) { /* full or blocked */ }
    },
    remove: function (key) {
      try { localStorage.removeItem(scope + key); } catch (e) { /* blocked */ }
    }
  };
  window.hbStore = store;

  function $$(root, selector) { return Array.prototype.slice.call(root.querySelectorAll(selector)); }
  function today() { return isoDate(new Date()); }
  function isoDate(d) {
    return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate());
  }
  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function show(el, on) { if (el) el.hidden = !on; }
  function data(root) {
    try { return JSON.parse(root.querySelector("script.hb-data").textContent); } catch (e) { return null; }
  }

  /* Print one widget: hide everything that is not on its path to <body>, print, restore. */
  function printOnly(el) {
    var hidden = [];
    for (var node = el; node && node !== document.body; node = node.parentElement) {
      $$(node.parentElement, ":scope > *").forEach(function (sibling) {
        if (sibling !== node && !sibling.classList.contains("hb-print-hide")) {
          sibling.classList.add("hb-print-hide");
          hidden.push(sibling);
        }
      });
    }
    document.body.classList.add("hb-printing");
    var restore = function () {
      hidden.forEach(function (n) { n.classList.remove("hb-print-hide"); });
      document.body.classList.remove("hb-printing");
      window.removeEventListener("afterprint", restore);
    };
    window.addEventListener("afterprint", restore);
    window.print();
  }

  function shuffle(list) {
    for (var i = list.length - 1; i > 0; i--) {
      var j = Math.floor(Math.random() * (i + 1)), t = list[i]; list[i] = list[j]; list[j] = t;
    }
    return list;
  }

  /* ---- checklist ---- */
  function checklist(root) {
    var key = "checklist." + root.dataset.hbId;
    var saved = store.get(key);
    var done = saved && saved.done && typeof saved.done === "object" ? saved.done : {};
    var boxes = $$(root, "input[type=checkbox]");
    var progress = root.querySelector("progress");
    var count = root.querySelector("[data-hb-done]");
    function update() {
      var n = boxes.filter(function (b) { return b.checked; }).length;
      progress.value = n;
      count.textContent = n;
    }
    boxes.forEach(function (box) {
      box.checked = Object.prototype.hasOwnProperty.call(done, box.name);
      box.addEventListener("change", function () {
        if (box.checked) done[box.name] = today(); else delete done[box.name];
        store.set(key, { v: 1, done: done });
        update();
      });
    });
    root.addEventListener("click", function (event) {
      var action = event.target.closest("[data-hb-action]");
      if (!action) return;
      if (action.dataset.hbAction === "print") printOnly(root);
      if (action.dataset.hbAction === "reset" && window.confirm("确定清空这份清单的全部勾选吗？此操作无法撤销。")) {
        done = {};
        store.remove(key);
        boxes.forEach(function (b) { b.checked = false; });
        update();
      }
    });
    show(root.querySelector(".hb-checklist__progress"), true);
    show(root.querySelector(".hb-widget__actions"), true);
    update();
  }

  /* ---- agenda ---- */
  var WEEKDAYS = "日一二三四五六";

  function workdays(start, count, holidays) {
    var days = [], d = new Date(start + "T00:00:00");
    while (days.length < count) {
      var iso = isoDate(d), weekday = d.getDay();
      if (days.length === 0 || (weekday !== 0 && weekday !== 6 && holidays.indexOf(iso) < 0)) days.push(new Date(d));
      d.setDate(d.getDate() + 1);
    }
    return days;
  }

  function icsText(info, dates, url) {
    var esc = function (s) { return String(s).replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,").replace(/\n/g, "\\n"); };
    var stamp = new Date().toISOString().replace(/[-:]/g, "").replace(/\.\d+/, "");
    var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//handbook//agenda//ZH", "CALSCALE:GREGORIAN",
      "BEGIN:VTIMEZONE", "TZID:Asia/Shanghai", "BEGIN:STANDARD", "DTSTART:19700101T000000",
      "TZOFFSETFROM:+0800", "TZOFFSETTO:+0800", "TZNAME:CST", "END:STANDARD", "END:VTIMEZONE"];
    var counts = {};
    info.sessions.forEach(function (s) {
      var day = isoDate(dates[s.day - 1]).replace(/-/g, "");
      counts[s.day] = (counts[s.day] || 0) + 1;
      lines.push("BEGIN:VEVENT", "UID:" + info.id + "-d" + s.day + "-s" + counts[s.day] + "@handbook", "DTSTAMP:" + stamp,
        "DTSTART;TZID=Asia/Shanghai:" + day + "T" + s.start.replace(":", "") + "00",
        "DTEND;TZID=Asia/Shanghai:" + day + "T" + s.end.replace(":", "") + "00",
        "SUMMARY:" + esc(s.title), "LOCATION:" + esc(s.place),
        "DESCRIPTION:" + esc([s.description, s.host ? "主讲/负责人：" + s.host : "", url].filter(Boolean).join("\n")),
        "URL:" + url, "END:VEVENT");
    });
    lines.push("END:VCALENDAR");
    return lines.map(fold).join("\r\n") + "\r\n";
  }

  /* RFC 5545: lines longer than 75 octets continue on the next line after a space. */
  function fold(line) {
    var out = "", bytes = 0;
    (line.match(/[\uD800-\uDBFF][\uDC00-\uDFFF]|[\s\S]/g) || []).forEach(function (ch) {  /* whole code points */
      var size = unescape(encodeURIComponent(ch)).length;
      if (bytes + size > 75) { out += "\r\n "; bytes = 1; }
      out += ch; bytes += size;
    });
    return out;
  }

  function agenda(root) {
    var info = data(root);
    if (!info) return;
    var key = "agenda." + info.id, input = root.querySelector("[data-hb-start]");
    var status = root.querySelector(".hb-agenda__status");
    var count = $$(root, "section[data-hb-day]").length;
    var dates = null;
    function apply() {
      var start = input.value;
      dates = /^\d{4}-\d{2}-\d{2}$/.test(start) ? workdays(start, count, info.holidays) : null;
      $$(root, ".hb-date").forEach(function (el) {
        var d = dates && dates[el.dataset.hbDay - 1];
        el.textContent = d ? " · " + (d.getMonth() + 1) + "月" + d.getDate() + "日（周" + WEEKDAYS[d.getDay()] + "）" : "";
      });
      $$(root, "section[data-hb-day], .hb-agenda__overview li > .hb-date").forEach(function (el) {
        var d = dates && dates[el.dataset.hbDay - 1], isToday = !!d && isoDate(d) === today();
        var holder = el.tagName === "SECTION" ? el : el.parentElement;
        holder.classList.toggle("hb-today", isToday);
        if (isToday) holder.setAttribute("aria-current", "date"); else holder.removeAttribute("aria-current");
      });
    }
    var saved = store.get(key);
    if (saved && /^\d{4}-\d{2}-\d{2}$/.test(saved.start)) input.value = saved.start;
    input.addEventListener("change", function () {
      if (input.value) store.set(key, { v: 1, start: input.value }); else store.remove(key);
      apply();
    });
    root.addEventListener("click", function (event) {
      var action = event.target.closest("[data-hb-action]");
      if (!action) return;
      if (action.dataset.hbAction === "print") printOnly(root);
      if (action.dataset.hbAction === "ics") {
        if (!dates) { status.textContent = "请先选择第一天上班日期，再下载日历。"; input.focus(); return; }
        var url = location.href.split("#")[0] + "#agenda-" + info.id;
        var blob = new Blob([icsText(info, dates, url)], { type: "text/calendar;charset=utf-8" });
        var link = document.createElement("a");
        link.href = URL.createObjectURL(blob);
        link.download = info.id + ".ics";
        document.body.appendChild(link);
        link.click();
        setTimeout(function () { URL.revokeObjectURL(link.href); link.remove(); }, 1000);
        status.textContent = "已生成日历文件 " + link.download + "，共 " + info.sessions.length + " 项安排。";
      }
    });
    show(root.querySelector(".hb-agenda__controls"), true);
    apply();
  }

  /* ---- quiz ---- */
  function normalise(text) {
    return String(text).normalize("NFKC").trim().replace(/\s+/g, " ").toLowerCase();
  }

  function quiz(root) {
    var info = data(root);
    if (!info) return;
    var key = "quiz." + info.id, exam = info.mode === "exam";
    var form = root.querySelector("form"), result = root.querySelector("[data-hb-result]");
    var fieldsets = $$(root, "fieldset[data-hb-question]"), timer = null, finished = false;
    var byId = {};
    info.questions.forEach(function (q) { byId[q.id] = q; });

    function bestLine() {
      var saved = store.get(key), el = root.querySelector("[data-hb-best]");
      if (saved && typeof saved.best === "number") {
        el.textContent = "你的最好成绩：" + saved.best + "%（" + (saved.passed ? "已及格" : "未及格") + "）· 上次作答：" + saved.lastDate + "，" + saved.last + "%";
        show(el, true);
      }
    }

    function arrange() {
      if (info.shuffle) {
        $$(root, ".hb-question__options").forEach(function (box) {
          shuffle($$(box, ".hb-option")).forEach(function (o) { box.appendChild(o); });
        });
      }
      $$(root, ".hb-order").forEach(function (list) {
        var items = $$(list, "li");
        do { shuffle(items); } while (items.length > 1 && items.every(function (li, i) { return +li.dataset.hbKey === i; }));
        items.forEach(function (li) { list.appendChild(li); });
      });
    }

    function isRight(fs) {
      var q = byId[fs.dataset.hbQuestion];
      if (q.type === "single" || q.type === "multiple") {
        var chosen = $$(fs, "input:checked").map(function (i) { return +i.value; }).sort();
        return chosen.join() === q.correct.slice().sort().join();
      }
      if (q.type === "true_false") {
        var picked = fs.querySelector("input:checked");
        return !!picked && picked.value === String(q.answer);
      }
      if (q.type === "fill") {
        var given = normalise(fs.querySelector("input[type=text]").value);
        return given !== "" && q.answers.some(function (a) { return normalise(a) === given; });
      }
      return $$(fs, ".hb-order li").every(function (li, i) { return +li.dataset.hbKey === i; });
    }

    function feedback(fs) {
      var q = byId[fs.dataset.hbQuestion], ok = isRight(fs), box = fs.querySelector("[data-hb-feedback]");
      var notes = "";
      if (q.notes) {
        $$(fs, "input:checked").forEach(function (i) { if (q.notes[+i.value]) notes += "<p>" + q.notes[+i.value] + "</p>"; });
      }
      box.className = "hb-feedback " + (ok ? "hb-feedback--right" : "hb-feedback--wrong");
      box.innerHTML = "<p class=\"hb-feedback__verdict\"><span aria-hidden=\"true\">" + (ok ? "✔" : "✘") + "</span> " +
        (ok ? "回答正确" : "回答错误。正确答案：" + escapeHtml(q.answer_text)) + "</p>" + notes + "<p>" + q.explanation +
        "</p><p><a href=\"" + q.review + "\">回到讲解这部分内容的章节</a></p>";
      show(box, true);
      return ok;
    }

    function submit() {
      if (finished) return;
      finished = true;
      if (timer) { clearInterval(timer); timer = null; }
      var right = fieldsets.filter(feedback).length, total = fieldsets.length;
      var score = Math.round(right * 100 / total), passed = score >= info.pass;
      var saved = store.get(key) || {};
      var best = typeof saved.best === "number" ? Math.max(saved.best, score) : score;
      store.set(key, { v: 1, best: best, passed: passed || !!saved.passed, last: score, lastDate: today(), bestDate: best === score ? today() : saved.bestDate });
      result.innerHTML = "<p class=\"hb-quiz__score " + (passed ? "hb-pass" : "hb-fail") + "\"><span aria-hidden=\"true\">" + (passed ? "✔" : "✘") +
        "</span> 得分 " + score + "%（答对 " + right + "/" + total + " 题），" + (passed ? "已及格" : "未及格，及格线 " + info.pass + "%") + "。</p>";
      $$(form, "input, .hb-order button").forEach(function (el) { el.disabled = true; });
      $$(root, "[data-hb-action=check]").forEach(function (el) { el.disabled = true; });
      root.querySelector("[data-hb-timer]") && show(root.querySelector("[data-hb-timer]"), false);
      bestLine();
    }

    function reset() {
      finished = false;
      form.reset();
      $$(form, "input, button").forEach(function (el) { el.disabled = false; });
      $$(root, "[data-hb-feedback]").forEach(function (el) { el.hidden = true; el.innerHTML = ""; });
      result.textContent = "";
      arrange();
    }

    function startExam() {
      show(root.querySelector(".hb-quiz__start"), false);
      show(form, true);
      var end = Date.now() + info.minutes * 60000, clock = root.querySelector("[data-hb-clock]");
      show(root.querySelector("[data-hb-timer]"), true);
      var tick = function () {
        if (!root.isConnected) return clearInterval(timer);  /* left by instant navigation: no late auto-submit */
        var left = Math.max(0, Math.round((end - Date.now()) / 1000));
        clock.textContent = Math.floor(left / 60) + ":" + pad(left % 60);
        if (left === 0) { submit(); result.insertAdjacentHTML("afterbegin", "<p>时间到，已自动交卷。</p>"); }
      };
      tick();
      timer = setInterval(tick, 1000);
      fieldsets[0] && fieldsets[0].querySelector("input, button") && fieldsets[0].querySelector("input, button").focus();
    }

    form.addEventListener("submit", function (event) { event.preventDefault(); submit(); });
    /* Enter in a fill-in answer checks that question (practice) instead of submitting the whole quiz. */
    form.addEventListener("keydown", function (event) {
      if (event.key !== "Enter" || event.isComposing || event.target.type !== "text") return;
      event.preventDefault();
      if (!exam) feedback(event.target.closest("fieldset"));
    });
    root.addEventListener("click", function (event) {
      var target = event.target.closest("[data-hb-action], [data-hb-move]");
      if (!target) return;
      if (target.dataset.hbMove) {
        var li = target.closest("li"), list = li.parentElement;
        var other = target.dataset.hbMove === "-1" ? li.previousElementSibling : li.nextElementSibling;
        if (other) list.insertBefore(li, target.dataset.hbMove === "-1" ? other : other.nextElementSibling);
        target.focus();
        return;
      }
      var action = target.dataset.hbAction;
      if (action === "check") feedback(target.closest("fieldset"));
      if (action === "retry") { if (timer) clearInterval(timer); timer = null; reset(); if (exam) { show(form, false); show(root.querySelector(".hb-quiz__start"), true); } }
      if (action === "print") printOnly(root);
      if (action === "start") startExam();
    });

    root.classList.add("hb-js");
    $$(root, ".hb-question__actions, .hb-quiz__actions, .hb-order__buttons").forEach(function (el) { show(el, true); });
    if (exam) { show(form, false); show(root.querySelector(".hb-quiz__start"), true); }
    arrange();
    bestLine();
  }

  function escapeHtml(text) {
    return String(text).replace(/[&<>"]/g, function (c) { return { "&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;" }[c]; });
  }

  /* ---- start-up: once per widget, also after Material's instant navigation ---- */
  var widgets = { checklist: checklist, agenda: agenda, quiz: quiz };
  function init() {
    $$(document, "[data-hb-widget]:not([data-hb-ready])").forEach(function (root) {
      var setup = widgets[root.dataset.hbWidget];
      if (!setup) return;
      root.setAttribute("data-hb-ready", "");
      try { setup(root); } catch (e) { setTimeout(function () { throw e; }); }  /* report it, but let the other widgets start */
    });
  }
  window.hbWidgets = widgets;
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(init);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
