/* Chapters: a click plays the episode from that moment (without script the
   link opens the MP3 at that moment, #t=seconds). */
(function () {
  "use strict";
  var audio = document.querySelector("[data-episode-audio]");
  var status = document.querySelector("[data-seek-status]");
  if (!audio) return;
  document.querySelectorAll("[data-seek]").forEach(function (link) {
    link.addEventListener("click", function (event) {
      var seconds = parseFloat(link.dataset.seek);
      if (isNaN(seconds)) return;
      event.preventDefault();
      var go = function () {
        audio.currentTime = seconds;
        var playing = audio.play();
        if (playing && playing.catch) playing.catch(function () {});
      };
      if (audio.readyState > 0) {
        go();
      } else {
        audio.preload = "metadata";
        audio.addEventListener("loadedmetadata", go, { once: true });
        audio.load();
      }
      if (status) status.textContent = (status.dataset.msgSeek || "") + " " + link.textContent.trim();
      audio.focus();
    });
  });
})();
