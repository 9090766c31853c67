// Numbers and dates in the page's language (sv-SE: "0,42", "12 mars 2024").
import { lang, t } from './i18n.js';

const locale = () => (lang() === 'sv' ? 'sv-SE' : 'en-GB');

export function num(value, digits = 0) {
  if (value == null || Number.isNaN(value)) return '–';
  return new Intl.NumberFormat(locale(), {
    minimumFractionDigits: digits, maximumFractionDigits: digits,
  }).format(value);
}

export function pct(value, digits = 0) {
  if (value == null || Number.isNaN(value)) return '–';
  return new Intl.NumberFormat(locale(), {
    style: 'percent', minimumFractionDigits: digits, maximumFractionDigits: digits,
  }).format(value);
}

export function date(value) {
  if (!value) return '–';
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return String(value);
  // A plain date ("2019-09-09") parses as UTC midnight: show it in UTC, or a browser west of
  // Greenwich would print the day before.
  const plain = /^\d{4}-\d{2}-\d{2}$/.test(String(value));
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', ...(plain ? { timeZone: 'UTC' } : {}) }).format(d);
}

export function dateTime(value) {
  if (!value) return '–';
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return String(value);
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeStyle: 'short' }).format(d);
}

export function seconds(value) {
  return value == null ? '–' : `${num(value, value < 10 ? 1 : 0)} s`;
}

export function enumLabel(kind, value) {
  if (value == null) return '–';
  const key = `${kind}.${value}`;
  const text = t(key);
  return text === key ? String(value) : text;
}
