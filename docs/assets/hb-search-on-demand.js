/* Search index on demand. Material's bundle downloads search/search_index.json (the whole
   handbook's text) as soon as a page starts, although most visits never search; on a slow phone
   connection that download competes with the page itself. This file runs just before the bundle
   and holds that one request back until the reader shows an intent to search: focus in the
   search box (also what the "/" and "s" shortcuts and a tap on the search icon do), or a pointer
   over the search box or icon. Queries typed meanwhile are not lost: Material sends the latest
   one once the index is ready. A search link (?q=…) opens search at once, so it fetches as usual. */
(function () {
  "use strict";
  if (/[?&]q=/.test(location.search)) return;
  var proto = XMLHttpRequest.prototype, open = proto.open, send = proto.send, held = [];

  proto.open = function (method, url) {
    this.hbSearchIndex = /\/search\/search_index\.json$/.test(url);
    return open.apply(this, arguments);
  };
  proto.send = function () {
    if (held && this.hbSearchIndex) held.push([this, arguments]);
    else return send.apply(this, arguments);
  };

  function release(event) {
    var target = event.target;
    if (!held || !target.closest || !target.closest("[for=__search], .md-search")) return;
    /* readyState 1 (opened): skip a request the bundle aborted while it waited */
    held.forEach(function (request) { if (request[0].readyState === 1) send.apply(request[0], request[1]); });
    held = null;
  }
  ["focusin", "pointerover", "pointerdown"].forEach(function (type) {
    document.addEventListener(type, release, true);
  });
})();
