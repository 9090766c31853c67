// Department colours: Okabe–Ito's colour-blind-safe set first, then a few more; assigned
// by department id so a department keeps its colour across pages and runs.
const COLOURS = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#7A6A00',
  '#332288', '#882255', '#44AA99', '#117733', '#999933'];

export function departmentColours(departmentIds) {
  const ids = [...new Set(departmentIds)].sort();
  return new Map(ids.map((id, i) => [id, COLOURS[i % COLOURS.length]]));
}

// Light-to-dark blue for the heat map, with the text colour that keeps 4.5:1 contrast.
export function heat(value) {
  const v = Math.max(0, Math.min(1, value || 0));
  const from = [247, 251, 255];
  const to = [8, 48, 107];
  const rgb = from.map((f, i) => Math.round(f + (to[i] - f) * v));
  const lum = rgb.map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  const L = 0.2126 * lum[0] + 0.7152 * lum[1] + 0.0722 * lum[2];
  return { background: `rgb(${rgb.join(',')})`, color: L > 0.18 ? '#111111' : '#ffffff' };
}
