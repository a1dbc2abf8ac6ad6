// Draws every canvas with a data-chart attribute (a JSON spec the server wrote: type, labels, datasets, yTitle,
// stacked, fill, markers). Nothing is parsed as HTML; labels reach the canvas as text only.
(function () {
  const palette = window.rrPalette;

  // Vertical lines at given labels (e.g. the day a cell was marked answered), drawn after the datasets.
  const markerPlugin = {
    id: 'rrMarkers',
    afterDatasetsDraw(chart, _args, options) {
      const markers = (options && options.markers) || [];
      const x = chart.scales.x;
      const area = chart.chartArea;
      if (!x || !area) return;
      const ctx = chart.ctx;
      for (const marker of markers) {
        const index = chart.data.labels.indexOf(marker.at);
        if (index < 0) continue;
        const px = x.getPixelForValue(index);
        ctx.save();
        ctx.strokeStyle = '#14365d';
        ctx.setLineDash([6, 4]);
        ctx.lineWidth = 2;
        ctx.beginPath();
        ctx.moveTo(px, area.top);
        ctx.lineTo(px, area.bottom);
        ctx.stroke();
        ctx.setLineDash([]);
        ctx.fillStyle = '#14365d';
        ctx.font = '12px system-ui, sans-serif';
        ctx.fillText(String(marker.label), Math.min(px + 4, area.right - 80), area.top + 12);
        ctx.restore();
      }
    },
  };

  function draw(canvas) {
    let spec;
    try {
      spec = JSON.parse(canvas.dataset.chart);
    } catch {
      return;
    }
    if (typeof Chart === 'undefined') return;
    new Chart(canvas, {
      type: spec.type,
      data: {
        labels: spec.labels,
        datasets: spec.datasets.map((d, i) => ({
          label: d.label,
          data: d.data,
          borderColor: palette[i % palette.length],
          backgroundColor: palette[i % palette.length] + (spec.fill ? '66' : ''),
          fill: Boolean(spec.fill),
          tension: 0.2,
          pointRadius: spec.type === 'line' ? 0 : undefined,
          borderWidth: 2,
        })),
      },
      options: {
        animation: false,
        maintainAspectRatio: false,
        interaction: { mode: 'index', intersect: false },
        scales: {
          x: { stacked: Boolean(spec.stacked) },
          y: {
            stacked: Boolean(spec.stacked),
            beginAtZero: true,
            title: { display: true, text: spec.yTitle },
          },
        },
        plugins: { legend: { position: 'bottom' }, rrMarkers: { markers: spec.markers || [] } },
      },
      plugins: [markerPlugin],
    });
    canvas.dataset.ready = 'true';
  }

  document.querySelectorAll('canvas[data-chart]').forEach(draw);
})();
