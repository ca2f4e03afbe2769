/* The network's map: an enhancement of the list of portals printed by the
 * server. Runs only when Leaflet loaded; markers come from the JSON island,
 * and names are set as text (never as HTML). */
(function () {
  "use strict";
  var L = window.L;
  var box = document.getElementById("hub-map");
  var island = document.getElementById("hub-map-data");
  // The tile server is a setting; the page's policy allows its origin.
  var tiles = box && box.getAttribute("data-tiles");
  if (!L || !box || !island || !tiles) {
    return;
  }
  var markers;
  try {
    markers = JSON.parse(island.textContent);
  } catch (error) {
    return;
  }
  if (!markers.length) {
    return;
  }
  box.hidden = false;
  var note = document.querySelector(".hub-map-note");
  if (note) {
    note.hidden = false;
  }
  var map = L.map(box, { scrollWheelZoom: false });
  L.tileLayer(tiles, {
    maxZoom: 18,
    attribution: box.getAttribute("data-attribution"),
    referrerPolicy: "strict-origin",
  }).addTo(map);
  var bounds = [];
  markers.forEach(function (item) {
    var popup = document.createElement("div");
    var link = document.createElement("a");
    link.href = item.url;
    link.textContent = item.name;
    var strong = document.createElement("strong");
    strong.appendChild(link);
    popup.appendChild(strong);
    if (item.town) {
      popup.appendChild(document.createElement("br"));
      popup.appendChild(document.createTextNode(item.town));
    }
    L.marker([item.lat, item.lon], { title: item.name, alt: item.name })
      .bindPopup(popup)
      .addTo(map);
    bounds.push([item.lat, item.lon]);
  });
  if (bounds.length === 1) {
    map.setView(bounds[0], 13);
  } else {
    map.fitBounds(bounds, { padding: [24, 24], maxZoom: 13 });
  }
})();
