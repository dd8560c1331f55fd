// The platform's maps: Leaflet on an element, fed by a json_script block. With no tile URL
// configured the map has no base layer, so it works offline: the shapes on a plain canvas.
// Usage: var drawing = GongzhiMap.open("unit-map", "unit-map-data"); then draw into drawing.drawn.
(function () {
  "use strict";
  function open(elementId, dataId) {
    var element = document.getElementById(elementId);
    var source = document.getElementById(dataId);
    if (!element || !source || typeof L === "undefined") {
      return null;
    }
    var data = JSON.parse(source.textContent);
    var map = L.map(element, { scrollWheelZoom: false, attributionControl: Boolean(data.tileUrl) });
    if (data.tileUrl) {
      L.tileLayer(data.tileUrl, { attribution: data.tileAttribution || "", maxZoom: 19 }).addTo(map);
    }
    return { map: map, data: data, drawn: L.featureGroup().addTo(map) };
  }
  window.GongzhiMap = { open: open };
})();
