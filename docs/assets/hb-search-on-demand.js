/* Search index on demand. Material's bundle downloads search/search_index.json (the whole
   handbook's text) as soon as a page starts, although most visits never search; on a slow phone
   connection that download competes with the page itself. This file runs just before the bundle
   and holds that one request back until the reader shows an intent to search: focus in the
   search box (also what the "/" and "s" shortcuts and a tap on the search icon do), or a pointer
   over the search box or icon. Queries typed meanwhile are not lost: Material sends the latest
   one once the index is ready. Everything else goes through untouched. */
(function () {
  "use strict";
  if (!window.XMLHttpRequest || !window.WeakSet) return;
  /* A search link (?q=…) opens search at once: fetch as usual. */
  if (/[?&]q=/.test(location.search)) return;

  var INDEX = /\/search\/search_index\.json$/;
  var SEARCH_AREA = "[for='__search'], .md-search";
  var proto = XMLHttpRequest.prototype;
  var open = proto.open;
  var send = proto.send;
  var indexRequests = new WeakSet();
  var held = [];
  var released = false;

  proto.open = function (method, url) {
    if (INDEX.test(String(url).split(/[?#]/)[0])) indexRequests.add(this);
    return open.apply(this, arguments);
  };
  proto.send = function () {
    if (!released && indexRequests.has(this)) {
      held.push({ request: this, args: arguments });
      return undefined;
    }
    return send.apply(this, arguments);
  };

  function release() {
    if (released) return;
    released = true;
    held.forEach(function (item) {
      /* 1 = OPENED: skip a request the bundle aborted while it waited */
      if (item.request.readyState === 1) send.apply(item.request, item.args);
    });
    held = [];
    document.removeEventListener("focusin", onIntent, true);
    document.removeEventListener("pointerover", onIntent, true);
    document.removeEventListener("pointerdown", onIntent, true);
  }

  function onIntent(event) {
    var target = event.target;
    if (target && target.closest && target.closest(SEARCH_AREA)) release();
  }

  document.addEventListener("focusin", onIntent, true);
  document.addEventListener("pointerover", onIntent, true);
  document.addEventListener("pointerdown", onIntent, true);
})();
