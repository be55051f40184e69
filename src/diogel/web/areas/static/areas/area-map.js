// Draws an area's outline and its children's on a plain map (no tile server:
// the site works offline). Children link to their own pages.
(function () {
  "use strict";
  var element = document.getElementById("area-map");
  if (!element || !window.L) { return; }
  var map = L.map(element, { attributionControl: false, scrollWheelZoom: false });
  var language = element.dataset.language;
  fetch(element.dataset.geojson)
    .then(function (response) { return response.json(); })
    .then(function (data) {
      var children = L.geoJSON(data.children, {
        style: { color: "#505a5f", weight: 1, fillColor: "#b1b4b6", fillOpacity: 0.25 },
        onEachFeature: function (feature, layer) {
          var p = feature.properties;
          layer.bindTooltip(language === "cy" ? p.name_cy : p.name_en);
          layer.on("click", function () {
            window.location = element.dataset.childUrl
              .replace("LEVEL", data.child_level).replace("CODE", p.code);
          });
        }
      }).addTo(map);
      var outline = L.geoJSON(data.area, {
        style: { color: "#1d70b8", weight: 3, fill: false }
      }).addTo(map);
      map.fitBounds(outline.getBounds(), { padding: [8, 8] });
      element.dataset.ready = String(children.getLayers().length);
    });
}());
