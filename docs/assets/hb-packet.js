/* A track's packet (print/packet-<track>/): one button prints every checklist of the page, each
   on its own sheet (handbook.css). Loaded by handbook.js on packet pages only. */
(function (hb) {
  "use strict";

  function packet(root) {
    root.querySelector("[data-hb-action=print-packet]").addEventListener("click", function () {
      /* the whole page, even if printing one checklist left the others hidden (no afterprint event) */
      hb.$$(document, ".hb-print-hide").forEach(function (el) { el.classList.remove("hb-print-hide"); });
      window.print();
    });
    hb.show(root.querySelector(".hb-widget__actions"), true);
  }

  hb.define("packet", packet);
})(window.hb);
