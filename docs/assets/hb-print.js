/* Print one widget (its 打印 button): hide everything that is not on its path to <body>, print,
   restore. Loaded by handbook.js on the first print. */
(function (hb) {
  "use strict";
  var $$ = hb.$$;

  hb.printWidget = function (el) {
    var hidden = [];
    for (var node = el; node && node !== document.body; node = node.parentElement) {
      $$(node.parentElement, ":scope > *").forEach(function (sibling) {
        if (sibling !== node && !sibling.classList.contains("hb-print-hide")) {
          sibling.classList.add("hb-print-hide");
          hidden.push(sibling);
        }
      });
    }
    var restore = function () {
      hidden.forEach(function (n) { n.classList.remove("hb-print-hide"); });
      window.removeEventListener("afterprint", restore);
    };
    window.addEventListener("afterprint", restore);
    window.print();
  };
})(window.hb);
