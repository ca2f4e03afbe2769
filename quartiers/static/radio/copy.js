/* Podcast address: a "Copier l'adresse" button (the field stays selectable without it). */
(function () {
  "use strict";
  document.querySelectorAll(".copy-field").forEach(function (field) {
    var input = field.querySelector("[data-copy-source]");
    var button = field.querySelector("[data-copy-button]");
    var status = field.querySelector("[data-copy-status]");
    if (!input || !button || button.dataset.ready) return;
    button.dataset.ready = "1";
    input.addEventListener("focus", function () { input.select(); });
    if (!navigator.clipboard) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(input.value).then(function () {
        status.textContent = button.dataset.msgCopied || "";
      }, function () {
        input.select();
        status.textContent = button.dataset.msgFailed || "";
      });
    });
  });
})();
