// The metrics' history as a line chart (Chart.js, served from this server) with the same
// figures as a table for screen readers, CSV and print. A snapshot describes the network as
// of its `asOf` date (a look back) or, without one, as of the day it was computed; the chart
// shows one point per such day, the most recently computed, so re-running a job on the same
// day (or `make demo` twice) does not draw the same day twice.
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

export const dayOf = (snapshot) => snapshot.asOf || String(snapshot.computedAt).slice(0, 10);

export function pointsByDay(history) {
  const latest = new Map();
  for (const s of history) {
    const seen = latest.get(dayOf(s));
    if (!seen || String(s.computedAt) > String(seen.computedAt)) latest.set(dayOf(s), s);
  }
  return [...latest.values()].sort((a, b) => dayOf(a).localeCompare(dayOf(b)));
}

export function trendBlock(history) {
  const rows = pointsByDay(history);
  const canvas = h('canvas', {
    role: 'img', 'aria-label': t('admin.trendAlt', { n: rows.length }), id: 'trend-chart',
  });
  const block = h('div', { class: 'trend-block' },
    h('div', { class: 'chart-box' }, canvas),
    dataTable({
      caption: t('admin.trendCaption'),
      csvName: 'metrics-history',
      columns: [
        { key: 'asOf', label: t('admin.asOf'), format: (r) => date(dayOf(r)), csv: (r) => dayOf(r) },
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
        labels: rows.map((r) => date(dayOf(r))),
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
