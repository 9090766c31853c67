// A tiny element builder. Text is always set as text (never as HTML), so nothing the API
// returns can inject markup; styles are set through the CSSOM, which the CSP allows.

export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value == null || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') {
      el.addEventListener(key.slice(2).toLowerCase(), value);
    } else if (key === 'class') {
      el.className = value;
    } else if (key === 'style' && typeof value === 'object') {
      for (const [prop, v] of Object.entries(value)) el.style.setProperty(prop, v);
    } else if (key === 'dataset') {
      Object.assign(el.dataset, value);
    } else if (key === 'value' && 'value' in el) {
      el.value = value;
    } else {
      el.setAttribute(key, value === true ? '' : String(value));
    }
  }
  append(el, children);
  return el;
}

export function append(parent, children) {
  for (const child of [children].flat(Infinity)) {
    if (child == null || child === false) continue;
    parent.append(child instanceof Node ? child : String(child));
  }
  return parent;
}

export function clear(el) {
  while (el.firstChild) el.firstChild.remove();
  return el;
}

let counter = 0;
export function uid(prefix = 'id') {
  counter += 1;
  return `${prefix}-${counter}`;
}

// A polite live region inside `el`, for "12 results", "contact recorded" and the like.
export function liveRegion(cls = 'status') {
  return h('p', { class: cls, role: 'status', 'aria-live': 'polite' });
}

export function announce(region, text) {
  // Clearing first makes screen readers repeat an identical message.
  region.textContent = '';
  window.setTimeout(() => { region.textContent = text; }, 30);
}
