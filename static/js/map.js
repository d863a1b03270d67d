/* Kompas maps: every [data-kompas-map] element becomes a Leaflet map.
 *
 * The page carries no feature data; each layer is fetched from its own URL (GeoJSON):
 *   data-layers  boundaries (the kernen), space separated; data-focus names one to stress
 *   data-points  points (initiatives), space separated, clustered with Leaflet.markercluster
 *   data-jewels  crown jewels, space separated: points with a marker of their own (a diamond),
 *                clustered apart from the initiatives
 *   data-lines   lines (connections), space separated; a proposed one is drawn dashed
 *   data-text-*  the words the map says itself (a marker's name before its popup is known…)
 * Popups arrive rendered and escaped by the server, so they are used as they are: in the
 * feature, or (for points) from the URL the layer names in its "popups" member.
 * The map opens on the focused boundary, else on the points, else on all boundaries.
 * A legend right after the map ([data-kompas-map-legend]) is shown once the map works; its
 * checkboxes (data-kompas-layer="points" or "jewels") switch those layers on and off. */
(function () {
  "use strict";

  var boundaryStyle = { color: "#1f5c99", weight: 2, fillOpacity: 0.08 };
  var focusStyle = { color: "#b3261e", weight: 3, fillOpacity: 0.15 };

  var lineStyle = { color: "#6b3fa0", weight: 3, opacity: 0.8 };
  var proposedLineStyle = { color: "#6b3fa0", weight: 3, opacity: 0.8, dashArray: "6 6" };
  var stoppedLineStyle = { color: "#6b3fa0", weight: 2, opacity: 0.35 };

  function lines(data) {
    return L.geoJSON(data, {
      interactive: false,
      style: function (feature) {
        var status = feature.properties.status;
        if (status === "proposed") {
          return proposedLineStyle;
        }
        return status === "stopped" ? stoppedLineStyle : lineStyle;
      },
    });
  }

  function urls(value) {
    return (value || "").split(" ").filter(Boolean);
  }

  function fetchLayer(url) {
    return fetch(url, { credentials: "same-origin", headers: { Accept: "application/geo+json" } })
      .then(function (response) {
        if (!response.ok) {
          throw new Error(response.status);
        }
        return response.json();
      });
  }

  // The plain text of a server-rendered popup: the marker's name for screen readers.
  function textOf(html) {
    var template = document.createElement("template");
    template.innerHTML = html;
    return template.content.textContent.replace(/\s+/g, " ").trim();
  }

  function boundaries(data, focus, found) {
    return L.geoJSON(data, {
      style: function (feature) {
        return feature.properties.slug === focus ? focusStyle : boundaryStyle;
      },
      onEachFeature: function (feature, layer) {
        layer.bindPopup(feature.properties.popup);
        if (focus && feature.properties.slug === focus) {
          found.focus = layer.getBounds();
        }
      },
    });
  }

  // How each kind of point looks and is named before its popup is known.
  function initiativeIcon(feature, texts) {
    var ended = Boolean(feature.properties.ended);
    return {
      icon: L.divIcon({
        className: ended ? "kompas-marker kompas-marker--ended" : "kompas-marker",
        iconSize: [22, 22],
        popupAnchor: [0, -11],
      }),
      name: ended ? texts.ended : texts.point,
    };
  }

  // A crown jewel: a diamond (a turned square inside the icon, as Leaflet moves the icon
  // itself with a transform), another shape and colour than an initiative's round marker.
  function jewelIcon(feature, texts) {
    return {
      icon: L.divIcon({
        className: "kompas-marker--jewel",
        html: '<span class="kompas-marker__gem"></span>',
        iconSize: [24, 24],
        popupAnchor: [0, -12],
      }),
      name: texts.jewel,
    };
  }

  function marker(latlng, look) {
    var point = L.marker(latlng, { icon: look.icon });
    // Named when shown (a clustered map keeps most markers off the page), and by the
    // popup's own text once it has been opened.
    point.on("add", function () {
      var element = point.getElement();
      if (element) {
        element.setAttribute("aria-label", point.kompasName || look.name);
      }
    });
    return point;
  }

  // A popup that lives at its own URL: fetched the first time it opens.
  function fetchPopup(point, url, texts, unavailable) {
    point.bindPopup(texts.loading);
    point.on("popupopen", function (event) {
      if (point.kompasName) {
        return;
      }
      fetch(url, { credentials: "same-origin", headers: { Accept: "text/html" } })
        .then(function (response) {
          if (!response.ok) {
            throw new Error(response.status);
          }
          return response.text();
        })
        .then(function (html) {
          point.kompasName = textOf(html);
          event.popup.setContent(html);
          var element = point.getElement();
          if (element) {
            element.setAttribute("aria-label", point.kompasName);
          }
        })
        .catch(function () {
          event.popup.setContent(unavailable);
        });
    });
  }

  // Clustered when Leaflet.markercluster is there, plain markers otherwise. A popup comes
  // with the feature or, when the layer names a "popups" URL, from that URL by the id.
  // The crown jewels cluster apart, in a diamond of their own: a cluster of initiatives
  // and one of jewels look different too.
  function jewelCluster(cluster) {
    return L.divIcon({
      className: "kompas-jewel-cluster",
      html: "<span>" + cluster.getChildCount() + "</span>",
      iconSize: [36, 36],
    });
  }

  function points(data, found, texts, kind) {
    var jewels = kind === "jewels";
    var unavailable = jewels ? texts.jewelUnavailable : texts.unavailable;
    var features = L.geoJSON(data, {
      pointToLayer: function (feature, latlng) {
        return marker(latlng, jewels ? jewelIcon(feature, texts) : initiativeIcon(feature, texts));
      },
      onEachFeature: function (feature, layer) {
        if (feature.properties.popup) {
          layer.bindPopup(feature.properties.popup);
          layer.kompasName = textOf(feature.properties.popup);
        } else if (data.popups && feature.id !== undefined) {
          fetchPopup(layer, data.popups.replace("{id}", encodeURIComponent(feature.id)), texts, unavailable);
        }
      },
    });
    found.points.extend(features.getBounds());
    if (!L.markerClusterGroup) {
      return features;
    }
    var options = { showCoverageOnHover: false };
    if (jewels) {
      options.iconCreateFunction = jewelCluster;
    }
    return L.markerClusterGroup(options).addLayers(features.getLayers());
  }

  // The legend after the map: shown once the map works, each checkbox showing or hiding
  // its kind of points (also those still loading).
  function legendOf(element) {
    var legend = element.nextElementSibling;
    return legend && legend.hasAttribute("data-kompas-map-legend") ? legend : null;
  }

  function toggles(map, legend) {
    var layers = { points: [], jewels: [] };
    function shown(kind) {
      var box = legend && legend.querySelector('[data-kompas-layer="' + kind + '"]');
      return !box || box.checked;
    }
    if (legend) {
      legend.hidden = false;
      legend.addEventListener("change", function (event) {
        var kind = event.target.getAttribute("data-kompas-layer");
        (layers[kind] || []).forEach(function (layer) {
          if (event.target.checked) {
            map.addLayer(layer);
          } else {
            map.removeLayer(layer);
          }
        });
      });
    }
    return function add(kind, layer) {
      layers[kind].push(layer);
      if (shown(kind)) {
        layer.addTo(map);
      }
    };
  }

  function init(element) {
    var center = (element.dataset.center || "52.1,5.1").split(",").map(Number);
    var map = L.map(element, { scrollWheelZoom: false, maxZoom: 19 }).setView(center, Number(element.dataset.zoom || 11));
    if (element.dataset.tiles) {
      L.tileLayer(element.dataset.tiles, { attribution: element.dataset.attribution, maxZoom: 19 }).addTo(map);
    }
    var focus = element.dataset.focus;
    var texts = {
      point: element.dataset.textPoint,
      ended: element.dataset.textEnded,
      loading: element.dataset.textLoading,
      unavailable: element.dataset.textUnavailable,
      jewel: element.dataset.textJewel,
      jewelUnavailable: element.dataset.textJewelUnavailable,
    };
    var add = toggles(map, legendOf(element));
    var found = { focus: null, points: L.latLngBounds([]), boundaries: L.latLngBounds([]) };
    var loading = urls(element.dataset.layers).map(function (url) {
      return fetchLayer(url).then(function (data) {
        var layer = boundaries(data, focus, found).addTo(map);
        found.boundaries.extend(layer.getBounds());
      });
    }).concat(urls(element.dataset.lines).map(function (url) {
      return fetchLayer(url).then(function (data) {
        lines(data).addTo(map);
      });
    })).concat(["points", "jewels"].reduce(function (all, kind) {
      return all.concat(urls(element.dataset[kind]).map(function (url) {
        return fetchLayer(url).then(function (data) {
          add(kind, points(data, found, texts, kind));
        });
      }));
    }, []));
    Promise.all(loading)
      .then(function () {
        var view = [found.focus, found.points, found.boundaries].filter(function (bounds) {
          return bounds && bounds.isValid();
        })[0];
        function ready() {
          element.dataset.ready = "true";
        }
        if (view) {
          // Ready once the map has settled on its view: fitBounds may animate the zoom,
          // and a marker tapped meanwhile moves away under the finger.
          map.once("moveend", ready);
          map.fitBounds(view, { padding: [12, 12], maxZoom: 16 });
        } else {
          ready();
        }
      })
      .catch(function (error) {
        element.dataset.ready = "error";
        window.console.error("Kompas map:", error);
      });
  }

  document.querySelectorAll("[data-kompas-map]").forEach(init);
})();
