// The department × department matrix as a heat map: a real table (screen readers read it
// cell by cell), each cell coloured by tie density and labelled with the number of ties.
import { h } from '../dom.js';
import { num, pct } from '../format.js';
import { t } from '../i18n.js';
import { heat } from './palette.js';
import { dataTable } from './table.js';

// Accepts the matrix as a list of cells {source, target, ties, density} or as
// {departments: [{id, name}], ties: [[…]], density: [[…]]} (rows and columns in order).
export function cells(matrix) {
  if (Array.isArray(matrix)) return matrix;
  const depts = matrix?.departments || [];
  const out = [];
  depts.forEach((source, i) => depts.forEach((target, j) => {
    if (j >= i) out.push({ source, target, ties: matrix.ties?.[i]?.[j] ?? 0, density: matrix.density?.[i]?.[j] ?? 0 });
  }));
  return out;
}

export function heatMap(rawMatrix) {
  const matrix = cells(rawMatrix);
  const depts = new Map();
  for (const cell of matrix) {
    depts.set(cell.source.id, cell.source.name);
    depts.set(cell.target.id, cell.target.name);
  }
  const ids = [...depts.keys()].sort((a, b) => depts.get(a).localeCompare(depts.get(b), 'sv'));
  const byPair = new Map(matrix.map((c) => [`${c.source.id}|${c.target.id}`, c]));
  const get = (a, b) => byPair.get(`${a}|${b}`) || byPair.get(`${b}|${a}`);
  const max = Math.max(0.0001, ...matrix.map((c) => c.density || 0));
  const table = h('table', { class: 'heatmap' },
    h('caption', {}, t('admin.heatmapCaption')),
    h('thead', {}, h('tr', {}, h('td', {}),
      ids.map((id) => h('th', { scope: 'col' }, h('span', { class: 'col-label' }, depts.get(id)))))),
    h('tbody', {}, ids.map((row) => h('tr', {},
      h('th', { scope: 'row' }, depts.get(row)),
      ids.map((col) => {
        const cell = get(row, col);
        const colours = heat((cell?.density || 0) / max);
        return h('td', {
          class: 'heat', style: { 'background-color': colours.background, color: colours.color },
          title: cell ? t('admin.heatCell', { ties: num(cell.ties), density: pct(cell.density, 1) }) : '',
        }, cell ? num(cell.ties) : '0');
      })))));
  const legend = h('p', { class: 'heat-legend' },
    h('span', { class: 'swatch', style: { 'background-color': heat(0).background } }), ` ${t('admin.heatLow')} `,
    h('span', { class: 'swatch', style: { 'background-color': heat(1).background } }), ` ${t('admin.heatHigh', { max: pct(max, 1) })}`);
  const csv = dataTable({
    caption: t('admin.heatmapCaption'),
    csvName: 'department-matrix',
    columns: [
      { key: 'source', label: t('admin.from'), format: (r) => r.source.name, csv: (r) => r.source.name },
      { key: 'target', label: t('admin.to'), format: (r) => r.target.name, csv: (r) => r.target.name },
      { key: 'ties', label: t('admin.ties'), numeric: true, format: (r) => num(r.ties) },
      { key: 'density', label: t('admin.density'), numeric: true, format: (r) => pct(r.density, 1) },
    ],
    rows: matrix,
  });
  const tools = csv.querySelector('.table-tools');
  return h('div', { class: 'heatmap-block' }, tools,
    h('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': t('admin.heatmapCaption') }, table), legend);
}
