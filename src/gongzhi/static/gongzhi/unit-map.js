// A unit's page: its boundary, and those of the units below it as links to their pages.
(function () {
  "use strict";
  var drawing = window.GongzhiMap && window.GongzhiMap.open("unit-map", "unit-map-data");
  if (!drawing) {
    return;
  }
  var data = drawing.data;
  data.children.forEach(function (child) {
    var layer = L.geoJSON(child.boundary, { style: { color: "#6c757d", weight: 1, fillOpacity: 0.15 } });
    layer.bindTooltip(child.name, { sticky: true });
    layer.on("click", function () { window.location.href = child.url; });
    layer.addTo(drawing.drawn);
  });
  if (data.boundary) {
    L.geoJSON(data.boundary, {
      style: { color: "#0d6efd", weight: 3, fillOpacity: data.children.length ? 0 : 0.2 },
      interactive: false
    }).addTo(drawing.drawn);
  }
  drawing.map.fitBounds(drawing.drawn.getBounds(), { padding: [12, 12] });
})();
