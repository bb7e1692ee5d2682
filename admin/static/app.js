// Seimbang panel behaviour. No inline scripts (CSP): pages mark elements
// with data-* attributes and this file wires them.
(function () {
  "use strict";
  var bandColours = { A: "#c92a2a", B: "#2b8a3e", C: "#74b816", D: "#f08c00", E: "#1971c2", "": "#868e96" };

  function charts(root) {
    if (typeof Chart === "undefined") return;
    root.querySelectorAll("canvas[data-chart]").forEach(function (el) {
      if (el.dataset.ready) return;
      el.dataset.ready = "1";
      var bars = JSON.parse(el.dataset.chart || "[]");
      if (bars.length > 12) el.parentNode.style.height = Math.max(448, bars.length * 26) + "px";
      new Chart(el, {
        type: "bar",
        data: {
          labels: bars.map(function (b) { return b.label; }),
          datasets: [
            { label: el.dataset.labelRequired, data: bars.map(function (b) { return b.required; }),
              backgroundColor: "rgba(134,142,150,0.35)", borderColor: "#868e96", borderWidth: 1 },
            { label: el.dataset.labelActual, data: bars.map(function (b) { return b.actual; }),
              backgroundColor: bars.map(function (b) { return bandColours[b.band] || bandColours[""]; }) }
          ]
        },
        options: {
          indexAxis: bars.length > 12 ? "y" : "x",
          responsive: true, maintainAspectRatio: false, animation: false,
          plugins: { tooltip: { callbacks: { afterLabel: function (ctx) {
            var b = bars[ctx.dataIndex]; return ctx.datasetIndex === 1 && b.band ? "EJ " + b.band : "";
          } } } }
        }
      });
    });
  }

  function history(root) {
    if (typeof Chart === "undefined") return;
    root.querySelectorAll("canvas[data-history]").forEach(function (el) {
      if (el.dataset.ready) return;
      el.dataset.ready = "1";
      var points = JSON.parse(el.dataset.history || "[]");
      new Chart(el, {
        type: "line",
        data: {
          labels: points.map(function (p) { return p.day; }),
          datasets: [{ label: el.dataset.labelIndex, data: points.map(function (p) { return p.index; }),
            borderColor: "#1971c2", backgroundColor: "rgba(25,113,194,0.15)", fill: true, tension: 0.2 }]
        },
        options: { responsive: true, maintainAspectRatio: false, animation: false, scales: { y: { beginAtZero: true } } }
      });
    });
  }

  function wire(root) {
    history(root);
    charts(root);
    root.querySelectorAll("[data-print]").forEach(function (el) {
      el.addEventListener("click", function () { window.print(); });
    });
    root.querySelectorAll("form[data-confirm]").forEach(function (f) {
      f.addEventListener("submit", function (e) { if (!window.confirm(f.dataset.confirm)) e.preventDefault(); });
    });
    root.querySelectorAll("select[data-autosubmit]").forEach(function (s) {
      s.addEventListener("change", function () { s.form.requestSubmit(); });
    });
  }

  document.addEventListener("htmx:xhr:progress", function (e) {
    var bar = document.getElementById("import-progress");
    if (bar && e.detail.lengthComputable) bar.value = Math.round(e.detail.loaded * 100 / e.detail.total);
  });
  document.addEventListener("DOMContentLoaded", function () { wire(document); });
  document.addEventListener("htmx:afterSwap", function (e) { wire(e.target); });
})();
