// Issue-6 scenario: live updates (Server-Sent Events fed by PostgreSQL LISTEN/NOTIFY) across
// two app instances. Run by bench/run.ts (`npm run bench -- --only=live`).
//
// Dataset (test factories): the Lào Cai program between the provincial Border Guard command
// and the Ethnic Affairs committee; 20 recipient units under the two parties (10 border posts,
// 10 district ethnic-affairs offices), 10 officers each; the sender, an officer of Đồn Biên
// phòng Tả Gia Khâu, with 10 fellow officers there and 190 leaders of the provincial command
// (who act for the post); one officer of Ban Dân tộc tỉnh.
// Two servers (child processes `node src/cli/main.ts serve`, instance A and B) on one
// database. 200 users sign in and open GET /api/live — even users on A, odd on B. The sender
// posts bulletins through A's API at a fixed rate (open loop: one POST every 1/rate s whether
// or not earlier ones answered). Two scenarios, each judged:
//   recipients — the streams are the 200 recipient officers; every bulletin goes to all 20
//     units, so every stream receives it (event `bulletin`) and its own notification (event
//     `notification`): 200 notification rows written per bulletin.
//   sender side — the streams are the 200 users who act for the sending post (its officers,
//     the command's leaders: their "sent" lists); every bulletin goes to Ban Dân tộc tỉnh (one
//     notification), and every stream receives it. Same fan-out, light write.
// Latency per delivery = receipt on the stream − moment the POST was issued (same clock: both
// ends are in this process); it includes the POST's own transaction.
import { sql } from 'drizzle-orm';
import { openDatabase } from '../src/server/db/client.ts';
import { migrate } from '../src/server/db/migrate.ts';
import { buildAgreement, buildUnit, buildUser, TEST_PASSWORD } from '../test/factories.ts';
import { openSse, type SseMessage, type SseStream } from '../test/sseReader.ts';
import { fmt, printTable, type Target, target, verdict } from './lib/report.ts';
import { type StartedServer, startServer } from './lib/server.ts';

export const LIVE_TARGET = { p99Ms: 500, rate: 50, connections: 200 };

export interface LiveBenchOptions {
  databaseUrl: string;
  dataDir: string;
  /** Measured seconds at the target rate (60; `--quick`: 10). */
  durationS: number;
  warmupS: number;
  rate?: number;
}

interface Latency {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export interface LiveRow {
  event: 'bulletin' | 'notification';
  expected: number;
  received: number;
  lost: number;
  duplicates: number;
  /** Received on streams of instance B (the sender posts to A). */
  crossInstance: number;
  /** Receipt − POST issued (the judged figure). */
  latencyMs: Latency;
  /** Receipt − bulletins.created_at (start of the writing transaction, server clock). */
  fromCreatedMs: Latency;
  /** Receipt − the hub's `sentAt` (the SSE leg alone; ms resolution). */
  fromHubMs: Latency;
  target?: Target;
}

export type LiveScenario = 'recipients' | 'sender side';

export interface LiveScenarioResult {
  scenario: LiveScenario;
  connections: { a: number; b: number };
  rate: number;
  durationS: number;
  warmupS: number;
  sent: number;
  postErrors: number;
  /** POSTs issued per second over the measured window (the open loop's own pace). */
  achievedRate: number;
  /** Bulletins written per second: measured POSTs ÷ (first issued → last answered). */
  throughput: number;
  post: Latency;
  /** POST /api/bulletins one at a time before the run (no load). */
  postAlone: Latency;
  rows: LiveRow[];
}

export interface LiveBenchResult {
  generateMs: number;
  scenarios: LiveScenarioResult[];
}

const BORDER_POSTS = [
  'Y Tý',
  'A Mú Sung',
  'Bản Vược',
  'Mường Khương',
  'Pha Long',
  'Bát Xát',
  'Dìn Chin',
  'Si Ma Cai',
  'Nậm Chạy',
  'Bản Lầu',
];
const DISTRICTS = [
  'Bát Xát',
  'Mường Khương',
  'Si Ma Cai',
  'Bắc Hà',
  'Bảo Thắng',
  'Bảo Yên',
  'Văn Bàn',
  'Sa Pa',
  'Lào Cai',
  'Mường Hum',
];
const OFFICERS_PER_UNIT = 10;

async function generate(databaseUrl: string) {
  const database = await openDatabase({ url: databaseUrl });
  try {
    await migrate(database);
    const db = database.db;
    const command = await buildUnit(db, {
      name: 'Bộ Chỉ huy Bộ đội Biên phòng tỉnh Lào Cai',
      kind: 'border_command',
      shortName: 'BĐBP',
      provinceName: 'Lào Cai',
    });
    const ethnic = await buildUnit(db, {
      name: 'Ban Dân tộc tỉnh Lào Cai',
      kind: 'ethnic_affairs',
      provinceName: 'Lào Cai',
    });
    const post = await buildUnit(db, {
      name: 'Đồn Biên phòng Tả Gia Khâu',
      kind: 'border_post',
      parentId: command.id,
    });
    const recipients = [
      ...BORDER_POSTS.map((n) => ({
        name: `Đồn Biên phòng ${n}`,
        kind: 'border_post' as const,
        parentId: command.id,
      })),
      ...DISTRICTS.map((n) => ({
        name: `Phòng Dân tộc huyện ${n}`,
        kind: 'ethnic_affairs' as const,
        parentId: ethnic.id,
      })),
    ];
    const units: number[] = [];
    for (const r of recipients) units.push((await buildUnit(db, r)).id);
    await buildUser(db, {
      username: 'bench.live.gui',
      unitId: post.id,
      grants: [{ unitId: post.id, role: 'officer' }],
    });
    const users: string[] = [];
    for (const [i, unitId] of units.entries())
      for (let k = 1; k <= OFFICERS_PER_UNIT; k++) {
        const username = `bench.live.${String(i + 1).padStart(2, '0')}.${String(k).padStart(2, '0')}`;
        await buildUser(db, { username, unitId, grants: [{ unitId, role: 'officer' }] });
        users.push(username);
      }
    const senderSide: string[] = [];
    for (let k = 1; k <= 200; k++) {
      const [unitId, role] = k <= 10 ? [post.id, 'officer' as const] : [command.id, 'leader' as const];
      const username = `bench.live.gui.${String(k).padStart(3, '0')}`;
      await buildUser(db, { username, unitId, grants: [{ unitId, role }] });
      senderSide.push(username);
    }
    await buildUser(db, {
      username: 'bench.live.bdt',
      unitId: ethnic.id,
      grants: [{ unitId: ethnic.id, role: 'officer' }],
    });
    const agreement = await buildAgreement(db, {
      kind: 'program',
      status: 'in_effect',
      subject:
        'Chương trình phối hợp giữa Bộ Chỉ huy BĐBP tỉnh và Ban Dân tộc tỉnh Lào Cai trong công tác dân tộc vùng biên giới',
      validFrom: '2022-01-01',
      validTo: '2027-12-31',
      parties: [command.id, ethnic.id],
    });
    return { units, users, senderSide, ethnicId: ethnic.id, agreementId: agreement.id };
  } finally {
    await database.close();
  }
}

const now = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function latency(values: number[]): Latency {
  const s = Float64Array.from(values).sort();
  const pct = (p: number) =>
    s.length ? s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]! : Number.NaN;
  return {
    count: s.length,
    p50: pct(50),
    p95: pct(95),
    p99: pct(99),
    max: s.length ? s[s.length - 1]! : Number.NaN,
  };
}

async function signInUser(url: string, username: string) {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: TEST_PASSWORD }),
  });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`login ${username} → ${res.status}: ${text.slice(0, 300)}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .find((c) => c?.startsWith('phoihop_session='));
  if (!cookie) throw new Error(`login ${username}: no session cookie`);
  return { cookie, csrf: (JSON.parse(text) as { csrfToken: string }).csrfToken };
}

/** Runs `fn` over items with at most `n` at a time. */
async function pool<T, R>(items: T[], n: number, fn: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: n }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]!, i);
      }
    }),
  );
  return out;
}

export async function runLiveBench(options: LiveBenchOptions): Promise<LiveBenchResult> {
  const rate = options.rate ?? LIVE_TARGET.rate;
  console.log(
    `\n▸ issue 6 — live updates: ${LIVE_TARGET.connections} SSE streams on two instances, ${rate} bulletins/s for ${options.durationS} s (+${options.warmupS} s warm-up) on PostgreSQL, two scenarios`,
  );
  const t0 = performance.now();
  const data = await generate(options.databaseUrl);
  const generateMs = performance.now() - t0;
  console.log(
    `  generated in ${fmt(generateMs / 1000, 1)} s: ${data.units.length} recipient units, ${data.users.length + data.senderSide.length + 2} users`,
  );

  const env = (name: string) => ({
    LOG_LEVEL: 'warn',
    PHOIHOP_DATA_DIR: `${options.dataDir}/${name}`,
    PHOIHOP_DEMO: '0',
    PHOIHOP_LOGIN_MAX_PER_MINUTE: '100000',
    DATABASE_URL: options.databaseUrl,
  });
  const servers: StartedServer[] = [];
  try {
    const a = await startServer({ script: 'src/cli/main.ts', args: ['serve'], env: env('a') });
    servers.push(a);
    const b = await startServer({ script: 'src/cli/main.ts', args: ['serve'], env: env('b') });
    servers.push(b);
    console.log(`  instance A ${a.url}, instance B ${b.url}`);
    const scenarios: LiveScenarioResult[] = [];
    for (const scenario of ['recipients', 'sender side'] as const)
      scenarios.push(await runScenario(scenario, { options, rate, data, a, b }));
    return { generateMs, scenarios };
  } finally {
    for (const s of servers) await s.stop();
  }
}

async function runScenario(
  scenario: LiveScenario,
  ctx: {
    options: LiveBenchOptions;
    rate: number;
    data: Awaited<ReturnType<typeof generate>>;
    a: StartedServer;
    b: StartedServer;
  },
): Promise<LiveScenarioResult> {
  const { options, rate, data, a, b } = ctx;
  const users = scenario === 'recipients' ? data.users : data.senderSide;
  const recipientUnitIds = scenario === 'recipients' ? data.units : [data.ethnicId];
  console.log(
    `  — ${scenario}: ${users.length} streams, each bulletin to ${recipientUnitIds.length} unit(s)`,
  );
  const streams: SseStream[] = [];
  try {
    // Receipts, kept raw and joined with the POSTs after the run (an event may arrive before
    // its POST answered). Per stream: [bulletin id, received at] and [notification id, at].
    // Per stream: [id, received at, sent at by the instance's hub (its clock is this machine's)].
    const bulletinsGot: Array<Array<[number, number, number]>> = users.map(() => []);
    const notesGot: Array<Array<[number, number, number]>> = users.map(() => []);
    const sessions = await pool(users, 4, (u, i) => signInUser(i % 2 ? b.url : a.url, u));
    await pool(users, 20, async (_u, i) => {
      const onMessage = (m: SseMessage) => {
        const d = m.data as { id: number; action?: string; sentAt: string };
        const hubAt = Date.parse(d.sentAt);
        if (m.event === 'bulletin' && d.action === 'sent') bulletinsGot[i]!.push([d.id, m.receivedAt, hubAt]);
        else if (m.event === 'notification') notesGot[i]!.push([d.id, m.receivedAt, hubAt]);
      };
      const s = await openSse(
        `${i % 2 ? b.url : a.url}/api/live`,
        { cookie: sessions[i]!.cookie },
        onMessage,
      );
      if (s.status !== 200) throw new Error(`GET /api/live → ${s.status}: ${s.body}`);
      streams.push(s);
    });
    const onA = Math.ceil(users.length / 2);
    console.log(`  ${streams.length} streams open (${onA} on A, ${streams.length - onA} on B)`);

    const sender = await signInUser(a.url, 'bench.live.gui');
    const body = (n: number) =>
      JSON.stringify({
        agreementId: data.agreementId,
        recipientUnitIds,
        kind: 'security_situation',
        subject: `Tình hình an ninh khu vực biên giới — bản tin số ${n}`,
        body: `Bản tin số ${n}: tình hình an ninh trật tự khu vực biên giới ổn định; tiếp tục nắm tình hình, phối hợp tuần tra.`,
        sensitivity: 'Thường',
      });
    const issued = new Map<number, number>(); // bulletin id → POST issued at
    const postMs: number[] = [];
    let errors = 0;
    let firstError = '';
    let lastAnswered = 0;
    const inFlight = new Set<Promise<void>>();
    const send = (n: number, measured: boolean) => {
      const at = now();
      const p = fetch(`${a.url}/api/bulletins`, {
        method: 'POST',
        headers: { cookie: sender.cookie, 'x-csrf-token': sender.csrf, 'content-type': 'application/json' },
        body: body(n),
      })
        .then(async (res) => {
          const text = await res.text();
          if (res.status !== 201)
            throw new Error(`POST /api/bulletins → ${res.status}: ${text.slice(0, 300)}`);
          const id = (JSON.parse(text) as { id: number }).id;
          if (measured) {
            issued.set(id, at);
            postMs.push(now() - at);
            lastAnswered = performance.now();
          }
        })
        .catch((err: Error) => {
          errors++;
          firstError ||= err.message;
        })
        .finally(() => inFlight.delete(p));
      inFlight.add(p);
    };
    // One at a time first (also warms the servers up): what a single send costs unloaded.
    const alone: number[] = [];
    for (let n = 0; n < 20; n++) {
      const at = now();
      const res = await fetch(`${a.url}/api/bulletins`, {
        method: 'POST',
        headers: { cookie: sender.cookie, 'x-csrf-token': sender.csrf, 'content-type': 'application/json' },
        body: body(-n),
      });
      const text = await res.text();
      if (res.status !== 201) throw new Error(`POST /api/bulletins → ${res.status}: ${text.slice(0, 300)}`);
      alone.push(now() - at);
    }
    const postAlone = latency(alone);
    console.log(`  one POST at a time (20): p50 ${fmt(postAlone.p50)} ms, max ${fmt(postAlone.max)} ms`);
    await sleep(1000);
    // Open loop at a fixed rate: warm-up bulletins are delivered too but not counted.
    const interval = 1000 / rate;
    const total = Math.round((options.warmupS + options.durationS) * rate);
    const warm = Math.round(options.warmupS * rate);
    const start = performance.now();
    let measuredFrom = 0;
    for (let n = 0; n < total; n++) {
      const due = start + n * interval;
      const wait = due - performance.now();
      if (wait > 1) await sleep(wait);
      if (n === warm) measuredFrom = performance.now();
      send(n + 1, n >= warm);
    }
    const sendWindowS = (performance.now() - measuredFrom) / 1000;
    await Promise.all([...inFlight]);
    const sent = issued.size;

    // Drain: until every stream has every measured bulletin, or 10 s without progress.
    const countMeasured = () => {
      let n = 0;
      for (const got of bulletinsGot) for (const [id] of got) if (issued.has(id)) n++;
      return n;
    };
    const expected = sent * streams.length;
    let last = -1;
    let lastChange = performance.now();
    for (;;) {
      const c = countMeasured();
      if (c >= expected) break;
      if (c !== last) {
        last = c;
        lastChange = performance.now();
      } else if (performance.now() - lastChange > 10_000) break;
      await sleep(100);
    }
    // Notifications of the measured bulletins: their ids, read from the database afterwards.
    const database = await openDatabase({ url: options.databaseUrl, poolSize: 1 });
    const noteOf = new Map<number, number>(); // notification id → bulletin id
    const createdAt = new Map<number, number>(); // bulletin id → created_at (its transaction's start)
    try {
      const notes = await database.db.execute(
        sql`select id, entity_id from notifications where entity_type = 'bulletin'`,
      );
      for (const r of (notes as unknown as { rows: Array<{ id: number; entity_id: string }> }).rows)
        noteOf.set(Number(r.id), Number(r.entity_id));
      const rows = await database.db.execute(
        sql`select id, extract(epoch from created_at) * 1000 as at from bulletins`,
      );
      for (const r of (rows as unknown as { rows: Array<{ id: number; at: string }> }).rows)
        createdAt.set(Number(r.id), Number(r.at));
    } finally {
      await database.close();
    }
    for (const s of streams) s.close();

    const tally = (
      got: Array<Array<[number, number, number]>>,
      toBulletin: (id: number) => number | undefined,
    ) => {
      const lat: number[] = [];
      const fromCreated: number[] = [];
      const fromHub: number[] = [];
      let received = 0;
      let duplicates = 0;
      let cross = 0;
      got.forEach((list, i) => {
        const seen = new Set<number>();
        for (const [id, at, hubAt] of list) {
          const bulletin = toBulletin(id);
          const sentAt = bulletin === undefined ? undefined : issued.get(bulletin);
          if (sentAt === undefined) continue; // warm-up, or another event
          if (seen.has(bulletin!)) {
            duplicates++;
            continue;
          }
          seen.add(bulletin!);
          received++;
          if (i % 2) cross++;
          lat.push(at - sentAt);
          fromCreated.push(at - (createdAt.get(bulletin!) ?? Number.NaN));
          fromHub.push(at - hubAt);
        }
      });
      return {
        received,
        duplicates,
        cross,
        lat: latency(lat),
        fromCreated: latency(fromCreated),
        fromHub: latency(fromHub),
      };
    };
    const rows: LiveRow[] = (
      [
        ['bulletin', tally(bulletinsGot, (id) => id)],
        // The sender side's streams get no notification of their own bulletins.
        ...(scenario === 'recipients'
          ? [['notification', tally(notesGot, (id) => noteOf.get(id))] as const]
          : []),
      ] as const
    ).map(([event, t]) => ({
      event,
      expected,
      received: t.received,
      lost: expected - t.received,
      duplicates: t.duplicates,
      crossInstance: t.cross,
      latencyMs: t.lat,
      fromCreatedMs: t.fromCreated,
      fromHubMs: t.fromHub,
      ...(event === 'bulletin' ? { target: target(t.lat.p99, '<=', LIVE_TARGET.p99Ms, ' ms') } : {}),
    }));
    if (errors) console.log(`  ⚠ ${errors} POSTs failed, first: ${firstError}`);
    const achievedRate = sent / sendWindowS;
    const throughput = sent / ((lastAnswered - measuredFrom) / 1000);
    const post = latency(postMs);
    for (const r of rows)
      console.log(
        `  ${r.event.padEnd(12)} expected ${fmt(r.expected)}, received ${fmt(r.received)}, lost ${fmt(r.lost)},` +
          ` p50 ${fmt(r.latencyMs.p50)} ms, p99 ${fmt(r.latencyMs.p99)} ms, max ${fmt(r.latencyMs.max)} ms`,
      );
    return {
      scenario,
      connections: { a: onA, b: streams.length - onA },
      rate,
      durationS: options.durationS,
      warmupS: options.warmupS,
      sent,
      postErrors: errors,
      achievedRate,
      throughput,
      post,
      postAlone,
      rows,
    };
  } finally {
    for (const s of streams) s.close();
  }
}

export function printLiveTable(result: LiveBenchResult): void {
  for (const r of result.scenarios) printScenarioTable(r);
}

function printScenarioTable(r: LiveScenarioResult): void {
  printTable(
    `Live updates, ${r.scenario} — ${r.connections.a + r.connections.b} SSE streams (${r.connections.a} on instance A, ${r.connections.b} on B), ` +
      `${r.sent} bulletins POSTed to A at ${fmt(r.achievedRate, 1)}/s for ${r.durationS} s (target rate ${r.rate}/s), written at ${fmt(r.throughput, 1)}/s, PostgreSQL LISTEN/NOTIFY; ` +
      `latency = receipt − POST issued`,
    [
      'Event',
      'sent',
      'expected',
      'received',
      'lost',
      'dup',
      'via B',
      'p50 ms',
      'p95 ms',
      'p99 ms',
      'max ms',
      'p99 target',
      'result',
    ],
    [
      ...r.rows.flatMap((x) => [
        [
          x.event,
          r.sent,
          x.expected,
          x.received,
          x.lost,
          x.duplicates,
          x.crossInstance,
          fmt(x.latencyMs.p50),
          fmt(x.latencyMs.p95),
          fmt(x.latencyMs.p99),
          fmt(x.latencyMs.max),
          x.target?.label ?? '(info)',
          x.target ? verdict(x.target) : '',
        ],
        ...(
          [
            ['  from bulletins.created_at', x.fromCreatedMs],
            ['  from the hub writing it', x.fromHubMs],
          ] as const
        ).map(([label, l]) => [
          `${label} (${x.event})`,
          '',
          '',
          '',
          '',
          '',
          '',
          fmt(l.p50),
          fmt(l.p95),
          fmt(l.p99),
          fmt(l.max),
          '(info)',
          '',
        ]),
      ]),
      [
        'POST /api/bulletins alone (20, before)',
        20,
        '',
        '',
        '',
        '',
        '',
        fmt(r.postAlone.p50),
        fmt(r.postAlone.p95),
        fmt(r.postAlone.p99),
        fmt(r.postAlone.max),
        '(info)',
        '',
      ],
      [
        'POST /api/bulletins under load (response)',
        r.sent,
        '',
        '',
        r.postErrors ? `${r.postErrors} errors` : '0 errors',
        '',
        '',
        fmt(r.post.p50),
        fmt(r.post.p95),
        fmt(r.post.p99),
        fmt(r.post.max),
        '(info)',
        '',
      ],
    ],
  );
}

export function liveSummary(result: LiveBenchResult) {
  return result.scenarios.flatMap(scenarioSummary);
}

function scenarioSummary(r: LiveScenarioResult) {
  const b = r.rows.find((x) => x.event === 'bulletin')!;
  const noLoss = target(b.lost + r.postErrors, '<=', 0, ' lost');
  return [
    {
      metric: `Live (${r.scenario}): bulletin delivery p99, ${b.expected.toLocaleString('en-US')} deliveries to ${r.connections.a + r.connections.b} streams on 2 instances at ${fmt(r.achievedRate, 1)}/s`,
      value: `${fmt(b.latencyMs.p99)} ms`,
      target: b.target!.label,
      result: verdict(b.target),
    },
    {
      metric: `Live (${r.scenario}): bulletins lost (and failed POSTs)`,
      value: `${b.lost} lost, ${r.postErrors} failed`,
      target: '0',
      result: verdict(noLoss),
    },
    {
      metric: `Live (${r.scenario}): bulletins written per second (POSTs issued at ${fmt(r.achievedRate, 1)}/s)`,
      value: `${fmt(r.throughput, 1)}/s`,
      ...(() => {
        const t = target(r.throughput, '>=', r.rate * 0.98, '/s');
        return { target: t.label, result: verdict(t) };
      })(),
    },
  ];
}
