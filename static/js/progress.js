// Draws the progress charts from the data the page embeds (json_script).
(function () {
  var data = JSON.parse(document.getElementById("chart-data").textContent);
  var papers = document.getElementById("papers-chart");
  if (papers) {
    new Chart(papers, {
      type: "bar",
      data: {
        labels: data.papers.labels,
        datasets: [
          { label: data.papers.receivedLabel, data: data.papers.received, backgroundColor: "#198754" },
          {
            label: data.papers.missingLabel,
            data: data.papers.received.map(function (n) { return data.papers.total - n; }),
            backgroundColor: "#dee2e6",
          },
        ],
      },
      options: { animation: false, scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } } },
    });
  }
  var targets = document.getElementById("targets-chart");
  if (targets) {
    new Chart(targets, {
      type: "bar",
      data: {
        labels: data.targets.labels,
        datasets: [
          { label: data.targets.registeredLabel, data: data.targets.registered, backgroundColor: "#0d6efd" },
          { label: data.targets.reachedLabel, data: data.targets.reached, backgroundColor: "#198754" },
          { label: data.targets.targetLabel, data: data.targets.target, backgroundColor: "#ffc107" },
        ],
      },
      options: { animation: false, indexAxis: "y", scales: { x: { beginAtZero: true, max: 100 } } },
    });
  }
})();
