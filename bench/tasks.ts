// Issue-3 scenario: "my unit's tasks" and diacritic-free search on PostgreSQL with the
// generated dataset (bench/lib/dataset.ts: 5,000 units, 2,000 agreements, 50,000 tasks).
// Run by bench/run.ts (`npm run bench`, or `npm run bench -- --only=tasks`).
import { type DatasetSummary, generateDataset } from './lib/dataset.ts';
import { type LoadResult, measure } from './lib/load.ts';
import { fmt, printTable, type Target, target, verdict } from './lib/report.ts';
import { login, type StartedServer, startServer } from './lib/server.ts';

export const TASKS_CONNECTIONS = 20;

// Targets from issue 3 (p95 at 20 connections).
export const TASKS_TARGET = { myTasksP95Ms: 30, searchP95Ms: 50 };

/** Typed the way people type on a phone: no diacritics. */
export const TASK_QUERY = 'tuyen truyen dong bao';
export const AGREEMENT_QUERY = 'chuong trinh phoi hop bien phong';

export interface TasksBenchOptions {
  databaseUrl: string;
  dataDir: string;
  password: string;
  duration: number;
  warmup: number;
}

export interface TasksRow {
  /** Whether the server's list-page cache was on (it is by default). */
  cache: boolean;
  user: string;
  route: string;
  kind: 'my tasks' | 'search';
  /** Items on the first page and the total the endpoint reports (null: it reports none). */
  items: number;
  total: number | null;
  result: LoadResult;
  target: Target;
}

export interface TasksBenchResult {
  dataset: DatasetSummary;
  serverStartMs: number;
  rows: TasksRow[];
}

/** GETs once and fails loudly unless the answer is 200 with a non-empty list. */
async function check(server: StartedServer, path: string, cookie: string) {
  const res = await fetch(`${server.url}${path}`, { headers: { cookie } });
  const text = await res.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  const page = body as { items?: unknown[]; total?: number } | unknown[] | undefined;
  const items = Array.isArray(page) ? page : page?.items;
  if (res.status !== 200 || !Array.isArray(items) || items.length === 0)
    throw new Error(`GET ${path} → ${res.status}, expected 200 with items: ${text.slice(0, 400)}`);
  const total = !Array.isArray(page) && typeof page?.total === 'number' ? page.total : null;
  return { items: items.length, total };
}

export async function runTasksBench(options: TasksBenchOptions): Promise<TasksBenchResult> {
  console.log(`\n▸ issue 3 — generated dataset on PostgreSQL`);
  const dataset = await generateDataset(options.databaseUrl, { password: options.password });
  const c = dataset.counts;
  console.log(
    `  generated in ${fmt(dataset.generateMs / 1000, 1)} s: ${fmt(c.units)} units, ${fmt(c.agreements)} agreements` +
      ` (${fmt(c.agreement_parties)} parties), ${fmt(c.sections)} sections, ${fmt(c.tasks)} tasks` +
      ` (${fmt(c.task_units)} task units, ${fmt(c.task_occurrences)} occurrences)`,
  );
  const { borderPost, provincialCommand } = dataset.users;
  console.log(
    `  ${borderPost.username} (${borderPost.unitName}): ${fmt(dataset.tasksInScope.borderPost)} tasks name its units\n` +
      `  ${provincialCommand.username} (${provincialCommand.unitName}): ${fmt(dataset.tasksInScope.provincialCommand)} tasks name its units`,
  );

  const rows: TasksRow[] = [];
  let serverStartMs = 0;
  // As shipped (list pages cached while nothing changed), then with the cache off: the
  // figure a first visit or a page just invalidated by a write gets.
  for (const cache of [true, false]) {
    const server = await startServer({
      script: 'src/cli/main.ts',
      args: ['serve'],
      env: {
        LOG_LEVEL: 'warn',
        PHOIHOP_DATA_DIR: options.dataDir,
        PHOIHOP_DEMO: '0',
        PHOIHOP_LOGIN_MAX_PER_MINUTE: '100000',
        PHOIHOP_LIST_CACHE: cache ? '1' : '0',
        DATABASE_URL: options.databaseUrl,
      },
    });
    serverStartMs ||= server.readyMs;
    console.log(`  server ready in ${fmt(server.readyMs)} ms (list cache ${cache ? 'on' : 'off'})`);
    try {
      rows.push(...(await measureScenarios(server, options, dataset, cache)));
    } finally {
      await server.stop();
    }
  }
  return { dataset, serverStartMs, rows };
}

async function measureScenarios(
  server: StartedServer,
  options: TasksBenchOptions,
  dataset: DatasetSummary,
  cache: boolean,
): Promise<TasksRow[]> {
  const { borderPost, provincialCommand } = dataset.users;
  const health = (await (await fetch(`${server.url}/api/health`)).json()) as { db: string };
  if (health.db !== 'postgres') throw new Error(`expected db=postgres, health says ${health.db}`);
  const cookies = {
    [borderPost.username]: await login(server.url, borderPost.username, options.password),
    [provincialCommand.username]: await login(server.url, provincialCommand.username, options.password),
  };
  const q = (s: string) => encodeURIComponent(s);
  const scenarios: Array<{ user: string; path: string; kind: TasksRow['kind'] }> = [
    { user: borderPost.username, path: '/api/tasks/mine', kind: 'my tasks' },
    { user: provincialCommand.username, path: '/api/tasks/mine', kind: 'my tasks' },
    { user: provincialCommand.username, path: `/api/tasks?q=${q(TASK_QUERY)}`, kind: 'search' },
    { user: provincialCommand.username, path: `/api/agreements?q=${q(AGREEMENT_QUERY)}`, kind: 'search' },
  ];
  // Every endpoint must answer with data before anything is measured.
  const checked = [];
  for (const s of scenarios) {
    const r = await check(server, s.path, cookies[s.user]!);
    console.log(
      `  ${s.user.padEnd(20)} GET ${decodeURIComponent(s.path).padEnd(50)} ${r.items} items${r.total === null ? '' : ` of ${fmt(r.total)}`}`,
    );
    checked.push(r);
  }
  const rows: TasksRow[] = [];
  for (const [i, s] of scenarios.entries()) {
    const result = await measure({
      url: `${server.url}${s.path}`,
      headers: { cookie: cookies[s.user]! },
      connections: TASKS_CONNECTIONS,
      duration: options.duration,
      warmup: options.warmup,
    });
    const limit = s.kind === 'my tasks' ? TASKS_TARGET.myTasksP95Ms : TASKS_TARGET.searchP95Ms;
    const row: TasksRow = {
      cache,
      user: s.user,
      route: `GET ${decodeURIComponent(s.path)}`,
      kind: s.kind,
      ...checked[i]!,
      result,
      target: target(result.exactMs.p95, '<=', limit, ' ms'),
    };
    rows.push(row);
    console.log(
      `  ${s.user.padEnd(20)} ${row.route.padEnd(54)} cache ${cache ? 'on ' : 'off'} ${fmt(result.reqPerSec)} req/s  p95 ${fmt(result.exactMs.p95, 1)} ms` +
        `  errors ${result.errors}  non-2xx ${result.non2xx}`,
    );
  }
  return rows;
}

export function printTasksTable(rows: TasksRow[], duration: number, warmup: number): void {
  printTable(
    `Issue 3 — PostgreSQL, generated dataset, ${TASKS_CONNECTIONS} connections, ${duration} s after ${warmup} s warm-up`,
    [
      'Cache',
      'User',
      'Route',
      'items / total',
      'req/s',
      'p50 ms',
      'p95 ms',
      'p99 ms',
      'errors',
      'non-2xx',
      'p95 target',
      'result',
    ],
    rows.map((r) => [
      r.cache ? 'on' : 'off',
      r.user,
      r.route,
      `${r.items} / ${r.total === null ? '—' : fmt(r.total)}`,
      r.result.reqPerSec,
      fmt(r.result.exactMs.p50, 1),
      fmt(r.result.exactMs.p95, 1),
      fmt(r.result.exactMs.p99, 1),
      r.result.errors,
      r.result.non2xx,
      r.target.label,
      verdict(r.target),
    ]),
  );
}

/** Summary lines: "My unit's tasks p95 …" / "Search p95 …". */
export function tasksSummary(rows: TasksRow[]) {
  return rows.map((r) => ({
    metric:
      r.kind === 'my tasks'
        ? `My unit's tasks p95 @${TASKS_CONNECTIONS} conn, ${r.user}${r.cache ? '' : ' (cache off)'}`
        : `Search p95 @${TASKS_CONNECTIONS} conn, ${r.route.replace(/^GET \/api\//, '').split('?')[0]}${r.cache ? '' : ' (cache off)'}`,
    value: `${fmt(r.result.exactMs.p95, 1)} ms`,
    target: r.target.label,
    result: verdict(r.target),
  }));
}
