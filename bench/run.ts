// PhốiHợp benchmark: cold start on PGlite, throughput/latency of the API on PGlite and
// PostgreSQL against a bare Fastify route (issue 2), and "my unit's tasks" + search on a
// generated PostgreSQL dataset (issue 3, bench/tasks.ts), and indicators, roll-up and Excel import
// at national scale (issue 4, bench/indicators.ts), and the review report → DOCX (issue 5,
// bench/review.ts), and live updates over SSE across two instances (issue 6, bench/live.ts).
// `npm run bench` (see bench/README.md).
//   BENCH_DURATION=10   measured seconds per load run
//   --only=pglite|postgres|tasks|indicators|review|live   one part only, or several: --only=postgres,tasks
//                       (cold start runs with pglite)
//   --quick             3 s load runs, 1 cold-start repetition (smoke test); live: 10 s instead of 60 s
//   --keep-db           keep the issue-3/issue-4 dataset databases afterwards (prints their URLs)
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  INDICATORS_CONNECTIONS,
  INDICATORS_TARGET,
  type IndicatorsBenchResult,
  indicatorsSummary,
  printIndicatorsTables,
  runIndicatorsBench,
} from './indicators.ts';
import { type LoadResult, measure } from './lib/load.ts';
import { createBenchDatabase, dropBenchDatabase, postgresAvailable } from './lib/pg.ts';
import { fmt, median, min, printTable, type Target, target, verdict, writeJson } from './lib/report.ts';
import { login, ROOT, type StartedServer, startServer, stopAll } from './lib/server.ts';
import { LIVE_TARGET, type LiveBenchResult, liveSummary, printLiveTable, runLiveBench } from './live.ts';
import { printReviewTable, type ReviewBenchResult, reviewSummary, runReviewBench } from './review.ts';
import {
  printTasksTable,
  runTasksBench,
  TASKS_CONNECTIONS,
  TASKS_TARGET,
  type TasksBenchResult,
  tasksSummary,
} from './tasks.ts';

type Engine = 'pglite' | 'postgres';
type Part = Engine | 'tasks' | 'indicators' | 'review' | 'live';
const PARTS: Part[] = ['pglite', 'postgres', 'tasks', 'indicators', 'review', 'live'];

const argv = process.argv.slice(2);
const quick = argv.includes('--quick');
const keepDb = argv.includes('--keep-db');
const onlyArg = argv.find((a) => a.startsWith('--only='))?.slice('--only='.length);
const parts = new Set<Part>(onlyArg ? (onlyArg.split(',') as Part[]) : PARTS);
if ([...parts].some((p) => !PARTS.includes(p))) {
  console.error(`--only takes ${PARTS.join(', ')} or a comma-separated list of them (got ${onlyArg})`);
  process.exit(2);
}
const engines: Engine[] = (['pglite', 'postgres'] as const).filter((e) => parts.has(e));
const duration = quick ? 3 : Number(process.env.BENCH_DURATION ?? 10);
const warmup = quick ? 1 : 2;
const repetitions = quick ? 1 : 3;
const CONNECTIONS = 50;

// Targets from the issue.
const TARGET = {
  coldStartMs: 5_000,
  unitsP99Ms: 25,
  unitsVsBare: 0.35,
};

const SERVER = 'src/cli/main.ts';
const DEMO_PASSWORD = 'Bench-MatKhau-2025!';
const BENCH_DB = `phoihop_bench_${process.pid}`;
const TASKS_DB = `phoihop_bench_tasks_${process.pid}`;
const INDICATORS_DB = `phoihop_bench_indicators_${process.pid}`;
const REVIEW_DB = `phoihop_bench_review_${process.pid}`;
const LIVE_DB = `phoihop_bench_live_${process.pid}`;
const RESULTS = join(ROOT, 'bench/results/latest.json');

const tmpRoot = mkdtempSync(join(tmpdir(), 'phoihop-bench-'));
let benchDbCreated = false;
let tasksDbCreated = false;
let indicatorsDbCreated = false;
let reviewDbCreated = false;
let liveDbCreated = false;

function serverEnv(engine: Engine, dataDir: string, databaseUrl?: string) {
  return {
    LOG_LEVEL: 'warn',
    PHOIHOP_DATA_DIR: dataDir,
    PHOIHOP_DEMO: '1',
    PHOIHOP_DEMO_PASSWORD: DEMO_PASSWORD,
    PHOIHOP_LOGIN_MAX_PER_MINUTE: '100000',
    DATABASE_URL: engine === 'postgres' ? databaseUrl : '',
  };
}

let cleaned = false;
async function cleanup(): Promise<void> {
  if (cleaned) return;
  cleaned = true;
  await stopAll();
  rmSync(tmpRoot, { recursive: true, force: true });
  const drop = [
    ...(benchDbCreated ? [BENCH_DB] : []),
    ...(tasksDbCreated && !keepDb ? [TASKS_DB] : []),
    ...(indicatorsDbCreated && !keepDb ? [INDICATORS_DB] : []),
    ...(reviewDbCreated && !keepDb ? [REVIEW_DB] : []),
    ...(liveDbCreated && !keepDb ? [LIVE_DB] : []),
  ];
  for (const name of drop) {
    try {
      await dropBenchDatabase(name);
    } catch (err) {
      console.error(`could not drop database ${name}:`, err);
    }
  }
}

process.once('SIGINT', () => {
  console.error('\nInterrupted — stopping servers and cleaning up…');
  void cleanup().finally(() => process.exit(130));
});

// ─── 1. Cold start on PGlite ──────────────────────────────────────────────────────────────

interface ColdStart {
  freshMs: number[];
  warmMs: number[];
}

async function coldStart(): Promise<ColdStart> {
  const out: ColdStart = { freshMs: [], warmMs: [] };
  for (let i = 0; i < repetitions; i++) {
    const dataDir = join(tmpRoot, `cold-${i}`);
    mkdirSync(dataDir, { recursive: true });
    for (const kind of ['fresh', 'warm'] as const) {
      const server = await startServer({
        script: SERVER,
        args: ['serve'],
        env: serverEnv('pglite', dataDir),
      });
      (kind === 'fresh' ? out.freshMs : out.warmMs).push(server.readyMs);
      console.log(`  cold start #${i + 1} ${kind.padEnd(5)} ${fmt(server.readyMs)} ms`);
      await server.stop();
    }
  }
  return out;
}

// ─── 2. Throughput / latency ───────────────────────────────────────────────────────────────

interface Row {
  engine: Engine | 'bare';
  route: string;
  result: LoadResult;
}

async function load(server: StartedServer, path: string, headers?: Record<string, string>) {
  const result = await measure({
    url: `${server.url}${path}`,
    headers,
    connections: CONNECTIONS,
    duration,
    warmup,
  });
  console.log(
    `  ${path.padEnd(22)} ${fmt(result.reqPerSec)} req/s  p99 ${fmt(result.latencyMs.p99)} ms` +
      `  errors ${result.errors}  non-2xx ${result.non2xx}`,
  );
  return result;
}

async function bareRun(): Promise<Row> {
  console.log('\n▸ bare Fastify route');
  const server = await startServer({ script: 'bench/bare-server.ts', healthPath: '/bare' });
  try {
    return { engine: 'bare', route: 'GET /bare', result: await load(server, '/bare') };
  } finally {
    await server.stop();
  }
}

async function engineRun(
  engine: Engine,
  pgliteDataDir: string | undefined,
): Promise<{ rows: Row[]; startMs: number }> {
  console.log(`\n▸ ${engine}`);
  let databaseUrl: string | undefined;
  if (engine === 'postgres') {
    databaseUrl = await createBenchDatabase(BENCH_DB);
    benchDbCreated = true;
  }
  const dataDir = pgliteDataDir ?? join(tmpRoot, `load-${engine}`);
  mkdirSync(dataDir, { recursive: true });
  const server = await startServer({
    script: SERVER,
    args: ['serve'],
    env: serverEnv(engine, dataDir, databaseUrl),
  });
  console.log(`  ready in ${fmt(server.readyMs)} ms`);
  try {
    const health = (await (await fetch(`${server.url}/api/health`)).json()) as { db: string };
    if (health.db !== engine) throw new Error(`expected db=${engine}, health says ${health.db}`);
    const cookie = await login(server.url, 'admin', DEMO_PASSWORD);
    const check = await fetch(`${server.url}/api/units?limit=50`, { headers: { cookie } });
    const page = (await check.json()) as { items?: unknown[]; total?: number };
    if (check.status !== 200 || !Array.isArray(page.items))
      throw new Error(`GET /api/units → ${check.status}: ${JSON.stringify(page).slice(0, 300)}`);
    console.log(`  /api/units?limit=50 returns ${page.items.length} of ${page.total} units`);
    const rows: Row[] = [
      { engine, route: 'GET /api/health', result: await load(server, '/api/health') },
      {
        engine,
        route: 'GET /api/units?limit=50 (auth)',
        result: await load(server, '/api/units?limit=50', { cookie }),
      },
    ];
    return { rows, startMs: server.readyMs };
  } finally {
    await server.stop();
  }
}

// ─── main ──────────────────────────────────────────────────────────────────────────────────

function gitCommit(): string | null {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT }).toString().trim();
  } catch {
    return null;
  }
}

async function main() {
  const started = new Date();
  const env = {
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? '?',
    commit: gitCommit(),
    loadAvgAtStart: loadavg()[0] ?? 0,
  };
  console.log(
    `PhốiHợp bench — node ${env.node}, ${env.cpus} × ${env.cpuModel}, commit ${env.commit ?? '?'}` +
      `\nparts: ${[...parts].join(', ')}; load: ${warmup} s warm-up + ${duration} s measured${quick ? ' (quick)' : ''},` +
      ` ${CONNECTIONS} connections (issue 3: ${TASKS_CONNECTIONS}, issue 4: ${INDICATORS_CONNECTIONS})`,
  );

  if (env.loadAvgAtStart > env.cpus)
    console.log(
      `⚠ load average ${fmt(env.loadAvgAtStart, 1)} on ${env.cpus} cores: other processes compete for CPU, figures will be low`,
    );

  if (
    (engines.includes('postgres') ||
      parts.has('tasks') ||
      parts.has('indicators') ||
      parts.has('review') ||
      parts.has('live')) &&
    !(await postgresAvailable())
  ) {
    throw new Error(
      'PostgreSQL is not reachable (BENCH_PG_URL or postgres://postgres@127.0.0.1:5432/postgres)',
    );
  }

  // 1. Cold start (PGlite only: PostgreSQL start time is shown for information).
  let cold: ColdStart | null = null;
  if (engines.includes('pglite')) {
    console.log(`\n▸ cold start on PGlite (${repetitions}×: fresh data dir, then warm)`);
    cold = await coldStart();
  }

  // 2. Load.
  const bare = engines.length ? await bareRun() : null;
  const rows: Row[] = bare ? [bare] : [];
  const startMs: Partial<Record<Engine, number>> = {};
  for (const engine of engines) {
    // PGlite reuses the first cold-start data dir (already seeded), like a normal restart.
    const r = await engineRun(engine, engine === 'pglite' && cold ? join(tmpRoot, 'cold-0') : undefined);
    rows.push(...r.rows);
    startMs[engine] = r.startMs;
  }

  // 3. Issue 3: my unit's tasks and search on the generated dataset.
  let tasks: TasksBenchResult | null = null;
  if (parts.has('tasks')) {
    const databaseUrl = await createBenchDatabase(TASKS_DB);
    tasksDbCreated = true;
    const dataDir = join(tmpRoot, 'tasks');
    mkdirSync(dataDir, { recursive: true });
    tasks = await runTasksBench({ databaseUrl, dataDir, password: DEMO_PASSWORD, duration, warmup });
    if (keepDb)
      console.log(
        `  --keep-db: ${databaseUrl} kept (accounts' password ${DEMO_PASSWORD}); dropdb ${TASKS_DB}`,
      );
  }

  // 4. Issue 4: indicators, roll-up and Excel import on a generated national dataset.
  let indicators: IndicatorsBenchResult | null = null;
  if (parts.has('indicators')) {
    const databaseUrl = await createBenchDatabase(INDICATORS_DB);
    indicatorsDbCreated = true;
    indicators = await runIndicatorsBench({
      databaseUrl,
      tmpDir: tmpRoot,
      password: DEMO_PASSWORD,
      duration,
      warmup,
      quick,
    });
    if (keepDb)
      console.log(
        `  --keep-db: ${databaseUrl} kept (bench.quantri's password ${DEMO_PASSWORD}); dropdb ${INDICATORS_DB}`,
      );
  }

  // 5. Issue 5: the review report of a province-scale program, assembled and rendered to DOCX.
  let review: ReviewBenchResult | null = null;
  if (parts.has('review')) {
    const databaseUrl = await createBenchDatabase(REVIEW_DB);
    reviewDbCreated = true;
    const dataDir = join(tmpRoot, 'review');
    mkdirSync(dataDir, { recursive: true });
    review = await runReviewBench({ databaseUrl, dataDir, n: quick ? 10 : 30 });
  }

  // 6. Issue 6: live updates — 200 SSE streams on two instances, 50 bulletins/s for 60 s.
  let live: LiveBenchResult | null = null;
  if (parts.has('live')) {
    const databaseUrl = await createBenchDatabase(LIVE_DB);
    liveDbCreated = true;
    const dataDir = join(tmpRoot, 'live');
    mkdirSync(dataDir, { recursive: true });
    live = await runLiveBench({ databaseUrl, dataDir, durationS: quick ? 10 : 60, warmupS: quick ? 1 : 2 });
  }

  // ─── Report ──────────────────────────────────────────────────────────────────────────────
  const summary: { metric: string; value: string; target: string; result: string }[] = [];
  const judge = (metric: string, value: string, t: Target) =>
    summary.push({ metric, value, target: t.label, result: verdict(t) });

  if (cold) {
    const coldRows = [
      ['fresh data dir (initdb + migrations + demo seed)', cold.freshMs],
      ['warm data dir (restart)', cold.warmMs],
    ] as const;
    printTable(
      `Cold start on PGlite — spawn → first 200 on /api/health (${repetitions} run${repetitions > 1 ? 's' : ''})`,
      ['Data dir', 'runs (ms)', 'min ms', 'median ms', 'target', 'result'],
      coldRows.map(([label, v]) => {
        const t = target(median(v), '<=', TARGET.coldStartMs, ' ms');
        return [label, v.map((x) => fmt(x)).join(' / '), min(v), median(v), t.label, verdict(t)];
      }),
    );
    for (const [label, v] of coldRows)
      judge(
        `Cold start PGlite, ${label.split(' (')[0]} (median)`,
        `${fmt(median(v))} ms`,
        target(median(v), '<=', TARGET.coldStartMs, ' ms'),
      );
  }

  const bareRps = bare?.result.reqPerSec ?? Number.NaN;
  const isUnits = (r: Row) => r.route.startsWith('GET /api/units');
  if (rows.length)
    printTable(
      `Throughput & latency — ${CONNECTIONS} connections, ${duration} s after ${warmup} s warm-up`,
      [
        'Engine',
        'Route',
        'req/s',
        'p50 ms',
        'p90 ms',
        'p97.5 ms',
        'p99 ms',
        'errors',
        'non-2xx',
        'vs bare',
        'p99 target',
        'ratio target',
      ],
      rows.map((r) => {
        const ratio = r.result.reqPerSec / bareRps;
        const p99t =
          isUnits(r) && r.engine === 'postgres'
            ? target(r.result.latencyMs.p99, '<=', TARGET.unitsP99Ms, ' ms')
            : undefined;
        const ratioT = isUnits(r) ? target(ratio * 100, '>=', TARGET.unitsVsBare * 100, ' %') : undefined;
        return [
          r.engine,
          r.route,
          r.result.reqPerSec,
          r.result.latencyMs.p50,
          r.result.latencyMs.p90,
          r.result.latencyMs.p97_5,
          r.result.latencyMs.p99,
          r.result.errors,
          r.result.non2xx,
          `${fmt(ratio * 100, 1)} %`,
          p99t ? `${p99t.label} ${verdict(p99t)}` : '',
          ratioT ? `${ratioT.label} ${verdict(ratioT)}` : '',
        ];
      }),
    );

  for (const r of rows.filter(isUnits)) {
    const label = r.engine === 'postgres' ? 'PostgreSQL' : 'PGlite';
    if (r.engine === 'postgres')
      judge(
        `Units list p99 @${CONNECTIONS} conn, ${label}`,
        `${fmt(r.result.latencyMs.p99)} ms`,
        target(r.result.latencyMs.p99, '<=', TARGET.unitsP99Ms, ' ms'),
      );
    const ratio = (r.result.reqPerSec / bareRps) * 100;
    judge(
      `Units list throughput vs bare, ${label}`,
      `${fmt(ratio, 1)} % (${fmt(r.result.reqPerSec)} / ${fmt(bareRps)} req/s)`,
      target(ratio, '>=', TARGET.unitsVsBare * 100, ' %'),
    );
  }
  if (tasks) {
    printTasksTable(tasks.rows, duration, warmup);
    summary.push(...tasksSummary(tasks.rows));
  }
  if (indicators) {
    printIndicatorsTables(indicators, duration, warmup);
    summary.push(...indicatorsSummary(indicators));
  }
  if (review) {
    printReviewTable(review);
    summary.push(...reviewSummary(review));
  }
  if (live) {
    printLiveTable(live);
    summary.push(...liveSummary(live));
  }
  const failed = [
    ...rows.filter((r) => r.result.errors > 0 || r.result.non2xx > 0).map((r) => `${r.engine} ${r.route}`),
    ...(tasks?.rows ?? [])
      .filter((r) => r.result.errors > 0 || r.result.non2xx > 0)
      .map((r) => `${r.user} ${r.route}`),
    ...(indicators?.rows ?? [])
      .filter((r) => r.result.errors > 0 || r.result.non2xx > 0)
      .map((r) => `${r.engine} ${r.route}`),
  ];

  printTable(
    'Summary',
    ['Metric', 'Value', 'Target', 'Result'],
    summary.map((s) => [s.metric, s.value, s.target, s.result]),
  );
  if (failed.length) console.log(`\n⚠ errors or non-2xx responses in: ${failed.join(', ')}`);
  if (startMs.postgres !== undefined)
    console.log(
      `(info) PostgreSQL server start on an empty database (migrations + seed): ${fmt(startMs.postgres)} ms`,
    );

  writeJson(RESULTS, {
    startedAt: started.toISOString(),
    finishedAt: new Date().toISOString(),
    environment: { ...env, loadAvgAtEnd: loadavg()[0] ?? 0 },
    options: {
      quick,
      parts: [...parts],
      engines,
      connections: CONNECTIONS,
      tasksConnections: TASKS_CONNECTIONS,
      indicatorsConnections: INDICATORS_CONNECTIONS,
      durationS: duration,
      warmupS: warmup,
      repetitions,
    },
    targets: { ...TARGET, ...TASKS_TARGET, ...INDICATORS_TARGET, live: LIVE_TARGET },
    coldStart: cold && {
      fresh: { runsMs: cold.freshMs, minMs: min(cold.freshMs), medianMs: median(cold.freshMs) },
      warm: { runsMs: cold.warmMs, minMs: min(cold.warmMs), medianMs: median(cold.warmMs) },
    },
    serverStartMs: startMs,
    load: rows.map((r) => ({
      engine: r.engine,
      route: r.route,
      ...r.result,
      vsBare: r.result.reqPerSec / bareRps,
    })),
    tasks: tasks && {
      connections: TASKS_CONNECTIONS,
      dataset: tasks.dataset,
      serverStartMs: tasks.serverStartMs,
      load: tasks.rows.map((r) => ({
        user: r.user,
        route: r.route,
        kind: r.kind,
        items: r.items,
        total: r.total,
        ...r.result,
        target: r.target,
      })),
    },
    indicators: indicators && {
      connections: INDICATORS_CONNECTIONS,
      dataset: indicators.dataset,
      provinceDataset: indicators.provinceDataset,
      valueYearsCheck: indicators.valueYears,
      serverStartMs: indicators.serverStartMs,
      scenario: indicators.scenario,
      load: indicators.rows.map((r) => ({
        engine: r.engine,
        what: r.what,
        route: r.route,
        ...r.result,
        target: r.target,
        cache: r.cache,
        judged: r.judged,
      })),
      naive: indicators.comparisons,
      crossChecks: indicators.checks,
      import: indicators.import,
      missing: indicators.missing,
    },
    review,
    live,
    summary,
  });
  console.log(
    `load average: ${fmt(env.loadAvgAtStart, 1)} at start, ${fmt(loadavg()[0], 1)} at end (${env.cpus} cores)`,
  );
  console.log(`\nResults written to ${RESULTS}`);
}

try {
  await main();
} catch (err) {
  console.error('\nBenchmark crashed:', err);
  process.exitCode = 1;
} finally {
  await cleanup();
}
