// The staff map: grid boundaries on a plain canvas (or over a base map when one is configured), and
// the orders in view fetched from the API each time the map moves: points coloured by state when
// few, numbered circles (clustered on the server) when many. A click on a circle zooms into it.
(function () {
  "use strict";
  var opened = window.GongzhiMap && GongzhiMap.open("staff-map", "staff-map-data");
  if (!opened) {
    return;
  }
  var map = opened.map;
  var data = opened.data;
  map.scrollWheelZoom.enable();  // this page is the map: wheel zoom is wanted here
  var colours = {};
  data.states.forEach(function (state) { colours[state.state] = state.colour; });
  var grids = opened.drawn;
  data.grids.forEach(function (grid) {
    L.geoJSON(grid.boundary, { style: { color: "#6c757d", weight: 1, fillOpacity: 0.03 } })
      .bindTooltip(grid.name, { sticky: true }).addTo(grids);
  });
  var orders = L.layerGroup().addTo(map);
  var request = 0;

  function escape(text) {
    var span = document.createElement("span");
    span.textContent = text;
    return span.innerHTML;
  }

  function legend(states, total) {
    document.querySelectorAll("#staff-map-legend [data-state]").forEach(function (count) {
      count.textContent = states[count.dataset.state] || 0;
    });
    document.getElementById("staff-map-total").textContent = "Σ " + total;
  }

  function draw(answer) {
    orders.clearLayers();
    answer.points.forEach(function (point) {
      L.circleMarker([point.latitude, point.longitude], {
        radius: 7, color: "#fff", weight: 2, fillColor: colours[point.state] || "#333", fillOpacity: 0.9
      }).bindPopup('<a href="' + point.url + '">' + escape(point.number) + "</a><br>" + escape(point.title) +
                   "<br>" + escape(point.state_label)).addTo(orders);
    });
    answer.clusters.forEach(function (cluster) {
      var size = Math.min(56, 24 + Math.round(Math.log(cluster.count + 1) * 6));
      var icon = L.divIcon({
        className: "", iconSize: [size, size],
        html: '<div class="staff-map-cluster" style="width:' + size + "px;height:" + size + "px;background:" +
              (colours[cluster.state] || "#333") + '">' + cluster.count + "</div>"
      });
      L.marker([cluster.latitude, cluster.longitude], { icon: icon, keyboard: true, title: String(cluster.count) })
        .on("click", function () { map.setView([cluster.latitude, cluster.longitude], map.getZoom() + 2); })
        .addTo(orders);
    });
    legend(answer.states, answer.total);
  }

  function load() {
    var bounds = map.getBounds();
    var box = [bounds.getWest(), bounds.getSouth(), bounds.getEast(), bounds.getNorth()].map(function (value) {
      return Math.max(-180, Math.min(180, value)).toFixed(6);
    });
    box[1] = Math.max(-90, box[1]).toFixed(6);
    box[3] = Math.min(90, box[3]).toFixed(6);
    var url = data.dataUrl + "?" + data.query + "&bbox=" + box.join(",") + "&zoom=" + map.getZoom();
    var mine = ++request;
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (answer) { if (answer && mine === request) { draw(answer); } });
  }

  map.on("moveend", load);
  if (grids.getLayers().length) {
    map.fitBounds(grids.getBounds(), { padding: [8, 8] });
  } else {
    map.setView([30, 105], 4);  // no grid has a boundary yet: China, zoom in from there
  }
})();
