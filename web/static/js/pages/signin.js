// Sign-in: demo users in development, the organisation's OpenID Connect login in production,
// or a note that the reverse proxy signs people in.
import { authConfig, demoSignIn, oidcStart, safeNext } from '../auth.js';
import { h } from '../dom.js';
import { t } from '../i18n.js';
import { errorNotice } from '../widgets/notice.js';

const nextPath = () => safeNext(new URLSearchParams(window.location.search).get('next'));

export default {
  titleKey: 'signin.title',
  async render(main) {
    const config = await authConfig();
    main.append(h('h1', { tabindex: '-1' }, t('signin.title')));
    const status = h('div', { 'aria-live': 'polite' });
    if (config.signIn === 'demo') {
      main.append(
        h('p', { class: 'lead' }, t('signin.demoIntro')),
        h('ul', { class: 'demo-users' }, config.demoUsers.map((u) => h('li', {},
          h('button', {
            type: 'button', class: 'demo-user', 'data-role': u.role,
            onclick: async () => {
              try {
                await demoSignIn(u.role);
                window.location.assign(nextPath());
              } catch (err) {
                status.replaceChildren(errorNotice(err));
              }
            },
          },
          h('span', { class: 'demo-role' }, t(`role.${u.role}`)),
          h('span', { class: 'demo-name' }, u.name || u.id),
          h('span', { class: 'demo-title' }, u.title || '')),
          h('p', { class: 'demo-what' }, t(`signin.what.${u.role}`))))),
        h('p', { class: 'hint' }, t('signin.demoNote')),
        status);
    } else if (config.signIn === 'oidc') {
      main.append(
        h('p', { class: 'lead' }, t('signin.oidcIntro')),
        h('button', {
          type: 'button', id: 'oidc-sign-in',
          onclick: async () => {
            try {
              await oidcStart(config.oidc, nextPath());
            } catch (err) {
              status.replaceChildren(errorNotice(err));
            }
          },
        }, t('signin.oidcButton')),
        status);
    } else {
      main.append(h('p', { class: 'lead' }, t('signin.proxy')),
        h('p', {}, h('a', { href: nextPath() }, t('signin.retry'))));
    }
  },
};
