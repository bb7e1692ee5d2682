// Charts of the survey results and round evaluation pages. No inline
// scripts (CSP): the pages put each chart's data in data-* attributes of
// its canvas, and this file draws them with Chart.js, marking each drawn
// canvas data-ready="1".
(function () {
  "use strict";
  var likertColours = ["#c92a2a", "#f08c00", "#868e96", "#74b816", "#2b8a3e"];
  var palette = ["#1971c2", "#f08c00", "#2b8a3e", "#c92a2a", "#7048e8", "#868e96", "#0c8599"];

  function once(el, draw) {
    if (el.dataset.ready) return;
    draw();
    el.dataset.ready = "1";
  }

  // A question's answers: bars per Likert label or choice, a doughnut for
  // yes/no.
  function question(el) {
    var q = JSON.parse(el.dataset.evalChart);
    var yesno = q.kind === "yesno";
    new Chart(el, {
      type: yesno ? "doughnut" : "bar",
      data: {
        labels: q.labels,
        datasets: [{ label: el.dataset.labelAnswers, data: q.counts,
          backgroundColor: q.kind === "likert" ? likertColours : (yesno ? ["#2b8a3e", "#c92a2a"] : palette) }]
      },
      options: { responsive: true, maintainAspectRatio: false, animation: false,
        plugins: { legend: { display: yesno } },
        scales: yesno ? {} : { y: { beginAtZero: true, ticks: { precision: 0 } } } }
    });
  }

  // Response rate per wave: answered, waiting, expired, not sent yet.
  function rates(el) {
    var waves = JSON.parse(el.dataset.rateChart), names = JSON.parse(el.dataset.labels);
    var keys = ["answered", "waiting", "expired", "scheduled"], colours = ["#2b8a3e", "#f08c00", "#c92a2a", "#adb5bd"];
    new Chart(el, {
      type: "bar",
      data: {
        labels: waves.map(function (w) { return "#" + w.seq + " (" + w.after_days + ")"; }),
        datasets: keys.map(function (k, i) {
          return { label: names[i], data: waves.map(function (w) { return w.response_rate[k]; }), backgroundColor: colours[i] };
        })
      },
      options: { indexAxis: "y", responsive: true, maintainAspectRatio: false, animation: false,
        scales: { x: { stacked: true, beginAtZero: true, ticks: { precision: 0 } }, y: { stacked: true } } }
    });
  }

  // The mean of each Likert question (1–5).
  function means(el) {
    var qs = JSON.parse(el.dataset.meanChart).filter(function (q) { return q.kind === "likert" && !q.hidden && q.answers > 0; });
    new Chart(el, {
      type: "bar",
      data: { labels: qs.map(function (q) { return q.position + ". " + q.text; }),
        datasets: [{ label: el.dataset.label, data: qs.map(function (q) { return Math.round(q.mean * 100) / 100; }), backgroundColor: "#1971c2" }] },
      options: { indexAxis: "y", responsive: true, maintainAspectRatio: false, animation: false,
        scales: { x: { min: 0, max: 5 } } }
    });
  }

  // People missing and in excess when announced and after the transfers.
  function imbalance(el) {
    var im = JSON.parse(el.dataset.imbalanceChart), moments = JSON.parse(el.dataset.labels), figures = JSON.parse(el.dataset.figures);
    var points = [im.announced, im.effective];
    new Chart(el, {
      type: "bar",
      data: { labels: moments,
        datasets: [
          { label: figures[0], data: points.map(function (p) { return p ? p.regency.under : null; }), backgroundColor: "#c92a2a" },
          { label: figures[1], data: points.map(function (p) { return p ? p.regency.over : null; }), backgroundColor: "#1971c2" }
        ] },
      options: { responsive: true, maintainAspectRatio: false, animation: false, scales: { y: { beginAtZero: true } } }
    });
  }

  function wire(root) {
    if (typeof Chart === "undefined") return;
    root.querySelectorAll("canvas[data-eval-chart]").forEach(function (el) { once(el, function () { question(el); }); });
    root.querySelectorAll("canvas[data-rate-chart]").forEach(function (el) { once(el, function () { rates(el); }); });
    root.querySelectorAll("canvas[data-mean-chart]").forEach(function (el) { once(el, function () { means(el); }); });
    root.querySelectorAll("canvas[data-imbalance-chart]").forEach(function (el) { once(el, function () { imbalance(el); }); });
  }

  document.addEventListener("DOMContentLoaded", function () { wire(document); });
  document.addEventListener("htmx:afterSwap", function (e) { wire(e.target); });
})();
