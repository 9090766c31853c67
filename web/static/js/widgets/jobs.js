// Run the jobs: one button per job and one for all. The server records a run as RUNNING when
// it starts and moves it from step to step (load, compute, write), so while a job runs this
// polls jobRuns every second and shows the same progress as the CLI's bar: the step, how far
// along, and the time so far; then the run's result as the job's last run. A job already
// running when the page opens (started from the CLI, or by another admin) is followed too.
// Retention and "run all jobs" ask first, naming what will happen: retention's dry run
// (retentionPreview) says how many problems would lose their text; cancelling runs nothing.
import { gql } from '../api.js';
import { announce, h, liveRegion } from '../dom.js';
import { date, dateTime, enumLabel, num, pct, seconds } from '../format.js';
import { t } from '../i18n.js';
import { JOB_RUNS, RUN_JOB } from '../queries.js';
import { errorNotice } from './notice.js';

const POLL_MS = 1000;
const RUNNING = 'RUNNING';
const RETENTION = 'retention';
// Anonymous: the operation names the server labels its metrics with are those of queries.js.
const RETENTION_PREVIEW = '{ retentionPreview { cutoff problems oldest newest } }';

// What running `names` will do, as the question to confirm; null when nothing needs asking.
async function question(names, { all = false } = {}) {
  const lines = all ? [t('jobs.confirmAll', { jobs: names.join(', ') })] : [];
  if (names.includes(RETENTION)) {
    const { retentionPreview: p } = await gql(RETENTION_PREVIEW);
    lines.push(p.problems
      ? t('jobs.confirmRetention', { n: num(p.problems), date: date(p.cutoff), oldest: date(p.oldest) })
      : t('jobs.confirmRetentionNone', { date: date(p.cutoff) }));
  }
  return lines.length ? lines.join('\n\n') : null;
}

function duration(run) {
  const total = Object.values(run?.timings || {}).reduce((a, b) => a + Number(b || 0), 0);
  return run ? seconds(total) : '–';
}

function countsText(run) {
  const entries = Object.entries(run?.counts || {});
  return entries.length ? entries.map(([k, v]) => `${k}: ${v}`).join(', ') : '–';
}

function progressText(run, startedMs) {
  return t('jobs.running', {
    step: enumLabel('jobs.step', run?.step || 'load'),
    pct: pct(run?.fraction || 0),
    s: Math.max(0, Math.round((Date.now() - startedMs) / 1000)),
  });
}

async function newestRun(name) {
  const { jobRuns } = await gql(JOB_RUNS, { job: name, first: 1 });
  return jobRuns[0] || null;
}

export function jobsBlock(jobNames, runs) {
  const names = [...new Set([...jobNames, ...runs.map((r) => r.job)])].sort();
  const newest = new Map(); // each job's newest run, whatever its status
  const finished = new Map(); // each job's newest run that has ended: its "last run"
  for (const r of runs) {
    if (!newest.has(r.job)) newest.set(r.job, r);
    if (r.status !== RUNNING && !finished.has(r.job)) finished.set(r.job, r);
  }
  const status = liveRegion();
  const rows = new Map();
  const busy = new Set();

  function lastRunCells(name) {
    const run = finished.get(name);
    return [
      h('td', { class: 'last-run' }, run ? dateTime(run.finishedAt) : t('jobs.never')),
      h('td', { class: 'run-status' },
        run ? h('span', { class: `badge status-${String(run.status).toLowerCase()}` }, enumLabel('jobs.status', run.status)) : '–',
        run?.error ? h('span', { class: 'run-error' }, ` ${t('jobs.errorIn', { step: enumLabel('jobs.step', run.step), error: run.error })}`) : null),
      h('td', { class: 'num' }, duration(run)),
      h('td', { class: 'counts' }, countsText(run)),
    ];
  }

  function setBusy(row, on) {
    row.button.disabled = on;
    row.progress.hidden = !on;
    row.tr.classList.toggle('running', on);
  }

  function show(row, run, startedMs) {
    row.progress.value = Number(run?.fraction || 0);
    row.state.textContent = progressText(run, startedMs);
  }

  function settle(name, run, { quiet = false } = {}) {
    const row = rows.get(name);
    newest.set(name, run);
    finished.set(name, run);
    row.tr.replaceChildren(row.tr.firstChild, ...lastRunCells(name), row.actionCell);
    if (!quiet) row.state.textContent = run.status === 'SUCCEEDED' ? t('jobs.done', { s: duration(run) }) : '';
    announce(status, t('jobs.finished', { name, status: enumLabel('jobs.status', run.status) }));
  }

  // Poll the job's newest run every second until `stop()`; `onRun` gets each one seen and
  // returns the RUNNING run to show (or null to keep the last one shown).
  function poll(name, startedMs, onRun, shown = null) {
    const row = rows.get(name);
    let last = shown;
    let stopped = false;
    const timer = window.setInterval(async () => {
      if (stopped) return;
      show(row, last, startedMs); // the seconds keep counting while the answer is on its way
      try {
        const seen = onRun(await newestRun(name));
        if (!stopped) {
          last = seen ?? last;
          show(row, last, startedMs);
        }
      } catch { /* the next poll tries again */ }
    }, POLL_MS);
    return () => {
      stopped = true;
      window.clearInterval(timer);
    };
  }

  // Ask before running, when running says something worth asking; true to go ahead.
  async function confirmed(names, options) {
    let asked;
    try {
      asked = await question(names, options);
    } catch (err) {
      announce(status, t('jobs.cancelled'));
      if (names.length === 1) rows.get(names[0]).state.replaceChildren(errorNotice(err));
      return false;
    }
    if (asked === null || window.confirm(asked)) return true;
    announce(status, t('jobs.cancelled'));
    return false;
  }

  async function runOne(name) {
    const row = rows.get(name);
    const before = newest.get(name)?.id;
    const started = Date.now();
    busy.add(name);
    setBusy(row, true);
    show(row, null, started);
    announce(status, t('jobs.started', { name }));
    const stop = poll(name, started, (run) => (run && run.id !== before && run.status === RUNNING ? run : null));
    let result = null;
    let failed = null;
    let handOver = null;
    try {
      result = (await gql(RUN_JOB, { name })).runJob;
    } catch (err) {
      let run = null;
      try {
        run = await newestRun(name);
      } catch { /* the table keeps the previous last run */ }
      const ours = run && run.id !== before ? run : null;
      // A proxy's time-out or a dropped connection ends the request, not the job: follow it.
      if (ours?.status === RUNNING && (err.code === 'NETWORK' || err.code === 'HTTP')) handOver = ours;
      else {
        result = ours; // it ended (FAILED, as a rule): it becomes the last run
        failed = ours?.status === 'SUCCEEDED' ? null : err;
      }
    } finally {
      stop();
      busy.delete(name);
      setBusy(row, false);
    }
    if (handOver) return follow(name, handOver);
    if (result) settle(name, result, { quiet: Boolean(failed) });
    if (failed) {
      row.state.replaceChildren(errorNotice(failed));
      announce(status, t('jobs.failed', { name }));
    }
    return result;
  }

  // A run going on without this page's request (started from the CLI or by another admin, or
  // whose request was cut off): follow it to its end. Resolves with the ended run.
  function follow(name, run) {
    const row = rows.get(name);
    const started = Date.parse(run.startedAt) || Date.now();
    busy.add(name);
    setBusy(row, true);
    show(row, run, started);
    return new Promise((resolve) => {
      const stop = poll(name, started, (seen) => {
        if (seen && seen.status !== RUNNING) {
          stop();
          busy.delete(name);
          setBusy(row, false);
          settle(name, seen);
          resolve(seen);
          return null;
        }
        return seen?.status === RUNNING ? seen : null;
      }, run);
    });
  }

  const tbody = h('tbody', {});
  for (const name of names) {
    const button = h('button', { type: 'button', class: 'secondary run-job', 'data-job': name, onclick: async () => {
      button.disabled = true;
      const go = await confirmed([name]);
      button.disabled = false;
      if (go) await runOne(name);
    } },
      t('jobs.run'), h('span', { class: 'visually-hidden' }, ` ${name}`));
    const progress = h('progress', { max: '1', value: '0', hidden: true, 'aria-label': t('jobs.progress', { name }) });
    const state = h('span', { class: 'job-state' });
    const actionCell = h('td', { class: 'no-print' }, button, ' ', progress, ' ', state);
    const tr = h('tr', { 'data-job': name }, h('th', { scope: 'row' }, name), ...lastRunCells(name), actionCell);
    rows.set(name, { tr, button, progress, state, actionCell });
    tbody.append(tr);
  }
  for (const name of names) {
    const run = newest.get(name);
    if (run?.status === RUNNING) follow(name, run);
  }
  const overall = h('progress', { max: String(names.length || 1), value: '0', hidden: true, id: 'jobs-overall', 'aria-label': t('jobs.overall') });
  const runAll = h('button', {
    type: 'button', id: 'run-all-jobs', disabled: !names.length,
    onclick: async () => {
      runAll.disabled = true;
      if (!(await confirmed(names, { all: true }))) {
        runAll.disabled = false;
        return;
      }
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
