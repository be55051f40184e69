/* A measure's values over time: the Vega-Lite specification in the page, drawn as SVG.
   The table after the chart holds the same figures. */
(function () {
  "use strict";
  var element = document.getElementById("performance-chart");
  var source = document.getElementById("performance-chart-spec");
  if (!element || !source || !window.vegaEmbed) { return; }
  var spec = JSON.parse(source.textContent);
  window.vegaEmbed(element, spec, { actions: false, renderer: "svg" }).then(function () {
    element.dataset.ready = String(spec.data.values.length);
    var svg = element.querySelector("svg");
    if (svg) { svg.setAttribute("aria-hidden", "true"); svg.setAttribute("focusable", "false"); }
  });
})();
