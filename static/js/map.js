// Progressive enhancement: draws the places a page lists on a Leaflet map (vendor/leaflet/),
// one map for every element with data-map, when MAP_TILE_URL is set (the template leaves the
// element out otherwise). The places are GeoJSON (RFC 7946): fetched from the addresses in
// data-geojson (the API's /api/v1/geo/…) and/or read from the <script> named by
// data-geojson-inline. The list in the page always stays. When the places cannot be read or
// the tile server cannot be reached (no tile has loaded when one fails), the map is removed
// and its notice says so: the page is then exactly the list it is without JavaScript.
(function () {
  "use strict";
  if (!window.L) {
    return;
  }

  // Popup content built as DOM nodes: names and addresses come from people (no innerHTML).
  function popup(properties) {
    var content = document.createElement("div");
    var title = document.createElement(properties.url ? "a" : "strong");
    title.textContent = properties.name;
    if (properties.url) {
      title.href = properties.url;
    }
    content.appendChild(title);
    var facts = ["facility_type", "fair_format", "status", "lateness"]
      .map(function (key) {
        return properties[key] && properties[key].label;
      })
      .filter(Boolean);
    if (properties.address) {
      facts.unshift(properties.address);
    }
    (properties.schedule || []).forEach(function (line) {
      facts.push(line);
    });
    facts.forEach(function (fact) {
      var line = document.createElement("div");
      line.textContent = fact;
      content.appendChild(line);
    });
    return content;
  }

  function readInline(box) {
    var data = box.dataset.geojsonInline && document.getElementById(box.dataset.geojsonInline);
    return data ? [JSON.parse(data.textContent)] : [];
  }

  function fetchAll(box) {
    var urls = (box.dataset.geojson || "").split(" ").filter(Boolean);
    return Promise.all(
      urls.map(function (url) {
        return fetch(url, { headers: { Accept: "application/geo+json" } }).then(function (r) {
          if (!r.ok) {
            throw new Error("GeoJSON " + url + ": " + r.status);
          }
          return r.json();
        });
      })
    );
  }

  function fail(box, map) {
    if (box.dataset.mapFailed) {
      return;
    }
    box.dataset.mapFailed = "true";
    if (map) {
      map.remove();
    }
    box.hidden = true;
    var notice = document.getElementById(box.dataset.notice);
    if (notice) {
      notice.hidden = false;
    }
  }

  function draw(box, collections) {
    var features = [];
    collections.forEach(function (collection) {
      features = features.concat(collection.features || []);
    });
    if (!features.length) {
      return; // nothing to show: the list says so
    }
    box.hidden = false;
    var map = window.L.map(box);
    var loaded = 0;
    var layer = window.L.tileLayer(box.dataset.tileUrl, { maxZoom: 18 });
    layer.on("tileload", function () {
      loaded += 1;
    });
    layer.on("tileerror", function () {
      if (loaded === 0) {
        fail(box, map); // one missing tile on a working map is not a reason to drop it
      }
    });
    layer.addTo(map);
    var markers = window.L.geoJSON(
      { type: "FeatureCollection", features: features },
      {
        pointToLayer: function (feature, latlng) {
          var name = feature.properties.name;
          return window.L.marker(latlng, { title: name, alt: name });
        },
        onEachFeature: function (feature, marker) {
          marker.bindPopup(popup(feature.properties));
        },
      }
    ).addTo(map);
    map.fitBounds(markers.getBounds(), { maxZoom: features.length > 1 ? 13 : 15, padding: [24, 24] });
  }

  Array.prototype.forEach.call(document.querySelectorAll("[data-map]"), function (box) {
    var inline;
    try {
      inline = readInline(box);
    } catch (error) {
      fail(box);
      return;
    }
    fetchAll(box).then(
      function (fetched) {
        draw(box, inline.concat(fetched));
      },
      function () {
        fail(box);
      }
    );
  });
})();
