/* The note for a browser that cannot save (blocked, private mode or full): loaded by handbook.js
   the first time saving fails, shown once per page at the top of the first widget. */
(function (hb) {
  "use strict";
  hb.noStorage = function () {
    var root = document.querySelector("[data-hb-widget]");
    if (!root || document.querySelector(".hb-storage-note")) return;
    var note = document.createElement("p");
    note.className = "hb-storage-note hb-feedback hb-feedback--wrong";  /* hb-feedback: styled as a warning, left out of print */
    note.setAttribute("role", "status");
    note.textContent = "注意：这个浏览器不能保存你的进度（可能是无痕模式，或存储已满、被禁用），刷新或离开本页后就没有了。" +
      "要留下记录，请现在打印本页；或换用普通窗口、其他浏览器打开本手册。";
    root.insertBefore(note, root.children[1] || null);
  };
})(window.hb);
