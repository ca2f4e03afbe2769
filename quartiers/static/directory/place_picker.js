/* The place of an organisation on the map: a click or a tap on the map
 * fills the form's two hidden fields (latitude, longitude). Without this
 * script the map stays hidden and the address alone is sent. Every text
 * comes from the page, in its language. */
(function () {
  "use strict";
  var L = window.L;
  var picker = document.getElementById("place-picker");
  var box = document.getElementById("place-map");
  var lat = document.getElementById("id_latitude");
  var lon = document.getElementById("id_longitude");
  var status = document.getElementById("place-map-status");
  var clear = document.getElementById("place-map-clear");
  var tiles = box && box.getAttribute("data-tiles");
  if (!L || !picker || !box || !lat || !lon || !tiles) {
    return;
  }
  picker.hidden = false;
  var start = [parseFloat(box.getAttribute("data-lat")),
               parseFloat(box.getAttribute("data-lon"))];
  var map = L.map(box, { scrollWheelZoom: false, zoomControl: false });
  L.control.zoom({
    zoomInTitle: box.getAttribute("data-zoom-in") || "Zoomer",
    zoomOutTitle: box.getAttribute("data-zoom-out") || "Dézoomer",
  }).addTo(map);
  L.tileLayer(tiles, {
    maxZoom: 19,
    attribution: box.getAttribute("data-attribution"),
    referrerPolicy: "strict-origin",
  }).addTo(map);
  map.setView(start, parseInt(box.getAttribute("data-zoom"), 10) || 15);
  var marker = null;

  function say() {
    status.textContent = marker
      ? status.getAttribute("data-placed")
      : status.getAttribute("data-none");
    clear.hidden = !marker;
  }

  function place(latlng) {
    // Five decimals: about one metre, what the server keeps.
    lat.value = latlng.lat.toFixed(5);
    lon.value = latlng.lng.toFixed(5);
    if (marker) {
      marker.setLatLng(latlng);
    } else {
      var title = box.getAttribute("data-marker");
      marker = L.marker(latlng, { title: title, alt: title }).addTo(map);
    }
    say();
  }

  if (lat.value && lon.value) {
    place(L.latLng(parseFloat(lat.value), parseFloat(lon.value)));
    map.setView(marker.getLatLng(), 17);
  }
  map.on("click", function (event) {
    place(event.latlng);
  });
  clear.addEventListener("click", function () {
    lat.value = "";
    lon.value = "";
    if (marker) {
      map.removeLayer(marker);
      marker = null;
    }
    say();
  });
  say();
})();
