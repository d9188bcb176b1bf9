/* The exam countdown, loaded by hb-quiz.js when an exam starts or resumes. `end` is the deadline
   (ms since 1970), kept with the answers, so time runs on while the reader is away and a deadline
   that passed meanwhile submits on return. While it runs, leaving the page asks first: closing or
   reloading through beforeunload, a link to another page through a confirm (the theme's instant
   navigation is no unload). Going back in history cannot be asked about: the exam resumes on
   return instead. Returns stop(). */
(function (hb) {
  "use strict";
  hb.countdown = function (root, end, timeUp) {
    var clock = root.querySelector("[data-hb-clock]"), interval = setInterval(tick, 1000);
    function stop() {
      clearInterval(interval);
      removeEventListener("beforeunload", ask);
      removeEventListener("click", leave, true);
    }
    function tick() {
      if (!root.isConnected) return stop();  /* left by instant navigation: no late auto-submit */
      var left = Math.max(0, Math.round((end - Date.now()) / 1000));
      clock.textContent = Math.floor(left / 60) + ":" + hb.pad(left % 60);
      if (left === 0) { stop(); timeUp(); }
    }
    function ask(event) {
      if (!root.isConnected) return stop();
      event.preventDefault();
      event.returnValue = "";  /* older browsers need it to ask */
    }
    /* Capture on window: runs before the theme's own click handling, which it can then cancel. */
    function leave(event) {
      var link = root.isConnected ? event.target.closest && event.target.closest("a[href]") : stop();
      if (!link || link.target || link.hasAttribute("download") || event.ctrlKey || event.metaKey || event.shiftKey ||
          link.origin !== location.origin || link.href.split("#")[0] === location.href.split("#")[0]) return;
      if (window.confirm("考试正在计时，离开本页计时不会停。已作答的题会保留，回到本页可以接着答。确定离开吗？")) stop();
      else { event.preventDefault(); event.stopPropagation(); }
    }
    addEventListener("beforeunload", ask);
    addEventListener("click", leave, true);
    hb.show(root.querySelector("[data-hb-timer]"), true);
    tick();
    return stop;
  };
})(window.hb);
