/* Agendas: real working days (China's holidays and 调休, from the build) from the reader's first
   day, today marked, print; .ics export via hb-agenda-ics.js. Loaded by handbook.js on pages that show it. */
(function (hb) {
  "use strict";
  var store = hb.store, $$ = hb.$$, today = hb.today, isoDate = hb.isoDate, show = hb.show, data = hb.data, printOnly = hb.printOnly;

  /* ---- agenda ---- */
  var WEEKDAYS = "日一二三四五六", DATE = /^\d{4}-\d{2}-\d{2}$/;
  /* One first day for every agenda of the handbook; saved per agenda ("agenda.<id>") before. */
  var FIRST_DAY = "pref.first-day";

  function firstDay(id) {
    var saved = store.get(FIRST_DAY), old = store.keys().filter(function (key) { return /^agenda\./.test(key); });
    if (saved && DATE.test(saved.start)) return saved.start;
    saved = ["agenda." + id].concat(old).map(store.get).filter(function (value) { return value && DATE.test(value.start); })[0];
    if (saved && store.set(FIRST_DAY, { v: 1, start: saved.start })) old.forEach(store.remove);  /* moved: the old keys would go stale */
    return saved ? saved.start : "";
  }

  /* Working days from the build-time calendar: China's weekday holidays ("off") and weekend
     make-up workdays ("on"), for the covered years only; the agenda's own holidays always win.
     Years in "tentative" have no published 调休 yet: their holidays are the statutory ones. */
  function calendar(info) {
    var china = info.china || { years: [0, -1], tentative: [], off: [], on: [] }, off = {}, on = {}, own = {};
    china.off.forEach(function (iso) { off[iso] = true; });
    china.on.forEach(function (iso) { on[iso] = true; });
    (info.holidays || []).forEach(function (iso) { own[iso] = true; });
    return {
      covers: function (d) { return d.getFullYear() >= china.years[0] && d.getFullYear() <= china.years[1]; },
      tentative: function (d) { return (china.tentative || []).indexOf(d.getFullYear()) >= 0; },
      makeUp: function (d) { return !!on[isoDate(d)]; },
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

  function agenda(root) {
    var info = data(root);
    if (!info) return;
    var input = root.querySelector("[data-hb-start]"), status = root.querySelector(".hb-agenda__status");
    var count = $$(root, "section[data-hb-day]").length, cal = calendar(info);
    var dates = null, problem = "";
    function say(name, values) {  /* a message from the template: data-hb-<name> on the status line */
      return status.getAttribute("data-hb-" + name).replace(/\{(\w+)\}/g, function (m, k) { return values[k]; });
    }
    /* What a day's date says: 9月20日（周日，调休上班）, 2月1日（周一，暂定）. */
    function label(d) {
      return (d.getMonth() + 1) + "月" + d.getDate() + "日（" + ["周" + WEEKDAYS[d.getDay()], cal.makeUp(d) && say("makeup"),
        cal.tentative(d) && say("tentative")].filter(Boolean).join("，") + "）";
    }
    function apply() {
      var start = input.value;
      dates = DATE.test(start) ? workdays(start, count, cal) : null;
      problem = !dates ? "" : !dates.length ? say("uncovered", { year: start.slice(0, 4) })
        : dates.length < count ? say("beyond", { day: dates.length + 1 }) : cal.works(dates[0]) ? "" : say("day-off");
      status.textContent = problem;
      $$(root, ".hb-date").forEach(function (el) {
        var d = dates && dates[el.dataset.hbDay - 1];
        el.textContent = d ? " · " + label(d) : dates ? " · " + say("undated") : "";
      });
      $$(root, "section[data-hb-day], .hb-agenda__overview li > .hb-date").forEach(function (el) {
        var d = dates && dates[el.dataset.hbDay - 1], isToday = !!d && isoDate(d) === today();
        var holder = el.tagName === "SECTION" ? el : el.parentElement;
        holder.classList.toggle("hb-today", isToday);
        if (isToday) holder.setAttribute("aria-current", "date"); else holder.removeAttribute("aria-current");
      });
      show(root.querySelector(".hb-agenda__tentative"), !!dates && dates.some(cal.tentative));
    }
    /* What hb-agenda-ics.js needs to write this agenda into a calendar file. */
    root.hbAgenda = { setStart: function (value) { input.value = value; apply(); },
      state: function () { return { info: info, dates: dates, count: count, problem: problem, cal: cal, say: say, input: input, status: status }; } };

    input.value = firstDay(info.id);
    input.addEventListener("change", function () {
      if (input.value) store.set(FIRST_DAY, { v: 1, start: input.value }); else store.remove(FIRST_DAY);
      $$(document, "[data-hb-widget=agenda]").forEach(function (other) {  /* the page's other agendas follow */
        if (other !== root && other.hbAgenda) other.hbAgenda.setStart(input.value);
      });
      apply();
    });
    root.addEventListener("click", function (event) {
      var action = event.target.closest("[data-hb-action]");
      if (!action) return;
      if (action.dataset.hbAction === "print") printOnly(root);
      /* The .ics writer is its own file, fetched the first time a reader asks for a calendar. */
      if (action.dataset.hbAction === "ics") hb.load("hb-agenda-ics.js", function () { hb.agendaIcs(root); });
    });
    show(root.querySelector(".hb-agenda__controls"), true);
    apply();
  }

  hb.define("agenda", agenda);
})(window.hb);
