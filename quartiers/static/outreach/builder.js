/* Widget builder: a "Copier" button next to each code box (the boxes stay
   selectable by hand without JavaScript). */
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var boxes = document.querySelectorAll("textarea[data-copy]");
    Array.prototype.forEach.call(boxes, function (box) {
      var button = document.createElement("button");
      var status = document.createElement("span");
      button.type = "button";
      button.className = "button button--secondary outreach-copy";
      button.textContent = box.getAttribute("data-copy");
      status.setAttribute("role", "status");
      status.className = "outreach-copied";
      button.addEventListener("click", function () {
        box.select();
        var done = function () {
          status.textContent = box.getAttribute("data-copied");
        };
        if (navigator.clipboard && navigator.clipboard.writeText) {
          navigator.clipboard.writeText(box.value).then(done, function () {
            document.execCommand("copy");
            done();
          });
        } else {
          document.execCommand("copy");
          done();
        }
      });
      box.parentNode.insertBefore(button, box.nextSibling);
      box.parentNode.insertBefore(status, button.nextSibling);
    });
    var result = document.getElementById("apercu");
    if (result && window.location.hash === "#apercu") result.focus();
  });
})();
