// The order page's map: the order's grid and the point where the problem is.
(function () {
  "use strict";
  var element = document.getElementById("order-map");
  var source = document.getElementById("order-map-data");
  if (!element || !source || typeof L === "undefined") {
    return;
  }
  var data = JSON.parse(source.textContent);
  var map = L.map(element, { scrollWheelZoom: false, attributionControl: Boolean(data.tileUrl) });
  if (data.tileUrl) {
    L.tileLayer(data.tileUrl, { attribution: data.tileAttribution || "", maxZoom: 19 }).addTo(map);
  }
  var drawn = L.featureGroup().addTo(map);
  if (data.boundary) {
    L.geoJSON(data.boundary, { style: { color: "#0d6efd", weight: 2, fillOpacity: 0.08 }, interactive: false })
      .addTo(drawn);
  }
  if (data.point) {
    L.circleMarker(data.point, { radius: 9, color: "#dc3545", weight: 3, fillOpacity: 0.6 }).addTo(drawn);
  }
  if (data.boundary) {
    map.fitBounds(drawn.getBounds(), { padding: [12, 12] });
  } else {
    map.setView(data.point, 16);
  }
})();
