/* Inside a widget's frame: tell the partner's page how tall the widget is
   (widget-resize.js, on that page, sets the frame's height). */
(function () {
  "use strict";
  if (window.parent === window) return;
  function send() {
    window.parent.postMessage(
      { avisDeQuartiers: "hauteur", hauteur: document.documentElement.scrollHeight },
      "*"
    );
  }
  if (document.readyState === "complete") send();
  else window.addEventListener("load", send);
  if (window.ResizeObserver) new ResizeObserver(send).observe(document.body);
})();
