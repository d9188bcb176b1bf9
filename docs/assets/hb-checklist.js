/* Checklists: ticks saved per item id, progress, reset, print. Loaded by handbook.js on pages that show it. */
(function (hb) {
  "use strict";
  var store = hb.store, $$ = hb.$$, today = hb.today, show = hb.show, printOnly = hb.printOnly;

  /* ---- checklist ---- */
  function checklist(root) {
    var key = "checklist." + root.dataset.hbId;
    var saved = store.get(key);
    var done = saved && saved.done && typeof saved.done === "object" ? saved.done : {};
    var boxes = $$(root, "input[type=checkbox]"), note = root.querySelector("[data-hb-changed]");
    /* changed since the reader last ticked (the newest saved date): a quiet note */
    if (note) show(note, Object.keys(done).map(function (id) { return done[id]; }).sort().pop() < note.dataset.hbChanged);
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
        var kept = {};  /* only the current items: ids of deleted items are not saved again */
        boxes.forEach(function (b) { if (done[b.name]) kept[b.name] = done[b.name]; });
        store.set(key, { v: 1, done: done = kept });
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

  hb.define("checklist", checklist);
})(window.hb);
