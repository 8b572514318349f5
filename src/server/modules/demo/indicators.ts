import type { Aggregation, ExchangeSource, RuleOp, ValueType } from '../../../contracts/indicators.ts';
import {
  deadlineOf,
  type PeriodKind,
  parsePeriod,
  periodKeyOf,
  periodsBetween,
} from '../../../contracts/periods.ts';
import { DEFAULT_NARRATIVE_SECTIONS, type ReportStatus } from '../../../contracts/reports.ts';
import { addDays } from '../../lib/time.ts';

// Demo indicators and reports (issue 4, item 9). Three kinds of record, kept apart:
//   1. what the seed texts say — the catalogue they imply, the links to their programs, the
//      one target a text states ("3 mô hình điểm") and seed 001's figures as the approved
//      2023 annual report of Bộ Chỉ huy BĐBP tỉnh Lào Cai (province level, as stated);
//   2. choices a reader of the seeds would make where the text is silent (forms, deadlines,
//      who approves, the dates of submission and approval) — each said where it is made;
//   3. a GENERATED example dataset (`sample: true`, from a seeded PRNG) filling 2024 for the
//      dashboards. It is never mixed into a real report.
// Unit keys refer to ./units.ts, agreement keys to ./agreements.ts, usernames to DEMO_USERS.

export interface DemoIndicator {
  code: string;
  name: string;
  uom: string;
  valueType: ValueType;
  aggUnits: Aggregation;
  aggTime: Aggregation;
  /** Two parties may count the same commune: the agreement total takes each location once. */
  dedupByLocation?: boolean;
  minValue?: number;
  description: string;
  /**
   * Counted from the information exchange (bulletins) and added to the typed figures
   * (README "Số liệu tự động từ trao đổi thông tin").
   */
  exchangeSource?: ExchangeSource;
  /** Seed texts that imply it. */
  seeds: string[];
}

// Counts of what exists at the end of a period (teams, officers assigned, households helped)
// add up over units and take the LAST value over time; counts of what happened in a period
// (tip-offs, sessions, conferences) add up over both. Nothing is negative.
const stock = { valueType: 'integer', aggUnits: 'sum', aggTime: 'last', minValue: 0 } as const;
const flow = { valueType: 'integer', aggUnits: 'sum', aggTime: 'sum', minValue: 0 } as const;

export const DEMO_INDICATORS: DemoIndicator[] = [
  // Seed 001: "phân công 357 cán bộ, đảng viên đồn biên phòng phụ trách giúp đỡ 1.734 hộ gia đình"
  {
    code: 'CAN_BO_PHU_TRACH_HO',
    name: 'Cán bộ, đảng viên đồn biên phòng được phân công phụ trách giúp đỡ hộ gia đình',
    uom: 'người',
    ...stock,
    description: 'Số cán bộ, đảng viên đồn biên phòng đang được phân công phụ trách hộ ở các xã biên giới.',
    seeds: ['001'],
  },
  {
    code: 'HO_DUOC_GIUP_DO',
    name: 'Hộ gia đình được cán bộ, đảng viên đồn biên phòng phụ trách giúp đỡ',
    uom: 'hộ',
    ...stock,
    description:
      'Số hộ gia đình ở các xã, phường, thị trấn biên giới có cán bộ, đảng viên phụ trách giúp đỡ.',
    seeds: ['001'],
  },
  // Seed 001: "80 tổ tự quản đường biên, mốc giới/1.117 hộ"
  {
    code: 'TO_TU_QUAN_DUONG_BIEN',
    name: 'Tổ tự quản đường biên, mốc giới',
    uom: 'tổ',
    ...stock,
    description: 'Số tổ tự quản đường biên, mốc giới được củng cố, kiện toàn.',
    seeds: ['001'],
  },
  {
    code: 'HO_TU_QUAN_DUONG_BIEN',
    name: 'Hộ tham gia tổ tự quản đường biên, mốc giới',
    uom: 'hộ',
    ...stock,
    description: 'Số hộ tham gia các tổ tự quản đường biên, mốc giới.',
    seeds: ['001'],
  },
  // Seed 001: "tổ tự quản an ninh trật tự khu vực biên giới 317 tổ/3.276 thành viên"
  {
    code: 'TO_TU_QUAN_ANTT',
    name: 'Tổ tự quản an ninh trật tự khu vực biên giới',
    uom: 'tổ',
    ...stock,
    description: 'Số tổ tự quản an ninh trật tự ở khu vực biên giới được củng cố, kiện toàn.',
    seeds: ['001'],
  },
  {
    code: 'THANH_VIEN_TU_QUAN_ANTT',
    name: 'Thành viên tổ tự quản an ninh trật tự khu vực biên giới',
    uom: 'thành viên',
    ...stock,
    description: 'Số thành viên các tổ tự quản an ninh trật tự ở khu vực biên giới.',
    seeds: ['001'],
  },
  // Seed 001: "Nhân dân khu vực biên giới đã cung cấp cho BĐBP 150 nguồn tin"
  {
    code: 'NGUON_TIN',
    name: 'Nguồn tin Nhân dân khu vực biên giới cung cấp cho Bộ đội Biên phòng',
    uom: 'nguồn tin',
    ...flow,
    description:
      'Số nguồn tin Nhân dân cung cấp trong kỳ, phục vụ quản lý, bảo vệ biên giới và phòng, chống tội phạm. Tin báo (nguồn tin) đơn vị gửi qua trao đổi thông tin được cộng tự động vào số liệu nhập trong báo cáo.',
    // The tip-offs a unit passes on through the exchange are counted with the typed figure
    // (the 150 of 2023 stays: received before the system).
    exchangeSource: 'tip_offs_sent',
    seeds: ['001'],
  },
  // Seed 001: "thường xuyên trao đổi và cung cấp thông tin" — counted from the exchange.
  {
    code: 'THONG_TIN_TRAO_DOI',
    name: 'Thông tin trao đổi giữa các bên',
    uom: 'tin',
    ...flow,
    description:
      'Số thông tin (tình hình an ninh, dân tộc, thiên tai, tin báo, đề nghị phối hợp) đơn vị đã gửi các bên phối hợp trong kỳ; đếm tự động từ trao đổi thông tin, không tính thư trả lời.',
    exchangeSource: 'bulletins_sent',
    seeds: ['001'],
  },
  {
    code: 'YEU_CAU_PHOI_HOP_DA_TRA_LOI',
    name: 'Yêu cầu phối hợp đã trả lời',
    uom: 'yêu cầu',
    ...flow,
    description:
      'Số đề nghị phối hợp của các bên mà đơn vị đã trả lời trong kỳ; đếm tự động từ trao đổi thông tin, theo ngày trả lời.',
    exchangeSource: 'requests_answered',
    seeds: ['001'],
  },
  // Seed 001: "Đã tổ chức 1 hội nghị tìm hiểu pháp luật dành cho đồng bào vùng dân tộc thiểu số
  // tại huyện Bát Xát". Organised jointly (the 2023 plan: Ban Dân tộc leads, BĐBP cooperates),
  // so both parties may report the same conference for the same place.
  {
    code: 'HOI_NGHI_TIM_HIEU_PHAP_LUAT',
    name: 'Hội nghị tìm hiểu pháp luật dành cho đồng bào vùng dân tộc thiểu số',
    uom: 'hội nghị',
    ...flow,
    dedupByLocation: true,
    description:
      'Số hội nghị tìm hiểu pháp luật tổ chức trong kỳ; ghi địa bàn (huyện, xã) để không tính trùng.',
    seeds: ['001'],
  },
  // Seeds 000, 001, 002, 004: "tuyên truyền, vận động đồng bào các dân tộc khu vực biên giới…"
  // A post and the commune or the ethnic-affairs office often hold a session together.
  {
    code: 'BUOI_TUYEN_TRUYEN',
    name: 'Buổi tuyên truyền, vận động đồng bào',
    uom: 'buổi',
    ...flow,
    dedupByLocation: true,
    description: 'Số buổi tuyên truyền, vận động đồng bào về chủ trương, chính sách, pháp luật, biên giới.',
    seeds: ['000', '001', '002', '004'],
  },
  {
    code: 'LUOT_NGUOI_TUYEN_TRUYEN',
    name: 'Lượt người được tuyên truyền, vận động',
    uom: 'lượt người',
    ...flow,
    dedupByLocation: true,
    description: 'Số lượt người dự các buổi tuyên truyền, vận động.',
    seeds: ['000', '001', '002', '004'],
  },
  // Seed 001: "tuyên truyền thực hiện can thiệp làm giảm tình trạng tảo hôn và hôn nhân cận
  // huyết thống … tại các xã Tả Gia Khâu, Dìn Chin"; seed 004: "giảm thiểu tình trạng tảo hôn…"
  {
    code: 'BUOI_TUYEN_TRUYEN_TAO_HON',
    name: 'Buổi tuyên truyền can thiệp giảm tình trạng tảo hôn và hôn nhân cận huyết thống',
    uom: 'buổi',
    ...flow,
    dedupByLocation: true,
    description:
      'Số buổi tuyên truyền về tảo hôn và hôn nhân cận huyết thống (một phần của các buổi tuyên truyền).',
    seeds: ['001', '004'],
  },
  // Seeds 000, 001, 004: "phát huy vai trò của các già làng, trưởng bản, người có uy tín"
  {
    code: 'NGUOI_CO_UY_TIN',
    name: 'Già làng, trưởng bản, người có uy tín được phát huy vai trò',
    uom: 'người',
    ...stock,
    dedupByLocation: true,
    description:
      'Số già làng, trưởng bản, người có uy tín tham gia bảo vệ chủ quyền, an ninh biên giới, vận động đồng bào.',
    seeds: ['000', '001', '004'],
  },
  // Seeds 000, 004: "xây dựng 3 mô hình điểm 'Dân vận khéo'"; built by both parties together.
  {
    code: 'MO_HINH_DAN_VAN_KHEO',
    name: 'Mô hình điểm "Dân vận khéo"',
    uom: 'mô hình',
    ...stock,
    dedupByLocation: true,
    description: 'Số mô hình điểm "Dân vận khéo" được xây dựng và duy trì.',
    seeds: ['000', '004'],
  },
  // Seeds 000, 003, 004: "tập huấn, bồi dưỡng kiến thức công tác dân tộc…", "tập huấn cán bộ".
  {
    code: 'LOP_TAP_HUAN',
    name: 'Lớp tập huấn, bồi dưỡng kiến thức, nghiệp vụ công tác dân tộc, dân vận',
    uom: 'lớp',
    ...flow,
    description: 'Số lớp tập huấn, bồi dưỡng tổ chức trong kỳ.',
    seeds: ['000', '003', '004'],
  },
  // Seeds 000, 002, 003: "giúp dân xóa đói, giảm nghèo"
  {
    code: 'HO_NGHEO_DUOC_HO_TRO',
    name: 'Hộ nghèo được giúp đỡ xóa đói, giảm nghèo',
    uom: 'hộ',
    ...flow,
    dedupByLocation: true,
    description: 'Số hộ nghèo được giúp đỡ (giống, vốn, ngày công, hướng dẫn sản xuất) trong kỳ.',
    seeds: ['000', '002', '003'],
  },
  // Seeds 000, 002: Chương trình "Nâng bước em tới trường - Con nuôi đồn Biên phòng"
  {
    code: 'CON_NUOI_DON_BIEN_PHONG',
    name: 'Học sinh được nhận đỡ đầu theo Chương trình "Nâng bước em tới trường - Con nuôi đồn Biên phòng"',
    uom: 'em',
    ...stock,
    description: 'Số học sinh đang được các đồn Biên phòng nhận đỡ đầu.',
    seeds: ['000', '002'],
  },
  // Seed 002: "triển khai các đợt cao điểm tấn công tội phạm". Posts take part in the same
  // province-wide campaigns: over units the number of campaigns is the largest, not the sum.
  {
    code: 'DOT_CAO_DIEM_TAN_CONG_TOI_PHAM',
    name: 'Đợt cao điểm tấn công, trấn áp tội phạm',
    uom: 'đợt',
    valueType: 'integer',
    aggUnits: 'max',
    aggTime: 'sum',
    minValue: 0,
    description:
      'Số đợt cao điểm tấn công tội phạm (ma túy, buôn lậu, xuất nhập cảnh trái phép) đã triển khai.',
    seeds: ['002'],
  },
  // Seed 002: "cán bộ tham gia cấp uỷ cấp xã biên giới", "cán bộ biên phòng tăng cường cho các xã"
  {
    code: 'CAN_BO_BP_THAM_GIA_CAP_UY_XA',
    name: 'Cán bộ biên phòng tham gia cấp ủy cấp xã biên giới',
    uom: 'người',
    ...stock,
    description: 'Số cán bộ biên phòng được giới thiệu tham gia cấp ủy xã biên giới.',
    seeds: ['002'],
  },
  // Seed 002: "duy trì hiệu quả hoạt động kết nghĩa Đồn - Trạm Biên phòng; cụm dân cư hai Bên"
  {
    code: 'CUM_DAN_CU_KET_NGHIA',
    name: 'Cặp cụm dân cư hai bên biên giới kết nghĩa',
    uom: 'cặp',
    ...stock,
    description: 'Số cặp cụm dân cư hai bên biên giới duy trì kết nghĩa.',
    seeds: ['002'],
  },
  // Seed 003: "huấn luyện dân quân tự vệ, dự bị động viên"
  {
    code: 'LUOT_HUAN_LUYEN_DQTV',
    name: 'Lượt dân quân tự vệ, quân nhân dự bị động viên được huấn luyện',
    uom: 'lượt người',
    ...flow,
    description: 'Số lượt dân quân tự vệ, dự bị động viên được huấn luyện trong kỳ.',
    seeds: ['003'],
  },
  // Seed 003: "khám chữa bệnh … cho nhân dân"
  {
    code: 'LUOT_KHAM_CHUA_BENH',
    name: 'Lượt người dân được khám, chữa bệnh',
    uom: 'lượt người',
    ...flow,
    dedupByLocation: true,
    description: 'Số lượt người dân được khám, chữa bệnh, cấp thuốc trong kỳ.',
    seeds: ['003'],
  },
  // Seed 003: "phổ cập giáo dục, xóa mù chữ cho nhân dân"
  {
    code: 'NGUOI_XOA_MU_CHU',
    name: 'Người được xóa mù chữ',
    uom: 'người',
    ...flow,
    description: 'Số người dân hoàn thành lớp xóa mù chữ trong kỳ.',
    seeds: ['003'],
  },
  // Seed 004: "bồi dưỡng kiến thức pháp luật cho người có uy tín, già làng, trưởng thôn"
  {
    code: 'NGUOI_CO_UY_TIN_BOI_DUONG',
    name: 'Người có uy tín, già làng, trưởng thôn được bồi dưỡng kiến thức pháp luật',
    uom: 'người',
    ...flow,
    dedupByLocation: true,
    description: 'Số người có uy tín, già làng, trưởng thôn được bồi dưỡng kiến thức pháp luật trong kỳ.',
    seeds: ['004'],
  },
  // Seed 004: "thăm hỏi, động viên già làng, người có uy tín … tặng quà"
  {
    code: 'LUOT_THAM_HOI_NGUOI_CO_UY_TIN',
    name: 'Lượt thăm hỏi, động viên, tặng quà già làng, người có uy tín',
    uom: 'lượt',
    ...flow,
    description: 'Số lượt thăm hỏi, động viên, tặng quà nhân lễ hội, Ngày hội văn hóa các dân tộc.',
    seeds: ['004'],
  },
  // Seed 004: "hỗ trợ hộ đồng bào dân tộc thiểu số gặp hoạn nạn (thiên tai, dịch bệnh, hỏa hoạn…)"
  {
    code: 'HO_HOAN_NAN_DUOC_HO_TRO',
    name: 'Hộ đồng bào dân tộc thiểu số gặp hoạn nạn được thăm hỏi, hỗ trợ',
    uom: 'hộ',
    ...flow,
    dedupByLocation: true,
    description: 'Số hộ gặp thiên tai, dịch bệnh, hỏa hoạn được thăm hỏi, hỗ trợ trong kỳ.',
    seeds: ['004'],
  },
  // Seeds 000, 001, 004: "kiểm tra, giám sát việc tổ chức thực hiện chính sách dân tộc",
  // "tổ chức các đợt khảo sát thực tế"
  {
    code: 'CUOC_KIEM_TRA_GIAM_SAT',
    name: 'Cuộc khảo sát thực tế, kiểm tra, giám sát thực hiện chính sách dân tộc',
    uom: 'cuộc',
    ...flow,
    description: 'Số cuộc khảo sát, kiểm tra, giám sát thực hiện trong kỳ.',
    seeds: ['000', '001', '004'],
  },
  // Seeds 001, 002, 004: the yearly review conference (sơ kết, tổng kết) — held or not.
  {
    code: 'HOI_NGHI_SO_KET',
    name: 'Tổ chức hội nghị sơ kết, tổng kết thực hiện chương trình, quy chế phối hợp',
    uom: 'có/không',
    valueType: 'boolean',
    aggUnits: 'max',
    aggTime: 'max',
    description: 'Đã tổ chức hội nghị sơ kết hoặc tổng kết trong kỳ (có/không).',
    seeds: ['001', '002', '004'],
  },
];

/** Cross-field rules: `code` `op` `other` within one report. */
export const DEMO_INDICATOR_RULES: Array<{ code: string; op: RuleOp; other: string; message: string }> = [
  {
    code: 'HO_DUOC_GIUP_DO',
    op: '>=',
    other: 'CAN_BO_PHU_TRACH_HO',
    message:
      'Mỗi cán bộ, đảng viên được phân công phụ trách ít nhất một hộ: số hộ không thể ít hơn số cán bộ',
  },
  {
    code: 'HO_TU_QUAN_DUONG_BIEN',
    op: '>=',
    other: 'TO_TU_QUAN_DUONG_BIEN',
    message: 'Số hộ tham gia không thể ít hơn số tổ tự quản đường biên, mốc giới',
  },
  {
    code: 'THANH_VIEN_TU_QUAN_ANTT',
    op: '>=',
    other: 'TO_TU_QUAN_ANTT',
    message: 'Số thành viên không thể ít hơn số tổ tự quản an ninh trật tự',
  },
  {
    code: 'LUOT_NGUOI_TUYEN_TRUYEN',
    op: '>=',
    other: 'BUOI_TUYEN_TRUYEN',
    message: 'Số lượt người được tuyên truyền không thể ít hơn số buổi tuyên truyền',
  },
  {
    code: 'BUOI_TUYEN_TRUYEN',
    op: '>=',
    other: 'BUOI_TUYEN_TRUYEN_TAO_HON',
    message: 'Các buổi tuyên truyền về tảo hôn nằm trong tổng số buổi tuyên truyền',
  },
];

/** The indicators whose figures seed 001 states, in the order of the text. */
export const SEED_001_CODES = [
  'CAN_BO_PHU_TRACH_HO',
  'HO_DUOC_GIUP_DO',
  'TO_TU_QUAN_DUONG_BIEN',
  'HO_TU_QUAN_DUONG_BIEN',
  'TO_TU_QUAN_ANTT',
  'THANH_VIEN_TU_QUAN_ANTT',
  'NGUON_TIN',
  'HOI_NGHI_TIM_HIEU_PHAP_LUAT',
] as const;

/**
 * Which agreements each indicator measures. `task` / `section` are the start of a task or
 * section title in ./agreements.ts (one match required); without them the link is to the
 * whole agreement (programs and regulations without sections).
 */
export interface DemoLink {
  agreement: string;
  codes: string[];
  task?: string;
  section?: string;
}

const LCA_CODES = [
  ...SEED_001_CODES,
  'BUOI_TUYEN_TRUYEN',
  'LUOT_NGUOI_TUYEN_TRUYEN',
  'BUOI_TUYEN_TRUYEN_TAO_HON',
  'NGUOI_CO_UY_TIN',
  'HOI_NGHI_SO_KET',
];

export const DEMO_LINKS: DemoLink[] = [
  // Seed 001 — the Lào Cai program, and its 2023 plan task by task.
  { agreement: 'lca-ctr', codes: LCA_CODES },
  // Seed 001: "thường xuyên trao đổi và cung cấp thông tin" — counted from the exchange under
  // the program and its plans.
  { agreement: 'lca-ctr', codes: ['THONG_TIN_TRAO_DOI', 'YEU_CAU_PHOI_HOP_DA_TRA_LOI'] },
  {
    agreement: 'lca-kh-2023',
    task: 'Phân công cán bộ, đảng viên đồn biên phòng',
    codes: ['CAN_BO_PHU_TRACH_HO', 'HO_DUOC_GIUP_DO'],
  },
  {
    agreement: 'lca-kh-2023',
    task: 'Củng cố, kiện toàn tổ tự quản',
    codes: ['TO_TU_QUAN_DUONG_BIEN', 'HO_TU_QUAN_DUONG_BIEN', 'TO_TU_QUAN_ANTT', 'THANH_VIEN_TU_QUAN_ANTT'],
  },
  {
    agreement: 'lca-kh-2023',
    task: 'Tổ chức hội nghị tìm hiểu pháp luật',
    codes: ['HOI_NGHI_TIM_HIEU_PHAP_LUAT'],
  },
  {
    agreement: 'lca-kh-2023',
    task: 'Tuyên truyền thực hiện can thiệp làm giảm tình trạng tảo hôn',
    codes: ['BUOI_TUYEN_TRUYEN_TAO_HON'],
  },
  {
    agreement: 'lca-kh-2023',
    task: 'Chỉ đạo, hướng dẫn các đồn biên phòng',
    codes: ['BUOI_TUYEN_TRUYEN', 'LUOT_NGUOI_TUYEN_TRUYEN'],
  },
  {
    agreement: 'lca-kh-2023',
    task: 'Phát huy vai trò của già làng',
    codes: ['NGUOI_CO_UY_TIN', 'NGUON_TIN'],
  },

  // Seed 000 — Lai Châu program 2022–2025 and its 2022 plan.
  {
    agreement: 'lc-ctr-2022',
    codes: [
      'MO_HINH_DAN_VAN_KHEO',
      'NGUOI_CO_UY_TIN',
      'BUOI_TUYEN_TRUYEN',
      'LUOT_NGUOI_TUYEN_TRUYEN',
      'LOP_TAP_HUAN',
      'HO_NGHEO_DUOC_HO_TRO',
      'CON_NUOI_DON_BIEN_PHONG',
      'CUOC_KIEM_TRA_GIAM_SAT',
    ],
  },
  {
    agreement: 'lc-kh-2022',
    task: 'Tổ chức xây dựng 3 mô hình điểm',
    codes: ['MO_HINH_DAN_VAN_KHEO', 'NGUOI_CO_UY_TIN'],
  },
  {
    agreement: 'lc-kh-2022',
    task: 'Tuyên truyền, vận động đồng bào các dân tộc khu vực biên giới',
    codes: ['BUOI_TUYEN_TRUYEN', 'LUOT_NGUOI_TUYEN_TRUYEN'],
  },
  { agreement: 'lc-kh-2022', task: 'Tổ chức tập huấn, bồi dưỡng', codes: ['LOP_TAP_HUAN'] },
  {
    agreement: 'lc-kh-2022',
    task: 'Tích cực tham gia phát triển kinh tế - xã hội',
    codes: ['HO_NGHEO_DUOC_HO_TRO', 'CON_NUOI_DON_BIEN_PHONG'],
  },

  // Seed 002 — the regulation of the Lai Châu Border Guard Party Committee and 4 district committees.
  { agreement: 'lc-qc-du-hu', codes: ['HOI_NGHI_SO_KET'] },
  {
    agreement: 'lc-qc-du-hu',
    task: 'Phối hợp thực hiện chương trình quốc gia về phòng, chống tội phạm',
    codes: ['DOT_CAO_DIEM_TAN_CONG_TOI_PHAM'],
  },
  {
    agreement: 'lc-qc-du-hu',
    task: 'Nâng cao hiệu quả công tác đối ngoại Biên phòng',
    codes: ['CUM_DAN_CU_KET_NGHIA'],
  },
  {
    agreement: 'lc-qc-du-hu',
    section: 'Xây dựng hệ thống chính trị cơ sở',
    codes: ['CAN_BO_BP_THAM_GIA_CAP_UY_XA'],
  },
  {
    agreement: 'lc-qc-du-hu',
    task: 'Từng bước xây dựng, củng cố hệ thống chính trị cơ sở',
    codes: ['HO_NGHEO_DUOC_HO_TRO', 'CON_NUOI_DON_BIEN_PHONG'],
  },
  {
    agreement: 'lc-qc-du-hu',
    task: 'Chỉ đạo các đồn Biên phòng phối hợp với cấp ủy',
    codes: ['BUOI_TUYEN_TRUYEN', 'LUOT_NGUOI_TUYEN_TRUYEN'],
  },

  // Seed 003 — Đoàn KT-QP 379 and the four districts.
  {
    agreement: 'ktqp379-qc',
    task: 'Phối hợp trong tập huấn cán bộ',
    codes: ['LOP_TAP_HUAN', 'LUOT_HUAN_LUYEN_DQTV'],
  },
  {
    agreement: 'ktqp379-qc',
    task: 'Tổ chức sản xuất, giúp địa phương phát triển kinh tế',
    codes: ['HO_NGHEO_DUOC_HO_TRO', 'LUOT_KHAM_CHUA_BENH', 'NGUOI_XOA_MU_CHU'],
  },

  // Seed 004 — Quảng Nam program 2021–2025 and its 2022 plan.
  {
    agreement: 'qn-ctr-2021',
    codes: [
      'MO_HINH_DAN_VAN_KHEO',
      'BUOI_TUYEN_TRUYEN',
      'LUOT_NGUOI_TUYEN_TRUYEN',
      'BUOI_TUYEN_TRUYEN_TAO_HON',
      'CUOC_KIEM_TRA_GIAM_SAT',
      'LOP_TAP_HUAN',
      'NGUOI_CO_UY_TIN_BOI_DUONG',
      'LUOT_THAM_HOI_NGUOI_CO_UY_TIN',
      'HO_HOAN_NAN_DUOC_HO_TRO',
      'HOI_NGHI_SO_KET',
    ],
  },
  { agreement: 'qn-kh-2022', task: 'Tham mưu Ban Thường vụ Tỉnh ủy', codes: ['MO_HINH_DAN_VAN_KHEO'] },
  {
    agreement: 'qn-kh-2022',
    task: 'Tuyên truyền, vận động, thay đổi nhận thức',
    codes: ['BUOI_TUYEN_TRUYEN', 'LUOT_NGUOI_TUYEN_TRUYEN'],
  },
  {
    agreement: 'qn-kh-2022',
    task: 'Tuyên truyền phổ biến giáo dục pháp luật',
    codes: ['BUOI_TUYEN_TRUYEN_TAO_HON'],
  },
  { agreement: 'qn-kh-2022', task: 'Phối hợp đôn đốc, hướng dẫn', codes: ['CUOC_KIEM_TRA_GIAM_SAT'] },
  {
    agreement: 'qn-kh-2022',
    task: 'Hướng dẫn nghiệp vụ công tác dân vận',
    codes: ['LOP_TAP_HUAN', 'NGUOI_CO_UY_TIN_BOI_DUONG'],
  },
  {
    agreement: 'qn-kh-2022',
    task: 'Phối hợp trao đổi thông tin; thăm hỏi',
    codes: ['LUOT_THAM_HOI_NGUOI_CO_UY_TIN', 'HO_HOAN_NAN_DUOC_HO_TRO'],
  },
  { agreement: 'qn-kh-2022', task: 'Tổ chức Hội nghị tổng kết năm 2022', codes: ['HOI_NGHI_SO_KET'] },
];

export interface DemoForm {
  key: string;
  agreement: string;
  name: string;
  frequency: PeriodKind;
  deadlineDay: number;
  deadlineMonthOffset: number;
  narrativeSections: { key: string; title: string }[];
  /** Unit keys whose leaders approve, in order. */
  approvalChain: string[];
  allowSelfApproval: boolean;
  indicators: Array<{ code: string; required: boolean }>;
  units: string[];
  /** Username of the demo account recorded as the form's author. */
  createdBy: string;
}

export const LCA_POSTS = ['dbp-tgk', 'dbp-ckqt-lca', 'dbp-yty'];

// Both forms belong to the Lào Cai program (seed 001), due on the 20th of the period's last
// month — the seed names no deadline; this is the example rule.
export const DEMO_FORMS: DemoForm[] = [
  {
    key: 'lca-nam',
    agreement: 'lca-ctr',
    name: 'Báo cáo kết quả thực hiện chương trình phối hợp năm',
    frequency: 'year',
    deadlineDay: 20,
    deadlineMonthOffset: 0,
    narrativeSections: DEFAULT_NARRATIVE_SECTIONS,
    // Who approves the command's annual report? Seed 001 presents the figures as the Border
    // Guard's own results ("phân công 357 cán bộ, đảng viên đồn biên phòng…", "cung cấp cho
    // BĐBP 150 nguồn tin"), reviewed at a conference the two agencies hold as equal parties
    // ("hai cơ quan"). Ban Dân tộc is a partner, not the command's superior: it neither
    // vouches for the posts' figures nor signs for the command. So a reader expects the
    // command's own leadership to sign its report; the chain is the command itself, and as
    // the command's leader both signs and sends it, self-approval is allowed on this form.
    approvalChain: ['bdbp-lca'],
    allowSelfApproval: true,
    indicators: SEED_001_CODES.map((code) => ({ code, required: true })),
    units: ['bdbp-lca'],
    createdBy: 'lanhdao.bdbp.laocai',
  },
  {
    key: 'lca-quy-don',
    agreement: 'lca-ctr',
    name: 'Báo cáo quý của đồn Biên phòng về kết quả thực hiện chương trình phối hợp',
    frequency: 'quarter',
    deadlineDay: 20,
    deadlineMonthOffset: 0,
    narrativeSections: DEFAULT_NARRATIVE_SECTIONS,
    // Border post → provincial command (the example chain).
    approvalChain: ['bdbp-lca'],
    allowSelfApproval: false,
    indicators: [
      ...SEED_001_CODES.map((code) => ({ code, required: code !== 'HOI_NGHI_TIM_HIEU_PHAP_LUAT' })),
      { code: 'BUOI_TUYEN_TRUYEN', required: false },
      { code: 'LUOT_NGUOI_TUYEN_TRUYEN', required: false },
      { code: 'NGUOI_CO_UY_TIN', required: false },
    ],
    units: LCA_POSTS,
    createdBy: 'lanhdao.bdbp.laocai',
  },
];

export interface DemoEvent {
  action: 'save' | 'submit' | 'approve' | 'return';
  /** Demo username, or null for a unit without a demo account. */
  by: string | null;
  /** Unit key the actor acted for. */
  unit: string;
  /** ISO timestamp with the Vietnam offset. */
  at: string;
  comment?: string;
}

export interface DemoReport {
  form: string;
  unit: string;
  period: string;
  status: ReportStatus;
  sample: boolean;
  values: Array<{ code: string; value: number }>;
  narrative: Record<string, string>;
  events: DemoEvent[];
}

/** Seed 001's figures for 2023, province level, exactly as the text states them. */
export const SEED_001_FIGURES: Record<(typeof SEED_001_CODES)[number], number> = {
  CAN_BO_PHU_TRACH_HO: 357,
  HO_DUOC_GIUP_DO: 1734,
  TO_TU_QUAN_DUONG_BIEN: 80,
  HO_TU_QUAN_DUONG_BIEN: 1117,
  TO_TU_QUAN_ANTT: 317,
  THANH_VIEN_TU_QUAN_ANTT: 3276,
  NGUON_TIN: 150,
  HOI_NGHI_TIM_HIEU_PHAP_LUAT: 1,
};

/**
 * Seed 001 as the approved 2023 annual report of Bộ Chỉ huy BĐBP tỉnh Lào Cai. The results
 * section is the article's own sentences on 2023 (the conference's later assessment and its
 * 2024 tasks are left out: they came after the report). The text names no shortcomings,
 * causes or proposals, so those sections stay empty. The text gives no submission or
 * approval date; the review conference was on 3 January 2024 ("Chiều 3/1"), so the report
 * is taken as sent on the form's deadline (20/12/2023) and signed on 02/01/2024, the day
 * before — both by the command's leader (see the form's approval chain).
 */
export const SEED_001_REPORT: DemoReport = {
  form: 'lca-nam',
  unit: 'bdbp-lca',
  period: '2023',
  status: 'approved',
  sample: false,
  values: SEED_001_CODES.map((code) => ({ code, value: SEED_001_FIGURES[code] })),
  narrative: {
    ket_qua:
      'Trong năm 2023, hai cơ quan đã bám sát kế hoạch phối hợp đề ra, thường xuyên trao đổi và cung cấp thông tin; chỉ đạo, hướng dẫn các đồn biên phòng và Phòng Dân tộc các huyện, thành phố biên giới thực hiện tốt công tác tuyên truyền, kiểm tra, giám sát việc tổ chức thực hiện chính sách dân tộc. Đã tổ chức 1 hội nghị tìm hiểu pháp luật dành cho đồng bào vùng dân tộc thiểu số tại huyện Bát Xát; tuyên truyền thực hiện can thiệp làm giảm tình trạng tảo hôn và hôn nhân cận huyết thống trong đồng bào dân tộc thiểu số tại các xã Tả Gia Khâu, Dìn Chin (huyện Mường Khương). Phối hợp chặt chẽ với cấp ủy, chính quyền địa phương củng cố, xây dựng hệ thống chính trị cơ sở; phân công 357 cán bộ, đảng viên đồn biên phòng phụ trách giúp đỡ 1.734 hộ gia đình ở địa bàn các xã, phường, thị trấn biên giới. Củng cố và kiện toàn được 80 tổ tự quản đường biên, mốc giới/1.117 hộ; tổ tự quản an ninh trật tự khu vực biên giới 317 tổ/3.276 thành viên; phát huy vai trò của các già làng, trưởng bản, người có uy tín trong đồng bào các dân tộc trong tham gia bảo vệ chủ quyền an ninh biên giới quốc gia, an ninh trật tự ở khu vực biên giới… Qua đó đồng bào các dân tộc ở khu vực biên giới đã nêu cao tinh thần trách nhiệm trong tham gia bảo vệ chủ quyền lãnh thổ, an ninh biên giới. Năm 2023, Nhân dân khu vực biên giới đã cung cấp cho BĐBP 150 nguồn tin, trong đó có rất nhiều nguồn tin có giá trị phục vụ công tác quản lý bảo vệ biên giới và đấu tranh, phòng chống tội phạm.',
  },
  events: [
    { action: 'submit', by: 'lanhdao.bdbp.laocai', unit: 'bdbp-lca', at: '2023-12-20T09:00:00+07:00' },
    {
      action: 'approve',
      by: 'lanhdao.bdbp.laocai',
      unit: 'bdbp-lca',
      at: '2024-01-02T15:00:00+07:00',
      comment: 'Duyệt báo cáo để trình Hội nghị sơ kết 1 năm thực hiện chương trình phối hợp.',
    },
  ],
};

/** The one target a seed text states: seed 000, "xây dựng 3 mô hình điểm 'Dân vận khéo'" in 2022. */
export interface DemoTarget {
  agreement: string;
  code: string;
  unit: string;
  year: number;
  value: number;
  sample: boolean;
}

export const SEED_TARGETS: DemoTarget[] = [
  {
    agreement: 'lc-kh-2022',
    code: 'MO_HINH_DAN_VAN_KHEO',
    unit: 'bdt-lc',
    year: 2022,
    value: 3,
    sample: false,
  },
];

// ---------------------------------------------------------------------------------------------
// GENERATED example data (sample: true). Deterministic: a seeded PRNG, never Math.random.

/** mulberry32: a small, well-known 32-bit PRNG; the same seed gives the same sequence. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SAMPLE_SEED = 20_240_103;
const SAMPLE_YEAR = 2024;
const LEADER = 'lanhdao.bdbp.laocai';

// Assumptions of the generator, not facts: each post's share of the province's 2023 figures
// (the province has more posts than the three in the demo, so the shares add up to far less
// than 1), and its number of prestigious persons (no seed gives one).
const SAMPLE_POSTS = [
  { unit: 'dbp-tgk', share: 0.09, prestigious: 14, officer: 'canbo.dbp.tagiakhau' as string | null },
  { unit: 'dbp-ckqt-lca', share: 0.05, prestigious: 6, officer: null },
  { unit: 'dbp-yty', share: 0.08, prestigious: 11, officer: null },
];

/** Quarters of 2024 and the state each post's report is left in: every matrix state shows. */
const SAMPLE_STATES: Record<string, Array<ReportStatus | 'missing'>> = {
  'dbp-tgk': ['approved', 'approved', 'approved', 'submitted'],
  'dbp-ckqt-lca': ['approved', 'approved', 'approved', 'returned'],
  'dbp-yty': ['approved', 'approved', 'draft', 'missing'],
};

/** 2024 targets of the posts: the post's assumed share of seed 001's 2023 figure (sample). */
export const SAMPLE_TARGET_CODES = [
  'CAN_BO_PHU_TRACH_HO',
  'HO_DUOC_GIUP_DO',
  'TO_TU_QUAN_DUONG_BIEN',
  'NGUON_TIN',
] as const;

export function sampleTargets(): DemoTarget[] {
  return SAMPLE_POSTS.flatMap((p) =>
    SAMPLE_TARGET_CODES.map((code) => ({
      agreement: 'lca-ctr',
      code,
      unit: p.unit,
      year: SAMPLE_YEAR,
      value: Math.max(1, Math.round(SEED_001_FIGURES[code] * p.share)),
      sample: true,
    })),
  );
}

const SAMPLE_NOTE =
  'Dữ liệu mẫu (sinh tự động để minh họa bảng điều khiển, không phải báo cáo thật của đơn vị).';

const at = (date: string, hour: number, minute: number) =>
  `${date}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00+07:00`;

/**
 * The generated quarterly reports of the Lào Cai posts for 2024: Q1–Q2 approved everywhere,
 * then one post each left submitted, returned with a comment, in draft, and missing (overdue),
 * plus a draft of the quarter containing `today` (the seeding date), so the reporting-status
 * matrices show every state. Deterministic for a given `today`. Stock figures drift a little around the
 * post's share of seed 001's 2023 figures; flows (tip-offs, sessions) vary per quarter; the
 * cross-field rules hold (members ≥ teams, households ≥ officers and ≥ teams).
 */
export function sampleReports(today: string): DemoReport[] {
  const rnd = prng(SAMPLE_SEED);
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const form = DEMO_FORMS.find((f) => f.key === 'lca-quy-don')!;
  const out: DemoReport[] = [];
  const make = (
    post: (typeof SAMPLE_POSTS)[number],
    q: number,
    period: string,
    state: ReportStatus,
    savedOn?: string,
  ) => {
    const base = (code: (typeof SEED_001_CODES)[number]) => SEED_001_FIGURES[code] * post.share;
    const drift = () => 0.96 + 0.02 * q + rnd() * 0.03;
    const officers = Math.max(1, Math.round(base('CAN_BO_PHU_TRACH_HO') * drift()));
    const households = Math.max(officers, Math.round(base('HO_DUOC_GIUP_DO') * drift()));
    const borderTeams = Math.max(1, Math.round(base('TO_TU_QUAN_DUONG_BIEN') * drift()));
    const borderHouseholds = Math.max(borderTeams, Math.round(base('HO_TU_QUAN_DUONG_BIEN') * drift()));
    const securityTeams = Math.max(1, Math.round(base('TO_TU_QUAN_ANTT') * drift()));
    // The returned report: members fell by a fifth since last quarter — the leader asks why.
    const membersFactor = state === 'returned' ? 0.8 : 1;
    const members = Math.max(
      securityTeams,
      Math.round(base('THANH_VIEN_TU_QUAN_ANTT') * drift() * membersFactor),
    );
    const tips = Math.round((base('NGUON_TIN') / 4) * (0.6 + rnd() * 0.8));
    const conferences = rnd() < 0.15 ? 1 : 0;
    const sessions = int(3, 8);
    const attendance = sessions * int(30, 70);
    const prestigious = post.prestigious + int(0, 2);
    let values: DemoReport['values'] = [
      { code: 'CAN_BO_PHU_TRACH_HO', value: officers },
      { code: 'HO_DUOC_GIUP_DO', value: households },
      { code: 'TO_TU_QUAN_DUONG_BIEN', value: borderTeams },
      { code: 'HO_TU_QUAN_DUONG_BIEN', value: borderHouseholds },
      { code: 'TO_TU_QUAN_ANTT', value: securityTeams },
      { code: 'THANH_VIEN_TU_QUAN_ANTT', value: members },
      { code: 'NGUON_TIN', value: tips },
      { code: 'HOI_NGHI_TIM_HIEU_PHAP_LUAT', value: conferences },
      { code: 'BUOI_TUYEN_TRUYEN', value: sessions },
      { code: 'LUOT_NGUOI_TUYEN_TRUYEN', value: attendance },
      { code: 'NGUOI_CO_UY_TIN', value: prestigious },
    ];
    // A draft is half filled in.
    if (state === 'draft') values = values.slice(0, 4);
    const due = deadlineOf(period, { day: form.deadlineDay, monthOffset: form.deadlineMonthOffset })!;
    const label = parsePeriod(period)!.label;
    const narrative = {
      ket_qua: `${SAMPLE_NOTE} ${label}: duy trì ${officers} cán bộ, đảng viên phụ trách ${households} hộ; củng cố ${borderTeams} tổ tự quản đường biên, mốc giới và ${securityTeams} tổ tự quản an ninh trật tự; tổ chức ${sessions} buổi tuyên truyền; Nhân dân cung cấp ${tips} nguồn tin.`,
    };
    // Most reports come in a few days before the deadline; one (Cửa khẩu, Q2) three days late.
    const late = post.unit === 'dbp-ckqt-lca' && q === 1;
    const submitted = addDays(due, late ? 3 : -int(1, 6));
    const by = post.officer;
    const events: DemoEvent[] = [];
    if (state === 'draft') {
      // A draft of a past quarter was last saved after its deadline and never sent.
      const saved = savedOn ?? addDays(due, 5);
      events.push({ action: 'save', by, unit: post.unit, at: at(saved, int(8, 11), int(0, 59)) });
    } else {
      events.push({ action: 'submit', by, unit: post.unit, at: at(submitted, int(8, 16), int(0, 59)) });
      const decided = at(addDays(submitted, int(1, 4)), int(8, 16), int(0, 59));
      if (state === 'approved') events.push({ action: 'approve', by: LEADER, unit: 'bdbp-lca', at: decided });
      if (state === 'returned')
        events.push({
          action: 'return',
          by: LEADER,
          unit: 'bdbp-lca',
          at: decided,
          comment:
            'Số thành viên tổ tự quản an ninh trật tự giảm khoảng một phần năm so với quý III; đề nghị đồn rà soát, giải thích và gửi lại.',
        });
    }
    out.push({
      form: form.key,
      unit: post.unit,
      period,
      status: state,
      sample: true,
      values,
      narrative,
      events,
    });
  };
  for (const post of SAMPLE_POSTS) {
    const states = SAMPLE_STATES[post.unit]!;
    for (const [q, period] of periodsBetween('quarter', SAMPLE_YEAR, SAMPLE_YEAR).entries()) {
      const state = states[q]!;
      if (state !== 'missing') make(post, q, period, state);
    }
  }
  // A report being written now: Y Tý's draft of the quarter the demo is seeded in. The
  // status matrix shows a draft as such only until its deadline (then "overdue"), so only a
  // current period can show the draft state.
  const current = periodKeyOf('quarter', today);
  if (Number(current.slice(0, 4)) > SAMPLE_YEAR) {
    // Saved yesterday, or on the quarter's first day (ISO dates sort as strings).
    const savedOn = [parsePeriod(current)!.start, addDays(today, -1)].sort()[1]!;
    make(SAMPLE_POSTS[2]!, 3, current, 'draft', savedOn);
  }
  return out;
}
