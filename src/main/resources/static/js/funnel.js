// Draws the funnel page's two charts from the canvases' data attributes (Chart.js, served from /js/vendor).
(function () {
  "use strict";
  function draw(canvas) {
    var data = JSON.parse(canvas.getAttribute("data-chart"));
    var names = canvas.getAttribute("data-labels").split(",");
    var stages = canvas.getAttribute("data-kind") === "stages";
    var config = stages ? {
      type: "bar",
      data: { labels: names, datasets: [{ data: data.stages, backgroundColor: ["#9cc0f5", "#7aa9ee", "#4f8ee6", "#2f75d6", "#1e7a46", "#2e9b5b", "#c0504d"] }] },
      options: { plugins: { legend: { display: false } }, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } }
    } : {
      type: "bar",
      data: { labels: data.rows, datasets: [
        { label: names[0], data: data.confirmed, backgroundColor: "#4f8ee6" },
        { label: names[1], data: data.paid, backgroundColor: "#2e9b5b" }] },
      options: { scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } }
    };
    config.options.animation = false;
    config.options.maintainAspectRatio = false;
    new window.Chart(canvas, config);
  }
  function start() {
    if (!window.Chart) {
      return;
    }
    document.querySelectorAll("canvas[data-chart]").forEach(draw);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
