// Progressive enhancement of a Diogel report page: charts become interactive
// Vega views and the hotspot map a Leaflet map (local GeoJSON, no tiles). Without
// script the static SVG, captions and data tables carry everything.
(function () {
  "use strict";
  var shades = ["#eff3ff", "#bdd7e7", "#6baed6", "#3182bd", "#08519c"];

  function charts() {
    if (!window.vegaEmbed) { return; }
    document.querySelectorAll("script.vega-spec").forEach(function (node) {
      var target = document.querySelector('.report-chart[data-figure="' + node.dataset.figure + '"]');
      if (!target) { return; }
      var spec = JSON.parse(node.textContent);
      var holder = document.createElement("div");
      holder.setAttribute("aria-hidden", "true");
      window.vegaEmbed(holder, spec, {actions: false, renderer: "svg"}).then(function () {
        target.replaceChildren(holder);
      }).catch(function () { /* keep the static SVG */ });
    });
  }

  function quintiles(values) {
    var sorted = values.slice().sort(function (a, b) { return a - b; });
    return [0.2, 0.4, 0.6, 0.8, 1].map(function (q) {
      var i = (sorted.length - 1) * q, lo = Math.floor(i), hi = Math.ceil(i);
      return sorted[lo] + (sorted[hi] - sorted[lo]) * (i - lo);
    });
  }

  function maps() {
    if (!window.L) { return; }
    document.querySelectorAll("script.map-data").forEach(function (node) {
      var id = node.dataset.figure;
      var target = document.querySelector('.report-chart[data-figure="' + id + '"]');
      var shapes = document.querySelector('script.map-geojson[data-figure="' + id + '"]');
      if (!target || !shapes) { return; }
      var data = JSON.parse(node.textContent);
      var geojson = JSON.parse(shapes.textContent);
      var hot = new Set(data.hot);
      var values = Object.keys(data.values).map(function (k) { return data.values[k]; });
      var breaks = quintiles(values);
      var holder = document.createElement("div");
      holder.className = "report-leaflet";
      holder.style.height = "480px";
      target.replaceChildren(holder);
      var map = L.map(holder, {attributionControl: false, zoomSnap: 0.25});
      var layer = L.geoJSON(geojson, {
        style: function (feature) {
          var code = feature.properties.code, value = data.values[code] || 0, shade = shades[4];
          for (var i = 0; i < breaks.length; i++) { if (value <= breaks[i]) { shade = shades[i]; break; } }
          return hot.has(code)
            ? {fillColor: shade, fillOpacity: 0.9, color: "#d4351c", weight: 2.5}
            : {fillColor: shade, fillOpacity: 0.9, color: "#ffffff", weight: 0.5};
        },
        onEachFeature: function (feature, shape) {
          var p = feature.properties, lang = document.documentElement.lang;
          var name = lang === "cy" ? p.name_cy : p.name_en;
          var value = data.values[p.code];
          shape.bindTooltip(name + " (" + p.code + "): " + (value === undefined ? "–" : value.toFixed(1)) + " " + data.label);
        }
      }).addTo(map);
      map.fitBounds(layer.getBounds());
    });
  }

  charts();
  maps();
})();
