// Tables download as CSV built in the browser (RFC 4180, UTF-8 with a byte-order mark so
// spreadsheet programs read å, ä and ö right). Nothing is sent to the server.

function cell(value) {
  if (value == null) return '';
  const text = Array.isArray(value) ? value.join('; ') : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(columns, rows) {
  const lines = [columns.map((c) => cell(c.label)).join(',')];
  for (const row of rows) {
    lines.push(columns.map((c) => cell(c.csv ? c.csv(row) : row[c.key])).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

export function downloadCsv(filename, columns, rows) {
  const blob = new Blob(['\ufeff', toCsv(columns, rows)], { type: 'text/csv;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 1000);
}
