/* Handbook widgets, core: storage, printing, start-up. Plain HTML works without any script.
   Each widget's code lives in its own file (hb-checklist.js, hb-agenda.js, hb-quiz.js,
   hb-progress.js), loaded only on pages that show that widget: a page downloads what it uses.
   No framework, no build step. */
(function () {
  "use strict";

  /* ---- storage: keys scoped to the site; any storage failure leaves the page working ---- */
  var scope = (window.__md_scope ? window.__md_scope.pathname : "/") + "hb.";
  var store = {
    get: function (key) {
      try {
        var value = JSON.parse(localStorage.getItem(scope + key));
        return value && typeof value === "object" ? value : null;
      } catch (e) { return null; }
    },
    set: function (key, value) {
      try { localStorage.setItem(scope + key, JSON.stringify(value)); return true; } catch (e) { return false; /* full or blocked */ }
    },
    remove: function (key) {
      try { localStorage.removeItem(scope + key); } catch (e) { /* blocked */ }
    },
    keys: function () {  /* every key this handbook saved, without the scope */
      var found = [];
      try {
        for (var i = 0; i < localStorage.length; i++) {
          var key = localStorage.key(i);
          if (key && key.indexOf(scope) === 0) found.push(key.slice(scope.length));
        }
      } catch (e) { /* blocked: nothing saved */ }
      return found;
    }
  };

  function $$(root, selector) { return Array.prototype.slice.call(root.querySelectorAll(selector)); }
  function today() { return isoDate(new Date()); }
  function isoDate(d) {
    return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate());
  }
  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function show(el, on) { if (el) el.hidden = !on; }
  function data(root) {
    try { return JSON.parse(root.querySelector("script.hb-data").textContent); } catch (e) { return null; }
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

  function shuffle(list) {
    for (var i = list.length - 1; i > 0; i--) {
      var j = Math.floor(Math.random() * (i + 1)), t = list[i]; list[i] = list[j]; list[j] = t;
    }
    return list;
  }

  function escapeHtml(text) {
    return String(text).replace(/[&<>"]/g, function (c) { return { "&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;" }[c]; });
  }

  /* ---- start-up: once per widget, also after Material's instant navigation ---- */
  var FILES = { checklist: "hb-checklist.js", agenda: "hb-agenda.js", quiz: "hb-quiz.js", track: "hb-progress.js", dashboard: "hb-progress.js" };
  FILES.staffing = "hb-staffing.js";  /* until start-up loads the file named in data-hb-module */
  var base = document.currentScript ? document.currentScript.src.replace(/[^\/]*$/, "") : "";
  var widgets = {}, requested = {};

  function load(name) {
    var file = FILES[name];
    if (!file || requested[file]) return;
    requested[file] = true;
    var script = document.createElement("script");
    script.src = base + file;
    document.head.appendChild(script);
  }

  function init() {
    $$(document, "[data-hb-widget]:not([data-hb-ready])").forEach(function (root) {
      var setup = widgets[root.dataset.hbWidget];
      if (!setup) { load(root.dataset.hbWidget); return; }
      root.setAttribute("data-hb-ready", "");
      try { setup(root); } catch (e) { setTimeout(function () { throw e; }); }  /* report it, but let the other widgets start */
    });
  }

  /* Widget files call hb.define(name, setup); the helpers are shared so each file stays small. */
  window.hb = {
    store: store, $$: $$, today: today, isoDate: isoDate, pad: pad, show: show, data: data,
    printOnly: printOnly, shuffle: shuffle, escapeHtml: escapeHtml,
    define: function (name, setup) { widgets[name] = setup; init(); }
  };
  window.hbStore = store;
  window.hbWidgets = widgets;
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(init);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
