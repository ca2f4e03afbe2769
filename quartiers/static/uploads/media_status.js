/* Follows the conversion of a sound or a video without reloading the page.
   Without JavaScript the "Actualiser" link does the same. */
(function () {
  "use strict";
  if (window.quartiersMediaStatus) { return; }
  window.quartiersMediaStatus = true;

  var WAITING = { pending: true, processing: true };

  function later(box, tries) {
    // Every 3 s at first, then more calmly for long conversions.
    var delay = tries < 40 ? 3000 : 10000;
    window.setTimeout(function () { poll(box, tries + 1); }, delay);
  }

  function hideRefresh(box) {
    var links = box.querySelectorAll("[data-media-status-refresh]");
    for (var i = 0; i < links.length; i++) { links[i].hidden = true; }
  }

  function update(box, data) {
    var body = box.querySelector("[data-media-status-body]");
    var live = box.querySelector("[data-media-status-live]");
    if (data.status !== box.getAttribute("data-media-state")) {
      box.setAttribute("data-media-state", data.status);
      box.className = "media-status media-status--" + data.status;
      body.innerHTML = data.html;
      if (live) {
        live.textContent = data.label + (data.failure_reason ? " : " + data.failure_reason : "");
      }
    } else {
      var bar = box.querySelector("[data-media-status-bar]");
      var percent = box.querySelector("[data-media-status-percent]");
      if (bar) { bar.value = data.progress; bar.textContent = data.progress + " %"; }
      if (percent) { percent.textContent = data.progress + " %"; }
    }
    box.setAttribute("data-media-progress", data.progress);
    hideRefresh(box);
  }

  function poll(box, tries) {
    var url = box.getAttribute("data-media-status");
    var page = window.location.pathname + window.location.search;
    window.fetch(url + "?page=" + encodeURIComponent(page), {
      credentials: "same-origin",
      headers: { Accept: "application/json" }
    }).then(function (response) {
      if (!response.ok) { throw new Error(response.status); }
      return response.json();
    }).then(function (data) {
      update(box, data);
      if (WAITING[data.status]) { later(box, tries); }
    }).catch(function () {
      // Offline or not allowed: the "Actualiser" link is still there.
      var links = box.querySelectorAll("[data-media-status-refresh]");
      for (var i = 0; i < links.length; i++) { links[i].hidden = false; }
    });
  }

  function start() {
    if (!window.fetch) { return; }
    var boxes = document.querySelectorAll("[data-media-status]");
    for (var i = 0; i < boxes.length; i++) {
      if (WAITING[boxes[i].getAttribute("data-media-state")]) {
        hideRefresh(boxes[i]);
        later(boxes[i], 0);
      }
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
