// Tables download as CSV built in the browser (RFC 4180, UTF-8 with a byte-order mark so
// spreadsheet programs read å, ä and ö right). Nothing is sent to the server.

// A text cell that a spreadsheet would read as a formula (=, +, -, @, or a tab or carriage
// return before one) gets a leading apostrophe, as OWASP's "CSV injection" advice says: a
// report title such as `=HYPERLINK("https://evil.example", "Klicka")` stays text. Numbers
// stay numbers: the E-I index is often negative, and "-0.4" from a number is not a formula.
const FORMULA_START = /^[=+\-@\t\r]/;
// A number already formatted for the page ("+1,5", "-12 %", "−0.40") cannot form a formula.
const PLAIN_NUMBER = /^[+\-\u2212]?\d[\d\u00a0\u202f ]*([.,]\d+)?[\u00a0 ]?%?$/;

export function neutralise(value) {
  if (value == null) return '';
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  const text = Array.isArray(value) ? value.map((v) => neutralise(v)).join('; ') : String(value);
  return FORMULA_START.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text;
}

function cell(value) {
  const text = neutralise(value);
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
