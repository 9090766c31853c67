// The shell: language, sign-in check, the menu the role may see, then the page.
import { gql } from './api.js';
import { authConfig, clearToken, whoami } from './auth.js';
import { append, clear, h } from './dom.js';
import { LANGS, initLang, lang, setLang, t } from './i18n.js';
import { ME } from './queries.js';
import adminPage from './pages/admin.js';
import boardPage from './pages/board.js';
import callbackPage from './pages/callback.js';
import findPage from './pages/find.js';
import signinPage from './pages/signin.js';
import suggestionsPage from './pages/suggestions.js';

const PAGES = {
  '/find': findPage,
  '/suggestions': suggestionsPage,
  '/admin': adminPage,
  '/board': boardPage,
  '/signin': signinPage,
  '/auth/callback': callbackPage,
};

// Menu entries and the roles that see them. The API decides what each role may read; the
// menu only spares people links that would answer "not permitted".
const NAV = [
  { path: '/find', key: 'nav.find', roles: ['manager'] },
  { path: '/suggestions', key: 'nav.suggestions', roles: ['manager'] },
  { path: '/board', key: 'nav.board', roles: ['sponsor', 'admin'] },
  { path: '/admin', key: 'nav.admin', roles: ['admin'] },
];

const state = { config: null, viewer: null, me: null };

function renderHeader() {
  const header = document.getElementById('site-header');
  clear(header);
  const { viewer, me, config } = state;
  const path = window.location.pathname;
  const items = viewer ? NAV.filter((n) => n.roles.some((r) => viewer.roles.includes(r))) : [];
  const langSelect = h('select', { id: 'lang-select', onchange: (e) => { setLang(e.target.value); render(); } },
    LANGS.map((l) => h('option', { value: l, lang: l, selected: l === lang() }, t(`lang.${l}`))));
  append(header, [
    h('a', { class: 'brand', href: viewer ? '/find' : '/signin' }, h('span', { 'aria-hidden': 'true' }, '◆ '), 'peernet'),
    items.length ? h('nav', { 'aria-label': t('nav.label'), id: 'site-nav' },
      h('ul', {}, items.map((n) => h('li', {},
        h('a', { href: n.path, 'aria-current': n.path === path ? 'page' : null }, t(n.key)))))) : null,
    h('div', { class: 'header-tools' },
      h('label', { for: 'lang-select' }, t('lang.label')), langSelect,
      viewer ? h('span', { class: 'who', id: 'who' },
        me?.name || viewer.managerId,
        h('span', { class: 'roles' }, ` (${viewer.roles.filter((r) => r !== 'manager').map((r) => t(`role.${r}`)).join(', ') || t('role.manager')})`)) : null,
      viewer && config?.signIn !== 'proxy' ? h('button', {
        type: 'button', class: 'secondary', id: 'sign-out',
        onclick: () => { clearToken(); window.location.assign('/signin'); },
      }, t('nav.signOut')) : null)]);
}

async function render() {
  const path = window.location.pathname.replace(/\/$/, '') || '/find';
  const page = PAGES[path] || findPage;
  document.documentElement.lang = lang();
  document.getElementById('skip-link').textContent = t('nav.skip');
  document.getElementById('site-footer').textContent = t('footer.text');
  document.title = `${t(page.titleKey)} – peernet`;
  renderHeader();
  const main = clear(document.getElementById('main'));
  main.setAttribute('aria-busy', 'true');
  try {
    await page.render(main, state);
  } finally {
    main.removeAttribute('aria-busy');
    document.body.dataset.ready = path;
  }
}

async function boot() {
  initLang();
  state.config = await authConfig();
  const path = window.location.pathname;
  if (path !== '/signin' && path !== '/auth/callback') {
    state.viewer = await whoami();
    if (!state.viewer) {
      window.location.replace(`/signin?next=${encodeURIComponent(path)}`);
      return;
    }
    try {
      state.me = (await gql(ME)).me;
    } catch {
      state.me = null; // the page shows the API's error itself
    }
  }
  await render();
}

boot();
