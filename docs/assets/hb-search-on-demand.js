/* Search on demand: loads hb-search.js (the search and its index) only when a reader shows an
   intent to search: focus in or a pointer over the search box or icon (a touch fires pointerover
   too), the shortcuts "/" and "s", opening the search dialog, or a search link ?q=…. Most visits
   never search, so no page downloads any of it before. Every byte here is on every page. */
(function () {
  var script;

  function load() {
    if (script) return;
    script = document.createElement("script");
    script.src = document.querySelector("script[src*='hb-search-on-demand']").src.replace("-on-demand", "");
    document.head.append(script);
  }

  function open() {
    var toggle = document.getElementById("__search"), input = document.querySelector("[data-hb-search-input]");
    if (!toggle || !input) return;
    toggle.checked = true;
    input.focus();
    input.select();
    load();
  }

  ["focusin", "pointerover"].forEach(function (type) {
    document.addEventListener(type, function (event) {
      var target = event.target;
      if (target.closest && target.closest("[data-hb-search],[for=__search]")) load();
    }, true);
  });
  document.addEventListener("change", function (event) {
    if (event.target.id === "__search" && event.target.checked) open();
  });
  document.addEventListener("keydown", function (event) {
    var target = event.target;
    if (event.ctrlKey || event.metaKey || event.altKey || event.isComposing) return;
    if (target.closest && target.closest("input, textarea, select, [contenteditable]")) return;
    if (event.key === "/" || event.key === "s") {
      event.preventDefault();
      open();
    }
  });
  if (/[?&]q=/.test(location.search)) {
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", load);
    else load();
  }
})();
