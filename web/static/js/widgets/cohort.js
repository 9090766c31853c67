// Before/after for a cohort: its participants' contacts on the programme's first day against
// its last day (or today), from each contact's `since`. Contacts without a date count as
// known before.
import { gql } from '../api.js';
import { announce, h, liveRegion, uid } from '../dom.js';
import { date, num, pct } from '../format.js';
import { t } from '../i18n.js';
import { COHORT_MEMBERS } from '../queries.js';
import { errorNotice } from './notice.js';
import { dataTable } from './table.js';

export function cohortStats(memberIds, managersById, asOf, { strictlyBefore = false } = {}) {
  const people = memberIds.map((id) => managersById.get(id)).filter(Boolean);
  let contacts = 0;
  let crossContacts = 0;
  let reachSum = 0;
  let fewerThan3 = 0;
  let isolated = 0;
  for (const m of people) {
    const mine = (m.contacts || []).filter((c) => !c.since
      || (strictlyBefore ? c.since < asOf : c.since <= asOf));
    const depts = new Set();
    let cross = 0;
    for (const c of mine) {
      const d = managersById.get(c.manager.id)?.department?.id;
      if (d && d !== m.department?.id) {
        cross += 1;
        depts.add(d);
      }
    }
    contacts += mine.length;
    crossContacts += cross;
    reachSum += depts.size;
    if (depts.size < 3) fewerThan3 += 1;
    if (!mine.length) isolated += 1;
  }
  const n = people.length || 1;
  return {
    members: people.length, contacts: contacts / n, cross: crossContacts / n,
    reach: reachSum / n, fewerThan3: fewerThan3 / n, isolated,
  };
}

export function cohortBlock(cohorts, managersById) {
  const today = new Date().toISOString().slice(0, 10);
  const sorted = [...cohorts].sort((a, b) => String(a.start).localeCompare(String(b.start)));
  const ended = sorted.filter((c) => c.end <= today);
  const initial = (ended.at(-1) || sorted.at(-1))?.id;
  const selectId = uid('cohort');
  const out = h('div', { class: 'cohort-result' });
  const status = liveRegion('visually-hidden');
  const select = h('select', { id: selectId, onchange: () => show(select.value) },
    sorted.map((c) => h('option', { value: c.id, selected: c.id === initial }, `${c.name} (${date(c.start)} – ${date(c.end)})`)));

  async function show(id) {
    try {
      const { cohort } = await gql(COHORT_MEMBERS, { id });
      const ids = cohort.members.filter((m) => m.role === 'PARTICIPANT').map((m) => m.manager.id);
      const afterDay = cohort.end < today ? cohort.end : today;
      const before = cohortStats(ids, managersById, cohort.start, { strictlyBefore: true });
      const after = cohortStats(ids, managersById, afterDay);
      const rows = [
        { measure: t('cohort.members'), before: num(before.members), after: num(after.members), change: '' },
        { measure: t('cohort.contacts'), before: num(before.contacts, 1), after: num(after.contacts, 1), change: signed(after.contacts - before.contacts, 1) },
        { measure: t('cohort.cross'), before: num(before.cross, 1), after: num(after.cross, 1), change: signed(after.cross - before.cross, 1) },
        { measure: t('cohort.reach'), before: num(before.reach, 1), after: num(after.reach, 1), change: signed(after.reach - before.reach, 1) },
        { measure: t('cohort.fewerThan3'), before: pct(before.fewerThan3), after: pct(after.fewerThan3), change: signedPct(after.fewerThan3 - before.fewerThan3) },
        { measure: t('cohort.isolated'), before: num(before.isolated), after: num(after.isolated), change: signed(after.isolated - before.isolated, 0) },
      ];
      out.replaceChildren(dataTable({
        caption: t('cohort.caption', { name: cohort.name, before: date(cohort.start), after: date(afterDay) }),
        csvName: `cohort-${cohort.id}-before-after`,
        columns: [
          { key: 'measure', label: t('cohort.measure') },
          { key: 'before', label: t('cohort.before', { date: date(cohort.start) }), numeric: true },
          { key: 'after', label: t('cohort.after', { date: date(afterDay) }), numeric: true },
          { key: 'change', label: t('cohort.change'), numeric: true },
        ],
        rows,
      }));
      announce(status, t('cohort.shown', { name: cohort.name }));
    } catch (err) {
      out.replaceChildren(errorNotice(err));
    }
  }
  if (initial) show(initial);
  return h('div', { class: 'cohort-block' },
    h('div', { class: 'field no-print' }, h('label', { for: selectId }, t('cohort.choose')), select),
    status, out, h('p', { class: 'hint' }, t('cohort.note')));
}

function signed(value, digits) {
  const text = num(Math.abs(value), digits);
  return value > 0 ? `+${text}` : value < 0 ? `−${text}` : text;
}

function signedPct(value) {
  const text = pct(Math.abs(value));
  return value > 0 ? `+${text}` : value < 0 ? `−${text}` : text;
}
