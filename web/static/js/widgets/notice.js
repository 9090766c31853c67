// The messages a section shows instead of its content: not permitted, not available on this
// server yet, not computed yet, or an error.
import { h } from '../dom.js';
import { t } from '../i18n.js';

export function notice(kind, detail) {
  const text = {
    FORBIDDEN: t('error.forbidden'),
    UNAVAILABLE: t('error.unavailable'),
    UNAUTHENTICATED: t('error.unauthenticated'),
    EMPTY: detail,
  }[kind] || t('error.generic');
  return h('div', { class: `notice notice-${kind.toLowerCase()}`, role: kind === 'EMPTY' ? null : 'alert', dataset: { notice: kind } },
    h('p', {}, text),
    kind !== 'EMPTY' && detail && kind !== 'FORBIDDEN' && kind !== 'UNAVAILABLE' ? h('p', { class: 'detail' }, detail) : null);
}

export function errorNotice(err) {
  return notice(err?.code || 'ERROR', err?.message);
}
