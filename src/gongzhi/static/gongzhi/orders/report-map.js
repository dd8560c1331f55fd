// The report form's map: the grids of the reporter's area drawn on a plain canvas (or over a base
// map when one is configured); a tap, or the device's location, sets the latitude and longitude
// fields. The fields stay editable, so the form works without the map too.
(function () {
  "use strict";
  var element = document.getElementById("report-map");
  var source = document.getElementById("report-map-data");
  var latitude = document.getElementById("id_latitude");
  var longitude = document.getElementById("id_longitude");
  if (!element || !source || !latitude || !longitude || typeof L === "undefined") {
    return;
  }
  var data = JSON.parse(source.textContent);
  var status = document.getElementById("report-map-status");
  var map = L.map(element, { attributionControl: Boolean(data.tileUrl) });
  if (data.tileUrl) {
    L.tileLayer(data.tileUrl, { attribution: data.tileAttribution || "", maxZoom: 19 }).addTo(map);
  }
  var grids = L.featureGroup().addTo(map);
  data.grids.forEach(function (grid) {
    L.geoJSON(grid.boundary, { style: { color: "#0d6efd", weight: 1, fillOpacity: 0.08 } })
      .bindTooltip(grid.name, { sticky: true })
      .on("click", function (event) { place(event.latlng, true); })
      .addTo(grids);
  });
  map.fitBounds(grids.getBounds(), { padding: [8, 8] });
  var marker = null;

  function say(text) {
    if (status) { status.textContent = text; }
  }

  function place(latlng, fillFields) {
    if (!marker) {
      marker = L.circleMarker(latlng, { radius: 9, color: "#dc3545", weight: 3, fillOpacity: 0.6 }).addTo(map);
    } else {
      marker.setLatLng(latlng);
    }
    if (fillFields) {
      latitude.value = latlng.lat.toFixed(6);
      longitude.value = latlng.lng.toFixed(6);
      say(data.text.placed);
    }
  }

  function fromFields() {
    var lat = parseFloat(latitude.value);
    var lng = parseFloat(longitude.value);
    if (isFinite(lat) && isFinite(lng)) {
      place(L.latLng(lat, lng), false);
    }
  }

  map.on("click", function (event) { place(event.latlng, true); });
  latitude.addEventListener("change", fromFields);
  longitude.addEventListener("change", fromFields);
  fromFields();

  document.getElementById("report-map-clear").addEventListener("click", function () {
    if (marker) { map.removeLayer(marker); marker = null; }
    latitude.value = "";
    longitude.value = "";
    say(data.text.cleared);
  });

  var locate = document.getElementById("report-map-locate");
  if (locate && navigator.geolocation && window.isSecureContext) {
    locate.hidden = false;
    locate.addEventListener("click", function () {
      say(data.text.locating);
      navigator.geolocation.getCurrentPosition(function (position) {
        var here = L.latLng(position.coords.latitude, position.coords.longitude);
        place(here, true);
        map.setView(here, Math.max(map.getZoom(), 16));
      }, function () {
        say(data.text.locationFailed);
      }, { enableHighAccuracy: true, timeout: 15000 });
    });
  }
})();
