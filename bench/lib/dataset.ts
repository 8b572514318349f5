// The generated benchmark dataset (issue 3): ~5,000 units in a realistic tree, 2,000
// agreements with 2–4 parties, their sections and 50,000 tasks with lead, cooperating and
// implementing units, plus a few bench accounts. Deterministic (seeded PRNG): the same
// options always give the same rows. Written straight into a freshly migrated PostgreSQL
// database with one `insert … select from unnest(…)` per table and chunk — well under a
// minute — then ANALYZEd, as a long-running database would be.
//
// Search text is computed with the app's own helpers, mirroring what the services store
// (units: name + short name; agreements: subject, number and party names; tasks: title,
// description and expected output), so the generated rows are found exactly like real ones.
import pg from 'pg';
import type { Timeframe } from '../../src/contracts/tasks.ts';
import { searchIndexText } from '../../src/contracts/text.ts';
import type { UnitKind } from '../../src/contracts/units.ts';
import { openDatabase } from '../../src/server/db/client.ts';
import { migrate } from '../../src/server/db/migrate.ts';
import { agreementSearchText } from '../../src/server/modules/agreements/list.ts';
import { hashPassword } from '../../src/server/modules/auth/password.ts';
import { resolveTimeframe, timeframeOccurrences } from '../../src/server/modules/tasks/timeframes.ts';
import {
  CANCEL_REASONS,
  COMMUNE_SYLLABLES,
  EXPECTED_OUTPUTS,
  FAMILY_NAMES,
  GIVEN_NAMES,
  MILITARY_REGION_NAMES,
  PROVINCES,
  type Province,
  SECTION_TITLES,
  SIGNATORY_TITLES,
  TASK_DESCRIPTIONS,
  TASK_PHRASES,
  TOPICS,
} from './vocabulary.ts';

export interface DatasetOptions {
  units?: number;
  agreements?: number;
  tasks?: number;
  seed?: number;
  /** Password of the bench accounts (must pass the app's strength rule). */
  password: string;
}

export interface BenchUser {
  username: string;
  fullName: string;
  unitId: number;
  unitName: string;
  /** What the account stands for in the benchmark. */
  label: string;
}

export interface DatasetSummary {
  seed: number;
  counts: Record<string, number>;
  users: { borderPost: BenchUser; provincialCommand: BenchUser };
  /** Tasks naming a unit inside each bench user's unit subtree ("my unit's tasks"). */
  tasksInScope: { borderPost: number; provincialCommand: number };
  generateMs: number;
}

/** Statuses are spread relative to this fixed date, so the data does not depend on the clock. */
export const REFERENCE_DATE = '2026-07-01';
const FIRST_YEAR = 2022;
const LAST_YEAR = 2027;

// ─── Seeded randomness ─────────────────────────────────────────────────────────────────────

class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  /** mulberry32: uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
  /** Index drawn with the given weights. */
  weighted(weights: readonly number[]): number {
    let r = this.next() * weights.reduce((a, b) => a + b, 0);
    for (let i = 0; i < weights.length; i++) {
      r -= weights[i]!;
      if (r < 0) return i;
    }
    return weights.length - 1;
  }
  /** One of the values, drawn with its weight. */
  choose<T>(entries: ReadonlyArray<readonly [T, number]>): T {
    return entries[this.weighted(entries.map(([, w]) => w))]![0];
  }
  /** Up to n distinct items, in random order. */
  sample<T>(items: readonly T[], n: number): T[] {
    const copy = [...items];
    const out: T[] = [];
    while (out.length < n && copy.length) out.push(copy.splice(Math.floor(this.next() * copy.length), 1)[0]!);
    return out;
  }
}

// ─── Dates ─────────────────────────────────────────────────────────────────────────────────

const pad = (n: number) => String(n).padStart(2, '0');
const isoDay = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;
function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
const minDate = (a: string, b: string) => (a < b ? a : b);

// ─── Units ─────────────────────────────────────────────────────────────────────────────────

interface Unit {
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

interface Commune {
  /** "xã Ma Lù Thàng" / "phường Hòa Khánh" */
  label: string;
  name: string;
  ubnd?: Unit;
  partyCommittee?: Unit;
  military?: Unit;
  front?: Unit;
}

/** The units of one province the agreement templates draw from. */
interface ProvinceUnits {
  p: Province;
  /** "tỉnh Lai Châu" / "thành phố Đà Nẵng" */
  label: string;
  committee: Unit;
  partyCommittee: Unit;
  front: Unit;
  ethnic: Unit;
  education: Unit;
  health: Unit;
  agriculture: Unit;
  culture: Unit;
  police: Unit;
  propaganda: Unit;
  youth: Unit;
  women: Unit;
  military: Unit;
  borderCommand?: Unit;
  posts: Unit[];
  communes: Commune[];
  /** Province-level units for cooperating roles. */
  pool: Unit[];
}

class UnitTree {
  readonly all: Unit[] = [];
  readonly children = new Map<number, Unit[]>();

  add(
    parent: Unit | null,
    kind: UnitKind,
    name: string,
    shortName: string | null,
    where: { province?: Province; commune?: string } = {},
  ): Unit {
    const id = this.all.length + 1;
    const unit: Unit = {
      id,
      kind,
      name,
      shortName,
      parentId: parent?.id ?? null,
      path: `${parent?.path ?? '/'}${id}/`,
      depth: parent ? parent.depth + 1 : 0,
      provinceName: where.province?.name ?? null,
      provinceCode: where.province?.code ?? null,
      communeName: where.commune ?? null,
    };
    this.all.push(unit);
    if (parent) {
      const list = this.children.get(parent.id) ?? [];
      list.push(unit);
      this.children.set(parent.id, list);
    }
    return unit;
  }

  childrenOf(unit: Unit): Unit[] {
    return this.children.get(unit.id) ?? [];
  }
}

function communeNames(rng: Rng, p: Province, count: number): string[] {
  const names = [...(p.communes ?? [])];
  const seen = new Set(names);
  const syllables = COMMUNE_SYLLABLES[p.region];
  while (names.length < count) {
    let name = `${rng.pick(syllables)} ${rng.pick(syllables)}`;
    const [a, b] = name.split(' ');
    if (a === b) continue;
    if (seen.has(name)) name = `${name} ${rng.int(1, 3) === 1 ? 'Thượng' : 'Hạ'}`;
    if (seen.has(name)) continue;
    seen.add(name);
    names.push(name);
  }
  return names.slice(0, count);
}

const UNITS_PER_COMMUNE = 4;

function buildUnits(rng: Rng, target: number) {
  const tree = new UnitTree();
  // National level.
  const btl = tree.add(null, 'border_command', 'Bộ Tư lệnh Bộ đội Biên phòng', 'BTL BĐBP');
  const ministry = tree.add(null, 'ethnic_affairs', 'Bộ Dân tộc và Tôn giáo', 'BDTTG');
  const centralFront = tree.add(null, 'other', 'Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam', 'UBTW MTTQ');
  const regions = new Map<number, Unit>();
  for (const [n, name] of Object.entries(MILITARY_REGION_NAMES))
    regions.set(Number(n), tree.add(null, 'military_unit', name, n === '0' ? 'BTL Thủ đô' : `QK${n}`));

  // Plan the commune count per province first so the total lands on `target`.
  const postCounts = PROVINCES.map((p) => (p.border ? rng.int(8, 14) : 0));
  const stationFlags = postCounts.map((n) => Array.from({ length: n }, () => rng.chance(0.3)));
  const fixedPerProvince = PROVINCES.map(
    (p, i) =>
      // committee + 8 departments, party committee + 2 boards, front + 3 bodies, military
      17 + (p.border ? 2 + postCounts[i]! + stationFlags[i]!.filter(Boolean).length : 0),
  );
  const fixed = tree.all.length + fixedPerProvince.reduce((a, b) => a + b, 0);
  let remaining = Math.max(0, target - fixed);
  const communeUnits = PROVINCES.map(() => 0);
  for (let i = 0; remaining > 0; i = (i + 1) % PROVINCES.length) {
    const add = Math.min(UNITS_PER_COMMUNE, remaining);
    communeUnits[i]! += add;
    remaining -= add;
  }

  const provinces: ProvinceUnits[] = [];
  for (const [i, p] of PROVINCES.entries()) {
    const label = `${p.city ? 'thành phố' : 'tỉnh'} ${p.name}`;
    const where = { province: p };
    const communeCount = Math.max(Math.ceil(communeUnits[i]! / UNITS_PER_COMMUNE), postCounts[i]!);
    const names = communeNames(rng, p, communeCount);

    const committee = tree.add(null, 'peoples_committee', `Ủy ban nhân dân ${label}`, 'UBND', where);
    const dept = (name: string, short: string, kind: UnitKind = 'department') =>
      tree.add(committee, kind, `${name} ${label}`, short, where);
    const ethnic = dept('Sở Dân tộc và Tôn giáo', 'SDTTG', 'ethnic_affairs');
    const education = dept('Sở Giáo dục và Đào tạo', 'SGDĐT');
    const health = dept('Sở Y tế', 'SYT');
    const agriculture = dept('Sở Nông nghiệp và Môi trường', 'SNNMT');
    const culture = dept('Sở Văn hóa, Thể thao và Du lịch', 'SVHTTDL');
    dept('Sở Nội vụ', 'SNV');
    dept('Sở Tư pháp', 'STP');
    const police = dept('Công an', 'CA', 'other');

    const partyCommittee = tree.add(
      null,
      'party_committee',
      `${p.city ? 'Thành ủy' : 'Tỉnh ủy'} ${p.name}`,
      'TU',
      where,
    );
    const pcName = `${p.city ? 'Thành ủy' : 'Tỉnh ủy'} ${p.name}`;
    const propaganda = tree.add(
      partyCommittee,
      'party_board',
      `Ban Tuyên giáo và Dân vận ${pcName}`,
      'BTGDV',
      where,
    );
    tree.add(partyCommittee, 'party_board', `Ban Tổ chức ${pcName}`, 'BTC', where);

    const front = tree.add(centralFront, 'other', `Ủy ban Mặt trận Tổ quốc Việt Nam ${label}`, 'MTTQ', where);
    const youth = tree.add(front, 'other', `Đoàn Thanh niên Cộng sản Hồ Chí Minh ${label}`, 'ĐTN', where);
    const women = tree.add(front, 'other', `Hội Liên hiệp Phụ nữ ${label}`, 'HLHPN', where);
    tree.add(front, 'other', `Hội Nông dân ${label}`, 'HND', where);

    const military =
      p.militaryRegion === 0
        ? regions.get(0)!
        : tree.add(
            regions.get(p.militaryRegion)!,
            'military_unit',
            `Bộ Chỉ huy Quân sự ${label}`,
            'Bộ CHQS',
            where,
          );
    if (p.militaryRegion === 0) tree.add(military, 'military_unit', `Ban Tham mưu ${label}`, 'BTM', where);

    let borderCommand: Unit | undefined;
    const posts: Unit[] = [];
    if (p.border) {
      borderCommand = tree.add(btl, 'border_command', `Bộ Chỉ huy Bộ đội Biên phòng ${label}`, 'BĐBP', where);
      tree.add(borderCommand, 'party_committee', `Đảng ủy Bộ đội Biên phòng ${label}`, 'ĐU', where);
      for (let k = 0; k < postCounts[i]!; k++) {
        const commune = names[k]!;
        const post = tree.add(borderCommand, 'border_post', `Đồn Biên phòng ${commune}`, 'ĐBP', {
          province: p,
          commune,
        });
        posts.push(post);
        if (stationFlags[i]![k])
          tree.add(post, 'other', `Trạm Kiểm soát Biên phòng ${commune}`, 'TKSBP', { province: p, commune });
      }
    }

    provinces.push({
      p,
      label,
      committee,
      partyCommittee,
      front,
      ethnic,
      education,
      health,
      agriculture,
      culture,
      police,
      propaganda,
      youth,
      women,
      military,
      borderCommand,
      posts,
      communes: names.map((name) => ({
        name,
        label: `${p.city && rng.chance(0.6) ? 'phường' : 'xã'} ${name}`,
      })),
      pool: [ethnic, education, health, agriculture, culture, police, propaganda, youth, women, military],
    });
  }

  // Commune level, round-robin over provinces so every province grows alike.
  const budget = [...communeUnits];
  const maxCommunes = Math.max(...provinces.map((pu) => pu.communes.length));
  for (let k = 0; k < maxCommunes && budget.some((b) => b > 0); k++) {
    for (const [i, pu] of provinces.entries()) {
      const c = pu.communes[k];
      if (!c || budget[i]! <= 0) continue;
      const where = { province: pu.p, commune: c.name };
      const makers: Array<() => void> = [
        () => {
          c.ubnd = tree.add(pu.committee, 'commune', `Ủy ban nhân dân ${c.label}`, 'UBND', where);
        },
        () => {
          c.partyCommittee = tree.add(
            pu.partyCommittee,
            'party_committee',
            `Đảng ủy ${c.label}`,
            'ĐU',
            where,
          );
        },
        () => {
          c.military = tree.add(
            pu.military,
            'military_unit',
            `Ban Chỉ huy Quân sự ${c.label}`,
            'Ban CHQS',
            where,
          );
        },
        () => {
          c.front = tree.add(pu.front, 'other', `Ủy ban Mặt trận Tổ quốc Việt Nam ${c.label}`, 'MTTQ', where);
        },
      ];
      for (const make of makers) {
        if (budget[i]! <= 0) break;
        make();
        budget[i]!--;
      }
    }
  }
  for (const pu of provinces) pu.communes = pu.communes.filter((c) => c.ubnd);
  return { tree, provinces, national: { btl, ministry } };
}

// ─── Agreements, sections, tasks ───────────────────────────────────────────────────────────

type Kind = 'program' | 'regulation' | 'plan' | 'other';
type AgreementStatus = 'draft' | 'consultation' | 'signed' | 'in_effect' | 'ended' | 'superseded';
type TaskStatus = 'not_started' | 'in_progress' | 'done' | 'done_late' | 'cancelled';

interface Agreement {
  id: number;
  kind: Kind;
  programId: number | null;
  subject: string;
  docNumber: string | null;
  status: AgreementStatus;
  signedOn: string | null;
  signedPlace: string | null;
  validFrom: string | null;
  validTo: string | null;
  year: number | null;
  purpose: string;
  parties: Unit[];
  province: ProvinceUnits;
  topic: string;
  /** Years its tasks fall in. */
  years: [number, number];
}

interface PartyChoice {
  parties: Unit[];
  /** Commune-level agreement (a border post with its commune). */
  commune?: Commune;
}

/** Who signs together, as seen in the seed texts: weighted templates per province. */
function chooseParties(rng: Rng, pu: ProvinceUnits, national: { btl: Unit; ministry: Unit }): PartyChoice {
  const b = pu.borderCommand;
  const templates: Array<[number, () => PartyChoice | null]> = [
    [4, () => (b ? { parties: [b, pu.ethnic] } : null)],
    [2, () => (b ? { parties: [b, pu.propaganda] } : null)],
    [2, () => (b ? { parties: [b, pu.military, pu.police] } : null)],
    [1, () => (b ? { parties: [b, pu.youth] } : null)],
    [1, () => (b ? { parties: [b, pu.women] } : null)],
    [1, () => (b ? { parties: [b, pu.education, pu.ethnic] } : null)],
    [1, () => (b ? { parties: [b, pu.health] } : null)],
    [1, () => (b ? { parties: [national.btl, pu.committee] } : null)],
    [1, () => (b ? { parties: [pu.committee, b, pu.front] } : null)],
    [
      3,
      () => {
        if (!pu.posts.length) return null;
        const post = rng.pick(pu.posts);
        const c = pu.communes.find((x) => x.name === post.communeName);
        if (!c?.ubnd) return null;
        const parties = [post, c.ubnd];
        if (c.partyCommittee && rng.chance(0.5)) parties.push(c.partyCommittee);
        return { parties, commune: c };
      },
    ],
    [2, () => ({ parties: [pu.ethnic, rng.pick([pu.education, pu.health, pu.agriculture])] })],
    [1, () => ({ parties: [pu.propaganda, pu.ethnic, pu.front] })],
    [1, () => ({ parties: [pu.military, pu.police] })],
    [1, () => ({ parties: [national.ministry, pu.committee] })],
    [
      1,
      () => {
        const c = rng.pick(pu.communes);
        if (!c.ubnd || !c.front) return null;
        return { parties: [c.ubnd, c.front, ...(c.military ? [c.military] : [])], commune: c };
      },
    ],
  ];
  for (;;) {
    const choice = templates[rng.weighted(templates.map(([w]) => w))]![1]();
    if (choice) return choice;
  }
}

/**
 * "A và B" / "A, B và C", naming the province once as the texts do: "Bộ Chỉ huy Bộ đội Biên
 * phòng tỉnh và Sở Dân tộc và Tôn giáo tỉnh Lai Châu".
 */
function partyList(parties: Unit[], province: string): string {
  const names = parties.map((u, i) =>
    i < parties.length - 1 && u.name.endsWith(` ${province}`)
      ? u.name.slice(0, -province.length - 1)
      : u.name,
  );
  return names.length <= 2 ? names.join(' và ') : `${names.slice(0, -1).join(', ')} và ${names.at(-1)}`;
}

function signedDate(rng: Rng, year: number): string {
  return rng.chance(0.5) ? isoDay(year - 1, 12, rng.int(1, 28)) : isoDay(year, rng.int(1, 3), rng.int(1, 28));
}

function buildAgreements(
  rng: Rng,
  total: number,
  provinces: ProvinceUnits[],
  national: { btl: Unit; ministry: Unit },
): Agreement[] {
  const ref = Number(REFERENCE_DATE.slice(0, 4));
  const provinceWeights = provinces.map((pu) => (pu.p.name === 'Lai Châu' ? 4 : pu.p.border ? 2 : 1));
  const nPrograms = Math.round(total * 0.2);
  const nRegulations = Math.round(total * 0.15);
  const nOther = Math.round(total * 0.025);
  const nPlans = total - nPrograms - nRegulations - nOther;
  const out: Agreement[] = [];
  const docSerial = new Map<string, number>();
  const docNumber = (suffix: string, year: number) => {
    const key = `${suffix}/${year}`;
    const n = (docSerial.get(key) ?? 0) + 1;
    docSerial.set(key, n);
    return `${n}/${suffix}`;
  };

  const standalone = (kind: Kind): Agreement => {
    const pu = provinces[rng.weighted(provinceWeights)]!;
    const { parties } = chooseParties(rng, pu, national);
    const topic = rng.pick(TOPICS);
    const names = partyList(parties, pu.p.name);
    let subject: string;
    let status: AgreementStatus;
    let validFrom: string | null;
    let validTo: string | null = null;
    let signedOn: string | null;
    let years: [number, number];
    let suffix: string;
    if (kind === 'program') {
      const y1 = rng.int(2021, 2026);
      const y2 = y1 + rng.int(3, 4);
      subject = `Chương trình phối hợp giữa ${names} về ${topic} giai đoạn ${y1}–${y2}`;
      validFrom = `${y1}-01-01`;
      validTo = `${y2}-12-31`;
      signedOn = signedDate(rng, y1);
      years = [Math.max(y1, FIRST_YEAR), Math.min(y2, LAST_YEAR)];
      suffix = 'CTr-PH';
      if (y2 < ref) status = rng.chance(0.85) ? 'ended' : 'superseded';
      else if (y1 > ref) status = rng.pick(['draft', 'consultation', 'signed'] as const);
      else
        status = rng.choose<AgreementStatus>([
          ['in_effect', 90],
          ['signed', 5],
          ['draft', 5],
        ]);
    } else {
      const y = rng.int(2019, 2026);
      subject =
        kind === 'regulation'
          ? `Quy chế phối hợp giữa ${names} trong ${topic}`
          : `${rng.chance(0.5) ? 'Thỏa thuận hợp tác' : 'Kế hoạch liên tịch'} giữa ${names} về ${topic}`;
      signedOn = signedDate(rng, y);
      validFrom = signedOn;
      years = [FIRST_YEAR, LAST_YEAR];
      suffix = kind === 'regulation' ? 'QC-PH' : 'TTHT';
      status = rng.choose<AgreementStatus>([
        ['in_effect', 80],
        ['superseded', 10],
        ['draft', 5],
        ['consultation', 5],
      ]);
    }
    if (status === 'draft' || status === 'consultation') signedOn = null;
    return {
      id: 0,
      kind,
      programId: null,
      subject,
      docNumber: signedOn ? docNumber(suffix, Number(signedOn.slice(0, 4))) : null,
      status,
      signedOn,
      signedPlace: signedOn ? pu.p.name : null,
      validFrom,
      validTo,
      year: null,
      purpose: `Nâng cao hiệu quả phối hợp giữa các bên trong ${topic}.`,
      parties,
      province: pu,
      topic,
      years,
    };
  };

  for (let i = 0; i < nPrograms; i++) out.push(standalone('program'));
  for (let i = 0; i < nRegulations; i++) out.push(standalone('regulation'));
  for (let i = 0; i < nOther; i++) out.push(standalone('other'));
  for (const [i, a] of out.entries()) a.id = i + 1;
  const programs = out.filter((a) => a.kind === 'program');

  // Yearly plans implementing a program, with its parties.
  for (let i = 0; i < nPlans; i++) {
    const program = programs[rng.int(0, programs.length - 1)]!;
    const year = rng.int(program.years[0], program.years[1]);
    const names = partyList(program.parties, program.province.p.name);
    let status: AgreementStatus =
      year < ref
        ? 'ended'
        : year === ref
          ? 'in_effect'
          : rng.pick(['draft', 'consultation', 'signed'] as const);
    if (program.status === 'draft' || program.status === 'consultation') status = 'draft';
    const signedOn = status === 'draft' || status === 'consultation' ? null : signedDate(rng, year);
    out.push({
      id: out.length + 1,
      kind: 'plan',
      programId: program.id,
      subject: `Kế hoạch phối hợp năm ${year} thực hiện Chương trình phối hợp giữa ${names} về ${program.topic}`,
      docNumber: signedOn ? docNumber('KH-PH', year) : null,
      status,
      signedOn,
      signedPlace: signedOn ? program.province.p.name : null,
      validFrom: `${year}-01-01`,
      validTo: `${year}-12-31`,
      year,
      purpose: `Cụ thể hóa Chương trình phối hợp trong năm ${year}.`,
      parties: program.parties,
      province: program.province,
      topic: program.topic,
      years: [year, year],
    });
  }
  return out;
}

/** Splits `total` over items in proportion to their weights (largest remainders). */
function apportion(total: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const raw = weights.map((w) => (total * w) / sum);
  const counts = raw.map(Math.floor);
  let left = total - counts.reduce((a, b) => a + b, 0);
  const order = raw.map((r, i) => [r - Math.floor(r), i] as const).sort((a, b) => b[0] - a[0]);
  for (let k = 0; left > 0; k = (k + 1) % order.length, left--) counts[order[k]![1]]!++;
  return counts;
}

function timeframeFor(rng: Rng, year: number): Timeframe {
  switch (rng.weighted([30, 15, 20, 15, 5, 15])) {
    case 0:
      return { kind: 'quarter', year, quarter: rng.int(1, 4) };
    case 1:
      return { kind: 'half', year, half: rng.int(1, 2) };
    case 2:
      return { kind: 'year', year };
    case 3:
      return { kind: 'date', due: isoDay(year, rng.int(1, 12), rng.int(1, 28)) };
    case 4: {
      const m1 = rng.int(1, 11);
      const m2 = rng.int(m1, 12);
      return { kind: 'range', start: isoDay(year, m1, 1), due: isoDay(year, m2, 28) };
    }
    default:
      return { kind: 'recurring', year, recurrence: rng.pick(['monthly', 'quarterly', 'ongoing'] as const) };
  }
}

function statusFor(rng: Rng, start: string | null, due: string): TaskStatus {
  if (due < REFERENCE_DATE)
    return rng.choose<TaskStatus>([
      ['done', 70],
      ['done_late', 12],
      ['in_progress', 10],
      ['not_started', 3],
      ['cancelled', 5],
    ]);
  if ((start ?? due) <= REFERENCE_DATE)
    return rng.choose<TaskStatus>([
      ['in_progress', 50],
      ['not_started', 30],
      ['done', 15],
      ['cancelled', 5],
    ]);
  return rng.choose<TaskStatus>([
    ['not_started', 90],
    ['in_progress', 5],
    ['cancelled', 5],
  ]);
}

/** Units below the parties that usually carry tasks out (posts, communes…). */
function implementersFor(tree: UnitTree, a: Agreement): Unit[] {
  const out = new Set<Unit>();
  for (const party of a.parties)
    for (const child of tree.childrenOf(party))
      if (child.kind !== 'party_board' && child.kind !== 'department') out.add(child);
  // Communes carry much of the work whoever signed (and keep a border post's share modest).
  for (const c of a.province.communes) if (c.ubnd) out.add(c.ubnd);
  for (const party of a.parties) out.delete(party);
  return [...out];
}

// ─── Writing ───────────────────────────────────────────────────────────────────────────────

const CHUNK = 10_000;
const camel = (column: string) => column.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

/**
 * `insert into <table> (…) select * from unnest($1::int[], $2::text[], …)` in chunks of rows.
 * `columns` reads "id int, short_name text, …": each value is the row's camelCase property
 * (`shortName`). With `overriding`, explicit ids go into identity columns.
 */
async function insertRows(
  client: pg.ClientBase,
  table: string,
  rows: readonly object[],
  columns: string,
  overriding = false,
) {
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

/**
 * Migrates the (empty) database at `url` with the app's migrations and fills it. Returns the
 * counts, the bench accounts and how many tasks each one's unit subtree is named on.
 */
export async function generateDataset(url: string, options: DatasetOptions): Promise<DatasetSummary> {
  const t0 = performance.now();
  const seed = options.seed ?? 20_250_301;
  const rng = new Rng(seed);
  const nUnits = options.units ?? 5_000;
  const nAgreements = options.agreements ?? 2_000;
  const nTasks = options.tasks ?? 50_000;

  const database = await openDatabase({ url, poolSize: 1 });
  try {
    await migrate(database);
  } finally {
    await database.close();
  }

  const { tree, provinces, national } = buildUnits(rng, nUnits);
  const agreements = buildAgreements(rng, nAgreements, provinces, national);

  // Sections.
  const sections: { id: number; agreementId: number; position: number; title: string }[] = [];
  const sectionsOf = new Map<number, number[]>();
  for (const a of agreements) {
    const [lo, hi] = a.kind === 'other' ? [1, 3] : a.kind === 'regulation' ? [2, 5] : [3, 6];
    const picked = rng
      .sample(
        SECTION_TITLES.map((t, i) => [t, i] as const),
        rng.int(lo, hi),
      )
      .sort((x, y) => x[1] - y[1]);
    const ids: number[] = [];
    for (const [position, [title]] of picked.entries()) {
      const id = sections.length + 1;
      sections.push({ id, agreementId: a.id, position: position + 1, title });
      ids.push(id);
    }
    sectionsOf.set(a.id, ids);
  }

  // Tasks per agreement: plans carry most of them.
  const kindWeight: Record<Kind, number> = { plan: 30, program: 18, regulation: 8, other: 10 };
  const perAgreement = apportion(
    nTasks,
    agreements.map((a) => kindWeight[a.kind] * (0.5 + rng.next())),
  );

  const tasks: object[] = [];
  const taskUnits: { taskId: number; unitId: number; role: string }[] = [];
  const occurrences: { taskId: number; periodLabel: string; dueDate: string; completedOn: string | null }[] =
    [];
  for (const [ai, a] of agreements.entries()) {
    const count = perAgreement[ai]!;
    const implementers = implementersFor(tree, a);
    const secIds = sectionsOf.get(a.id)!;
    for (let k = 0; k < count; k++) {
      const id = tasks.length + 1;
      const used = new Set<number>();
      const named = (unit: Unit, role: string) => {
        used.add(unit.id);
        taskUnits.push({ taskId: id, unitId: unit.id, role });
      };
      // Lead: a party (usually the owner), sometimes a delegated subordinate of one.
      const lead =
        rng.chance(0.85) || implementers.length === 0
          ? rng.chance(0.5)
            ? a.parties[0]!
            : rng.pick(a.parties)
          : rng.pick(implementers);
      named(lead, 'lead');
      const coop = rng.weighted([25, 35, 25, 15]);
      const others = a.parties.filter((u) => !used.has(u.id));
      for (let c = 0; c < coop; c++) {
        const u = others.length && rng.chance(0.6) ? others.shift()! : rng.pick(a.province.pool);
        if (!used.has(u.id)) named(u, 'cooperating');
      }
      const impl = rng.weighted([20, 20, 20, 15, 15, 10]);
      const implUnits = rng.sample(
        implementers.filter((u) => !used.has(u.id)),
        impl,
      );
      for (const u of implUnits) named(u, 'implementing');

      const commune =
        implUnits.find((u) => u.communeName)?.communeName ??
        (lead.communeName || rng.pick(a.province.communes).name);
      const communeLabel = a.province.communes.find((c) => c.name === commune)?.label ?? `xã ${commune}`;
      const year = rng.int(a.years[0], a.years[1]);
      const title = rng
        .pick(TASK_PHRASES)
        .replace('{C}', communeLabel)
        .replace('{Y1}', String(year + 1))
        .replace('{Y}', String(year))
        .replace('{N}', String(rng.int(2, 5)));
      const description = rng.chance(0.5) ? rng.pick(TASK_DESCRIPTIONS) : null;
      const expectedOutput = rng.chance(0.3) ? rng.pick(EXPECTED_OUTPUTS) : null;
      const tf = timeframeFor(rng, year);
      const { startDate, dueDate } = resolveTimeframe(tf);
      const status = statusFor(rng, startDate, dueDate);
      const completedOn =
        status === 'done'
          ? minDate(addDays(dueDate, -rng.int(0, 20)), REFERENCE_DATE)
          : status === 'done_late'
            ? minDate(addDays(dueDate, rng.int(1, 45)), REFERENCE_DATE)
            : null;
      tasks.push({
        id,
        agreementId: a.id,
        sectionId: secIds.length && rng.chance(0.95) ? rng.pick(secIds) : null,
        position: k + 1,
        title,
        description,
        expectedOutput,
        timeframeKind: tf.kind,
        recurrence: tf.kind === 'recurring' ? tf.recurrence : null,
        startDate,
        dueDate,
        status,
        cancelReason: status === 'cancelled' ? rng.pick(CANCEL_REASONS) : null,
        progress:
          status === 'done' || status === 'done_late'
            ? 100
            : status === 'in_progress'
              ? rng.int(1, 9) * 10
              : 0,
        completedOn,
        // As tasks/service.ts createTask stores it.
        searchText: searchIndexText([title, description ?? '', expectedOutput ?? ''].join(' ')),
      });
      for (const o of timeframeOccurrences(tf)) {
        const done =
          status === 'done' ||
          status === 'done_late' ||
          (status === 'in_progress' && o.dueDate < REFERENCE_DATE && rng.chance(0.8));
        occurrences.push({ taskId: id, ...o, completedOn: done ? o.dueDate : null });
      }
    }
  }

  // Bench accounts: an officer of a border post and one of its provincial command.
  const laiChau = provinces.find((pu) => pu.p.name === 'Lai Châu')!;
  const post = laiChau.posts.find((u) => u.communeName === 'Ma Lù Thàng') ?? laiChau.posts[0]!;
  const command = laiChau.borderCommand!;
  const users: DatasetSummary['users'] = {
    borderPost: {
      username: 'bench.dbp.malu',
      fullName: 'Cán bộ Đồn Biên phòng Ma Lù Thàng',
      unitId: post.id,
      unitName: post.name,
      label: 'border-post officer',
    },
    provincialCommand: {
      username: 'bench.bdbp.laichau',
      fullName: 'Trợ lý Bộ Chỉ huy BĐBP tỉnh Lai Châu',
      unitId: command.id,
      unitName: command.name,
      label: 'provincial-command officer',
    },
  };
  const passwordHash = await hashPassword(options.password);

  const client = new pg.Client({ connectionString: url, options: '-c TimeZone=UTC' });
  await client.connect();
  try {
    await client.query('begin');
    await insertRows(
      client,
      'units',
      // search_text as units/service.ts createUnit stores it.
      tree.all.map((u) => ({ ...u, searchText: searchIndexText(u.name, u.shortName) })),
      'id int, kind text, name text, short_name text, parent_id int, path text, depth int,' +
        ' province_name text, province_code text, commune_name text, search_text text',
      true,
    );
    await insertRows(
      client,
      'unit_parent_history',
      tree.all.map((u) => ({ unitId: u.id, parentId: u.parentId })),
      'unit_id int, parent_id int',
    );
    await insertRows(
      client,
      'agreements',
      agreements.map((a) => ({
        ...a,
        ownerUnitId: a.parties[0]!.id,
        searchText: agreementSearchText(
          a.subject,
          a.docNumber,
          a.parties.map((u) => u.name),
        ),
      })),
      'id int, kind text, program_id int, subject text, doc_number text, status text, signed_on date,' +
        ' signed_place text, valid_from date, valid_to date, year int, purpose text, owner_unit_id int,' +
        ' search_text text',
      true,
    );
    const parties = agreements.flatMap((a) =>
      a.parties.map((u, position) => ({
        agreementId: a.id,
        unitId: u.id,
        position,
        signatoryName: a.signedOn ? `${rng.pick(FAMILY_NAMES)} ${rng.pick(GIVEN_NAMES)}` : null,
        signatoryTitle: a.signedOn ? rng.pick(SIGNATORY_TITLES) : null,
      })),
    );
    await insertRows(
      client,
      'agreement_parties',
      parties,
      'agreement_id int, unit_id int, position int, signatory_name text, signatory_title text',
    );
    await insertRows(
      client,
      'agreement_versions',
      agreements.map((a) => ({
        agreementId: a.id,
        number: 1,
        kind: 'draft',
        subject: a.subject,
        purpose: a.purpose,
      })),
      'agreement_id int, number int, kind text, subject text, purpose text',
    );
    await insertRows(
      client,
      'sections',
      sections,
      'id int, agreement_id int, position int, title text',
      true,
    );
    await insertRows(
      client,
      'tasks',
      tasks,
      'id int, agreement_id int, section_id int, position int, title text, description text,' +
        ' expected_output text, timeframe_kind text, recurrence text, start_date date, due_date date,' +
        ' status text, cancel_reason text, progress int, completed_on date, search_text text',
      true,
    );
    await insertRows(client, 'task_units', taskUnits, 'task_id int, unit_id int, role text');
    await insertRows(
      client,
      'task_occurrences',
      occurrences,
      'task_id int, period_label text, due_date date, completed_on date',
    );
    for (const u of Object.values(users)) {
      const title = 'Trợ lý';
      const { rows } = await client.query<{ id: number }>(
        `insert into users (username, full_name, title, unit_id, password_hash, search_text)
         values ($1, $2, $3, $4, $5, $6) returning id`,
        [
          u.username,
          u.fullName,
          title,
          u.unitId,
          passwordHash,
          searchIndexText(u.username, u.fullName, title),
        ],
      );
      await client.query(`insert into grants (user_id, unit_id, role) values ($1, $2, 'officer')`, [
        rows[0]!.id,
        u.unitId,
      ]);
    }
    for (const table of ['units', 'agreements', 'sections', 'tasks'])
      await client.query(
        `select setval(pg_get_serial_sequence($1, 'id'), (select max(id) from "${table}"))`,
        [table],
      );
    await client.query('commit');
    await client.query('analyze');

    const counts: Record<string, number> = {};
    for (const table of [
      'units',
      'agreements',
      'agreement_parties',
      'sections',
      'tasks',
      'task_units',
      'task_occurrences',
      'users',
    ]) {
      const { rows } = await client.query<{ n: number }>(`select count(*)::int as n from "${table}"`);
      counts[table] = rows[0]!.n;
    }
    const inScope = async (unitId: number) => {
      const { rows } = await client.query<{ n: number }>(
        `select count(distinct tu.task_id)::int as n from task_units tu join units u on u.id = tu.unit_id
         where u.path like (select path from units where id = $1) || '%'`,
        [unitId],
      );
      return rows[0]!.n;
    };
    return {
      seed,
      counts,
      users,
      tasksInScope: {
        borderPost: await inScope(post.id),
        provincialCommand: await inScope(command.id),
      },
      generateMs: performance.now() - t0,
    };
  } catch (err) {
    await client.query('rollback').catch(() => {});
    throw err;
  } finally {
    await client.end();
  }
}
