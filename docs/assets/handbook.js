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

  /* ---- start-up: once per widget root, on every arrival (full load, instant navigation, history) ---- */
  var base = document.currentScript ? document.currentScript.src.replace(/[^\/]*$/, "") : "";
  var widgets = {}, requested = {};

  /* Load one of our own files once; `done` runs when it is there (at once if it already is). */
  function load(file, done) {
    if (!/^hb-[a-z-]+\.js$/.test(file || "")) return;
    var script = requested[file];
    if (!script) {
      script = requested[file] = document.createElement("script");
      script.src = base + file;
      script.onload = function () { script.hbLoaded = true; };
      document.head.appendChild(script);
    }
    if (done) script.hbLoaded ? done() : script.addEventListener("load", done);
  }

  function init() {
    var roots = $$(document, "[data-hb-widget]:not([data-hb-ready])");
    if (roots.length) failed ? warn() : store.set("probe", 1) && store.remove("probe");  /* can this browser save at all? */
    roots.forEach(function (root) {
      var setup = widgets[root.dataset.hbWidget];
      if (!setup) { load(root.dataset.hbModule); return; }
      root.setAttribute("data-hb-ready", "");  /* before setup: a second init never attaches twice */
      try { setup(root); } catch (e) { setTimeout(function () { throw e; }); }  /* report it, but let the other widgets start */
    });
  }

  /* Widget files call hb.define(name, setup); the helpers are shared so each file stays small. */
  window.hb = {
    store: store, $$: $$, today: today, isoDate: isoDate, pad: pad, show: show, data: data, load: load,
    /* Printing one widget is in hb-print.js, fetched on the first click of a 打印 button. */
    printOnly: function (el) { load("hb-print.js", function () { window.hb.printWidget(el); }); },
    define: function (name, setup) { widgets[name] = setup; init(); }
  };
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(init);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
