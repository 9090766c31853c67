// Find a peer: a problem in one's own words → ranked peers with reasons, the problems they
// handled (confidential ones one may not read as one line per category), outcomes and how one
// is connected;
// one click records the contact.
import { gql } from '../api.js';
import { announce, clear, h, liveRegion, uid } from '../dom.js';
import { enumLabel, num } from '../format.js';
import { t } from '../i18n.js';
import { FIND_PEERS, RECORD_CONTACT } from '../queries.js';
import { reasonText } from '../reasons.js';
import { errorNotice } from '../widgets/notice.js';

function problemItem({ problem, outcome }) {
  const text = problem.restricted || !problem.title
    ? h('span', { class: 'confidential' },
      h('span', { class: 'badge badge-muted' }, t('find.confidential')), ' ',
      t('find.categoryOnly', { category: enumLabel('category', problem.category) }))
    : h('span', {}, problem.title, ' ', h('span', { class: 'category' }, `(${enumLabel('category', problem.category)})`));
  return h('li', { class: 'matched-problem' }, text, ' ',
    h('span', { class: `badge outcome outcome-${String(outcome).toLowerCase()}` }, enumLabel('outcome', outcome)));
}

// Confidential matches one may not read: one line per category, never their text.
function hiddenItem(group) {
  const category = enumLabel('category', group.category);
  const text = group.handledInOwnTeam
    ? t('find.ownTeamCases', { category })
    : t('find.hiddenCases', { n: group.count, category, resolved: group.resolved,
      partly: group.partlyResolved, not: group.notResolved });
  return h('li', { class: 'matched-problem hidden-match' }, h('span', { class: 'confidential' },
    h('span', { class: 'badge badge-muted' }, t('find.confidential')), ' ', text));
}

// "You already know each other", "You were both in Kohort 2", or the people on the way.
function connectionText(connection) {
  const steps = connection?.steps || [];
  if (!steps.length) return t('find.notConnected');
  if (steps.length === 1) {
    return steps[0].via === 'COHORT' && steps[0].cohort
      ? t('find.sameCohort', { cohort: steps[0].cohort.name }) : t('find.direct');
  }
  const via = steps.slice(0, -1).map((s) => (s.via === 'COHORT' && s.cohort
    ? `${s.manager.name} (${s.cohort.name})` : s.manager.name)).join(' → ');
  return t('find.via', { via, n: connection.length });
}

function peerCard(match, index, status) {
  const { peer } = match;
  const department = match.department || peer.department;
  const headingId = uid('peer');
  const button = h('button', {
    type: 'button', class: 'record-contact', 'data-peer': peer.id,
    onclick: async () => {
      button.disabled = true;
      try {
        await gql(RECORD_CONTACT, { otherId: peer.id });
        button.textContent = t('find.recorded');
        button.classList.add('done');
        announce(status, t('find.recordedFor', { name: peer.name }));
      } catch (err) {
        button.disabled = false;
        status.replaceChildren(errorNotice(err));
      }
    },
  }, t('find.record', { name: peer.name }));
  return h('li', { class: 'peer-card', 'data-peer': peer.id },
    h('article', { 'aria-labelledby': headingId },
      h('header', {},
        h('h3', { id: headingId }, h('span', { class: 'rank' }, `${index + 1}. `), peer.name),
        h('p', { class: 'peer-meta' }, [peer.title, department?.name].filter(Boolean).join(', ')),
        h('p', { class: 'score' }, t('find.score', { score: num(match.score, 2) }))),
      match.reasons?.length ? h('div', {},
        h('h4', {}, t('find.reasons')),
        h('ul', { class: 'reasons' }, match.reasons.map((r) => h('li', {}, reasonText(r))))) : null,
      match.matchedProblems?.length || match.hiddenMatches?.length ? h('div', {},
        h('h4', {}, t('find.handled')),
        h('ul', { class: 'problems' }, [...(match.matchedProblems || []).map(problemItem),
          ...(match.hiddenMatches || []).map(hiddenItem)])) : null,
      h('p', { class: 'connection' }, h('strong', {}, `${t('find.connection')}: `), connectionText(match.connection)),
      button));
}

export default {
  titleKey: 'find.title',
  async render(main) {
    const inputId = uid('problem');
    const hintId = uid('hint');
    const input = h('input', {
      id: inputId, name: 'problem', type: 'search', required: true, maxlength: '500',
      autocomplete: 'off', 'aria-describedby': hintId,
    });
    const exclude = h('input', { id: uid('exclude'), type: 'checkbox', name: 'exclude' });
    const status = liveRegion();
    const results = h('ol', { class: 'peer-list', id: 'peer-results' });
    const form = h('form', {
      class: 'search-form', role: 'search', 'aria-label': t('find.title'), novalidate: true,
      onsubmit: async (event) => {
        event.preventDefault();
        const problem = input.value.trim();
        if (!problem) {
          input.setAttribute('aria-invalid', 'true');
          announce(status, t('find.empty'));
          input.focus();
          return;
        }
        input.removeAttribute('aria-invalid');
        clear(results);
        announce(status, t('find.searching'));
        try {
          const data = await gql(FIND_PEERS, { problem, first: 10, excludeOwnDepartment: exclude.checked });
          const matches = data.findPeers || [];
          results.append(...matches.map((m, i) => peerCard(m, i, status)));
          announce(status, matches.length ? t('find.count', { n: matches.length }) : t('find.none'));
        } catch (err) {
          status.textContent = '';
          results.append(h('li', {}, errorNotice(err)));
        }
      },
    },
    h('label', { for: inputId }, t('find.label')),
    h('p', { class: 'hint', id: hintId }, t('find.hint')),
    h('div', { class: 'search-row' }, input, h('button', { type: 'submit' }, t('find.submit'))),
    h('div', { class: 'check' }, exclude, h('label', { for: exclude.id }, t('find.exclude'))));
    main.append(
      h('h1', {}, t('find.title')),
      h('p', { class: 'lead' }, t('find.intro')),
      form,
      h('section', { 'aria-labelledby': 'results-heading' },
        h('h2', { id: 'results-heading', class: 'visually-hidden' }, t('find.results')),
        status, results));
  },
};
