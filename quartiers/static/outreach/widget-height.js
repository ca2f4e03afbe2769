/* Inside a widget's frame: tell the partner's page how tall the widget is
   (widget-resize.js, on that page, sets the frame's height). */
(function () {
  "use strict";
  if (window.parent === window) return;
  // The content's own height, not the frame's: scrollHeight never goes
  // below the frame's height, so a frame could grow but never shrink.
  function contentHeight() {
    var body = document.body;
    var style = window.getComputedStyle(body);
    return Math.ceil(
      body.getBoundingClientRect().height +
        (parseFloat(style.marginTop) || 0) +
        (parseFloat(style.marginBottom) || 0)
    );
  }
  var last = 0;
  function send() {
    var height = contentHeight();
    if (height === last) return;
    last = height;
    window.parent.postMessage({ avisDeQuartiers: "hauteur", hauteur: height }, "*");
  }
  if (document.readyState === "complete") send();
  else window.addEventListener("load", send);
  if (window.ResizeObserver) new ResizeObserver(send).observe(document.body);
})();
