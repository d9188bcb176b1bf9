/* A quiz's unfinished answers, kept in the browser so a reload, a click away and back or a closed
   tab loses nothing. Loaded by hb-quiz.js on the first answer, or on arrival when some were kept.
   Kept per quiz with its answers revision (render.answers_revision): answers to a question set
   that changed since are dropped by hb-quiz.js, never put on other questions. */
(function (hb) {
  "use strict";
  var $$ = hb.$$;

  /* {question id: answer} for the answered questions: checked values, typed text or order keys. */
  function answers(fieldsets, answered) {
    var given = {};
    fieldsets.forEach(function (fs) {
      if (!answered(fs)) return;
      var text = fs.querySelector("input[type=text]");
      given[fs.dataset.hbQuestion] = text ? text.value
        : fs.dataset.hbType === "order" ? $$(fs, ".hb-order li").map(function (li) { return li.dataset.hbKey; })
        : $$(fs, "input:checked").map(function (input) { return input.value; });
    });
    return given;
  }

  /* Puts kept answers back. A value of the wrong shape (edited by hand, or from an older version
     of this file) is skipped: only options and items the question has are touched. */
  function restore(given, fieldsets) {
    if (!given || typeof given !== "object") return;
    fieldsets.forEach(function (fs) {
      var value = given[fs.dataset.hbQuestion], text = fs.querySelector("input[type=text]");
      if (text) { if (typeof value === "string") text.value = value; return; }
      if (!Array.isArray(value)) return;
      if (fs.dataset.hbType === "order") {
        var list = fs.querySelector(".hb-order"), items = value.map(function (k) { return list.querySelector("li[data-hb-key='" + Number(k) + "']"); });
        if (items.length !== list.children.length || items.some(function (li, i) { return !li || items.indexOf(li) !== i; })) return;
        items.forEach(function (li) { list.appendChild(li); });
        fs.dataset.hbMoved = "1";
        return;
      }
      $$(fs, "input").forEach(function (input) { input.checked = value.indexOf(input.value) >= 0; });
    });
  }

  hb.quizKeep = {
    restore: restore,
    /* `end`: an exam's deadline (ms since 1970), 0 for a practice quiz. An untouched quiz keeps nothing. */
    save: function (key, rev, end, fieldsets, answered) {
      var given = answers(fieldsets, answered);
      if (end || Object.keys(given).length) hb.store.set(key, { v: 1, rev: rev, end: end, a: given });
      else hb.store.remove(key);
    }
  };
})(window.hb);
