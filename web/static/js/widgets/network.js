// The contact network, coloured by department: each department a cluster (a sunflower of
// its managers), departments on a ring, so ties across department lines stand out. Zoom with
// the wheel, a pinch or the buttons; hover (or tap) a manager for their name and ties.
import { h } from '../dom.js';
import { num } from '../format.js';
import { t } from '../i18n.js';
import { loadCytoscape } from '../vendor.js';
import { departmentColours } from './palette.js';

// Deterministic positions, so the picture (and its screenshot) is the same on every load.
function layout(managers) {
  const groups = new Map();
  for (const m of managers) {
    const d = m.department?.id || '?';
    if (!groups.has(d)) groups.set(d, []);
    groups.get(d).push(m);
  }
  const ids = [...groups.keys()].sort();
  const ring = 170 + 24 * ids.length;
  const positions = new Map();
  ids.forEach((d, i) => {
    const angle = (2 * Math.PI * i) / ids.length - Math.PI / 2;
    const cx = ring * Math.cos(angle);
    const cy = ring * Math.sin(angle);
    const members = groups.get(d).sort((a, b) => a.id.localeCompare(b.id));
    members.forEach((m, k) => {
      const r = 13 * Math.sqrt(k + 0.5);
      const theta = k * 2.39996323; // the golden angle
      positions.set(m.id, { x: cx + r * Math.cos(theta), y: cy + r * Math.sin(theta) });
    });
  });
  return positions;
}

export function contactEdges(managers) {
  const known = new Set(managers.map((m) => m.id));
  const edges = new Map();
  for (const m of managers) {
    for (const c of m.contacts || []) {
      const other = c.manager?.id;
      if (!other || !known.has(other) || other === m.id) continue;
      const key = m.id < other ? `${m.id}|${other}` : `${other}|${m.id}`;
      if (!edges.has(key)) edges.set(key, { source: key.split('|')[0], target: key.split('|')[1] });
    }
  }
  return [...edges.values()];
}

export function networkPicture(managers) {
  const colours = departmentColours(managers.map((m) => m.department?.id || '?'));
  const deptName = new Map(managers.map((m) => [m.department?.id || '?', m.department?.name || '?']));
  const edges = contactEdges(managers);
  const deptOf = new Map(managers.map((m) => [m.id, m.department?.id]));
  const cross = edges.filter((e) => deptOf.get(e.source) !== deptOf.get(e.target)).length;
  const canvas = h('div', {
    class: 'network-canvas', id: 'network', role: 'img',
    'aria-label': t('admin.networkAlt', {
      managers: num(managers.length), contacts: num(edges.length), cross: num(cross), departments: num(colours.size),
    }),
  });
  const tip = h('div', { class: 'network-tip', hidden: true, 'aria-hidden': 'true' });
  const zoom = (factor) => () => window.cy && window.cy.zoom({
    level: window.cy.zoom() * factor,
    renderedPosition: { x: canvas.clientWidth / 2, y: canvas.clientHeight / 2 },
  });
  const controls = h('div', { class: 'network-controls no-print', role: 'group', 'aria-label': t('admin.zoom') },
    h('button', { type: 'button', class: 'secondary', onclick: zoom(1.25) }, h('span', { 'aria-hidden': 'true' }, '+ '), t('admin.zoomIn')),
    h('button', { type: 'button', class: 'secondary', onclick: zoom(0.8) }, h('span', { 'aria-hidden': 'true' }, '− '), t('admin.zoomOut')),
    h('button', { type: 'button', class: 'secondary', onclick: () => window.cy && window.cy.fit(undefined, 20) }, t('admin.fit')));
  const legend = h('ul', { class: 'legend', 'aria-label': t('admin.legend') },
    [...colours.entries()].map(([id, colour]) => h('li', {},
      h('span', { class: 'swatch', style: { 'background-color': colour } }),
      ` ${deptName.get(id)} (${num(managers.filter((m) => (m.department?.id || '?') === id).length)})`)));
  const block = h('div', { class: 'network-block' }, controls, h('div', { class: 'network-wrap' }, canvas, tip), legend);

  loadCytoscape().then((cytoscape) => {
    const positions = layout(managers);
    const degree = new Map(managers.map((m) => [m.id, 0]));
    for (const e of edges) {
      degree.set(e.source, degree.get(e.source) + 1);
      degree.set(e.target, degree.get(e.target) + 1);
    }
    const cy = cytoscape({
      container: canvas,
      elements: [
        ...managers.map((m) => ({
          data: {
            id: m.id, name: m.name, dept: m.department?.name || '', degree: degree.get(m.id),
            colour: colours.get(m.department?.id || '?'),
          },
          position: positions.get(m.id),
        })),
        ...edges.map((e, i) => ({
          data: { id: `e${i}`, ...e, cross: deptOf.get(e.source) !== deptOf.get(e.target) ? 1 : 0 },
        })),
      ],
      layout: { name: 'preset', fit: true, padding: 20 },
      style: [
        { selector: 'node', style: { 'background-color': 'data(colour)', width: 9, height: 9, 'border-width': 0.5, 'border-color': '#ffffff' } },
        { selector: 'node[degree = 0]', style: { shape: 'diamond', 'border-color': '#000000', 'border-width': 1.5, width: 11, height: 11 } },
        { selector: 'edge', style: { width: 0.6, 'line-color': '#9aa5b1', opacity: 0.35, 'curve-style': 'haystack' } },
        { selector: 'edge[cross = 1]', style: { 'line-color': '#4a5561', opacity: 0.45 } },
        { selector: '.faded', style: { opacity: 0.08 } },
        { selector: 'node.focus', style: { width: 14, height: 14, 'border-color': '#000000', 'border-width': 2 } },
        { selector: 'edge.focus', style: { opacity: 0.9, width: 1.4, 'line-color': '#111111' } },
      ],
      minZoom: 0.2, maxZoom: 6, boxSelectionEnabled: false,
      autoungrabify: true,
    });
    window.cy = cy; // for the zoom buttons and the browser tests
    const show = (node) => {
      const p = node.renderedPosition();
      tip.replaceChildren(
        h('strong', {}, node.data('name')), h('br'), node.data('dept'), h('br'),
        t('admin.tipContacts', { n: num(node.data('degree')) }));
      tip.style.setProperty('left', `${Math.round(p.x + 12)}px`);
      tip.style.setProperty('top', `${Math.round(p.y + 12)}px`);
      tip.hidden = false;
      cy.elements().addClass('faded');
      node.closedNeighborhood().removeClass('faded').addClass('focus');
    };
    const hide = () => {
      tip.hidden = true;
      cy.elements().removeClass('faded focus');
    };
    cy.on('mouseover tap', 'node', (e) => show(e.target));
    cy.on('mouseout', 'node', hide);
    cy.on('tap', (e) => { if (e.target === cy) hide(); });
    canvas.dataset.drawn = 'true';
  }).catch(() => canvas.replaceWith(h('p', { class: 'hint' }, t('admin.noCharts'))));
  return block;
}
