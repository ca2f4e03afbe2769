/* Avis de Quartiers: lets a widget's frame take the height of its content.
   Optional; add it once to a page that shows one or more widgets. */
(function () {
  "use strict";
  if (window.avisDeQuartiersResize) return;
  window.avisDeQuartiersResize = true;
  window.addEventListener("message", function (event) {
    var data = event.data;
    if (!data || data.avisDeQuartiers !== "hauteur") return;
    var height = Number(data.hauteur);
    if (!isFinite(height) || height < 40 || height > 10000) return;
    var frames = document.getElementsByTagName("iframe");
    for (var i = 0; i < frames.length; i++) {
      if (frames[i].contentWindow === event.source) {
        frames[i].style.height = Math.ceil(height) + "px";
      }
    }
  });
})();
