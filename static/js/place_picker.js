/* Place picker: a Leaflet map that fills a pair of latitude/longitude inputs.
 *
 * Without JavaScript the inputs are plain number fields and the map stays hidden. With it,
 * a click or tap on the map, dragging the marker, "use my location" (navigator.geolocation)
 * or "place it in the middle of the map" (for keyboard users: pan with the arrow keys
 * first) fill them in; typing in them moves the marker. Everything the picker needs comes
 * from data-* attributes; the kernen are drawn from their own layer URL. */
(function () {
  "use strict";

  var boundaryStyle = { color: "#1f5c99", weight: 2, fillOpacity: 0.05, interactive: false };
  var PLACE_ZOOM = 15;

  function number(input) {
    var value = parseFloat(String(input.value).replace(",", "."));
    return isFinite(value) ? value : null;
  }

  function init(fieldset) {
    if (!window.L) {
      return;
    }
    var data = fieldset.dataset;
    var latitude = document.getElementById(data.latitude);
    var longitude = document.getElementById(data.longitude);
    var mapElement = fieldset.querySelector("[data-place-picker-map]");
    var actions = fieldset.querySelector("[data-place-picker-actions]");
    var status = fieldset.querySelector("[data-place-picker-status]");
    var locate = fieldset.querySelector("[data-place-picker-locate]");
    if (!latitude || !longitude || !mapElement) {
      return;
    }
    mapElement.hidden = false;
    actions.hidden = false;

    var center = (data.center || "52.1,5.1").split(",").map(Number);
    var map = L.map(mapElement, { scrollWheelZoom: false }).setView(center, Number(data.zoom || 11));
    if (data.tiles) {
      L.tileLayer(data.tiles, { attribution: data.attribution, maxZoom: 19 }).addTo(map);
    }
    var marker = null;

    function say(text) {
      status.textContent = text || "";
    }

    function show(latlng, move) {
      if (marker) {
        marker.setLatLng(latlng);
      } else {
        marker = L.marker(latlng, { draggable: true, title: data.textMarker, alt: data.textMarker });
        marker.on("dragend", function () {
          fill(marker.getLatLng());
          say(data.textSet);
        });
        marker.addTo(map);
      }
      if (move) {
        map.setView(latlng, Math.max(map.getZoom(), PLACE_ZOOM));
      }
    }

    function fill(latlng) {
      latitude.value = latlng.lat.toFixed(6);
      longitude.value = latlng.lng.toFixed(6);
    }

    function clear() {
      latitude.value = "";
      longitude.value = "";
      if (marker) {
        map.removeLayer(marker);
        marker = null;
      }
    }

    function fromInputs(move) {
      var lat = number(latitude);
      var lng = number(longitude);
      if (lat !== null && lng !== null && Math.abs(lat) <= 90 && Math.abs(lng) <= 180) {
        show(L.latLng(lat, lng), move);
        return true;
      }
      if (marker) {
        map.removeLayer(marker);
        marker = null;
      }
      return false;
    }

    map.on("click", function (event) {
      show(event.latlng, false);
      fill(event.latlng);
      say(data.textSet);
    });
    latitude.addEventListener("change", function () { fromInputs(true); });
    longitude.addEventListener("change", function () { fromInputs(true); });

    fieldset.querySelector("[data-place-picker-centre]").addEventListener("click", function () {
      var middle = map.getCenter();
      show(middle, false);
      fill(middle);
      say(data.textSet);
    });
    fieldset.querySelector("[data-place-picker-clear]").addEventListener("click", function () {
      clear();
      say(data.textCleared);
    });
    if (navigator.geolocation && locate) {
      locate.addEventListener("click", function () {
        say(data.textLocating);
        navigator.geolocation.getCurrentPosition(
          function (position) {
            var here = L.latLng(position.coords.latitude, position.coords.longitude);
            show(here, true);
            fill(here);
            say(data.textLocated);
          },
          function () {
            say(data.textDenied);
          },
          { enableHighAccuracy: true, timeout: 10000, maximumAge: 60000 }
        );
      });
    } else if (locate) {
      locate.hidden = true;
    }

    var placed = fromInputs(true);
    if (data.boundaries) {
      fetch(data.boundaries, { credentials: "same-origin", headers: { Accept: "application/geo+json" } })
        .then(function (response) {
          if (!response.ok) {
            throw new Error(response.status);
          }
          return response.json();
        })
        .then(function (geojson) {
          var layer = L.geoJSON(geojson, { style: boundaryStyle, interactive: false }).addTo(map);
          if (!placed && layer.getBounds().isValid()) {
            map.fitBounds(layer.getBounds(), { padding: [12, 12] });
          }
          fieldset.dataset.ready = "true";
        })
        .catch(function () {
          fieldset.dataset.ready = "error";
        });
    } else {
      fieldset.dataset.ready = "true";
    }
  }

  document.querySelectorAll("[data-place-picker]").forEach(init);
})();
