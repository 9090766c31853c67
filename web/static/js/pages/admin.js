// The admin dashboard: the connection metrics at a glance and over time, the department
// matrix, the network picture, brokers and isolated managers, a cohort's before/after, and
// the jobs. Each section loads on its own, so one missing feature does not blank the page.
import { gql, gqlAll } from '../api.js';
import { h } from '../dom.js';
import { dateTime, num, pct } from '../format.js';
import { t } from '../i18n.js';
import { COHORTS, JOB_RUNS, NETWORK_HISTORY, NETWORK_METRICS, NETWORK_PAGE } from '../queries.js';
import { cohortBlock } from '../widgets/cohort.js';
import { heatMap } from '../widgets/heatmap.js';
import { jobsBlock } from '../widgets/jobs.js';
import { contactEdges, networkPicture } from '../widgets/network.js';
import { errorNotice, notice } from '../widgets/notice.js';
import { dataTable } from '../widgets/table.js';
import { trendBlock } from '../widgets/trend.js';

const FIGURES = [
  ['managers', (v) => num(v)], ['contacts', (v) => num(v)],
  ['crossDepartmentShare', (v) => pct(v, 1)], ['eiIndex', (v) => num(v, 2)],
  ['modularity', (v) => num(v, 2)], ['averageClustering', (v) => num(v, 2)],
  ['triangles', (v) => num(v)], ['components', (v) => num(v)],
  ['largestComponent', (v) => num(v)],
  // On very large networks the job bounds the diameter instead of settling it: show the range.
  ['diameter', (v, m) => (m.diameterExact === false ? `${num(v)}–${num(m.diameterUpperBound)}` : num(v))],
  ['isolates', (v) => num(v)], ['fewerThan3Departments', (v) => pct(v, 0)],
];

function section(id, title, ...content) {
  return h('section', { class: `panel panel-${id}`, id: `section-${id}`, 'aria-labelledby': `h-${id}` },
    h('h2', { id: `h-${id}` }, title), ...content);
}

function slot(el, promise, build) {
  el.replaceChildren(h('p', { class: 'loading' }, t('loading')));
  return promise.then((value) => el.replaceChildren(build(value)))
    .catch((err) => el.replaceChildren(errorNotice(err)));
}

function figures(m) {
  return h('div', {},
    h('dl', { class: 'figures' }, FIGURES.map(([key, fmt]) => h('div', { class: 'figure', 'data-metric': key },
      // A second <dd> for the explanation: a <dl> group holds only <dt> and <dd>.
      h('dt', {}, t(`metric.${key}`)), h('dd', { class: 'figure-value' }, fmt(m[key], m)),
      h('dd', { class: 'figure-help' }, t(`metricHelp.${key}`))))),
    h('p', { class: 'hint' }, t('admin.computed', { at: dateTime(m.computedAt) })),
    m.departments?.length ? dataTable({
      caption: t('admin.perDepartment'), csvName: 'departments',
      columns: [
        { key: 'department', label: t('admin.department'), format: (r) => r.department.name, csv: (r) => r.department.name },
        { key: 'eiIndex', label: t('metric.eiIndex'), numeric: true, format: (r) => num(r.eiIndex, 2) },
        { key: 'internalTies', label: t('admin.internal'), numeric: true, format: (r) => num(r.internalTies) },
        { key: 'externalTies', label: t('admin.external'), numeric: true, format: (r) => num(r.externalTies) },
        { key: 'departmentsReached', label: t('admin.reached'), numeric: true, format: (r) => num(r.departmentsReached) },
      ],
      rows: m.departments,
    }) : null);
}

function isolatedTable(managers) {
  const linked = new Set(contactEdges(managers).flatMap((e) => [e.source, e.target]));
  const rows = managers.filter((m) => !linked.has(m.id))
    .sort((a, b) => a.name.localeCompare(b.name, 'sv'));
  return dataTable({
    caption: t('admin.isolatedCaption', { n: rows.length }), csvName: 'isolated-managers',
    empty: t('admin.noIsolated'),
    columns: [
      { key: 'name', label: t('admin.name') },
      { key: 'title', label: t('admin.jobTitle') },
      { key: 'department', label: t('admin.department'), format: (r) => r.department?.name, csv: (r) => r.department?.name },
    ],
    rows,
  });
}

function brokersTable(brokers) {
  return dataTable({
    caption: t('admin.brokersCaption'), csvName: 'brokers',
    columns: [
      { key: 'name', label: t('admin.name'), format: (r) => r.manager.name, csv: (r) => r.manager.name },
      { key: 'department', label: t('admin.department'), format: (r) => r.manager.department?.name, csv: (r) => r.manager.department?.name },
      { key: 'betweenness', label: t('admin.betweenness'), numeric: true, format: (r) => num(r.betweenness, 3) },
      { key: 'constraint', label: t('admin.constraint'), numeric: true, format: (r) => num(r.constraint, 2) },
    ],
    rows: brokers,
  });
}

export default {
  titleKey: 'admin.title',
  async render(main, state) {
    main.append(h('div', { class: 'page-head' },
      h('h1', {}, t('admin.title')),
      h('button', { type: 'button', class: 'secondary no-print', onclick: () => window.print() }, t('print'))));
    // The API decides: a non-admin gets FORBIDDEN here and sees nothing else.
    let runs;
    try {
      runs = (await gql(JOB_RUNS, { job: null, first: 50 })).jobRuns;
    } catch (err) {
      main.append(errorNotice(err));
      return;
    }
    main.append(h('p', { class: 'lead' }, t('admin.intro')));
    const slots = Object.fromEntries(['overview', 'trend', 'matrix', 'network', 'brokers', 'isolated', 'cohort', 'jobs']
      .map((k) => [k, h('div', { class: 'slot' })]));
    main.append(
      section('overview', t('admin.overview'), slots.overview),
      section('trend', t('admin.trend'), slots.trend),
      section('matrix', t('admin.matrix'), slots.matrix),
      section('network', t('admin.network'), slots.network),
      h('div', { class: 'two-col' },
        section('brokers', t('admin.brokers'), slots.brokers),
        section('isolated', t('admin.isolated'), slots.isolated)),
      section('cohort', t('admin.cohort'), slots.cohort),
      section('jobs', t('admin.jobs'), slots.jobs));

    const metrics = gql(NETWORK_METRICS).then((d) => d.networkMetrics);
    const computed = (build) => (m) => (m ? build(m) : notice('EMPTY', t('admin.notComputed')));
    const network = gqlAll(NETWORK_PAGE, {}, (d) => d.managers);
    const byId = network.then((ms) => new Map(ms.map((m) => [m.id, m])));
    const cohorts = gqlAll(COHORTS, {}, (d) => d.cohorts);
    slots.jobs.replaceChildren(jobsBlock(state.config?.jobs || [], runs));
    await Promise.all([
      slot(slots.overview, metrics, computed(figures)),
      slot(slots.trend, gql(NETWORK_HISTORY).then((d) => d.networkMetricsHistory),
        (hist) => (hist?.length ? trendBlock(hist) : notice('EMPTY', t('admin.notComputed')))),
      slot(slots.matrix, metrics, computed((m) => heatMap(m.matrix || []))),
      slot(slots.brokers, metrics, computed((m) => brokersTable(m.brokers || []))),
      slot(slots.network, network, networkPicture),
      slot(slots.isolated, network, isolatedTable),
      slot(slots.cohort, Promise.all([cohorts, byId]), ([cs, ids]) => cohortBlock(cs, ids)),
    ]);
  },
};
