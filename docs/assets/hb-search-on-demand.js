/* Search index on demand. Material's bundle downloads search/search_index.json (the whole
   handbook's text) as soon as a page starts, although most visits never search; on a slow phone
   connection that download competes with the page itself. This file runs just before the bundle
   and holds that one request back until the reader shows an intent to search: focus in the
   search box (also what the "/" and "s" shortcuts, a tap on the search icon and a search link
   ?q=… do), or a pointer over the search box or icon (a touch fires pointerover too). Then it
   loads hb-search-query.js (the Chinese query clean-up, needed only by a search) and lets the
   index request go once that has run (or failed to load). Queries typed meanwhile are not lost:
   Material sends the latest one once the index is ready. Every byte here is on every page. */
(function () {
  var proto = XMLHttpRequest.prototype, open = proto.open, send = proto.send, held = [],
    script = document.createElement("script");

  script.src = document.currentScript.src.replace("on-demand", "query");
  script.onload = script.onerror = function () {
    /* readyState 1 (opened): skip a request the bundle aborted while it waited; the index
       request has no body */
    held.forEach(function (request) { if (request.readyState === 1) send.call(request); });
    held = null;
  };
  proto.open = function (method, url) {
    this.hb = /search_index\.json$/.test(url);
    return open.apply(this, arguments);
  };
  proto.send = function () {
    if (held && this.hb) held.push(this);
    else return send.apply(this, arguments);
  };
  /* Appending the script again later neither reloads nor reruns it */
  ["focusin", "pointerover"].forEach(function (type) {
    document.addEventListener(type, function (event) {
      var target = event.target;
      if (target.closest && target.closest(".md-search,[for=__search]")) document.head.append(script);
    }, true);
  });
})();
