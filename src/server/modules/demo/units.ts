import type { UnitKind } from '../../../contracts/units.ts';

// The units named in the five seed texts (shared/seeds), with their real names and
// hierarchy, and the post-2025 successors of units the reform dissolved. Province codes
// from Quyết định 19/2025/QĐ-TTg; commune codes are left empty where we do not know them.
export interface DemoUnit {
  key: string;
  name: string;
  shortName?: string;
  kind: UnitKind;
  parent?: string;
  provinceName?: string;
  provinceCode?: string;
  communeName?: string;
  validFrom?: string;
  validTo?: string;
  closedReason?: string;
  successors?: string[];
}

// The district level was abolished on 1 July 2025 (Luật 72/2025/QH15), the provincial
// ethnic committees became Sở Dân tộc và Tôn giáo on 1 March 2025, and Quảng Nam merged into
// Đà Nẵng (Nghị quyết 202/2025/QH15).
const DISTRICTS_END = '2025-06-30';
const DISTRICT_REASON =
  'Kết thúc hoạt động cấp huyện từ ngày 01/7/2025 (Luật Tổ chức chính quyền địa phương 72/2025/QH15)';
const ETHNIC_END = '2025-02-28';
const ETHNIC_REASON = 'Hợp nhất thành Sở Dân tộc và Tôn giáo từ ngày 01/3/2025';
const MERGE_REASON =
  'Tỉnh Quảng Nam hợp nhất vào thành phố Đà Nẵng từ ngày 01/7/2025 (Nghị quyết 202/2025/QH15)';

const LC = { provinceName: 'Lai Châu', provinceCode: '12' };
const LCA = { provinceName: 'Lào Cai', provinceCode: '15' };
const DB = { provinceName: 'Điện Biên', provinceCode: '11' };
const DN = { provinceName: 'Đà Nẵng', provinceCode: '48' };
const QN = { provinceName: 'Quảng Nam' };

export const DEMO_UNITS: DemoUnit[] = [
  // Border Guard: national command → provincial commands → border posts (seeds 000, 001, 002)
  { key: 'btl-bdbp', name: 'Bộ Tư lệnh Bộ đội Biên phòng', shortName: 'BTL BĐBP', kind: 'border_command' },
  {
    key: 'bdbp-lc',
    name: 'Bộ Chỉ huy Bộ đội Biên phòng tỉnh Lai Châu',
    shortName: 'BĐBP',
    kind: 'border_command',
    parent: 'btl-bdbp',
    ...LC,
  },
  {
    key: 'du-bdbp-lc',
    name: 'Đảng ủy Bộ đội Biên phòng tỉnh Lai Châu',
    shortName: 'ĐU',
    kind: 'party_committee',
    parent: 'bdbp-lc',
    ...LC,
  },
  {
    key: 'dbp-malu',
    name: 'Đồn Biên phòng Ma Lù Thàng',
    shortName: 'ĐBP',
    kind: 'border_post',
    parent: 'bdbp-lc',
    ...LC,
  },
  {
    key: 'dbp-pa-tan',
    name: 'Đồn Biên phòng Pa Tần',
    shortName: 'ĐBP',
    kind: 'border_post',
    parent: 'bdbp-lc',
    ...LC,
  },
  {
    key: 'dbp-mu-ca',
    name: 'Đồn Biên phòng Mù Cả',
    shortName: 'ĐBP',
    kind: 'border_post',
    parent: 'bdbp-lc',
    ...LC,
  },
  {
    key: 'bdbp-lca',
    name: 'Bộ Chỉ huy Bộ đội Biên phòng tỉnh Lào Cai',
    shortName: 'BĐBP',
    kind: 'border_command',
    parent: 'btl-bdbp',
    ...LCA,
  },
  {
    key: 'dbp-tgk',
    name: 'Đồn Biên phòng Tả Gia Khâu',
    shortName: 'ĐBP',
    kind: 'border_post',
    parent: 'bdbp-lca',
    ...LCA,
    communeName: 'Tả Gia Khâu',
  },
  {
    key: 'dbp-ckqt-lca',
    name: 'Đồn Biên phòng Cửa khẩu Quốc tế Lào Cai',
    shortName: 'ĐBP',
    kind: 'border_post',
    parent: 'bdbp-lca',
    ...LCA,
  },
  {
    key: 'dbp-yty',
    name: 'Đồn Biên phòng Y Tý',
    shortName: 'ĐBP',
    kind: 'border_post',
    parent: 'bdbp-lca',
    ...LCA,
  },

  // Lai Châu: People's Committee, ethnic affairs (seed 000), Party committees (seed 002)
  {
    key: 'ubnd-lc',
    name: 'Ủy ban nhân dân tỉnh Lai Châu',
    shortName: 'UBND',
    kind: 'peoples_committee',
    ...LC,
  },
  {
    key: 'bdt-lc',
    name: 'Ban Dân tộc tỉnh Lai Châu',
    shortName: 'BDT',
    kind: 'ethnic_affairs',
    parent: 'ubnd-lc',
    ...LC,
    validTo: ETHNIC_END,
    closedReason: ETHNIC_REASON,
    successors: ['sdttg-lc'],
  },
  {
    key: 'sdttg-lc',
    name: 'Sở Dân tộc và Tôn giáo tỉnh Lai Châu',
    shortName: 'SDTTG',
    kind: 'ethnic_affairs',
    parent: 'ubnd-lc',
    ...LC,
    validFrom: '2025-03-01',
  },
  {
    key: 'ubnd-mt',
    name: 'Ủy ban nhân dân huyện Mường Tè',
    shortName: 'UBND',
    kind: 'peoples_committee',
    parent: 'ubnd-lc',
    ...LC,
    validTo: DISTRICTS_END,
    closedReason: DISTRICT_REASON,
    successors: ['ubnd-xa-mt'],
  },
  {
    key: 'ubnd-xa-mt',
    name: 'Ủy ban nhân dân xã Mường Tè',
    shortName: 'UBND',
    kind: 'commune',
    parent: 'ubnd-lc',
    ...LC,
    communeName: 'Mường Tè',
    validFrom: '2025-07-01',
  },
  { key: 'tu-lc', name: 'Tỉnh ủy Lai Châu', shortName: 'TU', kind: 'party_committee', ...LC },
  {
    key: 'btc-tu-lc',
    name: 'Ban Tổ chức Tỉnh ủy Lai Châu',
    shortName: 'BTCTU',
    kind: 'party_board',
    parent: 'tu-lc',
    ...LC,
  },
  {
    key: 'hu-pt',
    name: 'Huyện ủy Phong Thổ',
    shortName: 'HU',
    kind: 'party_committee',
    parent: 'tu-lc',
    ...LC,
    validTo: DISTRICTS_END,
    closedReason: DISTRICT_REASON,
    successors: ['du-xa-pt'],
  },
  {
    key: 'hu-sh',
    name: 'Huyện ủy Sìn Hồ',
    shortName: 'HU',
    kind: 'party_committee',
    parent: 'tu-lc',
    ...LC,
    validTo: DISTRICTS_END,
    closedReason: DISTRICT_REASON,
    successors: ['du-xa-sh'],
  },
  {
    key: 'hu-nn',
    name: 'Huyện ủy Nậm Nhùn',
    shortName: 'HU',
    kind: 'party_committee',
    parent: 'tu-lc',
    ...LC,
    validTo: DISTRICTS_END,
    closedReason: DISTRICT_REASON,
  },
  {
    key: 'hu-mt',
    name: 'Huyện ủy Mường Tè',
    shortName: 'HU',
    kind: 'party_committee',
    parent: 'tu-lc',
    ...LC,
    validTo: DISTRICTS_END,
    closedReason: DISTRICT_REASON,
    successors: ['du-xa-mt'],
  },
  {
    key: 'du-xa-pt',
    name: 'Đảng ủy xã Phong Thổ',
    shortName: 'ĐU',
    kind: 'party_committee',
    parent: 'tu-lc',
    ...LC,
    communeName: 'Phong Thổ',
    validFrom: '2025-07-01',
  },
  {
    key: 'du-xa-sh',
    name: 'Đảng ủy xã Sìn Hồ',
    shortName: 'ĐU',
    kind: 'party_committee',
    parent: 'tu-lc',
    ...LC,
    communeName: 'Sìn Hồ',
    validFrom: '2025-07-01',
  },
  {
    key: 'du-xa-mt',
    name: 'Đảng ủy xã Mường Tè',
    shortName: 'ĐU',
    kind: 'party_committee',
    parent: 'tu-lc',
    ...LC,
    communeName: 'Mường Tè',
    validFrom: '2025-07-01',
  },

  // Lào Cai: ethnic affairs and its border-district offices (seed 001)
  {
    key: 'ubnd-lca',
    name: 'Ủy ban nhân dân tỉnh Lào Cai',
    shortName: 'UBND',
    kind: 'peoples_committee',
    ...LCA,
  },
  {
    key: 'bdt-lca',
    name: 'Ban Dân tộc tỉnh Lào Cai',
    shortName: 'BDT',
    kind: 'ethnic_affairs',
    parent: 'ubnd-lca',
    ...LCA,
    validTo: ETHNIC_END,
    closedReason: ETHNIC_REASON,
    successors: ['sdttg-lca'],
  },
  {
    key: 'pdt-bx',
    name: 'Phòng Dân tộc huyện Bát Xát',
    shortName: 'PDT',
    kind: 'ethnic_affairs',
    parent: 'bdt-lca',
    ...LCA,
    validTo: DISTRICTS_END,
    closedReason: DISTRICT_REASON,
  },
  {
    key: 'pdt-mk',
    name: 'Phòng Dân tộc huyện Mường Khương',
    shortName: 'PDT',
    kind: 'ethnic_affairs',
    parent: 'bdt-lca',
    ...LCA,
    validTo: DISTRICTS_END,
    closedReason: DISTRICT_REASON,
  },
  {
    key: 'sdttg-lca',
    name: 'Sở Dân tộc và Tôn giáo tỉnh Lào Cai',
    shortName: 'SDTTG',
    kind: 'ethnic_affairs',
    parent: 'ubnd-lca',
    ...LCA,
    validFrom: '2025-03-01',
  },

  // Điện Biên and Đoàn KT-QP 379 of Military Region 2 (seed 003)
  { key: 'qk2', name: 'Bộ Tư lệnh Quân khu 2', shortName: 'QK2', kind: 'military_unit' },
  {
    key: 'doan-379',
    name: 'Đoàn Kinh tế - Quốc phòng 379',
    shortName: 'Đoàn KT-QP 379',
    kind: 'military_unit',
    parent: 'qk2',
    ...DB,
  },
  {
    key: 'ubnd-db',
    name: 'Ủy ban nhân dân tỉnh Điện Biên',
    shortName: 'UBND',
    kind: 'peoples_committee',
    ...DB,
  },
  {
    key: 'ubnd-np',
    name: 'Ủy ban nhân dân huyện Nậm Pồ',
    shortName: 'UBND',
    kind: 'peoples_committee',
    parent: 'ubnd-db',
    ...DB,
    validTo: DISTRICTS_END,
    closedReason: DISTRICT_REASON,
    successors: ['ubnd-xa-np'],
  },
  {
    key: 'ubnd-mn',
    name: 'Ủy ban nhân dân huyện Mường Nhé',
    shortName: 'UBND',
    kind: 'peoples_committee',
    parent: 'ubnd-db',
    ...DB,
    validTo: DISTRICTS_END,
    closedReason: DISTRICT_REASON,
    successors: ['ubnd-xa-mn'],
  },
  {
    key: 'ubnd-mc',
    name: 'Ủy ban nhân dân huyện Mường Chà',
    shortName: 'UBND',
    kind: 'peoples_committee',
    parent: 'ubnd-db',
    ...DB,
    validTo: DISTRICTS_END,
    closedReason: DISTRICT_REASON,
    successors: ['ubnd-xa-mc'],
  },
  {
    key: 'ubnd-xa-np',
    name: 'Ủy ban nhân dân xã Nậm Pồ',
    shortName: 'UBND',
    kind: 'commune',
    parent: 'ubnd-db',
    ...DB,
    communeName: 'Nậm Pồ',
    validFrom: '2025-07-01',
  },
  {
    key: 'ubnd-xa-mn',
    name: 'Ủy ban nhân dân xã Mường Nhé',
    shortName: 'UBND',
    kind: 'commune',
    parent: 'ubnd-db',
    ...DB,
    communeName: 'Mường Nhé',
    validFrom: '2025-07-01',
  },
  {
    key: 'ubnd-xa-mc',
    name: 'Ủy ban nhân dân xã Mường Chà',
    shortName: 'UBND',
    kind: 'commune',
    parent: 'ubnd-db',
    ...DB,
    communeName: 'Mường Chà',
    validFrom: '2025-07-01',
  },

  // Quảng Nam (seed 004), merged into Đà Nẵng in 2025
  {
    key: 'tu-qn',
    name: 'Tỉnh ủy Quảng Nam',
    shortName: 'TU',
    kind: 'party_committee',
    ...QN,
    validTo: DISTRICTS_END,
    closedReason: MERGE_REASON,
    successors: ['tu-dn'],
  },
  {
    key: 'bdv-qn',
    name: 'Ban Dân vận Tỉnh ủy Quảng Nam',
    shortName: 'BDVTU',
    kind: 'party_board',
    parent: 'tu-qn',
    ...QN,
    validTo: DISTRICTS_END,
    closedReason: MERGE_REASON,
    successors: ['btgdv-dn'],
  },
  {
    key: 'ubnd-qn',
    name: 'Ủy ban nhân dân tỉnh Quảng Nam',
    shortName: 'UBND',
    kind: 'peoples_committee',
    ...QN,
    validTo: DISTRICTS_END,
    closedReason: MERGE_REASON,
    successors: ['ubnd-dn'],
  },
  {
    key: 'bdt-qn',
    name: 'Ban Dân tộc tỉnh Quảng Nam',
    shortName: 'BDT',
    kind: 'ethnic_affairs',
    parent: 'ubnd-qn',
    ...QN,
    validTo: ETHNIC_END,
    closedReason: ETHNIC_REASON,
    successors: ['sdttg-dn'],
  },
  { key: 'tu-dn', name: 'Thành ủy Đà Nẵng', shortName: 'TU', kind: 'party_committee', ...DN },
  {
    key: 'btgdv-dn',
    name: 'Ban Tuyên giáo và Dân vận Thành ủy Đà Nẵng',
    shortName: 'BTGDVTU',
    kind: 'party_board',
    parent: 'tu-dn',
    ...DN,
  },
  {
    key: 'ubnd-dn',
    name: 'Ủy ban nhân dân thành phố Đà Nẵng',
    shortName: 'UBND',
    kind: 'peoples_committee',
    ...DN,
  },
  {
    key: 'sdttg-dn',
    name: 'Sở Dân tộc và Tôn giáo thành phố Đà Nẵng',
    shortName: 'SDTTG',
    kind: 'ethnic_affairs',
    parent: 'ubnd-dn',
    ...DN,
    validFrom: '2025-07-01',
  },
];

export interface DemoUser {
  username: string;
  fullName: string;
  title: string;
  unit: string | null;
  grants: Array<{ unit: string | null; role: 'admin' | 'leader' | 'officer' | 'viewer' }>;
}

// One account per role, in the agencies of the seeds. Names describe the post, not a
// real person.
export const DEMO_USERS: DemoUser[] = [
  {
    username: 'admin',
    fullName: 'Quản trị hệ thống',
    title: 'Quản trị viên',
    unit: null,
    grants: [{ unit: null, role: 'admin' }],
  },
  {
    username: 'quantri.bdbp.laichau',
    fullName: 'Quản trị BĐBP tỉnh Lai Châu',
    title: 'Trợ lý Tham mưu',
    unit: 'bdbp-lc',
    grants: [{ unit: 'bdbp-lc', role: 'admin' }],
  },
  {
    username: 'lanhdao.bdbp.laichau',
    fullName: 'Lãnh đạo BĐBP tỉnh Lai Châu',
    title: 'Phó Chính ủy',
    unit: 'bdbp-lc',
    grants: [{ unit: 'bdbp-lc', role: 'leader' }],
  },
  {
    username: 'lanhdao.bdt.laichau',
    fullName: 'Lãnh đạo Ban Dân tộc tỉnh Lai Châu',
    title: 'Trưởng Ban',
    unit: 'bdt-lc',
    grants: [
      { unit: 'bdt-lc', role: 'leader' },
      { unit: 'sdttg-lc', role: 'leader' },
    ],
  },
  {
    username: 'chuyenvien.bdt.laichau',
    fullName: 'Chuyên viên Ban Dân tộc tỉnh Lai Châu',
    title: 'Chuyên viên',
    unit: 'bdt-lc',
    grants: [{ unit: 'bdt-lc', role: 'officer' }],
  },
  {
    username: 'lanhdao.bdbp.laocai',
    fullName: 'Lãnh đạo BĐBP tỉnh Lào Cai',
    title: 'Chính ủy',
    unit: 'bdbp-lca',
    grants: [{ unit: 'bdbp-lca', role: 'leader' }],
  },
  {
    username: 'chuyenvien.bdt.laocai',
    fullName: 'Chuyên viên Ban Dân tộc tỉnh Lào Cai',
    title: 'Chuyên viên',
    unit: 'bdt-lca',
    grants: [{ unit: 'bdt-lca', role: 'officer' }],
  },
  {
    username: 'canbo.dbp.malu',
    fullName: 'Cán bộ Đồn Biên phòng Ma Lù Thàng',
    title: 'Đội trưởng Đội vận động quần chúng',
    unit: 'dbp-malu',
    grants: [{ unit: 'dbp-malu', role: 'officer' }],
  },
  {
    username: 'canbo.dbp.tagiakhau',
    fullName: 'Cán bộ Đồn Biên phòng Tả Gia Khâu',
    title: 'Đội trưởng Đội vận động quần chúng',
    unit: 'dbp-tgk',
    grants: [{ unit: 'dbp-tgk', role: 'officer' }],
  },
  {
    username: 'chuyenvien.doan379',
    fullName: 'Chuyên viên Đoàn KT-QP 379',
    title: 'Trợ lý Dân vận',
    unit: 'doan-379',
    grants: [{ unit: 'doan-379', role: 'officer' }],
  },
  {
    username: 'xem.danang',
    fullName: 'Cán bộ theo dõi Sở Dân tộc và Tôn giáo TP Đà Nẵng',
    title: 'Chuyên viên',
    unit: 'sdttg-dn',
    grants: [
      { unit: 'sdttg-dn', role: 'viewer' },
      { unit: 'bdt-qn', role: 'viewer' },
    ],
  },
];
