/* 全班进度汇总 (trainers), start-up: shows the controls and takes the files, dropped or picked.
   Everything else (reading, table, CSV, print) is in hb-cohort-view.js, which loads with the first
   files, as do the import checks it shares with 我的进度 (hb-import.js, which needs hb-progress.js). */
(function (hb) {
  "use strict";

  function cohort(root) {
    var view = null;
    function open(list) {
      var files = Array.prototype.slice.call(list || []);
      if (!files.length) return;
      hb.load("hb-progress.js", function () {
        hb.load("hb-import.js", function () {
          hb.load("hb-cohort-view.js", function () {
            view = view || hb.cohortView(root);
            view.open(files);
          });
        });
      });
    }
    root.querySelector("[data-hb-files]").addEventListener("change", function (event) {
      open(event.target.files);
      event.target.value = "";
    });
    var drop = root.querySelector("[data-hb-drop]");
    drop.addEventListener("dragover", function (event) { event.preventDefault(); drop.classList.add("hb-cohort__drop--over"); });
    drop.addEventListener("dragleave", function () { drop.classList.remove("hb-cohort__drop--over"); });
    drop.addEventListener("drop", function (event) {
      event.preventDefault();
      drop.classList.remove("hb-cohort__drop--over");
      open(event.dataTransfer && event.dataTransfer.files);
    });
    root.querySelector("[data-hb-controls]").hidden = false;
    root.querySelector(".hb-nojs-note").hidden = true;
  }

  hb.define("cohort", cohort);
})(window.hb);
