// Issue-5 scenario: the review report (báo cáo sơ kết) of a province-scale program assembled
// from approved data and rendered to DOCX through the API (GET /api/reviews/:id/document.docx),
// on PostgreSQL. Run by bench/run.ts (`npm run bench -- --only=review`).
//
// Dataset (generated with the test factories, seeded pseudo-random): a 2022–2025 program of the
// provincial Border Guard command and the Ethnic Affairs committee, four yearly plans, 5
// content sections each, 200 tasks, 60 indicators (40 linked to sections), 40 reporting units
// (30 border posts, 10 district ethnic-affairs offices), quarterly reports 2023-Q1…Q4 approved
// for every unit (160 reports, 9,600 values, narratives), targets per unit and indicator.
// Measured: the review report of 2023 as DOCX, sequentially, N times; the app's roll-up cache
// on (as shipped: the yearly roll-up is reused while no approval changes it) and off
// (PHOIHOP_LIST_CACHE=0: every request recomputes it).
import { eq } from 'drizzle-orm';
import { openDatabase } from '../src/server/db/client.ts';
import { migrate } from '../src/server/db/migrate.ts';
import {
  indicatorLinks,
  indicatorTargets,
  sections,
  tasks,
  taskUnits,
} from '../src/server/db/schema/index.ts';
import { buildAgreement, buildUnit, buildUser, TEST_PASSWORD } from '../test/factories.ts';
import { buildForm, buildIndicator, buildReport } from '../test/reportFactories.ts';
import { fmt, printTable, type Target, target, verdict } from './lib/report.ts';
import { login, startServer } from './lib/server.ts';

export const REVIEW_TARGET = { p95Ms: 1000 };

export interface ReviewBenchOptions {
  databaseUrl: string;
  dataDir: string;
  /** Requests measured per run (default 30). */
  n?: number;
}

export interface ReviewRow {
  cache: boolean;
  firstMs: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
  bytes: number;
  target: Target;
}

export interface ReviewBenchResult {
  dataset: Record<string, number>;
  generateMs: number;
  n: number;
  rows: ReviewRow[];
}

/** Deterministic pseudo-random numbers (mulberry32). */
function rng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SECTION_TITLES = [
  'Về công tác tham mưu',
  'Phối hợp trong công tác tuyên truyền, vận động',
  'Phối hợp xây dựng hệ thống chính trị cơ sở',
  'Trao đổi, cung cấp thông tin',
  'Giúp đồng bào phát triển kinh tế – xã hội',
];
const COMMUNES = [
  'Tả Gia Khâu',
  'Dìn Chin',
  'Y Tý',
  'A Mú Sung',
  'Bản Vược',
  'Mường Khương',
  'Pha Long',
  'Bát Xát',
];

async function generate(databaseUrl: string): Promise<{ counts: Record<string, number>; ms: number }> {
  const started = performance.now();
  const database = await openDatabase({ url: databaseUrl });
  await migrate(database);
  const db = database.db;
  const rand = rng(20230101);
  try {
    const command = await buildUnit(db, {
      name: 'Bộ Chỉ huy Bộ đội Biên phòng tỉnh Lào Cai',
      kind: 'border_command',
      shortName: 'BĐBP',
      provinceName: 'Lào Cai',
    });
    const ethnic = await buildUnit(db, {
      name: 'Ban Dân tộc tỉnh Lào Cai',
      kind: 'ethnic_affairs',
      shortName: 'BDT',
      provinceName: 'Lào Cai',
    });
    const reporting: Array<{ id: number }> = [];
    for (let i = 0; i < 30; i++)
      reporting.push(
        await buildUnit(db, {
          name: `Đồn Biên phòng ${COMMUNES[i % COMMUNES.length]} ${i + 1}`,
          kind: 'border_post',
          parentId: command.id,
        }),
      );
    for (let i = 0; i < 10; i++)
      reporting.push(
        await buildUnit(db, {
          name: `Phòng Dân tộc huyện số ${i + 1}`,
          kind: 'ethnic_affairs',
          parentId: ethnic.id,
        }),
      );
    await buildUser(db, { username: 'bench.review', grants: [{ unitId: command.id, role: 'officer' }] });
    const program = await buildAgreement(db, {
      kind: 'program',
      status: 'in_effect',
      subject:
        'Chương trình phối hợp vận động đồng bào các dân tộc tham gia bảo vệ chủ quyền lãnh thổ, an ninh biên giới quốc gia giai đoạn 2022–2025',
      validFrom: '2022-01-01',
      validTo: '2025-12-31',
      parties: [command.id, ethnic.id],
    });
    const sectionIds: number[] = [];
    const owners = [program.id];
    for (const year of [2022, 2023, 2024, 2025]) {
      const plan = await buildAgreement(db, {
        kind: 'plan',
        status: 'in_effect',
        year,
        programId: program.id,
        subject: `Kế hoạch phối hợp năm ${year}`,
        parties: [command.id, ethnic.id],
      });
      owners.push(plan.id);
    }
    for (const agreementId of owners) {
      const rows = await db
        .insert(sections)
        .values(
          SECTION_TITLES.map((title, i) => ({ agreementId, position: i + 1, title: `${i + 1}. ${title}` })),
        )
        .returning({ id: sections.id });
      sectionIds.push(...rows.map((r) => r.id));
    }
    // 200 tasks: 50 per yearly plan, across its sections.
    const statuses = ['done', 'done', 'done_late', 'in_progress', 'not_started', 'cancelled'] as const;
    let taskCount = 0;
    for (let p = 1; p <= 4; p++) {
      const year = 2021 + p;
      const rows = await db
        .insert(tasks)
        .values(
          Array.from({ length: 50 }, (_, i) => {
            const month = 1 + (i % 12);
            return {
              agreementId: owners[p]!,
              sectionId: sectionIds[p * 5 + (i % 5)]!,
              position: i + 1,
              title: `Phối hợp tuyên truyền, vận động đồng bào tại xã ${COMMUNES[i % COMMUNES.length]} (đợt ${i + 1}/${year})`,
              timeframeKind: 'range' as const,
              startDate: `${year}-01-01`,
              dueDate: `${year}-${String(month).padStart(2, '0')}-28`,
              status: statuses[Math.floor(rand() * statuses.length)]!,
              searchText: `phoi hop tuyen truyen ${i}`,
            };
          }),
        )
        .returning({ id: tasks.id });
      await db.insert(taskUnits).values(
        rows.map((r, i) => ({
          taskId: r.id,
          unitId: reporting[i % reporting.length]!.id,
          role: 'lead' as const,
        })),
      );
      taskCount += rows.length;
    }
    // 60 indicators, the first 40 linked to the program's sections.
    const indicatorIds: number[] = [];
    for (let i = 0; i < 60; i++) {
      const ind = await buildIndicator(db, {
        code: `BR${String(i + 1).padStart(2, '0')}`,
        name: `Chỉ tiêu phối hợp số ${i + 1}: hộ, người, tổ được giúp đỡ`,
        uom: ['hộ', 'người', 'tổ', 'buổi', 'nguồn tin'][i % 5]!,
      });
      indicatorIds.push(ind.id);
    }
    await db
      .insert(indicatorLinks)
      .values(
        indicatorIds
          .slice(0, 40)
          .map((indicatorId, i) => ({ indicatorId, agreementId: program.id, sectionId: sectionIds[i % 5]! })),
      );
    await db.insert(indicatorTargets).values(
      reporting.flatMap((u) =>
        indicatorIds.map((indicatorId) => ({
          indicatorId,
          agreementId: program.id,
          unitId: u.id,
          year: 2023,
          value: 100 + Math.floor(rand() * 200),
        })),
      ),
    );
    const form = await buildForm(db, {
      agreementId: program.id,
      indicators: indicatorIds,
      unitIds: reporting.map((u) => u.id),
      approvalChain: [command.id],
    });
    let reportCount = 0;
    for (const u of reporting) {
      for (const q of [1, 2, 3, 4]) {
        await buildReport(db, {
          formId: form.id,
          unitId: u.id,
          period: `2023-Q${q}`,
          status: 'approved',
          values: indicatorIds.map((indicatorId) => ({ indicatorId, value: Math.floor(rand() * 60) })),
          narrative: {
            ket_qua: `Trong quý ${q}, đơn vị đã phối hợp tuyên truyền, vận động đồng bào các dân tộc, giúp đỡ các hộ gia đình ổn định cuộc sống.`,
            han_che: q === 4 ? 'Địa bàn rộng, giao thông đi lại khó khăn; kinh phí còn hạn chế.' : '',
            de_xuat: q === 4 ? 'Đề nghị tăng cường kinh phí cho công tác tuyên truyền.' : '',
          },
        });
        reportCount++;
      }
    }
    const [check] = await db
      .select({ id: tasks.id })
      .from(tasks)
      .where(eq(tasks.agreementId, owners[2]!))
      .limit(1);
    if (!check) throw new Error('generation left no tasks in the 2023 plan');
    return {
      counts: {
        reportingUnits: reporting.length,
        tasks: taskCount,
        indicators: indicatorIds.length,
        reports: reportCount,
        values: reportCount * indicatorIds.length,
        programId: program.id,
        issuingUnitId: command.id,
      },
      ms: performance.now() - started,
    };
  } finally {
    await database.close();
  }
}

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

export async function runReviewBench(options: ReviewBenchOptions): Promise<ReviewBenchResult> {
  const n = options.n ?? 30;
  console.log('\n▸ issue 5 — review report (sơ kết năm 2023) of a province-scale program on PostgreSQL');
  const { counts, ms } = await generate(options.databaseUrl);
  console.log(
    `  generated in ${fmt(ms / 1000, 1)} s: ${counts.reportingUnits} reporting units, ${counts.tasks} tasks,` +
      ` ${counts.indicators} indicators, ${counts.reports} approved reports (${fmt(counts.values)} values)`,
  );
  const rows: ReviewRow[] = [];
  let reviewId: number | null = null;
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
    try {
      const cookie = await login(server.url, 'bench.review', TEST_PASSWORD);
      if (reviewId === null) {
        const csrf = await fetch(`${server.url}/api/me`, { headers: { cookie } });
        const token = ((await csrf.json()) as { csrfToken?: string }).csrfToken ?? '';
        const res = await fetch(`${server.url}/api/agreements/${counts.programId}/reviews`, {
          method: 'POST',
          headers: { cookie, 'x-csrf-token': token, 'content-type': 'application/json' },
          body: JSON.stringify({ period: '2023', issuingUnitId: counts.issuingUnitId }),
        });
        const text = await res.text();
        if (res.status !== 201) throw new Error(`POST reviews → ${res.status}: ${text.slice(0, 400)}`);
        reviewId = (JSON.parse(text) as { id: number }).id;
      }
      const url = `${server.url}/api/reviews/${reviewId}/document.docx`;
      const once = async () => {
        const t0 = performance.now();
        const res = await fetch(url, { headers: { cookie } });
        const buf = Buffer.from(await res.arrayBuffer());
        const elapsed = performance.now() - t0;
        if (res.status !== 200 || buf.subarray(0, 2).toString() !== 'PK')
          throw new Error(`GET document.docx → ${res.status}: ${buf.subarray(0, 300).toString()}`);
        return { elapsed, bytes: buf.length };
      };
      const first = await once();
      const times: number[] = [];
      let bytes = first.bytes;
      for (let i = 0; i < n; i++) {
        const r = await once();
        times.push(r.elapsed);
        bytes = r.bytes;
      }
      times.sort((a, b) => a - b);
      const p95 = pct(times, 95);
      rows.push({
        cache,
        firstMs: first.elapsed,
        p50Ms: pct(times, 50),
        p95Ms: p95,
        maxMs: times.at(-1)!,
        bytes,
        target: target(p95, '<=', REVIEW_TARGET.p95Ms, ' ms'),
      });
      console.log(
        `  roll-up cache ${cache ? 'on ' : 'off'}: first ${fmt(first.elapsed)} ms, p50 ${fmt(pct(times, 50))} ms, p95 ${fmt(p95)} ms (${fmt(bytes / 1024)} KiB)`,
      );
    } finally {
      await server.stop();
    }
  }
  return { dataset: counts, generateMs: ms, n, rows };
}

export function printReviewTable(r: ReviewBenchResult): void {
  printTable(
    `Review report 2023 → DOCX (GET /api/reviews/:id/document.docx), PostgreSQL, ${r.n} sequential requests after one first request`,
    ['Roll-up cache', 'first ms', 'p50 ms', 'p95 ms', 'max ms', 'DOCX KiB', 'p95 target', 'result'],
    r.rows.map((x) => [
      x.cache ? 'on (as shipped)' : 'off (PHOIHOP_LIST_CACHE=0)',
      fmt(x.firstMs),
      fmt(x.p50Ms),
      fmt(x.p95Ms),
      fmt(x.maxMs),
      fmt(x.bytes / 1024),
      x.target.label,
      verdict(x.target),
    ]),
  );
}

export function reviewSummary(r: ReviewBenchResult) {
  return r.rows.map((x) => ({
    metric: `Review report assembled + DOCX, p95 (roll-up cache ${x.cache ? 'on' : 'off'})`,
    value: `${fmt(x.p95Ms)} ms`,
    target: x.target.label,
    result: verdict(x.target),
  }));
}
