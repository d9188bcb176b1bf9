/* Quizzes: checking, scoring, best score saved, retry, exam mode with a countdown, print. Loaded by handbook.js on pages that show it. */
(function (hb) {
  "use strict";
  var store = hb.store, $$ = hb.$$, today = hb.today, pad = hb.pad, show = hb.show, data = hb.data, printOnly = hb.printOnly, shuffle = hb.shuffle, escapeHtml = hb.escapeHtml;

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

    /* Checking one question or moving an order item changes the page silently: say what happened. */
    function announce(text) {
      var region = root.querySelector("[data-hb-announce]");
      region.textContent = "";
      setTimeout(function () { region.textContent = text; }, 50);  /* a repeated message is read again */
    }

    function verdict(fs) {
      var ok = feedback(fs), q = byId[fs.dataset.hbQuestion];
      return "第 " + (fieldsets.indexOf(fs) + 1) + " 题：" + (ok ? "回答正确" : "回答错误。正确答案：" + q.answer_text);
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
      if (!exam) announce(verdict(event.target.closest("fieldset")));
    });
    root.addEventListener("click", function (event) {
      var target = event.target.closest("[data-hb-action], [data-hb-move]");
      if (!target) return;
      if (target.dataset.hbMove) {
        var li = target.closest("li"), list = li.parentElement;
        var other = target.dataset.hbMove === "-1" ? li.previousElementSibling : li.nextElementSibling;
        if (other) list.insertBefore(li, target.dataset.hbMove === "-1" ? other : other.nextElementSibling);
        target.focus();
        var items = Array.prototype.slice.call(list.children);
        announce((other ? "" : "已经是" + (target.dataset.hbMove === "-1" ? "第一项" : "最后一项") + "。") +
          li.querySelector(".hb-order__text").textContent.replace("（　）", "") + "：第 " + (items.indexOf(li) + 1) + " 项，共 " + items.length + " 项");
        return;
      }
      var action = target.dataset.hbAction;
      if (action === "check") announce(verdict(target.closest("fieldset")));
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

  hb.define("quiz", quiz);
})(window.hb);
