// My suggestions: people in other departments the contact-suggestion job thinks one should
// meet, with its reasons; accept (records a contact) or dismiss (never shown again).
import { gql } from '../api.js';
import { announce, h, liveRegion, uid } from '../dom.js';
import { num } from '../format.js';
import { t } from '../i18n.js';
import { RESPOND, SUGGESTIONS } from '../queries.js';
import { reasonText } from '../reasons.js';
import { errorNotice, notice } from '../widgets/notice.js';

function card(s, list, status) {
  const m = s.manager;
  const headingId = uid('sugg');
  const item = h('li', { class: 'peer-card suggestion', 'data-manager': m.id });
  const respond = async (response, button) => {
    for (const b of item.querySelectorAll('button')) b.disabled = true;
    try {
      await gql(RESPOND, { managerId: m.id, response });
      const next = item.nextElementSibling || item.previousElementSibling;
      item.remove();
      announce(status, t(response === 'ACCEPTED' ? 'sugg.accepted' : 'sugg.dismissed', { name: m.name }));
      (next?.querySelector('button') || document.getElementById('main')).focus();
      if (!list.children.length) list.replaceWith(notice('EMPTY', t('sugg.none')));
    } catch (err) {
      for (const b of item.querySelectorAll('button')) b.disabled = false;
      button.focus();
      status.replaceChildren(errorNotice(err));
    }
  };
  const accept = h('button', { type: 'button', class: 'accept', onclick: () => respond('ACCEPTED', accept) },
    t('sugg.accept'), h('span', { class: 'visually-hidden' }, `: ${m.name}`));
  const dismiss = h('button', { type: 'button', class: 'secondary dismiss', onclick: () => respond('DISMISSED', dismiss) },
    t('sugg.dismiss'), h('span', { class: 'visually-hidden' }, `: ${m.name}`));
  item.append(h('article', { 'aria-labelledby': headingId },
    h('header', {},
      h('h3', { id: headingId }, m.name),
      h('p', { class: 'peer-meta' }, [m.title, m.department?.name].filter(Boolean).join(', ')),
      h('p', { class: 'score' }, t('sugg.score', { score: num(s.score, 2) }))),
    s.reasons?.length ? h('ul', { class: 'reasons' }, s.reasons.map((r) => h('li', {}, reasonText(r)))) : null,
    h('div', { class: 'actions' }, accept, dismiss)));
  return item;
}

export default {
  titleKey: 'sugg.title',
  async render(main) {
    const status = liveRegion();
    main.append(h('h1', {}, t('sugg.title')), h('p', { class: 'lead' }, t('sugg.intro')), status);
    try {
      const data = await gql(SUGGESTIONS, { first: 10 });
      const items = data.me?.suggestedContacts || [];
      if (!items.length) {
        main.append(notice('EMPTY', t('sugg.none')));
        return;
      }
      const list = h('ol', { class: 'peer-list', id: 'suggestions' });
      list.append(...items.map((s) => card(s, list, status)));
      main.append(list);
      announce(status, t('sugg.count', { n: items.length }));
    } catch (err) {
      main.append(errorNotice(err));
    }
  },
};
