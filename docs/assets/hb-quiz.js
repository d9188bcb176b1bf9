/* Quizzes: checking, scoring, best score saved, retry, exam mode with a countdown, print, unfinished
   answers kept (hb-quiz-keep.js). Explanations, verdicts, option notes and review links are in the
   page already (escaped by the template): this file only shows or hides them and sets text.
   Loaded by handbook.js on pages that show it. */
(function (hb) {
  "use strict";
  var store = hb.store, $$ = hb.$$, today = hb.today, show = hb.show, printOnly = hb.printOnly;

  function normalise(text) {
    return String(text).normalize("NFKC").trim().replace(/\s+/g, " ").toLowerCase();
  }
  function shuffle(list) {
    for (var i = list.length - 1; i > 0; i--) {
      var j = Math.floor(Math.random() * (i + 1)), t = list[i]; list[i] = list[j]; list[j] = t;
    }
    return list;
  }

  function quiz(root) {
    var info = hb.data(root);
    if (!info) return;
    var key = "quiz." + info.id, exam = info.mode === "exam", set = info.questions.map(function (q) { return q.id; }).join();
    var form = root.querySelector("form"), result = root.querySelector("[data-hb-result]");
    var confirmBox = root.querySelector("[data-hb-confirm]");
    var submitButton = form.querySelector("[type=submit]");
    var fieldsets = $$(root, "fieldset[data-hb-question]"), stop = null, finished = false;
    var draftKey = "draft.quiz." + info.id, deadline = 0, start = root.querySelector(".hb-quiz__start");
    var byId = {};
    info.questions.forEach(function (q) { byId[q.id] = q; });
    /* The explanation and review link live in the no-script answer block; move them into the feedback. */
    fieldsets.forEach(function (fs) {
      var explain = fs.querySelector("[data-hb-explain]");
      if (explain) fs.querySelector("[data-hb-feedback]").appendChild(explain);
    });

    /* Fills the template's blanks (<span data-hb-v="name">) of a line with text, and shows it. */
    function fill(el, values) {
      $$(el, "[data-hb-v]").forEach(function (blank) { blank.textContent = values[blank.dataset.hbV]; });
      show(el, true);
    }

    function bestLine() {
      var saved = store.get(key);
      if (saved && typeof saved.best === "number" && saved.set === set) {
        /* changed: a note when the quiz changed after the last attempt (its text is in the data) */
        fill(root.querySelector("[data-hb-best]"), { best: saved.best, passed: saved.passed ? "已及格" : "未及格", lastDate: saved.lastDate, last: saved.last,
          changed: saved.lastDate < info.changed ? info.changedText : "" });
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

    /* The values of the right options ("0", "2" or "true"); none for fill-in and order questions. */
    function rightValues(q) {
      if (q.type === "true_false") return [String(q.answer)];
      return (q.correct || []).map(String);
    }

    function answered(fs) {
      var q = byId[fs.dataset.hbQuestion];
      if (q.type === "fill") return fs.querySelector("input[type=text]").value.trim() !== "";
      if (q.type === "order") return fs.dataset.hbMoved === "1";
      return !!fs.querySelector("input:checked");
    }

    function isRight(fs) {
      var q = byId[fs.dataset.hbQuestion];
      if (q.type === "fill") {
        var given = normalise(fs.querySelector("input[type=text]").value);
        return given !== "" && q.answers.some(function (a) { return normalise(a) === given; });
      }
      if (q.type === "order") return $$(fs, ".hb-order li").every(function (li, i) { return +li.dataset.hbKey === i; });
      var chosen = $$(fs, "input:checked").map(function (i) { return i.value; }).sort();
      return chosen.join() === rightValues(q).sort().join();
    }

    /* Shows the template's mark on every right option and on each wrong one the reader picked. */
    function markOptions(fs, on) {
      $$(fs, ".hb-option").forEach(function (option) {
        var mark = option.querySelector("[data-hb-mark]");
        mark.hidden = !(on && (mark.dataset.hbMark === "right" || option.querySelector("input").checked));
      });
    }

    /* Shows the template's verdict for "right", "wrong" or "open" (unanswered: never counted or styled as wrong). */
    function feedback(fs) {
      var state = !answered(fs) ? "open" : isRight(fs) ? "right" : "wrong", box = fs.querySelector("[data-hb-feedback]");
      box.className = "hb-feedback hb-feedback--" + state;
      $$(box, "[data-hb-when]").forEach(function (el) { el.hidden = el.dataset.hbWhen !== state; });
      $$(box, "[data-hb-note]").forEach(function (note) {
        var input = fs.querySelector("input[value='" + note.dataset.hbNote + "']");
        note.hidden = !(input && input.checked);
      });
      markOptions(fs, true);
      show(box, true);
      return state;
    }

    function clearFeedback(fs) {
      show(fs.querySelector("[data-hb-feedback]"), false);
      markOptions(fs, false);
    }

    /* Checking one question or moving an order item changes the page silently: say what happened. */
    function announce(text) {
      var region = root.querySelector("[data-hb-announce]");
      region.textContent = "";
      setTimeout(function () { region.textContent = text; }, 50);  /* a repeated message is read again */
    }

    function verdict(fs) {
      feedback(fs);
      return "第 " + (fieldsets.indexOf(fs) + 1) + " 题：" + fs.querySelector("[data-hb-when]:not([hidden])").textContent.replace(/^[✔✘] /, "");
    }

    /* Ask before scoring a quiz with unanswered questions: inline, with two buttons. */
    function trySubmit() {
      var open = fieldsets.filter(function (fs) { return !answered(fs); });
      if (!open.length) return submit();
      fill(confirmBox, { count: open.length, which: open.map(function (fs) { return fieldsets.indexOf(fs) + 1; }).join("、") });
      confirmBox.querySelector("button").focus();
    }

    function results(on) { $$(result, "p").forEach(function (el) { show(el, on && !el.hasAttribute("data-hb-timeout")); }); }

    function submit() {
      if (finished) return;
      finished = true;
      show(confirmBox, false);
      stop && stop();
      store.remove(draftKey);  /* scored: nothing unfinished is left to keep */
      /* Per question, right (1) or not (0) in this attempt: the cohort view's item analysis reads it. */
      var count = { right: 0, wrong: 0, open: 0 }, perQuestion = {};
      fieldsets.forEach(function (fs) { var state = feedback(fs); count[state]++; perQuestion[fs.dataset.hbQuestion] = state === "right" ? 1 : 0; });
      var score = Math.round(count.right * 100 / fieldsets.length), passed = score >= info.pass;
      var saved = store.get(key) || {};
      if (saved.set !== set) saved = {};  /* a score for other questions does not count */
      var best = typeof saved.best === "number" ? Math.max(saved.best, score) : score;
      store.set(key, { v: 2, set: set, best: best, passed: passed || !!saved.passed, last: score, lastDate: today(), bestDate: best === score ? today() : saved.bestDate, results: perQuestion });
      var line = root.querySelector("[data-hb-score]");
      line.className = "hb-quiz__score " + (passed ? "hb-pass" : "hb-fail");
      fill(line, { mark: passed ? "✔" : "✘", score: score, right: count.right, wrong: count.wrong, open: count.open, passed: passed ? "已及格" : "未及格，及格线 " + info.pass + "%" });
      results(true);
      $$(form, "input, .hb-order button").forEach(function (el) { el.disabled = true; });
      $$(root, ".hb-question__actions").forEach(function (el) { show(el, false); });
      show(submitButton, false);
      show(root.querySelector("[data-hb-timer]"), false);
      bestLine();
    }

    function reset() {
      finished = false;
      deadline = 0;
      store.remove(draftKey);
      form.reset();
      $$(form, "input, button").forEach(function (el) { el.disabled = false; });
      fieldsets.forEach(function (fs) { clearFeedback(fs); delete fs.dataset.hbMoved; });
      $$(root, ".hb-question__actions").forEach(function (el) { show(el, true); });
      show(submitButton, true);
      show(confirmBox, false);
      results(false);
      arrange();
    }

    /* Unfinished answers (and an exam's deadline) are kept by hb-quiz-keep.js, loaded on the first
       answer, or on arrival when some were kept; submitting or 重做 removes them. */
    function keep(then) { hb.load("hb-quiz-keep.js", function () { then(hb.quizKeep); }); }
    function save() {
      keep(function (k) { if (!finished) k.save(draftKey, info.rev, deadline, fieldsets, answered); });
    }

    /* The countdown is in hb-exam.js, loaded when the exam starts: practice quizzes never need it.
       `end` is the kept deadline of an exam already under way (the time runs on while the reader is away). */
    function startExam(end) {
      hb.load("hb-exam.js", function () {
        show(start, false);
        show(form, true);
        deadline = end || Date.now() + info.minutes * 60000;
        if (!end) save();
        stop = hb.countdown(root, deadline, function () { submit(); show(root.querySelector("[data-hb-timeout]"), true); });
        var first = form.querySelector("input, button");
        end || first && first.focus();
      });
    }

    form.addEventListener("submit", function (event) { event.preventDefault(); trySubmit(); });
    /* A changed answer makes the shown marks stale: hide them until it is checked again. */
    form.addEventListener("change", function (event) {
      var fs = event.target.closest("fieldset");
      if (fs && !finished) clearFeedback(fs);
    });
    form.addEventListener("input", save);  /* every tick, choice and typed character, not only on blur */
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
        var li = target.closest("li"), list = li.parentElement, fs = li.closest("fieldset");
        var other = target.dataset.hbMove === "-1" ? li.previousElementSibling : li.nextElementSibling;
        if (other) list.insertBefore(li, target.dataset.hbMove === "-1" ? other : other.nextElementSibling);
        fs.dataset.hbMoved = "1";
        clearFeedback(fs);
        save();
        target.focus();
        var items = Array.prototype.slice.call(list.children);
        announce((other ? "" : "已经是" + (target.dataset.hbMove === "-1" ? "第一项" : "最后一项") + "。") +
          li.querySelector(".hb-order__text").textContent.replace("（　）", "") + "：第 " + (items.indexOf(li) + 1) + " 项，共 " + items.length + " 项");
        return;
      }
      var action = target.dataset.hbAction;
      if (action === "check") announce(verdict(target.closest("fieldset")));
      if (action === "submit-anyway") submit();
      if (action === "keep-going") {
        show(confirmBox, false);
        var first = fieldsets.filter(function (fs) { return !answered(fs); })[0];
        first && first.querySelector("input, button").focus();
      }
      if (action === "retry") { stop && stop(); reset(); if (exam) { show(form, false); show(start, true); } }
      if (action === "print") printOnly(root);
      if (action === "start") startExam(0);
    });

    root.classList.add("hb-js");
    $$(root, ".hb-question__actions, .hb-quiz__actions, .hb-order__buttons").forEach(function (el) { show(el, true); });
    if (exam) { show(form, false); show(start, true); }
    arrange();
    bestLine();
    var kept = store.get(draftKey);
    if (kept && kept.rev !== info.rev) store.remove(draftKey);  /* kept for questions that changed since: dropped */
    else if (kept) keep(function (k) { k.restore(kept.a, fieldsets); if (exam && kept.end) startExam(kept.end); });
  }

  hb.define("quiz", quiz);
})(window.hb);
