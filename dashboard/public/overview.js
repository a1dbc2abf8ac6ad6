// Draws the trend chart and its data table from /api/trends, with the page's own filters.
// Text goes in through textContent only: nothing from the API is parsed as HTML.
(function () {
  const status = document.getElementById('trend-status');
  const canvas = document.getElementById('trend-chart');
  const table = document.getElementById('trend-table');
  const params = new URLSearchParams(window.location.search);
  const query = new URLSearchParams();
  for (const key of ['from', 'to', 'interval', 'lang', 'theme']) {
    const value = params.get(key);
    if (value) query.set(key, value);
  }
  const palette = [
    '#1f5fa8',
    '#c0392b',
    '#27864a',
    '#8e44ad',
    '#d35400',
    '#16808a',
    '#7f6a00',
    '#b03a78',
    '#34495e',
    '#5d7f1f',
    '#9c4f21',
    '#4a4ab0',
    '#6b6b6b',
  ];

  function cell(tag, text) {
    const el = document.createElement(tag);
    el.textContent = String(text);
    return el;
  }

  function fillTable(data, series) {
    const head = document.createElement('tr');
    head.append(cell('th', 'Period'));
    for (const s of series) head.append(cell('th', s.label_sv));
    const thead = document.createElement('thead');
    thead.append(head);
    const tbody = document.createElement('tbody');
    data.buckets.forEach((bucket, i) => {
      const row = document.createElement('tr');
      row.append(cell('th', bucket));
      for (const s of series) row.append(cell('td', s.counts[i]));
      tbody.append(row);
    });
    table.append(thead, tbody);
  }

  fetch('/api/trends?' + query.toString(), { headers: { accept: 'application/json' } })
    .then(async (response) => {
      const body = await response.json();
      if (!response.ok) throw new Error(body && body.error ? body.error.message : 'HTTP ' + response.status);
      return body;
    })
    .then((data) => {
      const series = data.series.filter((s) => s.total > 0);
      const total = series.reduce((sum, s) => sum + s.total, 0);
      status.textContent =
        total === 0
          ? 'Inga ryktesinlägg i perioden ' + data.from + ' – ' + data.to + '.'
          : total + ' ryktesinlägg ' + data.from + ' – ' + data.to + ' (modell ' + data.modelVersion + ').';
      fillTable(data, series);
      if (typeof Chart === 'undefined') return;
      new Chart(canvas, {
        type: 'line',
        data: {
          labels: data.buckets,
          datasets: series.map((s, i) => ({
            label: s.label_sv,
            data: s.counts,
            borderColor: palette[i % palette.length],
            backgroundColor: palette[i % palette.length],
            tension: 0.2,
            pointRadius: 0,
            borderWidth: 2,
          })),
        },
        options: {
          animation: false,
          maintainAspectRatio: false,
          interaction: { mode: 'index', intersect: false },
          scales: { y: { beginAtZero: true, title: { display: true, text: 'Inlägg' } } },
          plugins: { legend: { position: 'bottom' } },
        },
      });
      canvas.dataset.ready = 'true';
    })
    .catch((error) => {
      status.textContent = 'Kunde inte ladda trender: ' + error.message;
    });
})();
