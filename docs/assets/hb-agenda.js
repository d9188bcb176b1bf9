/* Agendas: real working days (China's holidays and 调休, from the build) from a start date, today marked, .ics calendar export, print. Loaded by handbook.js on pages that show it. */
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
    var covered = cal.years[0] + "–" + cal.years[1] + " 年";
    function apply() {
      var start = input.value;
      dates = /^\d{4}-\d{2}-\d{2}$/.test(start) ? workdays(start, count, cal) : null;
      problem = "";
      if (dates && !dates.length) problem = "本手册只收录了 " + covered + "的法定节假日和调休安排，推算不了 " + start.slice(0, 4) + " 年的日期。请向 HR 确认上班安排。";
      else if (dates && dates.length < count) problem = "第 " + (dates.length + 1) + " 天起的日期已超出本手册收录的节假日安排（" + covered + "），标为“日期待定”。请向 HR 确认。";
      else if (dates && !cal.works(dates[0])) problem = "注意：所选的第一天是周末或法定节假日；第 1 天仍按这一天排。";
      status.textContent = problem;
      $$(root, ".hb-date").forEach(function (el) {
        var d = dates && dates[el.dataset.hbDay - 1];
        el.textContent = d ? " · " + (d.getMonth() + 1) + "月" + d.getDate() + "日（周" + WEEKDAYS[d.getDay()] + "）" : dates ? " · 日期待定" : "";
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
        if (dates.length < count) { status.textContent = problem + "日期定下来之前不能生成日历文件。"; return; }
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

  hb.define("agenda", agenda);
})(window.hb);
