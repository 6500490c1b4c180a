// Progressive enhancement: draws the places listed on the page on a Leaflet map, when Leaflet
// is served (vendor/leaflet/) and MAP_TILE_URL is set. The list below the map always stays.
// When the tile server cannot be reached (no tile has loaded when one fails), the map is
// removed and a notice says so: the page is then exactly the list it is without JavaScript.
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

  // Popup content built as DOM nodes: names and addresses come from producers (no innerHTML).
  function popup(point) {
    var content = document.createElement("div");
    var title = document.createElement(point.url ? "a" : "strong");
    title.textContent = point.name;
    if (point.url) {
      title.href = point.url;
    }
    content.appendChild(title);
    if (point.address) {
      content.appendChild(document.createTextNode(" — " + point.address));
    }
    return content;
  }

  box.hidden = false;
  var map = window.L.map(box);
  var loaded = 0;
  var failed = false;
  var layer = window.L.tileLayer(box.dataset.tileUrl, { maxZoom: 18 });
  layer.on("tileload", function () {
    loaded += 1;
  });
  layer.on("tileerror", function () {
    if (failed || loaded > 0) {
      return; // one missing tile on a working map is not a reason to drop it
    }
    failed = true;
    map.remove();
    box.hidden = true;
    if (notice) {
      notice.hidden = false;
    }
  });
  layer.addTo(map);
  var bounds = points.map(function (point) {
    window.L.marker([point.lat, point.lon], { title: point.name })
      .bindPopup(popup(point))
      .addTo(map);
    return [point.lat, point.lon];
  });
  map.fitBounds(bounds, { maxZoom: 13, padding: [24, 24] });
})();
