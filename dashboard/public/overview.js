// Draws the overview's theme trend and its data table from /api/trends with the filters the server put on the
// canvas (data-query), labels in the page's language. Text goes in through textContent only.
(function () {
  const status = document.getElementById('trend-status');
  const canvas = document.getElementById('trend-chart');
  const table = document.getElementById('trend-table');
  if (!status || !canvas || !table) return;
  const en = document.documentElement.lang === 'en';
  const text = en
    ? {
        period: 'Period',
        none: (from, to) => 'No rumour posts from ' + from + ' to ' + to + '.',
        some: (n, from, to, model) =>
          n +
          ' theme mentions in rumour posts (a post with two themes counts twice) ' +
          from +
          ' – ' +
          to +
          ' (model ' +
          model +
          ').',
        failed: 'Could not load trends: ',
        axis: 'Posts',
      }
    : {
        period: 'Period',
        none: (from, to) => 'Inga ryktesinlägg i perioden ' + from + ' – ' + to + '.',
        some: (n, from, to, model) =>
          n +
          ' temaomnämnanden i ryktesinlägg (ett inlägg med två teman räknas två gånger) ' +
          from +
          ' – ' +
          to +
          ' (modell ' +
          model +
          ').',
        failed: 'Kunde inte ladda trender: ',
        axis: 'Inlägg',
      };
  const palette = window.rrPalette;

  function cell(tag, value) {
    const el = document.createElement(tag);
    el.textContent = String(value);
    return el;
  }

  function fillTable(data, series) {
    const head = document.createElement('tr');
    head.append(cell('th', text.period));
    for (const s of series) head.append(cell('th', en ? s.label_en : s.label_sv));
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

  fetch('/api/trends?' + (canvas.dataset.query || ''), { headers: { accept: 'application/json' } })
    .then(async (response) => {
      const body = await response.json();
      if (!response.ok) throw new Error(body && body.error ? body.error.message : 'HTTP ' + response.status);
      return body;
    })
    .then((data) => {
      const series = data.series.filter((s) => s.total > 0);
      // Posts per theme: a post with two themes counts in both, as the chart shows it.
      const total = series.reduce((sum, s) => sum + s.total, 0);
      status.textContent =
        total === 0 ? text.none(data.from, data.to) : text.some(total, data.from, data.to, data.modelVersion);
      fillTable(data, series);
      if (typeof Chart === 'undefined') return;
      new Chart(canvas, {
        type: 'line',
        data: {
          labels: data.buckets,
          datasets: series.map((s, i) => ({
            label: en ? s.label_en : s.label_sv,
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
          scales: { y: { beginAtZero: true, title: { display: true, text: text.axis } } },
          plugins: { legend: { position: 'bottom' } },
        },
      });
      canvas.dataset.ready = 'true';
    })
    .catch((error) => {
      status.textContent = text.failed + error.message;
    });
})();
