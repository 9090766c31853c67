// Run the jobs: one button per job and one for all, with progress while a job runs (the
// runJob call plus a poll of jobRuns every second) and each job's last run.
import { gql } from '../api.js';
import { announce, h, liveRegion } from '../dom.js';
import { dateTime, enumLabel, seconds } from '../format.js';
import { t } from '../i18n.js';
import { JOB_RUNS, RUN_JOB } from '../queries.js';
import { errorNotice } from './notice.js';

const POLL_MS = 1000;

function duration(run) {
  const total = Object.values(run?.timings || {}).reduce((a, b) => a + Number(b || 0), 0);
  return run ? seconds(total) : '–';
}

function countsText(run) {
  const entries = Object.entries(run?.counts || {});
  return entries.length ? entries.map(([k, v]) => `${k}: ${v}`).join(', ') : '–';
}

export function jobsBlock(jobNames, runs) {
  const names = [...new Set([...jobNames, ...runs.map((r) => r.job)])].sort();
  const latest = new Map();
  for (const r of runs) if (!latest.has(r.job)) latest.set(r.job, r);
  const status = liveRegion();
  const rows = new Map();
  const busy = new Set();

  function lastRunCells(name) {
    const run = latest.get(name);
    return [
      h('td', { class: 'last-run' }, run ? dateTime(run.finishedAt) : t('jobs.never')),
      h('td', { class: 'run-status' }, run ? h('span', { class: `badge status-${String(run.status).toLowerCase()}` }, enumLabel('jobs.status', run.status)) : '–'),
      h('td', { class: 'num' }, duration(run)),
      h('td', { class: 'counts' }, countsText(run)),
    ];
  }

  async function runOne(name) {
    const row = rows.get(name);
    busy.add(name);
    row.button.disabled = true;
    row.progress.hidden = false;
    row.progress.removeAttribute('value'); // indeterminate until the run is recorded
    const before = latest.get(name)?.id;
    const started = Date.now();
    row.state.textContent = t('jobs.running', { s: 0 });
    announce(status, t('jobs.started', { name }));
    let finished = null;
    const timer = window.setInterval(async () => {
      row.state.textContent = t('jobs.running', { s: Math.round((Date.now() - started) / 1000) });
      try {
        const { jobRuns } = await gql(JOB_RUNS, { job: name, first: 1 });
        const run = jobRuns[0];
        if (run && run.id !== before && run.status !== 'RUNNING') finished ??= run;
        else if (run?.status === 'RUNNING' && run.counts?.progress != null) row.progress.value = run.counts.progress;
      } catch { /* the next poll tries again */ }
    }, POLL_MS);
    try {
      const { runJob } = await gql(RUN_JOB, { name });
      finished = runJob;
    } catch (err) {
      row.state.replaceChildren(errorNotice(err));
      announce(status, t('jobs.failed', { name }));
    } finally {
      window.clearInterval(timer);
      busy.delete(name);
      row.button.disabled = false;
      row.progress.hidden = true;
    }
    if (finished) {
      latest.set(name, finished);
      row.progress.value = 1;
      row.tr.replaceChildren(row.tr.firstChild, ...lastRunCells(name), row.actionCell);
      row.state.textContent = t('jobs.done', { s: duration(finished) });
      announce(status, t('jobs.finished', { name, status: enumLabel('jobs.status', finished.status) }));
    }
    return finished;
  }

  const tbody = h('tbody', {});
  for (const name of names) {
    const button = h('button', { type: 'button', class: 'secondary run-job', 'data-job': name, onclick: () => runOne(name) },
      t('jobs.run'), h('span', { class: 'visually-hidden' }, ` ${name}`));
    const progress = h('progress', { max: '1', hidden: true, 'aria-label': t('jobs.progress', { name }) });
    const state = h('span', { class: 'job-state' });
    const actionCell = h('td', { class: 'no-print' }, button, ' ', progress, ' ', state);
    const tr = h('tr', { 'data-job': name }, h('th', { scope: 'row' }, name), ...lastRunCells(name), actionCell);
    rows.set(name, { tr, button, progress, state, actionCell });
    tbody.append(tr);
  }
  const overall = h('progress', { max: String(names.length || 1), value: '0', hidden: true, id: 'jobs-overall', 'aria-label': t('jobs.overall') });
  const runAll = h('button', {
    type: 'button', id: 'run-all-jobs', disabled: !names.length,
    onclick: async () => {
      runAll.disabled = true;
      overall.hidden = false;
      overall.value = 0;
      for (const [i, name] of names.entries()) {
        if (!busy.has(name)) await runOne(name);
        overall.value = i + 1;
      }
      runAll.disabled = false;
      announce(status, t('jobs.allDone'));
    },
  }, t('jobs.runAll'));
  if (!names.length) return h('div', { class: 'jobs-block' }, h('p', {}, t('jobs.none')));
  return h('div', { class: 'jobs-block' },
    h('div', { class: 'table-tools no-print' }, runAll, ' ', overall),
    status,
    h('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': t('jobs.caption') },
      h('table', { id: 'jobs-table' },
        h('caption', {}, t('jobs.caption')),
        h('thead', {}, h('tr', {},
          [t('jobs.job'), t('jobs.lastRun'), t('jobs.statusCol'), t('jobs.duration'), t('jobs.counts')].map((c) => h('th', { scope: 'col' }, c)),
          h('th', { scope: 'col', class: 'no-print' }, t('jobs.action')))),
        tbody)));
}
