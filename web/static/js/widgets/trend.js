// The metrics' history as a line chart (Chart.js, served from this server) with the same
// figures as a table for screen readers, CSV and print.
import { h } from '../dom.js';
import { date, num, pct } from '../format.js';
import { t } from '../i18n.js';
import { loadChart } from '../vendor.js';
import { dataTable } from './table.js';

const SERIES = [
  { key: 'crossDepartmentShare', colour: '#0072B2', dash: [] },
  { key: 'eiIndex', colour: '#D55E00', dash: [6, 3] },
  { key: 'modularity', colour: '#009E73', dash: [2, 2] },
  { key: 'averageClustering', colour: '#882255', dash: [8, 3, 2, 3] },
];

export function trendBlock(history) {
  const rows = [...history].sort((a, b) => String(a.computedAt).localeCompare(String(b.computedAt)));
  const canvas = h('canvas', {
    role: 'img', 'aria-label': t('admin.trendAlt', { n: rows.length }), id: 'trend-chart',
  });
  const block = h('div', { class: 'trend-block' },
    h('div', { class: 'chart-box' }, canvas),
    dataTable({
      caption: t('admin.trendCaption'),
      csvName: 'metrics-history',
      columns: [
        { key: 'computedAt', label: t('admin.computedAt'), format: (r) => date(r.computedAt) },
        { key: 'managers', label: t('metric.managers'), numeric: true, format: (r) => num(r.managers) },
        { key: 'contacts', label: t('metric.contacts'), numeric: true, format: (r) => num(r.contacts) },
        { key: 'crossDepartmentShare', label: t('metric.crossDepartmentShare'), numeric: true, format: (r) => pct(r.crossDepartmentShare, 1) },
        { key: 'eiIndex', label: t('metric.eiIndex'), numeric: true, format: (r) => num(r.eiIndex, 2) },
        { key: 'modularity', label: t('metric.modularity'), numeric: true, format: (r) => num(r.modularity, 2) },
        { key: 'averageClustering', label: t('metric.averageClustering'), numeric: true, format: (r) => num(r.averageClustering, 2) },
        { key: 'isolates', label: t('metric.isolates'), numeric: true, format: (r) => num(r.isolates) },
      ],
      rows,
    }));
  loadChart().then((Chart) => {
    // eslint-disable-next-line no-new
    new Chart(canvas, {
      type: 'line',
      data: {
        labels: rows.map((r) => date(r.computedAt)),
        datasets: SERIES.map((s) => ({
          label: t(`metric.${s.key}`), data: rows.map((r) => r[s.key]), borderColor: s.colour,
          backgroundColor: s.colour, borderDash: s.dash, tension: 0.2, pointRadius: 3,
        })),
      },
      options: {
        animation: false, responsive: true, maintainAspectRatio: false,
        plugins: { legend: { position: 'bottom', labels: { color: '#222' } } },
        scales: { y: { suggestedMin: -1, suggestedMax: 1, ticks: { color: '#333' } }, x: { ticks: { color: '#333' } } },
      },
    });
    canvas.dataset.drawn = 'true';
  }).catch(() => canvas.replaceWith(h('p', { class: 'hint' }, t('admin.noCharts'))));
  return block;
}
