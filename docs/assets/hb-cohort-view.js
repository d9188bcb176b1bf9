/* 全班进度汇总 (trainers), the part that works on files: hb-cohort.js loads it with the first files,
   after hb-progress.js (the dashboard's step status) and hb-import.js (the import checks: current
   ids only, a broken or foreign file is refused), so a visit without files loads none of them.
   One row per person, sortable by any column; CSV for Excel; a printable record; per quiz, the
   questions the class misses most. Files are read in this browser only; nothing is saved. */
(function (hb) {
  "use strict";
  var $$ = hb.$$, today = hb.today;
  var LIMIT = 1000000;  /* bytes: a progress file is a few KB; anything this big is not one */

  /* One CSV cell: a text that Excel would run as a formula (= + - @, tab, CR) gets a leading ',
     and a cell with a comma, quote or line break is quoted. */
  function csvCell(value) {
    var text = String(value);
    if (/^[=+\-@\t\r]/.test(text)) text = "'" + text;
    return /[",\r\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
  }

  /* The view of one cohort widget; returns {open(files)}. */
  hb.cohortView = function (root) {
    var info = hb.data(root);
    var select = root.querySelector("[data-hb-track-select]"), message = root.querySelector("[data-hb-message]");
    var skippedList = root.querySelector("[data-hb-skipped]"), head = root.querySelector("[data-hb-head]");
    var body = root.querySelector("[data-hb-rows]"), record = root.querySelector("[data-hb-record]");
    var analysis = root.querySelector("[data-hb-analysis]");
    var people = [], notes = [], sortBy = 0, ascending = true;

    function track() { return info.tracks.filter(function (t) { return t.id === select.value; })[0] || info.tracks[0]; }

    /* The cells of one person for the chosen track: [{text, value}] with the name first and the
       number of finished steps last. `value` is what the column sorts by. */
    function cells(person, steps) {
      var get = function (key) { return person.items[key] || null; }, finished = 0;
      var row = [{ text: person.name, value: person.name }];
      steps.forEach(function (step) {
        var s = hb.stepStatus(step, get), text, value;
        if (s.done) finished++;
        if (step.kind === "checklist") { text = s.n + "/" + s.size; value = s.n / (s.size || 1); }
        else if (step.kind === "quiz") {
          value = typeof s.score === "number" ? s.score : -1;
          text = value < 0 ? s.text : s.score + "%（" + (s.done ? "及格" : "未及格") + "）";
        } else { text = s.done ? "已完成" : "—"; value = s.done ? 1 : 0; }
        row.push({ text: (s.done ? "✔ " : "") + text, value: value });
      });
      row.push({ text: finished + "/" + steps.length, value: finished });
      return row;
    }

    function table() {
      var t = track(), columns = ["姓名"].concat(t.steps.map(function (s) { return s.title; }), ["完成步骤"]);
      var rows = people.map(function (p) { return { person: p, cells: cells(p, t.steps) }; });
      rows.sort(function (a, b) {
        var x = a.cells[sortBy].value, y = b.cells[sortBy].value;
        var order = typeof x === "string" ? x.localeCompare(y, "zh-CN") : x - y;
        return (ascending ? order : -order) || a.cells[0].value.localeCompare(b.cells[0].value, "zh-CN");
      });
      return { track: t, columns: columns, rows: rows };
    }

    function render() {
      var shown = table(), refocus = head.contains(document.activeElement);
      head.textContent = "";
      shown.columns.forEach(function (label, i) {
        var th = document.createElement("th"), button = document.createElement("button");
        th.scope = "col";
        if (i === sortBy) th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        button.type = "button";
        button.className = "hb-cohort__sort";
        button.dataset.hbSort = i;
        button.textContent = label;
        if (i === sortBy) {  /* aria-sort says it to screen readers; the arrow is for the eye */
          var arrow = document.createElement("span");
          arrow.setAttribute("aria-hidden", "true");
          arrow.className = "hb-screen-only";
          arrow.textContent = ascending ? " ▲" : " ▼";
          button.appendChild(arrow);
        }
        th.appendChild(button);
        head.appendChild(th);
      });
      body.textContent = "";
      shown.rows.forEach(function (row) {
        var tr = document.createElement("tr");
        row.cells.forEach(function (cell, i) {
          var td = document.createElement(i ? "td" : "th");
          if (!i) td.scope = "row";
          td.textContent = cell.text;
          tr.appendChild(td);
        });
        body.appendChild(tr);
      });
      if (refocus) head.querySelector("[data-hb-sort='" + sortBy + "']").focus();
      record.hidden = !people.length;
      $$(root, "[data-hb-action]").forEach(function (button) { button.disabled = !people.length; });
      itemAnalysis(shown.track);
    }

    /* Per quiz of the track: how many of those with per-question results missed each question in
       their last attempt; most missed first, none-missed hidden. */
    function itemAnalysis(t) {
      var quizzes = t.steps.filter(function (s) { return s.kind === "quiz"; }).map(function (s) { return s.target; });
      $$(analysis, "[data-hb-quiz]").forEach(function (box) {
        var id = box.dataset.hbQuiz, withResults = 0, missed = {};
        box.hidden = quizzes.indexOf(id) < 0;
        if (box.hidden) return;
        people.forEach(function (p) {
          var results = (p.items["quiz." + id] || {}).results;
          if (!results) return;
          withResults++;
          Object.keys(results).forEach(function (q) { if (results[q] === 0) missed[q] = (missed[q] || 0) + 1; });
        });
        var list = box.querySelector("ol"), items = $$(list, "[data-hb-question]");
        items.sort(function (a, b) { return (missed[b.dataset.hbQuestion] || 0) - (missed[a.dataset.hbQuestion] || 0); });
        items.forEach(function (li) {
          var n = missed[li.dataset.hbQuestion] || 0;
          li.hidden = !n;
          li.querySelector("[data-hb-missed]").textContent = n + "/" + withResults + " 人答错：";
          list.appendChild(li);
        });
        box.querySelector("[data-hb-quiz-count]").textContent = "（" + withResults + " 人有逐题记录）";
        var none = box.querySelector("[data-hb-none]");
        none.hidden = items.some(function (li) { return !li.hidden; });
        none.textContent = withResults ? "没有人答错。" : "这些文件里没有这个测验的逐题记录（学员还没做过，或用的是旧版手册导出的文件）。";
      });
      analysis.hidden = !people.length || !quizzes.length;
    }

    function say() {
      message.textContent = people.length || notes.length ? "已读入 " + people.length + " 人的进度文件。" +
        (notes.length ? "下面的文件没有读入或只读入了一部分：" : "") : "";
      skippedList.textContent = "";
      notes.forEach(function (text) { var li = document.createElement("li"); li.textContent = text; skippedList.appendChild(li); });
    }

    function readAll(files) {
      var known = people.map(function (p) { return p.file; });
      Promise.all(files.map(function (file) {
        return file.size > LIMIT ? Promise.resolve(null) : file.text().catch(function () { return null; });
      })).then(function (texts) {
        files.forEach(function (file, i) {
          if (known.indexOf(file.name) >= 0) { notes.push(file.name + "：已经读过，跳过。"); return; }
          if (texts[i] === null) { notes.push(file.name + "：无法读取，或不是进度文件（太大）。"); return; }
          var checked = hb.readProgress(texts[i], info, root);
          if (typeof checked === "string") { notes.push(file.name + "：" + checked); return; }
          if (checked.left) notes.push(file.name + "：" + checked.left);
          people.push({ name: checked.name || file.name.replace(/\.json$/i, ""), file: file.name, items: checked.items });
          known.push(file.name);
        });
        say();
        render();
      });
    }

    function csv() {
      var shown = table(), lines = [["姓名", "文件"].concat(shown.columns.slice(1))];
      shown.rows.forEach(function (row) {
        lines.push([row.cells[0].text, row.person.file].concat(row.cells.slice(1).map(function (c) { return c.text; })));
      });
      var text = "\ufeff" + lines.map(function (line) { return line.map(csvCell).join(","); }).join("\r\n") + "\r\n";
      hb.download(text, "text/csv;charset=utf-8", "培训班进度-" + hb.safeName(shown.track.title) + "-" + today() + ".csv");
    }

    function printRecord() {
      root.querySelector("[data-hb-record-track]").textContent = track().title;
      root.querySelector("[data-hb-record-count]").textContent = people.length;
      root.querySelector("[data-hb-record-date]").textContent = today();
      /* Landscape only for this record (an @page rule cannot be limited to a class): a sheet added
         for this print and removed after it. */
      var sheet = document.createElement("link");
      sheet.rel = "stylesheet";
      sheet.href = root.querySelector("link[rel=stylesheet]").href.replace(/hb-cohort\.css/, "hb-cohort-landscape.css");
      var done = function () {
        document.body.classList.remove("hb-printing-cohort");
        sheet.remove();
        window.removeEventListener("afterprint", done);
      };
      sheet.onload = function () {
        document.body.classList.add("hb-printing-cohort");
        window.addEventListener("afterprint", done);
        window.print();
      };
      document.head.appendChild(sheet);
    }

    select.addEventListener("change", function () { sortBy = 0; ascending = true; render(); });
    root.addEventListener("click", function (event) {
      var sort = event.target.closest("[data-hb-sort]"), action = event.target.closest("[data-hb-action]");
      if (sort) {
        var column = +sort.dataset.hbSort;
        ascending = column === sortBy ? !ascending : true;
        sortBy = column;
        render();
      }
      if (!action) return;
      if (action.dataset.hbAction === "csv") csv();
      if (action.dataset.hbAction === "print") printRecord();
      if (action.dataset.hbAction === "clear") { people = []; notes = []; say(); render(); }
    });
    return { open: readAll };
  };

  hb.cohortCsvCell = csvCell;
})(window.hb);
