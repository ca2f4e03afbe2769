/* The maps (the network's portals on the hub, a portal's local actors): an
 * enhancement of the list printed by the server. Runs only when Leaflet
 * loaded; markers come from the page's JSON island, and every text is set as
 * text (never as HTML). One script for every map of the site: each map below
 * names its box, its island, how close it zooms and the lines under a name. */
(function () {
  "use strict";
  var MAPS = [
    { box: "hub-map", island: "hub-map-data", zoom: 13, maxZoom: 18,
      lines: ["town"], note: ".hub-map-note" },
    { box: "actor-map", island: "actor-map-data", zoom: 16, maxZoom: 19,
      lines: ["kind", "address"] },
  ];
  var L = window.L;
  if (!L) {
    return;
  }

  function popupFor(item, lines) {
    var popup = document.createElement("div");
    var link = document.createElement("a");
    link.href = item.url;
    link.textContent = item.name;
    var strong = document.createElement("strong");
    strong.appendChild(link);
    popup.appendChild(strong);
    lines.forEach(function (key) {
      if (item[key]) {
        popup.appendChild(document.createElement("br"));
        popup.appendChild(document.createTextNode(item[key]));
      }
    });
    return popup;
  }

  function show(config) {
    var box = document.getElementById(config.box);
    var island = document.getElementById(config.island);
    // The tile server is a setting; the page's policy allows its origin.
    var tiles = box && box.getAttribute("data-tiles");
    if (!box || !island || !tiles) {
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
    var note = config.note && document.querySelector(config.note);
    if (note) {
      note.hidden = false;
    }
    var map = L.map(box, { scrollWheelZoom: false, zoomControl: false });
    // Leaflet's buttons say "Zoom in"; the page gives the words in its language.
    L.control.zoom({
      zoomInTitle: box.getAttribute("data-zoom-in") || "Zoomer",
      zoomOutTitle: box.getAttribute("data-zoom-out") || "Dézoomer",
    }).addTo(map);
    L.tileLayer(tiles, {
      maxZoom: config.maxZoom,
      attribution: box.getAttribute("data-attribution"),
      referrerPolicy: "strict-origin",
    }).addTo(map);
    var bounds = [];
    markers.forEach(function (item) {
      // Out of the tab order: markers of places close together overlap, and
      // every place is also a link in the list under the map (the way to
      // reach it by keyboard or on a small screen).
      L.marker([item.lat, item.lon], {
        title: item.name,
        alt: item.name,
        keyboard: false,
      })
        .bindPopup(popupFor(item, config.lines))
        .addTo(map);
      bounds.push([item.lat, item.lon]);
    });
    if (bounds.length === 1) {
      map.setView(bounds[0], config.zoom);
    } else {
      map.fitBounds(bounds, { padding: [24, 24], maxZoom: config.zoom });
    }
  }

  MAPS.forEach(show);
})();
