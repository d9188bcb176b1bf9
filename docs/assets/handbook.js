/* Handbook widgets, core: storage, printing, start-up. Plain HTML works without any script.
   Each widget root names its own file (data-hb-module="hb-quiz.js") and carries its data in a
   data-hb-json attribute: the theme's instant navigation re-runs <script> blocks, never attributes.
   No framework, no build step. */
(function () {
  "use strict";

  /* ---- storage: keys scoped to the site; a browser that cannot save keeps the page working ---- */
  var scope = (window.__md_scope ? window.__md_scope.pathname : "/") + "hb.";
  var failed = false;
  function local() { return window.localStorage; }  /* the getter itself throws when storage is blocked */
  var store = {
    get: function (key) {
      try {
        var value = JSON.parse(local().getItem(scope + key));
        return value && typeof value === "object" ? value : null;
      } catch (e) { return null; }
    },
    set: function (key, value) {
      try { local().setItem(scope + key, JSON.stringify(value)); return true; } catch (e) { warn(); return false; /* full or blocked */ }
    },
    remove: function (key) {
      try { local().removeItem(scope + key); } catch (e) { /* blocked */ }
    },
    keys: function () {  /* every key this handbook saved, without the scope */
      var found = [];
      try {
        for (var i = 0; i < local().length; i++) {
          var key = local().key(i);
          if (key && key.indexOf(scope) === 0) found.push(key.slice(scope.length));
        }
      } catch (e) { /* blocked: nothing saved */ }
      return found;
    }
  };

  /* Tell the reader, once per page, that nothing they do here is kept (the note is in
     hb-no-storage.js: only a browser that cannot save downloads it). */
  function warn() {
    failed = true;
    if (document.querySelector("[data-hb-widget]")) load("hb-no-storage.js", function () { window.hb.noStorage(); });
  }
  function probe() {
    try { local().setItem(scope + "probe", "1"); local().removeItem(scope + "probe"); } catch (e) { warn(); }
  }

  function $$(root, selector) { return Array.prototype.slice.call(root.querySelectorAll(selector)); }
  function today() { return isoDate(new Date()); }
  function isoDate(d) {
    return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate());
  }
  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function show(el, on) { if (el) el.hidden = !on; }
  function data(root) {
    try { return JSON.parse(root.getAttribute("data-hb-json")); } catch (e) { return null; }
  }

  /* Print one widget: hide everything that is not on its path to <body>, print, restore. */
  function printOnly(el) {
    var hidden = [];
    for (var node = el; node && node !== document.body; node = node.parentElement) {
      $$(node.parentElement, ":scope > *").forEach(function (sibling) {
        if (sibling !== node && !sibling.classList.contains("hb-print-hide")) {
          sibling.classList.add("hb-print-hide");
          hidden.push(sibling);
        }
      });
    }
    document.body.classList.add("hb-printing");
    var restore = function () {
      hidden.forEach(function (n) { n.classList.remove("hb-print-hide"); });
      document.body.classList.remove("hb-printing");
      window.removeEventListener("afterprint", restore);
    };
    window.addEventListener("afterprint", restore);
    window.print();
  }

  /* ---- start-up: once per widget root, on every arrival (full load, instant navigation, history) ---- */
  var base = document.currentScript ? document.currentScript.src.replace(/[^\/]*$/, "") : "";
  var widgets = {}, requested = {};

  /* Load one of our own files once; `done` runs when it is there (at once if it already is). */
  function load(file, done, failed) {
    if (!/^hb-[a-z-]+\.js$/.test(file || "")) return;
    var script = requested[file];
    if (script && script.hbLoaded) return done && done();
    if (!script) {
      script = requested[file] = document.createElement("script");
      script.src = base + file;
      script.addEventListener("load", function () { script.hbLoaded = true; });
      document.head.appendChild(script);
    }
    if (done) script.addEventListener("load", function () { done(); });
    if (failed) script.addEventListener("error", failed);
  }

  function init() {
    var roots = $$(document, "[data-hb-widget]:not([data-hb-ready])");
    if (roots.length && !failed) probe();
    else if (roots.length) warn();
    roots.forEach(function (root) {
      var setup = widgets[root.dataset.hbWidget];
      if (!setup) { load(root.dataset.hbModule); return; }
      root.setAttribute("data-hb-ready", "");  /* before setup: a second init never attaches twice */
      try { setup(root); } catch (e) { setTimeout(function () { throw e; }); }  /* report it, but let the other widgets start */
    });
  }

  /* Widget files call hb.define(name, setup); the helpers are shared so each file stays small. */
  window.hb = {
    store: store, $$: $$, today: today, isoDate: isoDate, pad: pad, show: show, data: data, printOnly: printOnly, load: load,
    define: function (name, setup) { widgets[name] = setup; init(); }
  };
  window.hbWidgets = widgets;
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(init);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
