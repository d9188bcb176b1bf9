/* The exam countdown, loaded by hb-quiz.js when an exam starts. Returns the interval id. */
(function (hb) {
  "use strict";
  hb.countdown = function (root, minutes, timeUp) {
    var end = Date.now() + minutes * 60000, clock = root.querySelector("[data-hb-clock]"), timer;
    hb.show(root.querySelector("[data-hb-timer]"), true);
    function tick() {
      if (!root.isConnected) return clearInterval(timer);  /* left by instant navigation: no late auto-submit */
      var left = Math.max(0, Math.round((end - Date.now()) / 1000));
      clock.textContent = Math.floor(left / 60) + ":" + hb.pad(left % 60);
      if (left === 0) { clearInterval(timer); timeUp(); }
    }
    tick();
    timer = setInterval(tick, 1000);
    return timer;
  };
})(window.hb);
