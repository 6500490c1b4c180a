// Progressive enhancement: draws the places listed on the page on a map, when Leaflet is
// served and MAP_TILE_URL is set. The list stays; when tiles fail, the map hides again.
(function () {
  "use strict";
  var box = document.getElementById("places-map");
  var notice = document.getElementById("places-map-notice");
  if (!box || !window.L) {
    return;
  }
  var data = document.getElementById(box.dataset.points);
  var points = data ? JSON.parse(data.textContent) : [];
  if (!points.length) {
    return;
  }
  box.hidden = false;
  var map = window.L.map(box);
  var layer = window.L.tileLayer(box.dataset.tileUrl, { maxZoom: 18 });
  layer.on("tileerror", function () {
    box.hidden = true;
    if (notice) {
      notice.hidden = false;
    }
  });
  layer.addTo(map);
  var bounds = [];
  points.forEach(function (point) {
    var marker = window.L.marker([point.lat, point.lon]).addTo(map);
    marker.bindPopup(point.name + (point.address ? " — " + point.address : ""));
    bounds.push([point.lat, point.lon]);
  });
  map.fitBounds(bounds, { maxZoom: 13, padding: [24, 24] });
})();
