// The generated dataset of the issue-4 benchmark: a national reporting tree, the 60 indicators
// of indicatorCatalogue.ts, one program agreement per province (Bộ Chỉ huy BĐBP tỉnh with Sở
// Dân tộc và Tôn giáo tỉnh) with a monthly report form, years of monthly APPROVED reports with
// their values, the yearly roll-up rows the app keeps (report_value_years), targets, a bench
// account with a system-wide grant, and a separate plan whose form has one period of DRAFT
// reports for the Excel import.
//
//   province (34)
//   ├─ Bộ Chỉ huy Bộ đội Biên phòng tỉnh           (under Bộ Tư lệnh BĐBP)
//   │   └─ Đồn Biên phòng <xã> (12)                 border side
//   │       └─ Tổ công tác biên phòng xã <C> (11–12)   ← reports
//   └─ Sở Dân tộc và Tôn giáo tỉnh                  (under Bộ Dân tộc và Tôn giáo)
//       └─ Phòng Dân tộc huyện <H> (12)              ethnic-affairs side
//           └─ Ủy ban nhân dân xã <C> (11–12)          ← reports (the same communes)
//
// Provinces without a land or sea border have a Bộ Chỉ huy Quân sự tỉnh → Ban Chỉ huy Quân
// sự khu vực → Ban Chỉ huy Quân sự xã on the first side. The two sides cover the same
// communes, and both report the four "PH" indicators for them with the commune as location:
// the agreement total must count each commune once (dedupByLocation).
//
// Small tables (units, agreements, forms…) are built here and written with one
// `insert … select from unnest(…)` each; reports, values, roll-up rows and targets are made
// by set-based SQL (generate_series, joins, hashint8 for deterministic "random" figures), so
// ten million values take a few minutes, not hours. The same code fills PostgreSQL and a
// PGlite data dir (a province-sized dataset); on PostgreSQL the secondary indexes and
// foreign keys of the big tables are dropped around the big inserts and re-created exactly
// as the migrations made them (definitions read from the catalogue), then ANALYZE.
import { deadlineOf, parsePeriod } from '../../src/contracts/periods.ts';
import { DEFAULT_NARRATIVE_SECTIONS } from '../../src/contracts/reports.ts';
import { locationKey, searchIndexText } from '../../src/contracts/text.ts';
import type { UnitKind } from '../../src/contracts/units.ts';
import { agreementSearchText } from '../../src/server/modules/agreements/list.ts';
import { hashPassword } from '../../src/server/modules/auth/password.ts';
import { CATALOGUE } from './indicatorCatalogue.ts';
import { COMMUNE_SYLLABLES, PROVINCES, type Province } from './vocabulary.ts';

/** What the generator needs of a connection: pg.Client and PGlite both fit. */
export interface SqlClient {
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<{ rows: T[] }>;
}

export interface IndicatorDatasetOptions {
  /** The first n provinces of vocabulary.ts (34: all; 1: Lai Châu only). */
  provinces: number;
  /** Border posts per province, and as many district ethnic-affairs offices. */
  mids: number;
  /** Communes under each post/office; every `extraEvery`-th post/office has one more. */
  communes: number;
  extraEvery?: number;
  /** Years of monthly approved reports, inclusive. */
  years: [number, number];
  /** Share of its side's indicators a commune reports in a month (percent); PH* always. */
  density?: number;
  /** Values in the import form's draft period (0: no import form). */
  importValues?: number;
  /** Password of the bench account (must pass the app's strength rule). */
  password: string;
  /** PostgreSQL: drop and re-create secondary indexes and foreign keys around big inserts. */
  suspendIndexes?: boolean;
  /** Progress lines (default: none). */
  log?: (line: string) => void;
}

export interface IndicatorDatasetSummary {
  counts: Record<string, number>;
  /** Milliseconds per step, in order. */
  steps: Array<{ step: string; ms: number }>;
  generateMs: number;
  years: [number, number];
  /** The province agreements, in province order. */
  agreements: Array<{ id: number; province: string; formId: number; units: number }>;
  indicators: Array<{ id: number; code: string; aggUnits: string; aggTime: string; dedup: boolean }>;
  user: { username: string; unitId: null; role: 'admin' };
  /** The plan and form whose period `period` holds draft reports for the Excel import. */
  importForm: {
    agreementId: number;
    formId: number;
    period: string;
    units: number;
    indicators: number;
  } | null;
}

export const BENCH_USERNAME = 'bench.quantri';

// ─── Deterministic names ───────────────────────────────────────────────────────────────────

/** mulberry32: the same seed always gives the same names. */
function rng(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** `count` distinct two-syllable place names of the province's region, real ones first. */
function placeNames(next: () => number, p: Province, count: number, taken: Set<string>): string[] {
  const out: string[] = [];
  for (const name of p.communes ?? []) {
    if (out.length >= count) break;
    if (!taken.has(name)) {
      taken.add(name);
      out.push(name);
    }
  }
  const syllables = COMMUNE_SYLLABLES[p.region];
  const pick = () => syllables[Math.floor(next() * syllables.length)]!;
  while (out.length < count) {
    const [a, b] = [pick(), pick()];
    if (a === b) continue;
    let name = `${a} ${b}`;
    if (taken.has(name)) name = `${name} ${next() < 0.5 ? 'Thượng' : 'Hạ'}`;
    if (taken.has(name)) continue;
    taken.add(name);
    out.push(name);
  }
  return out;
}

interface UnitRow {
  id: number;
  kind: UnitKind;
  name: string;
  shortName: string | null;
  parentId: number | null;
  path: string;
  depth: number;
  provinceName: string | null;
  provinceCode: string | null;
  communeName: string | null;
}

/** A reporting commune-level unit: which side, and the commune it reports for. */
interface Leaf {
  unitId: number;
  branch: 'border' | 'ethnic';
  /** "xã Ma Lù Thàng": the location its PH* values carry. */
  commune: string;
  /** The same number for both sides' units of one commune. */
  communeKey: number;
}

interface ProvinceTree {
  province: Province;
  sides: [UnitRow, UnitRow];
  leaves: Leaf[];
}

function buildTree(options: IndicatorDatasetOptions) {
  const units: UnitRow[] = [];
  const add = (
    parent: UnitRow | null,
    kind: UnitKind,
    name: string,
    shortName: string | null,
    province?: Province,
    commune?: string,
  ): UnitRow => {
    const id = units.length + 1;
    const u: UnitRow = {
      id,
      kind,
      name,
      shortName,
      parentId: parent?.id ?? null,
      path: `${parent?.path ?? '/'}${id}/`,
      depth: parent ? parent.depth + 1 : 0,
      provinceName: province?.name ?? null,
      provinceCode: province?.code ?? null,
      communeName: commune ?? null,
    };
    units.push(u);
    return u;
  };
  const btl = add(null, 'border_command', 'Bộ Tư lệnh Bộ đội Biên phòng', 'BTL BĐBP');
  const ministry = add(null, 'ethnic_affairs', 'Bộ Dân tộc và Tôn giáo', 'BDTTG');
  const extraEvery = options.extraEvery ?? 0;
  const provinces: ProvinceTree[] = [];
  let communeKey = 0;
  for (const [pi, p] of PROVINCES.slice(0, options.provinces).entries()) {
    const next = rng(20_250_701 + pi);
    const label = `${p.city ? 'thành phố' : 'tỉnh'} ${p.name}`;
    const perMid = Array.from(
      { length: options.mids },
      (_, m) => options.communes + (extraEvery > 0 && (pi * options.mids + m) % extraEvery === 0 ? 1 : 0),
    );
    const taken = new Set<string>();
    const communes = placeNames(
      next,
      p,
      perMid.reduce((a, b) => a + b, 0),
      taken,
    );
    const districts = placeNames(next, p, options.mids, taken);

    const first = p.border
      ? add(btl, 'border_command', `Bộ Chỉ huy Bộ đội Biên phòng ${label}`, 'BĐBP', p)
      : add(null, 'military_unit', `Bộ Chỉ huy Quân sự ${label}`, 'Bộ CHQS', p);
    const second = add(ministry, 'ethnic_affairs', `Sở Dân tộc và Tôn giáo ${label}`, 'SDTTG', p);
    const leaves: Leaf[] = [];
    let c = 0;
    for (let m = 0; m < options.mids; m++) {
      const own = communes.slice(c, c + perMid[m]!);
      c += perMid[m]!;
      const post = p.border
        ? add(first, 'border_post', `Đồn Biên phòng ${own[0]}`, 'ĐBP', p, own[0])
        : add(first, 'military_unit', `Ban Chỉ huy Quân sự khu vực ${m + 1}`, 'Ban CHQS KV', p);
      const office = add(second, 'ethnic_affairs', `Phòng Dân tộc huyện ${districts[m]}`, 'PDT', p);
      for (const name of own) {
        const key = ++communeKey;
        const xa = `xã ${name}`;
        const a = p.border
          ? add(post, 'other', `Tổ công tác biên phòng ${xa}`, 'TCT BP', p, name)
          : add(post, 'military_unit', `Ban Chỉ huy Quân sự ${xa}`, 'Ban CHQS', p, name);
        const b = add(office, 'commune', `Ủy ban nhân dân ${xa}`, 'UBND', p, name);
        leaves.push({ unitId: a.id, branch: 'border', commune: xa, communeKey: key });
        leaves.push({ unitId: b.id, branch: 'ethnic', commune: xa, communeKey: key });
      }
    }
    provinces.push({ province: p, sides: [first, second], leaves });
  }
  return { units, provinces, national: { btl, ministry } };
}

// ─── Writing ───────────────────────────────────────────────────────────────────────────────

const camel = (column: string) => column.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
const CHUNK = 20_000;

/**
 * `insert into <table> (…) [overriding system value] select * from unnest($1::int[], …)` in
 * chunks. `columns` reads "id int, short_name text, …"; a row's value is its camelCase property.
 */
async function insertRows(
  client: SqlClient,
  table: string,
  rows: readonly object[],
  columns: string,
  overriding = false,
): Promise<void> {
  const spec = columns.split(',').map((c) => c.trim().split(' ') as [string, string]);
  const names = spec.map(([c]) => `"${c}"`).join(', ');
  const unnest = spec.map(([, type], i) => `$${i + 1}::${type}[]`).join(', ');
  const text = `insert into "${table}" (${names})${overriding ? ' overriding system value' : ''} select * from unnest(${unnest})`;
  for (let from = 0; from < rows.length; from += CHUNK) {
    const chunk = rows.slice(from, from + CHUNK) as Record<string, unknown>[];
    await client.query(
      text,
      spec.map(([c]) => chunk.map((r) => r[camel(c)] ?? null)),
    );
  }
}

interface Suspended {
  table: string;
  drop: string[];
  restore: string[];
}

/**
 * Drops a table's secondary indexes and foreign keys (and its primary key unless `keepPk`),
 * remembering their definitions as the catalogue states them, so `restore` re-creates them
 * exactly (same names, same definitions) after a bulk insert.
 */
async function suspend(client: SqlClient, table: string, keepPk: boolean): Promise<Suspended> {
  const { rows: cons } = await client.query<{ name: string; type: string; def: string }>(
    `select conname as name, contype as type, pg_get_constraintdef(oid) as def
       from pg_constraint where conrelid = $1::regclass and contype in ('p', 'u', 'f')`,
    [table],
  );
  const { rows: idx } = await client.query<{ name: string; def: string }>(
    `select i.relname as name, pg_get_indexdef(i.oid) as def
       from pg_index x join pg_class i on i.oid = x.indexrelid
      where x.indrelid = $1::regclass
        and not exists (select 1 from pg_constraint c where c.conindid = i.oid and c.conrelid = x.indrelid)`,
    [table],
  );
  const kept = (c: { type: string }) => keepPk && c.type === 'p';
  const fks = cons.filter((c) => c.type === 'f');
  const keys = cons.filter((c) => c.type !== 'f' && !kept(c));
  const drop = [
    ...fks.map((c) => `alter table "${table}" drop constraint "${c.name}"`),
    ...keys.map((c) => `alter table "${table}" drop constraint "${c.name}"`),
    ...idx.map((i) => `drop index "${i.name}"`),
  ];
  const restore = [
    ...keys.map((c) => `alter table "${table}" add constraint "${c.name}" ${c.def}`),
    ...idx.map((i) => i.def),
    ...fks.map((c) => `alter table "${table}" add constraint "${c.name}" ${c.def}`),
  ];
  for (const s of drop) await client.query(s);
  return { table, drop, restore };
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * report_value_years from the approved reports, in one statement: per agreement, indicator,
 * unit, unit path (the period's place in the tree), year, category and location key, the
 * values folded over the year's periods by the indicator's aggTime (sum, avg, max, min,
 * last = the latest period's value), the number of approved reports behind the value,
 * whether any is sample data and (when the column exists) the end of the latest period.
 * These are the rows modules/rollup/store.ts#refreshValueYears keeps per (agreement, unit,
 * year) on every approval, for the shapes of this dataset: monthly reports of one form per
 * agreement and one tree position per unit (the app also settles nested periods — the
 * longest wins — and places non-sum values at the unit's latest position). Locations are
 * stored as their comparison key (contracts/text.ts#locationKey), mapped through the
 * bench_location working table. Phase reports and empty values are left out, as in the app.
 */
function valueYearsSql(asOf: boolean): string {
  return `
    insert into report_value_years
      (agreement_id, indicator_id, unit_id, unit_path, year, category, location, value, reports, sample${asOf ? ', as_of' : ''})
    select r.agreement_id, v.indicator_id, r.unit_id, r.unit_path, r.year, v.category, coalesce(k.key, v.location),
           case i.agg_time
             when 'sum' then sum(v.value)
             when 'avg' then avg(v.value)
             when 'max' then max(v.value)
             when 'min' then min(v.value)
             when 'last' then (array_agg(v.value order by r.period_end desc) filter (where i.agg_time = 'last'))[1]
           end,
           count(*)::int,
           bool_or(r.sample)${asOf ? ', max(r.period_end)' : ''}
      from reports r
      join report_values v on v.report_id = r.id
      join indicators i on i.id = v.indicator_id
      left join bench_location k on k.location = v.location
     where r.status = 'approved' and r.period_kind <> 'phase' and v.value is not null
     group by r.agreement_id, v.indicator_id, r.unit_id, r.unit_path, r.year, v.category,
              coalesce(k.key, v.location), i.agg_time`;
}

/**
 * Creates the dataset in a freshly migrated, empty database. Returns counts and timings.
 */
export async function generateIndicatorDataset(
  client: SqlClient,
  options: IndicatorDatasetOptions,
): Promise<IndicatorDatasetSummary> {
  const t0 = performance.now();
  const log = options.log ?? (() => {});
  const steps: IndicatorDatasetSummary['steps'] = [];
  let last = t0;
  const step = async <T>(name: string, fn: () => Promise<T>): Promise<T> => {
    const result = await fn();
    const now = performance.now();
    steps.push({ step: name, ms: now - last });
    log(`  ${name.padEnd(44)} ${((now - last) / 1000).toFixed(1).padStart(6)} s`);
    last = now;
    return result;
  };
  const [y1, y2] = options.years;
  const density = options.density ?? 60;
  const importValues = options.importValues ?? 0;

  const { units, provinces, national } = buildTree(options);
  const passwordHash = await hashPassword(options.password);

  await step('units, indicators, agreements, forms', async () => {
    await insertRows(
      client,
      'units',
      units.map((u) => ({ ...u, searchText: searchIndexText(u.name, u.shortName) })),
      'id int, kind text, name text, short_name text, parent_id int, path text, depth int,' +
        ' province_name text, province_code text, commune_name text, search_text text',
      true,
    );
    await insertRows(
      client,
      'unit_parent_history',
      units.map((u) => ({ unitId: u.id, parentId: u.parentId })),
      'unit_id int, parent_id int',
    );
    await insertRows(
      client,
      'indicators',
      CATALOGUE.map((c, i) => ({
        ...c,
        id: i + 1,
        minValue: 0,
        maxValue: c.valueType === 'percentage' ? 100 : null,
        searchText: searchIndexText(c.code, c.name),
      })),
      'id int, code text, name text, uom text, value_type text, agg_units text, agg_time text,' +
        ' dedup_by_location boolean, min_value float8, max_value float8, search_text text',
      true,
    );

    // One program per province, the two sides as parties; then the import plan.
    const agreements = provinces.map((pt, i) => {
      const [a, b] = pt.sides;
      const label = `${pt.province.city ? 'thành phố' : 'tỉnh'} ${pt.province.name}`;
      const subject =
        `Chương trình phối hợp giữa ${a.name.replace(` ${label}`, '')} và ${b.name} về công tác dân tộc,` +
        ` xây dựng nền biên phòng toàn dân giai đoạn ${y1}–${y2}`;
      return {
        id: i + 1,
        kind: 'program',
        subject,
        docNumber: `${i + 1}/CTr-PH`,
        status: 'in_effect',
        signedOn: `${y1 - 1}-12-${pad(10 + (i % 18))}`,
        signedPlace: pt.province.name,
        validFrom: `${y1}-01-01`,
        validTo: `${y2}-12-31`,
        year: null as number | null,
        ownerUnitId: a.id,
        searchText: agreementSearchText(subject, `${i + 1}/CTr-PH`, [a.name, b.name]),
        parties: [a, b],
      };
    });
    const importAgreementId = agreements.length + 1;
    if (importValues > 0) {
      const subject = `Kế hoạch phối hợp năm ${y2 + 1} giữa Bộ Tư lệnh Bộ đội Biên phòng và Bộ Dân tộc và Tôn giáo (biểu nhập số liệu từ Excel)`;
      agreements.push({
        id: importAgreementId,
        kind: 'plan',
        subject,
        docNumber: `1/KH-PH`,
        status: 'in_effect',
        signedOn: `${y2}-12-20`,
        signedPlace: 'Hà Nội',
        validFrom: `${y2 + 1}-01-01`,
        validTo: `${y2 + 1}-12-31`,
        year: y2 + 1,
        ownerUnitId: national.btl.id,
        searchText: agreementSearchText(subject, '1/KH-PH', [national.btl.name, national.ministry.name]),
        parties: [national.btl, national.ministry],
      });
    }
    await insertRows(
      client,
      'agreements',
      agreements,
      'id int, kind text, subject text, doc_number text, status text, signed_on date, signed_place text,' +
        ' valid_from date, valid_to date, year int, owner_unit_id int, search_text text',
      true,
    );
    await insertRows(
      client,
      'agreement_parties',
      agreements.flatMap((a) =>
        a.parties.map((u, position) => ({
          agreementId: a.id,
          unitId: u.id,
          position,
          signatoryTitle: position === 0 ? 'Chỉ huy trưởng' : 'Giám đốc',
        })),
      ),
      'agreement_id int, unit_id int, position int, signatory_title text',
    );
    await insertRows(
      client,
      'agreement_versions',
      agreements.map((a) => ({ agreementId: a.id, number: 1, kind: 'draft', subject: a.subject })),
      'agreement_id int, number int, kind text, subject text',
    );
    await insertRows(
      client,
      'indicator_links',
      agreements.flatMap((a) => CATALOGUE.map((_, i) => ({ indicatorId: i + 1, agreementId: a.id }))),
      'indicator_id int, agreement_id int',
    );

    // Forms: monthly, due on the 5th of the next month, approved by the first party.
    const forms = provinces.map((pt, i) => ({
      id: i + 1,
      agreementId: i + 1,
      name: 'Báo cáo kết quả thực hiện Chương trình phối hợp hằng tháng',
      approvalChain: JSON.stringify([pt.sides[0].id]),
      unitIds: pt.leaves.map((l) => l.unitId),
    }));
    const importLeaves = provinces
      .flatMap((pt) => pt.leaves)
      .slice(0, Math.ceil(importValues / CATALOGUE.length));
    if (importValues > 0)
      forms.push({
        id: forms.length + 1,
        agreementId: importAgreementId,
        name: 'Biểu số liệu hằng tháng của các xã (nhập từ Excel)',
        approvalChain: JSON.stringify([national.btl.id]),
        unitIds: importLeaves.map((l) => l.unitId),
      });
    await insertRows(
      client,
      'report_forms',
      forms.map((f) => ({
        ...f,
        frequency: 'month',
        deadlineDay: 5,
        deadlineMonthOffset: 1,
        narrativeSections: JSON.stringify(DEFAULT_NARRATIVE_SECTIONS),
      })),
      'id int, agreement_id int, name text, frequency text, deadline_day int, deadline_month_offset int,' +
        ' narrative_sections jsonb, approval_chain jsonb',
      true,
    );
    await insertRows(
      client,
      'report_form_indicators',
      forms.flatMap((f) => CATALOGUE.map((_, i) => ({ formId: f.id, indicatorId: i + 1, position: i }))),
      'form_id int, indicator_id int, position int',
    );
    await insertRows(
      client,
      'report_form_units',
      forms.flatMap((f) => f.unitIds.map((unitId) => ({ formId: f.id, unitId }))),
      'form_id int, unit_id int',
    );

    // The bench account: a system-wide administrator.
    const { rows } = await client.query<{ id: number }>(
      `insert into users (username, full_name, title, password_hash, search_text)
       values ($1, $2, $3, $4, $5) returning id`,
      [
        BENCH_USERNAME,
        'Quản trị hệ thống (đo hiệu năng)',
        'Quản trị',
        passwordHash,
        searchIndexText(BENCH_USERNAME, 'Quản trị hệ thống'),
      ],
    );
    await client.query(`insert into grants (user_id, unit_id, role) values ($1, null, 'admin')`, [
      rows[0]!.id,
    ]);
    for (const table of ['units', 'indicators', 'agreements', 'report_forms'])
      await client.query(
        `select setval(pg_get_serial_sequence($1, 'id'), (select max(id) from "${table}"))`,
        [table],
      );

    // Working tables for the set-based inserts below.
    await client.query(
      'create temp table bench_leaf (unit_id int primary key, branch text not null, commune text not null, commune_key int not null)',
    );
    await insertRows(
      client,
      'bench_leaf',
      provinces.flatMap((pt) => pt.leaves),
      'unit_id int, branch text, commune text, commune_key int',
    );
    await client.query(
      'create temp table bench_ind (id int primary key, branch text not null, gen text not null, spread int not null, dedup boolean not null)',
    );
    await insertRows(
      client,
      'bench_ind',
      CATALOGUE.map((c, i) => ({ ...c, id: i + 1, dedup: c.dedupByLocation })),
      'id int, branch text, gen text, spread int, dedup boolean',
    );
    await client.query('create temp table bench_location (location text primary key, key text not null)');
    const communes = [...new Set(provinces.flatMap((pt) => pt.leaves.map((l) => l.commune)))];
    await insertRows(
      client,
      'bench_location',
      communes.map((location) => ({ location, key: locationKey(location) })),
      'location text, key text',
    );
    await client.query('analyze bench_location');
    await client.query('analyze bench_leaf');
    await client.query('analyze bench_ind');
    return { forms, importLeaves };
  });

  const suspended: Suspended[] = [];
  if (options.suspendIndexes)
    await step('drop secondary indexes and foreign keys', async () => {
      suspended.push(await suspend(client, 'reports', true));
      suspended.push(await suspend(client, 'report_values', false));
      suspended.push(await suspend(client, 'report_value_years', false));
    });

  const mainForms = provinces.length;
  await step(`reports (${y1}–${y2}, monthly, approved)`, () =>
    // Reports arrive month by month, every commune of the country in each month.
    client.query(
      `insert into reports (form_id, agreement_id, unit_id, unit_path, period_kind, period_key, period_start,
                            period_end, year, due_date, status, approval_step, narrative, submitted_at,
                            submitted_by_id, approved_at, created_at, updated_at)
       select f.id, f.agreement_id, u.id, u.path, 'month', to_char(m, 'YYYY-MM'), m::date,
              (m + interval '1 month' - interval '1 day')::date, extract(year from m)::int,
              (m + interval '1 month' + interval '4 day')::date, 'approved', 1,
              jsonb_build_object('ket_qua', 'Trong tháng, đơn vị đã phối hợp tuyên truyền, vận động nhân dân tại '
                                 || coalesce(u.commune_name, u.name) || '; kết quả cụ thể theo các chỉ tiêu.'),
              s.at, null, s.at + interval '2 day', s.at, s.at + interval '2 day'
         from generate_series($1::timestamp, $2::timestamp, interval '1 month') m
        cross join report_forms f
         join report_form_units fu on fu.form_id = f.id
         join units u on u.id = fu.unit_id
        cross join lateral (select (m + interval '1 month' + make_interval(
                              days => (hashint4(u.id * 16 + extract(month from m)::int) & 1023) % 5,
                              hours => 8 + (hashint4(u.id) & 1023) % 9)) at time zone 'UTC' as at) s
        where f.id <= $3
        order by m, f.id, u.id`,
      [`${y1}-01-01`, `${y2}-12-01`, mainForms],
    ),
  );

  // h(x): a deterministic, well-mixed non-negative int of x (hashint8 is built in).
  const h = (x: string) => `(hashint8((${x})::bigint)::bigint & 2147483647)`;
  const month = 'extract(month from r.period_start)::int';
  const dedupOr = (shared: string, own: string) => `case when i.dedup then ${shared} else ${own} end`;
  await step('report_values (set-based)', () =>
    client.query(
      `insert into report_values (report_id, indicator_id, category, location, value)
       select r.id, i.id, '', case when i.dedup then l.commune else '' end,
              case i.gen
                when 'flow' then (${h(dedupOr(`l.commune_key::bigint * 1024 + i.id * 16 + ${month}`, 'r.id::bigint * 128 + i.id'))} % i.spread)::float8
                when 'stock' then (1 + ${h(`${dedupOr('l.commune_key', 'r.unit_id')}::bigint * 128 + i.id`)} % i.spread + (r.year - $1))::float8
                when 'pct' then least(100, round(40 + (${h('r.unit_id::bigint * 128 + i.id')} % i.spread) / 10.0 + (r.year - $1), 1))::float8
                when 'money' then round((${h('r.id::bigint * 128 + i.id')} % (i.spread * 10)) / 10.0, 1)::float8
                else round((50 + ${h('r.id::bigint * 128 + i.id')} % 51) / 10.0, 1)::float8
              end
         from reports r
         join bench_leaf l on l.unit_id = r.unit_id
         join bench_ind i on i.branch = 'shared'
                          or (i.branch = l.branch and ${h('r.id::bigint * 128 + i.id + 64')} % 100 < $2)
        where r.form_id <= $3`,
      [y1, density, mainForms],
    ),
  );

  const { rows: asOfColumn } = await client.query(
    `select 1 from information_schema.columns where table_name = 'report_value_years' and column_name = 'as_of'`,
  );
  await step('report_value_years (set-based)', () => client.query(valueYearsSql(asOfColumn.length > 0)));

  await step('targets (the parties, 105 % of the actual)', () =>
    client.query(
      `insert into indicator_targets (indicator_id, agreement_id, unit_id, year, value)
       select y.indicator_id, y.agreement_id, p.unit_id, y.year, ceil(sum(y.value) * 1.05)
         from report_value_years y
         join agreement_parties p on p.agreement_id = y.agreement_id
         join units pu on pu.id = p.unit_id
         join indicators i on i.id = y.indicator_id
        where i.agg_units = 'sum' and y.unit_path like pu.path || '%'
        group by y.indicator_id, y.agreement_id, p.unit_id, y.year`,
    ),
  );

  let importForm: IndicatorDatasetSummary['importForm'] = null;
  if (importValues > 0) {
    const formId = provinces.length + 1;
    const period = `${y2 + 1}-01`;
    await step('import form: draft reports of one period', async () => {
      await client.query(
        `insert into reports (form_id, agreement_id, unit_id, unit_path, period_kind, period_key, period_start,
                              period_end, year, due_date, status)
         select f.id, f.agreement_id, u.id, u.path, 'month', $2, $3::date, $4::date, $5, $6::date, 'draft'
           from report_forms f join report_form_units fu on fu.form_id = f.id join units u on u.id = fu.unit_id
          where f.id = $1`,
        [
          formId,
          period,
          parsePeriod(period)!.start,
          parsePeriod(period)!.end,
          y2 + 1,
          deadlineOf(period, { day: 5, monthOffset: 1 }),
        ],
      );
    });
    const { rows } = await client.query<{ n: number }>(
      'select count(*)::int as n from report_form_units where form_id = $1',
      [formId],
    );
    importForm = {
      agreementId: provinces.length + 1,
      formId,
      period,
      units: rows[0]!.n,
      indicators: CATALOGUE.length,
    };
  }

  if (suspended.length)
    await step('re-create indexes and foreign keys', async () => {
      for (const s of suspended) for (const statement of s.restore) await client.query(statement);
    });

  await step('analyze', () => client.query('analyze'));
  await client.query('drop table bench_leaf');
  await client.query('drop table bench_ind');
  await client.query('drop table bench_location');

  const counts: Record<string, number> = {};
  for (const table of [
    'units',
    'indicators',
    'agreements',
    'report_forms',
    'report_form_units',
    'reports',
    'report_values',
    'report_value_years',
    'indicator_targets',
  ]) {
    const { rows } = await client.query<{ n: number }>(`select count(*)::int as n from "${table}"`);
    counts[table] = rows[0]!.n;
  }
  return {
    counts,
    steps,
    generateMs: performance.now() - t0,
    years: [y1, y2],
    agreements: provinces.map((pt, i) => ({
      id: i + 1,
      province: pt.province.name,
      formId: i + 1,
      units: pt.leaves.length + options.mids * 2 + 2,
    })),
    indicators: CATALOGUE.map((c, i) => ({
      id: i + 1,
      code: c.code,
      aggUnits: c.aggUnits,
      aggTime: c.aggTime,
      dedup: c.dedupByLocation,
    })),
    user: { username: BENCH_USERNAME, unitId: null, role: 'admin' },
    importForm,
  };
}
