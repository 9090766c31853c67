// A per-quarter bar sparkline in SVG (prints sharp, needs no library), with a text alternative.
import { t } from '../i18n.js';

const NS = 'http://www.w3.org/2000/svg';

export function sparkline(trend) {
  const points = trend || [];
  const max = Math.max(1, ...points.map((p) => p.count || 0));
  const width = Math.max(40, points.length * 8);
  const svg = document.createElementNS(NS, 'svg');
  svg.setAttribute('viewBox', `0 0 ${width} 24`);
  svg.setAttribute('width', String(width));
  svg.setAttribute('height', '24');
  svg.setAttribute('role', 'img');
  svg.setAttribute('class', 'sparkline');
  const alt = points.map((p) => `${p.quarter}: ${p.count}`).join(', ');
  svg.setAttribute('aria-label', t('board.trendAlt', { points: alt || '–' }));
  points.forEach((p, i) => {
    const hgt = Math.max(1, Math.round((22 * (p.count || 0)) / max));
    const rect = document.createElementNS(NS, 'rect');
    rect.setAttribute('x', String(i * 8 + 1));
    rect.setAttribute('y', String(24 - hgt));
    rect.setAttribute('width', '6');
    rect.setAttribute('height', String(hgt));
    rect.setAttribute('fill', i === points.length - 1 ? '#b3261e' : '#1f4e79');
    svg.append(rect);
  });
  return svg;
}
