/* Agendas: the .ics calendar file (RFC 5545). Loaded by hb-agenda.js only when a reader clicks
   下载日历, so the agenda page does not download it up front. */
(function (hb) {
  "use strict";
  var isoDate = hb.isoDate;

  /* parts: [{info, dates, notes, url}], one per agenda (a track's agendas share one file);
     notes[day - 1] says whether that day is a 调休 workday or only 暂定. */
  function icsText(parts) {
    var esc = function (s) { return String(s).replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,").replace(/\n/g, "\\n"); };
    var stamp = new Date().toISOString().replace(/[-:]/g, "").replace(/\.\d+/, "");
    var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//handbook//agenda//ZH", "CALSCALE:GREGORIAN",
      "BEGIN:VTIMEZONE", "TZID:Asia/Shanghai", "BEGIN:STANDARD", "DTSTART:19700101T000000",
      "TZOFFSETFROM:+0800", "TZOFFSETTO:+0800", "TZNAME:CST", "END:STANDARD", "END:VTIMEZONE"];
    parts.forEach(function (part) {
      var info = part.info, counts = {};
      info.sessions.forEach(function (s) {
        var day = isoDate(part.dates[s.day - 1]).replace(/-/g, "");
        counts[s.day] = (counts[s.day] || 0) + 1;
        lines.push("BEGIN:VEVENT", "UID:" + info.id + "-d" + s.day + "-s" + counts[s.day] + "@handbook", "DTSTAMP:" + stamp,
          "DTSTART;TZID=Asia/Shanghai:" + day + "T" + s.start.replace(":", "") + "00",
          "DTEND;TZID=Asia/Shanghai:" + day + "T" + s.end.replace(":", "") + "00",
          "SUMMARY:" + esc(s.title), "LOCATION:" + esc(s.place),
          "DESCRIPTION:" + esc([part.notes[s.day - 1], s.description, s.host ? "主讲/负责人：" + s.host : "", part.url].filter(Boolean).join("\n")),
          "URL:" + part.url, "END:VEVENT");
      });
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

  /* One agenda's part of the file: its sessions, dates and the notes of each day, or why it has none. */
  function part(root) {
    var a = root.hbAgenda.state(), dates = a.dates, cal = a.cal, say = a.say;
    if (!dates) return { missing: "请先选择第一天上班日期，再下载日历。", focus: a.input };
    if (dates.length < a.count) return { missing: a.problem + say("no-ics") };
    var notes = dates.map(function (d) {
      return [cal.makeUp(d) ? say("makeup-ics") : "", cal.tentative(d) ? say("tentative-ics", { year: d.getFullYear() }) : ""]
        .filter(Boolean).join("\n");
    });
    return { info: a.info, dates: dates, notes: notes, url: location.href.split("#")[0] + "#agenda-" + a.info.id };
  }

  /* The download of the 下载日历 button of `root`: one file for the reader's track (this agenda
     and the track's other agendas on the page, data-hb-json "bundle"), else for this agenda. */
  hb.agendaIcs = function (root) {
    var a = root.hbAgenda.state(), bundle = a.info.bundle, ids = bundle ? bundle.agendas : [a.info.id];
    var parts = ids.map(function (id) {
      var other = document.querySelector("[data-hb-widget=agenda][data-hb-id='" + id + "']");
      return other && other.hbAgenda ? part(other) : null;
    }).filter(Boolean);
    var missing = parts.filter(function (p) { return p.missing; })[0];
    if (missing) { a.status.textContent = missing.missing; if (missing.focus) a.input.focus(); return; }
    var name = (bundle ? bundle.id : a.info.id) + ".ics", total = 0;
    parts.forEach(function (p) { total += p.info.sessions.length; });
    var blob = new Blob([icsText(parts)], { type: "text/calendar;charset=utf-8" });
    var link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = name;
    document.body.appendChild(link);
    link.click();
    setTimeout(function () { URL.revokeObjectURL(link.href); link.remove(); }, 1000);
    a.status.textContent = "已生成日历文件 " + name + "（" + parts.map(function (p) { return "“" + p.info.title + "”"; }).join("和") +
      "），共 " + total + " 项安排。";
  };
})(window.hb);
