/* Agendas: real working days (China's holidays and 调休, from the build) from a start date, today marked, print; .ics export via hb-agenda-ics.js. Loaded by handbook.js on pages that show it. */
(function (hb) {
  "use strict";
  var store = hb.store, $$ = hb.$$, today = hb.today, isoDate = hb.isoDate, show = hb.show, data = hb.data, printOnly = hb.printOnly;

  /* ---- agenda ---- */
  var WEEKDAYS = "日一二三四五六";

  /* Working days from the build-time calendar: China's weekday holidays ("off") and weekend
     make-up workdays ("on"), for the covered years only; the agenda's own holidays always win. */
  function calendar(info) {
    var china = info.china || { years: [0, -1], off: [], on: [] }, off = {}, on = {}, own = {};
    china.off.forEach(function (iso) { off[iso] = true; });
    china.on.forEach(function (iso) { on[iso] = true; });
    (info.holidays || []).forEach(function (iso) { own[iso] = true; });
    return {
      years: china.years,
      covers: function (d) { return d.getFullYear() >= china.years[0] && d.getFullYear() <= china.years[1]; },
      works: function (d) {
        var iso = isoDate(d), weekday = d.getDay();
        return !own[iso] && (on[iso] || (weekday !== 0 && weekday !== 6 && !off[iso]));
      }
    };
  }

  /* Day 1 is the start date; stops where the calendar ends rather than guess past it. */
  function workdays(start, count, cal) {
    var days = [], d = new Date(start + "T00:00:00");
    while (days.length < count && cal.covers(d)) {
      if (days.length === 0 || cal.works(d)) days.push(new Date(d));
      d.setDate(d.getDate() + 1);
    }
    return days;
  }

  /* The .ics writer is its own file, fetched the first time a reader asks for a calendar. */
  var base = document.currentScript ? document.currentScript.src.replace(/[^\/]*$/, "") : "", icsScript;
  function withIcs(then) {
    if (hb.agendaIcs) return then();
    if (!icsScript) {
      icsScript = document.createElement("script");
      icsScript.src = base + "hb-agenda-ics.js";
      document.head.appendChild(icsScript);
    }
    icsScript.addEventListener("load", then);
  }

  /* hb.data reads data-hb-json once handbook.js follows the new contract; until then, here. */
  function readData(root) {
    var info = data(root);
    if (info) return info;
    try { return JSON.parse(root.getAttribute("data-hb-json")); } catch (e) { return null; }
  }

  function agenda(root) {
    var info = readData(root);
    if (!info) return;
    var key = "agenda." + info.id, input = root.querySelector("[data-hb-start]");
    var status = root.querySelector(".hb-agenda__status");
    var count = $$(root, "section[data-hb-day]").length, cal = calendar(info);
    var dates = null, problem = "";
    function say(name, values) {  /* a message from the template: data-hb-<name> on the status line */
      return status.getAttribute("data-hb-" + name).replace(/\{(\w+)\}/g, function (m, k) { return values[k]; });
    }
    function apply() {
      var start = input.value;
      dates = /^\d{4}-\d{2}-\d{2}$/.test(start) ? workdays(start, count, cal) : null;
      problem = !dates ? "" : !dates.length ? say("uncovered", { year: start.slice(0, 4) })
        : dates.length < count ? say("beyond", { day: dates.length + 1 }) : cal.works(dates[0]) ? "" : say("day-off");
      status.textContent = problem;
      $$(root, ".hb-date").forEach(function (el) {
        var d = dates && dates[el.dataset.hbDay - 1];
        el.textContent = d ? " · " + (d.getMonth() + 1) + "月" + d.getDate() + "日（周" + WEEKDAYS[d.getDay()] + "）" : dates ? " · " + say("undated") : "";
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
        if (dates.length < count) { status.textContent = problem + say("no-ics"); return; }
        withIcs(function () {
          var link = hb.agendaIcs(info, dates, location.href.split("#")[0] + "#agenda-" + info.id);
          status.textContent = "已生成日历文件 " + link.download + "，共 " + info.sessions.length + " 项安排。";
        });
      }
    });
    show(root.querySelector(".hb-agenda__controls"), true);
    apply();
  }

  hb.define("agenda", agenda);
})(window.hb);
