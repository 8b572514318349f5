// Issue-4 scenario: indicators, periodic reports and roll-up at national scale.
//   1. A generated dataset on PostgreSQL (bench/lib/indicatorDataset.ts): 34 provinces, about
//      10,000 units, 60 indicators, one program per province, 5 years of monthly approved
//      reports — more than 10 million values — with the yearly roll-up rows the app keeps,
//      checked against the app's own refreshValueYears on a sample.
//   2. The app on it: an agreement's roll-up (whole tree, one year) and a national yearly total
//      of one indicator under autocannon; p95 from every response time.
//   3. The same two roll-ups computed naively in SQL (bench/lib/naiveRollup.ts) against the same
//      database, timed one after the other like the app's answers, and the speed-up.
//   4. A 100,000-value XLSX uploaded through POST /api/forms/:id/import, end to end.
//   5. PGlite: a province-sized dataset (1 province, ~300 units) and the roll-up p95.
// Run by bench/run.ts (`npm run bench`, or `npm run bench -- --only=indicators`).
import { join } from 'node:path';
import pg from 'pg';
import { type Database, openDatabase } from '../src/server/db/client.ts';
import { migrate } from '../src/server/db/migrate.ts';
import {
  BENCH_USERNAME,
  generateIndicatorDataset,
  type IndicatorDatasetOptions,
  type IndicatorDatasetSummary,
  type SqlClient,
} from './lib/indicatorDataset.ts';
import { type LoadResult, measure } from './lib/load.ts';
import { NAIVE_AGREEMENT_ROLLUP, NAIVE_NATIONAL_TOTAL, type Timed, timeRuns } from './lib/naiveRollup.ts';
import { fmt, printTable, type Target, target, verdict } from './lib/report.ts';
import { login, type StartedServer, startServer } from './lib/server.ts';
import { checkValueYears, type ValueYearsCheck } from './lib/valueYearsCheck.ts';
import { filledTemplate, uploadImport } from './lib/xlsxImport.ts';

export const INDICATORS_CONNECTIONS = 10;
/** PGlite: one user's view (judged), and the PostgreSQL figure's concurrency for comparison. */
export const PGLITE_CONNECTIONS = [1, INDICATORS_CONNECTIONS];

// Targets from issue 4.
export const INDICATORS_TARGET = {
  rollupP95Ms: 100,
  totalP95Ms: 50,
  importMs: 15_000,
  pgliteRollupP95Ms: 300,
};

export interface IndicatorsBenchOptions {
  databaseUrl: string;
  /** Scratch folder (server data dirs, the PGlite dataset). */
  tmpDir: string;
  password: string;
  duration: number;
  warmup: number;
  quick: boolean;
}

type Scale = Omit<IndicatorDatasetOptions, 'password' | 'log'>;

/** Full: ~10,000 units, 5 years, >10 M values. Quick: ~900 units, 2 years, ~1/40 of the values. */
function scales(quick: boolean): { national: Scale; province: Scale; runs: number } {
  return quick
    ? {
        national: { provinces: 34, mids: 3, communes: 3, years: [2024, 2025], importValues: 5_000 },
        province: { provinces: 1, mids: 4, communes: 4, years: [2025, 2025] },
        runs: 5,
      }
    : {
        national: {
          provinces: 34,
          mids: 12,
          communes: 11,
          extraEvery: 4,
          years: [2021, 2025],
          importValues: 100_000,
        },
        province: { provinces: 1, mids: 12, communes: 11, extraEvery: 4, years: [2024, 2025] },
        runs: 20,
      };
}

export interface IndicatorsRow {
  engine: 'postgres' | 'pglite';
  /** Whether the server kept roll-ups in memory (as shipped) or computed every answer. */
  cache: boolean;
  connections: number;
  what: string;
  route: string;
  result: LoadResult;
  target: Target;
  /** Whether the issue's target is judged on this row (false: shown for comparison). */
  judged: boolean;
}

export interface Comparison {
  what: string;
  /** The app computing every answer (cache off), one request after the other. */
  app: Timed;
  /** The same, as shipped (answers kept in memory). */
  appCached: Timed | null;
  naive: Timed;
  /** naive ÷ app, on p50 and p95 of one-after-the-other runs. */
  speedupP50: number;
  speedupP95: number;
  /** The figure both computed (agreement total / national total of the indicator). */
  appValue: number | null;
  naiveValue: number | null;
}

export interface IndicatorsBenchResult {
  dataset: IndicatorDatasetSummary;
  provinceDataset: IndicatorDatasetSummary | null;
  valueYears: ValueYearsCheck | null;
  serverStartMs: number;
  scenario: {
    agreementId: number;
    province: string;
    indicatorId: number;
    indicatorCode: string;
    year: number;
  };
  rows: IndicatorsRow[];
  comparisons: Comparison[];
  /** The app's figures against the naive SQL's (not timed). */
  checks: CrossCheck[];
  import: {
    values: number;
    fileBytes: number;
    templateMs: number;
    status: number;
    ms: number;
    target: Target;
  } | null;
  /** Routes the app does not have (yet): their figures are missing, not failed. */
  missing: string[];
}

// ─── Helpers ───────────────────────────────────────────────────────────────────────────────

const pgClient = async (url: string) => {
  const client = new pg.Client({ connectionString: url, options: '-c TimeZone=UTC' });
  await client.connect();
  return client;
};

const asSql = (client: { query: (text: string, params?: unknown[]) => Promise<unknown> }): SqlClient => ({
  query: <T>(text: string, params?: unknown[]) => client.query(text, params) as Promise<{ rows: T[] }>,
});

async function migrated(options: { url?: string; dataDir?: string }): Promise<Database> {
  const database = await openDatabase({ ...options, poolSize: 1 });
  await migrate(database);
  return database;
}

function printDataset(label: string, d: IndicatorDatasetSummary): void {
  const c = d.counts;
  console.log(
    `  ${label}: generated in ${fmt(d.generateMs / 1000, 1)} s — ${fmt(c.units)} units, ${fmt(c.indicators)} indicators,` +
      ` ${fmt(c.agreements)} agreements, ${fmt(c.reports)} reports, ${fmt(c.report_values)} values,` +
      ` ${fmt(c.report_value_years)} yearly roll-up rows, ${fmt(c.indicator_targets)} targets`,
  );
}

/** Whether the app's OpenAPI document lists this path (with `{id}` for parameters). */
async function hasRoute(server: StartedServer, method: string, path: string): Promise<boolean> {
  const doc = (await (await fetch(`${server.url}/api/openapi.json`)).json()) as {
    paths?: Record<string, Record<string, unknown>>;
  };
  return Boolean(doc.paths?.[path]?.[method.toLowerCase()]);
}

/** GETs once: 200 with JSON, or a loud failure. */
async function getJson(server: StartedServer, path: string, cookie: string): Promise<unknown> {
  const res = await fetch(`${server.url}${path}`, { headers: { cookie } });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`GET ${path} → ${res.status}: ${text.slice(0, 400)}`);
  return JSON.parse(text);
}

/** The agreement total of one indicator in a roll-up answer (contracts/reports.ts rollupSchema). */
function rollupTotal(body: unknown, indicatorId: number): number | null {
  const totals = (body as { totals?: Array<{ indicatorId: number; value: number | null }> }).totals;
  return totals?.find((t) => t.indicatorId === indicatorId)?.value ?? null;
}

/** The figure of a total answer: its `value` or `total`, wherever the route puts it. */
function totalValue(body: unknown): number | null {
  const b = body as Record<string, unknown>;
  for (const key of ['value', 'total'])
    if (typeof b[key] === 'number') return b[key] as number;
    else if (b[key] && typeof (b[key] as { value?: unknown }).value === 'number')
      return (b[key] as { value: number }).value;
  return null;
}

export interface CrossCheck {
  what: string;
  compared: number;
  same: number;
  /** "CODE: app x, naive y" */
  differences: string[];
}

async function crossCheckAgreement(
  server: StartedServer,
  cookie: string,
  naive: pg.Client,
  dataset: IndicatorDatasetSummary,
  agreementId: number,
  year: number,
): Promise<CrossCheck> {
  const body = await getJson(server, `/api/agreements/${agreementId}/rollup?year=${year}`, cookie);
  const { rows } = await naive.query<{ node: number; year: number; indicator_id: number; value: number }>(
    NAIVE_AGREEMENT_ROLLUP,
    [agreementId, year],
  );
  const out: CrossCheck = {
    what: `agreement ${agreementId} totals, ${year}`,
    compared: 0,
    same: 0,
    differences: [],
  };
  for (const ind of dataset.indicators) {
    const app = rollupTotal(body, ind.id);
    const n = rows.find((r) => r.node === 0 && r.year === year && r.indicator_id === ind.id)?.value ?? null;
    out.compared++;
    if (close(app, n)) out.same++;
    else out.differences.push(`${ind.code}: app ${fmt(app, 2)}, naive ${fmt(n, 2)}`);
  }
  return out;
}

async function crossCheckTotal(
  server: StartedServer,
  cookie: string,
  naive: pg.Client,
  ind: IndicatorDatasetSummary['indicators'][number],
  year: number,
): Promise<CrossCheck> {
  const app = totalValue(await getJson(server, `/api/indicators/${ind.id}/total?year=${year}`, cookie));
  const { rows } = await naive.query<{ value: number | null }>(NAIVE_NATIONAL_TOTAL, [ind.id, year]);
  const n = rows[0]?.value === undefined || rows[0].value === null ? null : Number(rows[0].value);
  const same = close(app, n);
  return {
    what: `national total ${ind.code} (${ind.aggUnits}${ind.dedup ? ', by location' : ''}), ${year}`,
    compared: 1,
    same: same ? 1 : 0,
    differences: same ? [] : [`${ind.code}: app ${fmt(app, 2)}, naive ${fmt(n, 2)}`],
  };
}

const close = (a: number | null, b: number | null) =>
  a !== null && b !== null && Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(a), Math.abs(b));

/** Downloads the bulk template of the import form, fills it and times the upload. */
async function importRun(
  server: StartedServer,
  cookie: string,
  dataset: IndicatorDatasetSummary,
  missing: string[],
): Promise<IndicatorsBenchResult['import']> {
  const form = dataset.importForm;
  if (!form) return null;
  if (!(await hasRoute(server, 'POST', '/api/forms/{id}/import'))) {
    console.log('  POST /api/forms/{id}/import: not in the app yet — skipped');
    missing.push('POST /api/forms/{id}/import');
    return null;
  }
  const me = (await getJson(server, '/api/me', cookie)) as { csrfToken: string };
  const file = await filledTemplate(server.url, cookie, form.formId, form.period);
  console.log(
    `  import file: ${fmt(file.values)} values, ${fmt(file.data.length / 1_048_576, 1)} MB` +
      ` (template ${fmt(file.templateMs / 1000, 1)} s, filled in ${fmt(file.fillMs / 1000, 1)} s)`,
  );
  const r = await uploadImport(server.url, cookie, me.csrfToken, form.formId, form.period, file.data);
  if (r.status !== 200)
    throw new Error(`POST /api/forms/${form.formId}/import → ${r.status}: ${r.body.slice(0, 600)}`);
  const written = (JSON.parse(r.body) as { values?: number }).values;
  if (written !== file.values)
    throw new Error(
      `the import wrote ${written} values, the file has ${file.values}: ${r.body.slice(0, 300)}`,
    );
  console.log(`  import → ${r.status}, ${fmt(written)} values written, in ${fmt(r.ms / 1000, 2)} s`);
  return {
    values: file.values,
    fileBytes: file.data.length,
    templateMs: file.templateMs,
    status: r.status,
    ms: r.ms,
    target: target(r.ms, '<=', INDICATORS_TARGET.importMs, ' ms'),
  };
}

/** Migrates the empty PostgreSQL database at `url` and fills it with the national dataset. */
export async function generateNationalDataset(
  url: string,
  password: string,
  quick: boolean,
): Promise<IndicatorDatasetSummary> {
  await (await migrated({ url })).close();
  const client = await pgClient(url);
  try {
    await client.query(
      "set synchronous_commit = off; set maintenance_work_mem = '1GB'; set work_mem = '256MB'",
    );
    return await generateIndicatorDataset(asSql(client), {
      ...scales(quick).national,
      password,
      suspendIndexes: true,
      log: console.log,
    });
  } finally {
    await client.end();
  }
}

// ─── The run ───────────────────────────────────────────────────────────────────────────────

export async function runIndicatorsBench(options: IndicatorsBenchOptions): Promise<IndicatorsBenchResult> {
  const scale = scales(options.quick);
  console.log(`\n▸ issue 4 — indicators and roll-up, generated national dataset on PostgreSQL`);

  // 1. Dataset.
  const dataset = await generateNationalDataset(options.databaseUrl, options.password, options.quick);
  printDataset('national dataset', dataset);

  const valueYears = await checkValueYears(options.databaseUrl, 5);
  console.log(
    valueYears.implemented
      ? `  report_value_years: ${valueYears.matched}/${valueYears.samples.length} samples (agreement, unit, year) identical to refreshValueYears` +
          ` (${fmt(valueYears.rows)} rows compared)`
      : "  report_value_years: the app's refreshValueYears writes nothing yet — bulk rows not cross-checked",
  );
  if (valueYears.implemented && valueYears.matched !== valueYears.samples.length)
    throw new Error(
      `bulk report_value_years differ from refreshValueYears: ${JSON.stringify(valueYears.mismatches.slice(0, 3))}`,
    );

  const agreement = dataset.agreements[0]!;
  const indicator = dataset.indicators[0]!;
  const year = dataset.years[1] - 1;
  const scenario = {
    agreementId: agreement.id,
    province: agreement.province,
    indicatorId: indicator.id,
    indicatorCode: indicator.code,
    year,
  };
  const rollupPath = `/api/agreements/${agreement.id}/rollup?year=${year}`;
  const totalPath = `/api/indicators/${indicator.id}/total?year=${year}`;

  // 2–4. The app on it: as shipped (roll-ups kept in memory until a change counter moves),
  // then with that cache off (PHOIHOP_LIST_CACHE=0) — the figure of a first visit or of the
  // first request after an approval. The naive comparison, the cross-checks and the import
  // run against the cache-off server, so the app's side is the real computation.
  const rows: IndicatorsRow[] = [];
  const comparisons: Comparison[] = [];
  const missing: string[] = [];
  const checks: CrossCheck[] = [];
  const cachedRuns = new Map<string, Timed>();
  let importResult: IndicatorsBenchResult['import'] = null;
  let serverStartMs = 0;
  const naive = await pgClient(options.databaseUrl);
  // The recursive CTE's row estimate is huge, so PostgreSQL would JIT-compile the naive roll-up
  // for seconds on every run; that is not the cost of the work itself, so JIT is off for it.
  await naive.query('set jit = off');
  type NaiveRows = Array<{ node?: number; year?: number; indicator_id?: number; value: number | null }>;
  const scenarios = [
    {
      what: `Agreement roll-up, ${agreement.province} (${fmt(agreement.units)} units), ${year}`,
      openapi: '/api/agreements/{id}/rollup',
      path: rollupPath,
      limit: INDICATORS_TARGET.rollupP95Ms,
      appValue: (body: unknown) => rollupTotal(body, indicator.id),
      naive: async (): Promise<NaiveRows> =>
        (await naive.query(NAIVE_AGREEMENT_ROLLUP, [agreement.id, year])).rows,
      naiveValue: (r: NaiveRows) =>
        r.find((x) => x.node === 0 && x.year === year && x.indicator_id === indicator.id)?.value ?? null,
    },
    {
      what: `National total of ${indicator.code}, ${year}`,
      openapi: '/api/indicators/{id}/total',
      path: totalPath,
      limit: INDICATORS_TARGET.totalP95Ms,
      appValue: totalValue,
      naive: async (): Promise<NaiveRows> =>
        (await naive.query(NAIVE_NATIONAL_TOTAL, [indicator.id, year])).rows,
      naiveValue: (r: NaiveRows) =>
        r[0]?.value === undefined || r[0].value === null ? null : Number(r[0].value),
    },
  ];
  try {
    for (const cache of [true, false]) {
      const server = await startServer({
        script: 'src/cli/main.ts',
        args: ['serve'],
        env: {
          LOG_LEVEL: 'warn',
          PHOIHOP_DATA_DIR: join(options.tmpDir, 'indicators-pg'),
          PHOIHOP_DEMO: '0',
          PHOIHOP_LOGIN_MAX_PER_MINUTE: '100000',
          PHOIHOP_LIST_CACHE: cache ? '1' : '0',
          DATABASE_URL: options.databaseUrl,
        },
      });
      serverStartMs ||= server.readyMs;
      console.log(`  server ready in ${fmt(server.readyMs)} ms (roll-up cache ${cache ? 'on' : 'off'})`);
      try {
        const cookie = await login(server.url, BENCH_USERNAME, options.password);
        for (const s of scenarios) {
          if (!(await hasRoute(server, 'GET', s.openapi))) {
            console.log(`  GET ${s.openapi}: not in the app yet — skipped`);
            missing.push(`GET ${s.openapi}`);
            continue;
          }
          const body = await getJson(server, s.path, cookie);
          const result = await measure({
            url: `${server.url}${s.path}`,
            headers: { cookie },
            connections: INDICATORS_CONNECTIONS,
            duration: options.duration,
            warmup: options.warmup,
          });
          const row: IndicatorsRow = {
            engine: 'postgres',
            cache,
            connections: INDICATORS_CONNECTIONS,
            judged: true,
            what: s.what,
            route: `GET ${s.path}`,
            result,
            target: target(result.exactMs.p95, '<=', s.limit, ' ms'),
          };
          rows.push(row);
          console.log(
            `  ${row.route.padEnd(44)} cache ${cache ? 'on ' : 'off'} ${fmt(result.reqPerSec)} req/s` +
              `  p95 ${fmt(result.exactMs.p95, 1)} ms  errors ${result.errors}  non-2xx ${result.non2xx}`,
          );
          // One request after the other, as many times as the naive query below.
          const app = await timeRuns(scale.runs, async () => {
            const res = await fetch(`${server.url}${s.path}`, { headers: { cookie } });
            await res.arrayBuffer();
          });
          if (cache) {
            cachedRuns.set(s.path, app);
            continue;
          }
          let naiveRows: NaiveRows = [];
          const naiveTimed = await timeRuns(scale.runs, async () => {
            naiveRows = await s.naive();
          });
          const c: Comparison = {
            what: s.what,
            app,
            appCached: cachedRuns.get(s.path) ?? null,
            naive: naiveTimed,
            speedupP50: naiveTimed.p50 / app.p50,
            speedupP95: naiveTimed.p95 / app.p95,
            appValue: s.appValue(body),
            naiveValue: s.naiveValue(naiveRows),
          };
          comparisons.push(c);
          console.log(
            `  naive SQL ${fmt(naiveTimed.p50, 1)} ms p50 vs app ${fmt(app.p50, 1)} ms p50 (×${fmt(c.speedupP50, 1)});` +
              ` ${indicator.code}: app ${fmt(c.appValue, 1)}, naive ${fmt(c.naiveValue, 1)}${close(c.appValue, c.naiveValue) ? ' — same' : ' — DIFFERENT'}`,
          );
        }
        if (cache) continue;

        // Every figure, not only the timed indicator: the agreement's totals of all 60
        // indicators, and the national totals of a summed, a de-duplicated and an averaged one.
        if (!missing.length) {
          checks.push(await crossCheckAgreement(server, cookie, naive, dataset, agreement.id, year));
          for (const code of ['BP01', 'PH01', 'DT04']) {
            const ind = dataset.indicators.find((x) => x.code === code)!;
            checks.push(await crossCheckTotal(server, cookie, naive, ind, year));
          }
          for (const c of checks)
            console.log(
              `  cross-check ${c.what}: ${c.same}/${c.compared} figures the same${c.differences.length ? ` — DIFFERENT: ${c.differences.slice(0, 4).join('; ')}` : ''}`,
            );
        }

        // 4. Excel import.
        importResult = await importRun(server, cookie, dataset, missing);
      } finally {
        await server.stop();
      }
    }
  } finally {
    await naive.end();
  }

  // 5. PGlite, one province.
  console.log(`\n▸ issue 4 — province-sized dataset on PGlite`);
  const pgliteDir = join(options.tmpDir, 'indicators-pglite');
  const database = await migrated({ dataDir: join(pgliteDir, 'pglite') });
  let provinceDataset: IndicatorDatasetSummary;
  try {
    const client = (database.db as unknown as { $client: SqlClient }).$client;
    provinceDataset = await generateIndicatorDataset(client, {
      ...scale.province,
      password: options.password,
      log: console.log,
    });
  } finally {
    await database.close();
  }
  printDataset('province dataset', provinceDataset);
  const a = provinceDataset.agreements[0]!;
  const y = provinceDataset.years[1];
  const path = `/api/agreements/${a.id}/rollup?year=${y}`;
  for (const cache of [true, false]) {
    const pglite = await startServer({
      script: 'src/cli/main.ts',
      args: ['serve'],
      env: {
        LOG_LEVEL: 'warn',
        PHOIHOP_DATA_DIR: pgliteDir,
        PHOIHOP_DEMO: '0',
        PHOIHOP_LOGIN_MAX_PER_MINUTE: '100000',
        PHOIHOP_LIST_CACHE: cache ? '1' : '0',
        DATABASE_URL: '',
      },
    });
    console.log(`  server ready in ${fmt(pglite.readyMs)} ms (roll-up cache ${cache ? 'on' : 'off'})`);
    try {
      const health = (await (await fetch(`${pglite.url}/api/health`)).json()) as { db: string };
      if (health.db !== 'pglite') throw new Error(`expected db=pglite, health says ${health.db}`);
      if (!(await hasRoute(pglite, 'GET', '/api/agreements/{id}/rollup'))) {
        console.log('  GET /api/agreements/{id}/rollup: not in the app yet — skipped');
        break;
      }
      const cookie = await login(pglite.url, BENCH_USERNAME, options.password);
      await getJson(pglite, path, cookie);
      // PGlite runs every query on the server's one thread, so under N connections a request
      // waits for the N − 1 before it: one user's view (1 connection) is the figure judged,
      // the 10-connection figure is shown beside it.
      for (const connections of PGLITE_CONNECTIONS) {
        const result = await measure({
          url: `${pglite.url}${path}`,
          headers: { cookie },
          connections,
          duration: options.duration,
          warmup: options.warmup,
        });
        rows.push({
          engine: 'pglite',
          cache,
          connections,
          what: `Agreement roll-up, ${a.province} (${fmt(a.units)} units), ${y}`,
          route: `GET ${path}`,
          result,
          target: target(result.exactMs.p95, '<=', INDICATORS_TARGET.pgliteRollupP95Ms, ' ms'),
          judged: connections === 1,
        });
        console.log(
          `  ${`GET ${path}`.padEnd(44)} cache ${cache ? 'on ' : 'off'} ${String(connections).padStart(2)} conn` +
            ` ${fmt(result.reqPerSec)} req/s  p95 ${fmt(result.exactMs.p95, 1)} ms` +
            `  errors ${result.errors}  non-2xx ${result.non2xx}`,
        );
      }
    } finally {
      await pglite.stop();
    }
  }

  return {
    dataset,
    provinceDataset,
    valueYears,
    serverStartMs,
    scenario,
    rows,
    comparisons,
    checks,
    import: importResult,
    missing: [...new Set(missing)],
  };
}

// ─── Report ────────────────────────────────────────────────────────────────────────────────

export function printIndicatorsTables(r: IndicatorsBenchResult, duration: number, warmup: number): void {
  const sets: Array<[string, IndicatorDatasetSummary]> = [['postgres', r.dataset]];
  if (r.provinceDataset) sets.push(['pglite', r.provinceDataset]);
  printTable(
    'Issue 4 — generated datasets',
    [
      'Engine',
      'units',
      'indicators',
      'agreements',
      'reports',
      'values',
      'yearly rows',
      'years',
      'generated in',
    ],
    sets.map(([engine, s]) => [
      engine,
      fmt(s.counts.units),
      fmt(s.counts.indicators),
      fmt(s.counts.agreements),
      fmt(s.counts.reports),
      fmt(s.counts.report_values),
      fmt(s.counts.report_value_years),
      `${s.years[0]}–${s.years[1]}`,
      `${fmt(s.generateMs / 1000, 1)} s`,
    ]),
  );
  if (r.rows.length)
    printTable(
      `Issue 4 — roll-up routes, ${duration} s after ${warmup} s warm-up (p95 from every response time)`,
      [
        'Engine',
        'cache',
        'conn',
        'What',
        'Route',
        'req/s',
        'p50 ms',
        'p95 ms',
        'p99 ms',
        'errors',
        'non-2xx',
        'p95 target',
        'result',
      ],
      r.rows.map((x) => [
        x.engine,
        x.cache ? 'on' : 'off',
        x.connections,
        x.what,
        x.route,
        x.result.reqPerSec,
        fmt(x.result.exactMs.p50, 1),
        fmt(x.result.exactMs.p95, 1),
        fmt(x.result.exactMs.p99, 1),
        x.result.errors,
        x.result.non2xx,
        x.judged ? x.target.label : `(${x.target.label})`,
        x.judged ? verdict(x.target) : `(${verdict(x.target)})`,
      ]),
    );
  if (r.comparisons.length)
    printTable(
      'Issue 4 — the same roll-ups computed naively in SQL (recursive tree + GROUP BY over raw values), one request at a time; speed-up against the app with its cache off',
      [
        'What',
        'runs',
        'app (cache on) p50 ms',
        'app p50 ms',
        'app p95 ms',
        'naive p50 ms',
        'naive p95 ms',
        'speed-up p50',
        'speed-up p95',
        'same figure',
      ],
      r.comparisons.map((c) => [
        c.what,
        c.app.runs,
        fmt(c.appCached?.p50 ?? null, 1),
        fmt(c.app.p50, 1),
        fmt(c.app.p95, 1),
        fmt(c.naive.p50, 1),
        fmt(c.naive.p95, 1),
        `×${fmt(c.speedupP50, 1)}`,
        `×${fmt(c.speedupP95, 1)}`,
        close(c.appValue, c.naiveValue)
          ? `yes (${fmt(c.appValue, 1)})`
          : `NO: app ${fmt(c.appValue, 1)}, naive ${fmt(c.naiveValue, 1)}`,
      ]),
    );
  if (r.checks.length)
    printTable(
      "Issue 4 — the app's figures against the naive SQL's (not timed)",
      ['Figures', 'compared', 'same', 'differences'],
      r.checks.map((c) => [c.what, c.compared, c.same, c.differences.slice(0, 3).join('; ') || '—']),
    );
  if (r.import)
    printTable(
      'Issue 4 — Excel import (POST /api/forms/:id/import, upload → 200)',
      ['values', 'file MB', 'status', 'seconds', 'target', 'result'],
      [
        [
          fmt(r.import.values),
          fmt(r.import.fileBytes / 1_048_576, 1),
          r.import.status,
          fmt(r.import.ms / 1000, 2),
          r.import.target.label,
          verdict(r.import.target),
        ],
      ],
    );
  if (r.missing.length) console.log(`\n⚠ not in the app yet (no figure): ${r.missing.join(', ')}`);
}

/** Summary lines for run.ts. */
export function indicatorsSummary(r: IndicatorsBenchResult) {
  const out = r.rows.map((x) => ({
    metric: `${x.what} p95 @${x.connections} conn, ${x.engine === 'postgres' ? 'PostgreSQL' : 'PGlite'}${x.cache ? '' : ' (cache off)'}`,
    value: `${fmt(x.result.exactMs.p95, 1)} ms`,
    target: x.judged ? x.target.label : `(${x.target.label}, for comparison)`,
    result: x.judged ? verdict(x.target) : '',
  }));
  for (const c of r.comparisons)
    out.push({
      metric: `${c.what}: naive SQL ÷ app, cache off (p50)`,
      value: `×${fmt(c.speedupP50, 1)} (${fmt(c.naive.p50, 1)} / ${fmt(c.app.p50, 1)} ms)`,
      target: '—',
      result: '',
    });
  if (r.checks.length) {
    const compared = r.checks.reduce((a, c) => a + c.compared, 0);
    const same = r.checks.reduce((a, c) => a + c.same, 0);
    out.push({
      metric: 'Roll-up figures: app = naive SQL',
      value: `${same}/${compared} the same${same < compared ? ` (see the table above)` : ''}`,
      target: '—',
      result: '',
    });
  }
  if (r.import)
    out.push({
      metric: `Excel import, ${fmt(r.import.values)} values`,
      value: `${fmt(r.import.ms / 1000, 2)} s`,
      target: r.import.target.label,
      result: verdict(r.import.target),
    });
  for (const m of r.missing) out.push({ metric: m, value: 'not in the app yet', target: '—', result: '' });
  return out;
}
