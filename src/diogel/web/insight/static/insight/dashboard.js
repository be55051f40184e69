// Draws the dashboard's choropleth (Leaflet over the project's own simplified
// GeoJSON; no tile server) with a hotspot layer, and its trend chart (Vega-Lite).
// Without script the tables below carry every figure.
(function () {
  "use strict";
  var shades = ["#eff3ff", "#bdd7e7", "#6baed6", "#3182bd", "#08519c"];

  function read(id) {
    var node = document.getElementById(id);
    return node ? JSON.parse(node.textContent) : null;
  }

  function breaksOf(values) {
    var sorted = values.filter(function (v) { return v !== null; }).sort(function (a, b) { return a - b; });
    if (!sorted.length) { return []; }
    return [0.2, 0.4, 0.6, 0.8, 1].map(function (q) {
      var i = (sorted.length - 1) * q, lo = Math.floor(i), hi = Math.ceil(i);
      return sorted[lo] + (sorted[hi] - sorted[lo]) * (i - lo);
    });
  }

  function shadeOf(value, breaks) {
    if (value === null || value === undefined) { return "#f3f2f1"; }
    for (var i = 0; i < breaks.length; i++) { if (value <= breaks[i]) { return shades[i]; } }
    return shades[4];
  }

  function drawMap() {
    var element = document.getElementById("insight-map");
    var data = read("insight-map-data"), geojson = read("insight-map-geojson");
    if (!element || !window.L || !data || !geojson) { return; }
    var lang = document.documentElement.lang;
    var breaks = breaksOf(Object.keys(data.values).map(function (k) { return data.values[k]; }));
    var hot = new Set(data.hot);
    var map = L.map(element, { attributionControl: false, scrollWheelZoom: false, zoomSnap: 0.25 });
    var areas = L.geoJSON(geojson, {
      style: function (feature) {
        return { fillColor: shadeOf(data.values[feature.properties.code], breaks), fillOpacity: 0.85,
                 color: "#ffffff", weight: 0.6 };
      },
      onEachFeature: function (feature, layer) {
        var p = feature.properties, value = data.values[p.code];
        var shown = value === null || value === undefined ? "–"
          : (data.measure === "rate" ? value.toLocaleString(lang, { maximumFractionDigits: 1 })
                                     : value.toLocaleString(lang));
        layer.bindTooltip((lang === "cy" ? p.name_cy : p.name_en) + ": " + shown);
        layer.on("click", function () { if (data.links[p.code]) { window.location = data.links[p.code]; } });
      }
    }).addTo(map);
    var hotspots = L.geoJSON({ type: "FeatureCollection",
      features: geojson.features.filter(function (f) { return hot.has(f.properties.code); }) }, {
      style: { fill: false, color: "#d4351c", weight: 3 }, interactive: false
    }).addTo(map);
    var overlays = {};
    overlays[element.dataset.hotspotsLabel || "Hotspots"] = hotspots;
    L.control.layers(null, overlays, { collapsed: false }).addTo(map);
    if (areas.getLayers().length) { map.fitBounds(areas.getBounds(), { padding: [6, 6] }); }
    element.dataset.ready = String(areas.getLayers().length);
    element.dataset.hot = String(hotspots.getLayers().length);
  }

  function drawChart() {
    var element = document.getElementById("insight-chart");
    var spec = read("insight-chart-spec");
    if (!element || !spec || !window.vegaEmbed) { return; }
    window.vegaEmbed(element, spec, { actions: false, renderer: "svg" }).then(function (result) {
      element.dataset.ready = String(spec.data.values.length);
      var svg = element.querySelector("svg");
      if (svg) { svg.setAttribute("aria-hidden", "true"); svg.setAttribute("focusable", "false"); }
    });
  }

  drawMap();
  drawChart();
}());
