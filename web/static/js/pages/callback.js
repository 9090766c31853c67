// /auth/callback: the identity provider sends the browser back here with a code.
import { authConfig, oidcFinish } from '../auth.js';
import { h } from '../dom.js';
import { t } from '../i18n.js';

export default {
  titleKey: 'signin.title',
  async render(main) {
    main.append(h('h1', {}, t('signin.title')));
    const config = await authConfig();
    try {
      const next = await oidcFinish(config.oidc || {});
      main.append(h('p', { role: 'status' }, t('signin.done')));
      window.location.replace(next);
    } catch (err) {
      main.append(h('div', { class: 'notice', role: 'alert' },
        h('p', {}, t('signin.failed')), h('p', { class: 'detail' }, err.message),
        h('p', {}, h('a', { href: '/signin' }, t('signin.retry')))));
    }
  },
};
