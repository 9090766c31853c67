// A captioned data table with a "download as CSV" button. Columns:
// { key, label, format(row) → text or Node, csv(row) → plain value, numeric }.
import { downloadCsv } from '../csv.js';
import { h } from '../dom.js';
import { t } from '../i18n.js';

export function dataTable({ caption, columns, rows, csvName, empty }) {
  const head = h('tr', {}, columns.map((c) => h('th', { scope: 'col', class: c.numeric ? 'num' : null }, c.label)));
  const body = rows.map((row) => h('tr', {}, columns.map((c, i) => {
    const content = c.format ? c.format(row) : row[c.key];
    const attrs = { class: c.numeric ? 'num' : null };
    return i === 0 ? h('th', { scope: 'row', ...attrs }, content ?? '–') : h('td', attrs, content ?? '–');
  })));
  const table = h('table', {},
    h('caption', {}, caption),
    h('thead', {}, head),
    h('tbody', {}, body.length ? body : h('tr', {}, h('td', { colspan: columns.length }, empty || t('table.empty')))));
  const wrap = h('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': caption }, table);
  const tools = csvName ? h('div', { class: 'table-tools no-print' },
    h('button', {
      type: 'button', class: 'secondary', 'data-csv': csvName,
      onclick: () => downloadCsv(`${csvName}.csv`, columns, rows),
    }, t('table.csv'), h('span', { class: 'visually-hidden' }, `: ${caption}`))) : null;
  return h('div', { class: 'data-table' }, tools, wrap);
}
