// The sponsors' board: problems that keep coming back across departments, with their spread
// and trend; escalate one to the leadership group or record the action taken.
import { gql } from '../api.js';
import { announce, h, liveRegion, uid } from '../dom.js';
import { date, enumLabel, num } from '../format.js';
import { t } from '../i18n.js';
import { ESCALATE, RECORD_ACTION, RECURRING } from '../queries.js';
import { errorNotice, notice } from '../widgets/notice.js';
import { sparkline } from '../widgets/sparkline.js';
import { dataTable } from '../widgets/table.js';

const ACTION_STATUSES = ['PLANNED', 'IN_PROGRESS', 'DONE'];

function latestAction(p) {
  const a = (p.actions || []).at(-1);
  return a ? `${a.action} (${enumLabel('actionStatus', a.status)})` : '';
}

// Departments and cohorts below the minimum group size are not named to viewers who may not
// read the confidential reports; the API counts them (docs/privacy.md), the page says how many.
const departmentCount = (p) => p.departments.length + (p.otherDepartments || 0);
const cohortCount = (p) => (p.cohorts || []).length + (p.otherCohorts || 0);

function departmentNames(p) {
  const names = p.departments.map((d) => d.name);
  if (p.otherDepartments) names.push(t('board.otherCount', { n: num(p.otherDepartments) }));
  return names.join(', ');
}

function summaryTable(problems) {
  return dataTable({
    caption: t('board.caption', { n: problems.length }), csvName: 'recurring-problems',
    columns: [
      { key: 'label', label: t('board.problem') },
      { key: 'reports', label: t('board.reports'), numeric: true, format: (p) => num(p.reports) },
      { key: 'departments', label: t('board.departments'), format: (p) => `${num(departmentCount(p))}: ${departmentNames(p)}`, csv: (p) => p.departments.map((d) => d.name) },
      { key: 'otherDepartments', label: t('board.otherDepartments'), numeric: true, format: (p) => num(p.otherDepartments || 0), csv: (p) => p.otherDepartments || 0 },
      { key: 'cohorts', label: t('board.cohorts'), format: (p) => num(cohortCount(p)), csv: (p) => (p.cohorts || []).map((c) => c.name) },
      { key: 'otherCohorts', label: t('board.otherCohorts'), numeric: true, format: (p) => num(p.otherCohorts || 0), csv: (p) => p.otherCohorts || 0 },
      { key: 'firstSeen', label: t('board.firstSeen'), format: (p) => date(p.firstSeen) },
      { key: 'lastSeen', label: t('board.lastSeen'), format: (p) => date(p.lastSeen) },
      { key: 'trend', label: t('board.trend'), format: (p) => sparkline(p.trend), csv: (p) => (p.trend || []).map((q) => `${q.quarter}=${q.count}`) },
      { key: 'status', label: t('board.status'), format: (p) => h('span', { class: `badge status-${String(p.status).toLowerCase()}` }, enumLabel('recurringStatus', p.status)), csv: (p) => p.status },
      { key: 'action', label: t('board.latestAction'), format: latestAction, csv: latestAction },
    ],
    rows: problems,
  });
}

function disclosure(label, buildForm) {
  const panelId = uid('panel');
  const panel = h('div', { id: panelId, class: 'disclosure-panel', hidden: true });
  const toggle = h('button', {
    type: 'button', class: 'secondary', 'aria-expanded': 'false', 'aria-controls': panelId,
    onclick: () => {
      const open = toggle.getAttribute('aria-expanded') !== 'true';
      toggle.setAttribute('aria-expanded', String(open));
      panel.hidden = !open;
      if (open) {
        if (!panel.firstChild) panel.append(buildForm());
        panel.querySelector('textarea, input, select')?.focus();
      }
    },
  }, label);
  return [toggle, panel];
}

function card(p, reload, status) {
  const headingId = uid('rp');
  const escalate = () => {
    const noteId = uid('note');
    const note = h('textarea', { id: noteId, required: true, rows: '3', maxlength: '2000' });
    return h('form', {
      class: 'inline-form escalate-form', novalidate: true,
      onsubmit: async (e) => {
        e.preventDefault();
        if (!note.value.trim()) { note.setAttribute('aria-invalid', 'true'); note.focus(); return; }
        try {
          await gql(ESCALATE, { id: p.id, note: note.value.trim() });
          // Reload first so the announcement describes what is already on screen.
          await reload(p.id);
          announce(status, t('board.escalated', { label: p.label }));
        } catch (err) { e.target.append(errorNotice(err)); }
      },
    }, h('label', { for: noteId }, t('board.note')), note, h('button', { type: 'submit' }, t('board.escalateSubmit')));
  };
  const action = () => {
    const textId = uid('action');
    const statusId = uid('astatus');
    const text = h('input', { id: textId, type: 'text', required: true, maxlength: '500' });
    const select = h('select', { id: statusId }, ACTION_STATUSES.map((s) => h('option', { value: s }, enumLabel('actionStatus', s))));
    return h('form', {
      class: 'inline-form action-form', novalidate: true,
      onsubmit: async (e) => {
        e.preventDefault();
        if (!text.value.trim()) { text.setAttribute('aria-invalid', 'true'); text.focus(); return; }
        try {
          await gql(RECORD_ACTION, { id: p.id, action: text.value.trim(), status: select.value });
          await reload(p.id);
          announce(status, t('board.actionRecorded', { label: p.label }));
        } catch (err) { e.target.append(errorNotice(err)); }
      },
    }, h('label', { for: textId }, t('board.action')), text,
    h('label', { for: statusId }, t('board.actionStatus')), select,
    h('button', { type: 'submit' }, t('board.actionSubmit')));
  };
  const history = [
    ...(p.escalations || []).map((e) => ({ at: e.at, text: `${t('board.escalation')}: ${e.note}`, by: e.by?.name })),
    ...(p.actions || []).map((a) => ({ at: a.at, text: `${t('board.actionLabel')}: ${a.action} (${enumLabel('actionStatus', a.status)})`, by: a.by?.name })),
  ].sort((a, b) => String(a.at).localeCompare(String(b.at)));
  return h('li', { class: 'problem-card', 'data-id': p.id },
    h('article', { 'aria-labelledby': headingId },
      h('header', {},
        h('h3', { id: headingId }, p.label),
        h('span', { class: `badge status-${String(p.status).toLowerCase()}` }, enumLabel('recurringStatus', p.status))),
      h('p', {}, t('board.spread', { reports: num(p.reports), departments: num(departmentCount(p)), cohorts: num(cohortCount(p)) }),
        ' ', sparkline(p.trend)),
      h('p', { class: 'peer-meta' }, departmentNames(p)),
      p.otherDepartments || p.otherCohorts ? h('p', { class: 'hint other-groups' }, t('board.otherNote')) : null,
      p.suppressedReports ? h('p', { class: 'hint suppressed' }, t('board.suppressed', { n: num(p.suppressedReports) })) : null,
      p.examples?.length ? h('div', {}, h('h4', {}, t('board.examples')),
        h('ul', {}, p.examples.map((ex) => h('li', {}, ex.restricted || !ex.title
          ? t('find.categoryOnly', { category: enumLabel('category', ex.category) })
          : ex.title)))) : null,
      history.length ? h('div', {}, h('h4', {}, t('board.history')),
        h('ul', { class: 'history' }, history.map((x) => h('li', {}, `${date(x.at)}: ${x.text}`, x.by ? ` – ${x.by}` : '')))) : null,
      h('div', { class: 'actions no-print' }, ...disclosure(t('board.escalate'), escalate), ...disclosure(t('board.recordAction'), action))));
}

// A group whose reports have no words every sponsor may read is labelled by the job with its
// category's name (in English: the API's language); show the category as the pages name it.
function shownLabel(p) {
  const fallback = String(p.category || 'OTHER').replace(/_/g, ' ').toLowerCase();
  return p.label === fallback ? { ...p, label: enumLabel('category', p.category || 'OTHER') } : p;
}

export default {
  titleKey: 'board.title',
  async render(main) {
    const minId = uid('min');
    const sinceId = uid('since');
    const min = h('input', { id: minId, type: 'number', min: '1', max: '20', value: '3', inputmode: 'numeric' });
    const since = h('input', { id: sinceId, type: 'date' });
    const status = liveRegion();
    const out = h('div', { id: 'board-results' });
    const load = async (focusId) => {
      try {
        const data = await gql(RECURRING, { minDepartments: Number(min.value) || 3, since: since.value || null });
        const problems = (data.recurringProblems || []).map(shownLabel);
        if (!problems.length) {
          out.replaceChildren(notice('EMPTY', t('board.none')));
        } else {
          out.replaceChildren(summaryTable(problems),
            h('h2', { class: 'no-print' }, t('board.details')),
            h('ol', { class: 'problem-list no-print' }, problems.map((p) => card(p, load, status))));
        }
        if (typeof focusId === 'string') out.querySelector(`[data-id="${CSS.escape(focusId)}"] h3`)?.setAttribute('tabindex', '-1');
        if (typeof focusId === 'string') out.querySelector(`[data-id="${CSS.escape(focusId)}"] h3`)?.focus();
        else announce(status, t('board.count', { n: problems.length }));
      } catch (err) {
        out.replaceChildren(errorNotice(err));
      }
    };
    main.append(
      h('div', { class: 'page-head' }, h('h1', {}, t('board.title')),
        h('button', { type: 'button', class: 'secondary no-print', onclick: () => window.print() }, t('print'))),
      h('p', { class: 'lead' }, t('board.intro')),
      h('form', { class: 'filters no-print', onsubmit: (e) => { e.preventDefault(); load(); } },
        h('div', { class: 'field' }, h('label', { for: minId }, t('board.minDepartments')), min),
        h('div', { class: 'field' }, h('label', { for: sinceId }, t('board.since')), since),
        h('button', { type: 'submit' }, t('board.update'))),
      status, out);
    await load();
  },
};
