// Draws the report's two charts from the data attribute the server wrote (no fetch, no animation), then marks the
// document data-ready so the PDF renderer prints only once they are on the canvas.
(function () {
  const root = document.getElementById('report');
  const palette = window.rrPalette;

  function draw(canvasId, datasets, labels, yTitle) {
    const canvas = document.getElementById(canvasId);
    if (!canvas) return;
    new Chart(canvas, {
      type: 'line',
      data: { labels: labels, datasets: datasets },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        devicePixelRatio: 2,
        interaction: { mode: 'index', intersect: false },
        scales: { y: { beginAtZero: true, ticks: { precision: 0 }, title: { display: true, text: yTitle } } },
        plugins: { legend: { position: 'bottom' } },
      },
    });
  }

  function line(label, data, colour) {
    return {
      label: label,
      data: data,
      borderColor: colour,
      backgroundColor: colour,
      pointRadius: 0,
      borderWidth: 2,
    };
  }

  try {
    const data = JSON.parse(root.dataset.chart);
    if (typeof Chart === 'undefined') throw new Error('chart.js did not load');
    draw(
      'theme-trend-chart',
      data.themes.map((s, i) => line(s.label, s.counts, palette[i % palette.length])),
      data.buckets,
      data.labels.posts,
    );
    draw(
      'stance-trend-chart',
      [
        line(data.labels.rumours, data.stances.rumour, '#c0392b'),
        line(data.labels.counters, data.stances.counter, '#1f5fa8'),
      ],
      data.buckets,
      data.labels.posts,
    );
  } catch (error) {
    document.documentElement.dataset.chartError = String(error && error.message ? error.message : error);
  }
  document.documentElement.dataset.ready = 'true';
})();
