import type {
  ATTENDEE_ROLES,
  MEETING_KINDS,
  MEETING_STATUSES,
  REVIEW_SECTION_KEYS,
} from '../../../contracts/meetings.ts';

// The conferences of seeds 001 and 002 (shared/seeds) as meetings, and the draft review report
// of the Lào Cai program for 2023 — only what the texts say. Unit keys refer to ./units.ts,
// agreement keys to ./agreements.ts.
//
// What the texts do not say, and what we did about it:
// - Hours: both seeds say only "Chiều" (afternoon). `starts_at` is required, so both meetings
//   start at 14:00 (+07:00), the usual start of an afternoon session; no end time is recorded.
// - Places: neither seed names a hall or a town. The place is the province the organising
//   units belong to ("Lào Cai", "Lai Châu"), nothing finer.
// - Seed 001 names no person. The two leaderships appear as attendees named by their body
//   ("Lãnh đạo Bộ Chỉ huy Bộ đội Biên phòng tỉnh Lào Cai"), role `delegate`: the text says they
//   were there and handed out the commendations, not that they chaired, so no chair is recorded.
// - Commendations: seed 001 says the leaders "đã trao khen thưởng cho các tập thể và cá nhân có
//   thành tích xuất sắc trong công tác phối hợp" without naming a recipient, a form or a decision;
//   seed 002 mentions none. No award rows are written: any recipient would be invented, and the
//   awards table has no sample flag, so an invented entry would print in the commendation list
//   as if real. The award ceremony stays on seed 001's agenda and in its minutes.
// - Seed 002 calls its conference "Hội nghị đánh giá kết quả thực hiện quy chế phối hợp" and its
//   conclusion speaks of the results "trong năm 2023": it is recorded as an interim review
//   (the regulation is still in force) of the period 2023.

type Kind = (typeof MEETING_KINDS)[number];
type Status = (typeof MEETING_STATUSES)[number];
type Role = (typeof ATTENDEE_ROLES)[number];
type SectionKey = (typeof REVIEW_SECTION_KEYS)[number];

export interface DemoMeeting {
  key: string;
  /** Seed whose text this record comes from. */
  source: string;
  agreement: string;
  kind: Kind;
  title: string;
  reviewPeriod: string | null;
  startsAt: string;
  place: string | null;
  host: string;
  status: Status;
  units: string[];
  attendees: Array<{ role: Role; name: string; title?: string; unit?: string }>;
  agenda: Array<{ title: string; presenter?: string }>;
  conclusions: string[];
  minutes: string;
  /** Demo account recorded as the author. */
  createdBy: string;
}

export interface DemoReviewReport {
  key: string;
  source: string;
  agreement: string;
  period: string;
  title: string;
  issuingUnit: string;
  meeting: string;
  sections: Partial<Record<SectionKey, string>>;
  createdBy: string;
}

const LC_DISTRICT_PARTY = ['hu-pt', 'hu-sh', 'hu-nn', 'hu-mt'];

// Seed 001 — "Chiều 3/1, Bộ Chỉ huy Bộ đội Biên phòng (BĐBP) tỉnh và Ban Dân tộc tỉnh tổ chức Hội
// nghị sơ kết 1 năm thực hiện chương trình phối hợp" (the year reviewed is 2023, so 3/1/2024).
const SEED_001_MEETING: DemoMeeting = {
  key: 'lca-so-ket-2023',
  source: '001',
  agreement: 'lca-ctr',
  kind: 'interim_review',
  title: 'Hội nghị sơ kết 1 năm thực hiện chương trình phối hợp',
  reviewPeriod: '2023',
  startsAt: '2024-01-03T14:00:00+07:00',
  place: 'Lào Cai',
  host: 'bdbp-lca',
  status: 'held',
  units: ['bdbp-lca', 'bdt-lca'],
  attendees: [
    { role: 'delegate', name: 'Lãnh đạo Bộ Chỉ huy Bộ đội Biên phòng tỉnh Lào Cai', unit: 'bdbp-lca' },
    { role: 'delegate', name: 'Lãnh đạo Ban Dân tộc tỉnh Lào Cai', unit: 'bdt-lca' },
  ],
  agenda: [
    { title: 'Đánh giá kết quả thực hiện chương trình phối hợp năm 2023' },
    { title: 'Đề ra các nhiệm vụ phối hợp thực hiện trong năm 2024' },
    {
      title: 'Trao khen thưởng cho các tập thể và cá nhân có thành tích xuất sắc trong công tác phối hợp',
      presenter: 'Lãnh đạo hai cơ quan',
    },
  ],
  conclusions: [
    'Chương trình phối hợp năm 2023 đạt kết quả cao, góp phần tích cực nâng cao đời sống của đồng bào các dân tộc khu vực biên giới; đồng bào dân tộc thiểu số đã đoàn kết, tương trợ lẫn nhau, cùng với BĐBP tham gia bảo vệ vững chắc chủ quyền an ninh biên giới quốc gia, xóa bỏ các phong tục, tập quán lạc hậu; khuyến khích, hỗ trợ kịp thời để đồng bào vươn lên xóa đói, giảm nghèo.',
    'Hội nghị đã đề ra các nhiệm vụ phối hợp thực hiện trong năm 2024 với những nội dung trọng tâm, cụ thể, sát với chức năng, nhiệm vụ của hai cơ quan.',
  ],
  minutes: [
    'Chiều ngày 03/01/2024, Bộ Chỉ huy Bộ đội Biên phòng tỉnh Lào Cai và Ban Dân tộc tỉnh Lào Cai tổ chức Hội nghị sơ kết 1 năm thực hiện chương trình phối hợp.',
    'Trong năm 2023, hai cơ quan đã bám sát kế hoạch phối hợp đề ra, thường xuyên trao đổi và cung cấp thông tin; chỉ đạo, hướng dẫn các đồn biên phòng và Phòng Dân tộc các huyện, thành phố biên giới thực hiện tốt công tác tuyên truyền, kiểm tra, giám sát việc tổ chức thực hiện chính sách dân tộc. Đã tổ chức 1 hội nghị tìm hiểu pháp luật dành cho đồng bào vùng dân tộc thiểu số tại huyện Bát Xát; tuyên truyền thực hiện can thiệp làm giảm tình trạng tảo hôn và hôn nhân cận huyết thống trong đồng bào dân tộc thiểu số tại các xã Tả Gia Khâu, Dìn Chin (huyện Mường Khương). Phối hợp chặt chẽ với cấp ủy, chính quyền địa phương củng cố, xây dựng hệ thống chính trị cơ sở; phân công 357 cán bộ, đảng viên đồn biên phòng phụ trách giúp đỡ 1.734 hộ gia đình ở địa bàn các xã, phường, thị trấn biên giới. Củng cố và kiện toàn được 80 tổ tự quản đường biên, mốc giới/1.117 hộ; tổ tự quản an ninh trật tự khu vực biên giới 317 tổ/3.276 thành viên. Năm 2023, Nhân dân khu vực biên giới đã cung cấp cho BĐBP 150 nguồn tin.',
    'Tại hội nghị, các đại biểu đã thảo luận, đánh giá chương trình phối hợp năm 2023 đạt kết quả cao, góp phần tích cực nâng cao đời sống của đồng bào các dân tộc khu vực biên giới; đồng bào dân tộc thiểu số đã đoàn kết, tương trợ lẫn nhau, cùng với BĐBP tham gia bảo vệ vững chắc chủ quyền an ninh biên giới quốc gia, xóa bỏ các phong tục, tập quán lạc hậu; khuyến khích, hỗ trợ kịp thời để đồng bào vươn lên xóa đói, giảm nghèo.',
    'Hội nghị đã đề ra các nhiệm vụ phối hợp thực hiện trong năm 2024 với những nội dung trọng tâm, cụ thể, sát với chức năng, nhiệm vụ của hai cơ quan.',
    'Dịp này, lãnh đạo hai cơ quan đã trao khen thưởng cho các tập thể và cá nhân có thành tích xuất sắc trong công tác phối hợp.',
  ].join('\n\n'),
  createdBy: 'lanhdao.bdbp.laocai',
};

// Seed 002 — "Chiều 28/5, Bộ đội Biên phòng tỉnh Lai Châu phối hợp với Huyện ủy Phong Thổ, Sìn Hồ,
// Nậm Nhùn, Mường Tè tổ chức Hội nghị đánh giá kết quả thực hiện quy chế phối hợp…" (dated 2024-05).
const SEED_002_MEETING: DemoMeeting = {
  key: 'lc-danh-gia-qc-2023',
  source: '002',
  agreement: 'lc-qc-du-hu',
  kind: 'interim_review',
  title:
    'Hội nghị đánh giá kết quả thực hiện quy chế phối hợp giữa Đảng ủy Bộ đội Biên phòng Lai Châu với Huyện ủy 4 huyện biên giới',
  reviewPeriod: '2023',
  startsAt: '2024-05-28T14:00:00+07:00',
  place: 'Lai Châu',
  host: 'bdbp-lc',
  status: 'held',
  units: ['bdbp-lc', 'du-bdbp-lc', ...LC_DISTRICT_PARTY, 'btc-tu-lc'],
  attendees: [
    {
      role: 'chair',
      name: 'Lê Công Thành',
      title: 'Đại tá, Phó Chính ủy Bộ đội Biên phòng tỉnh',
      unit: 'bdbp-lc',
    },
    {
      role: 'chair',
      name: 'Nguyễn Văn Thanh',
      title: 'Phó Bí thư Thường trực Huyện ủy Phong Thổ',
      unit: 'hu-pt',
    },
    // The Inspection Commission of the Provincial Party Committee is not a demo unit: title only.
    { role: 'guest', name: 'Lý Công Hậu', title: 'Phó Chủ nhiệm Ủy ban Kiểm tra Tỉnh ủy' },
    {
      role: 'guest',
      name: 'Mạc Quang Mạnh',
      title: 'Phó Trưởng Ban Tổ chức Tỉnh ủy Lai Châu',
      unit: 'btc-tu-lc',
    },
    {
      role: 'delegate',
      name: 'Mai Thăng Long',
      title: 'Thượng tá, Chủ nhiệm Chính trị Bộ đội Biên phòng tỉnh Lai Châu',
      unit: 'bdbp-lc',
    },
  ],
  agenda: [
    {
      title:
        'Báo cáo đánh giá kết quả thực hiện quy chế phối hợp giữa Đảng ủy Bộ đội Biên phòng với Huyện ủy 4 huyện biên giới',
      presenter: 'Thượng tá Mai Thăng Long, Chủ nhiệm Chính trị Bộ đội Biên phòng tỉnh Lai Châu',
    },
    {
      title: 'Thảo luận, tham luận về khó khăn, vướng mắc và giải pháp nâng cao hiệu quả quy chế phối hợp',
      presenter: 'Đại diện lãnh đạo Huyện ủy 4 huyện biên giới và các đơn vị',
    },
    {
      title: 'Phát biểu của đồng chí Phó Trưởng Ban Tổ chức Tỉnh ủy Lai Châu',
      presenter: 'Đồng chí Mạc Quang Mạnh, Phó Trưởng Ban Tổ chức Tỉnh ủy Lai Châu',
    },
    {
      title: 'Kết luận Hội nghị',
      presenter: 'Đại tá Lê Công Thành, Phó Chính ủy Bộ đội Biên phòng tỉnh',
    },
  ],
  // The chair's concluding requests, one conclusion each, in the seed's words.
  conclusions: [
    'Đánh giá cao kết quả thực hiện quy chế phối hợp trong năm 2023.',
    'Các huyện biên giới tiếp tục quan tâm phối hợp với Đảng ủy BĐBP tỉnh làm tốt công tác tham mưu, lãnh đạo, chỉ đạo thực hiện tốt nhiệm vụ công tác Biên phòng và xây dựng Bộ đội Biên phòng tỉnh vững mạnh.',
    'Kịp thời thông tin, trao đổi tình hình, nhất là tình hình liên quan đến chủ quyền lãnh thổ, an ninh biên giới quốc gia.',
    'Tham mưu cho Tỉnh ủy, HĐND, UBND tỉnh, Đảng ủy Bộ đội Biên phòng tỉnh chủ trương, đối sách xử lý các tình huống, sự kiện biên giới, không để bị động, bất ngờ.',
    'Chủ động nắm tình hình từ sớm, từ xa; đấu tranh, phòng, chống có hiệu quả với các hoạt động xâm phạm an ninh quốc gia; phòng, chống tội phạm, vi phạm pháp luật, buôn lậu, gian lận thương mại, nhất là tội phạm ma túy trên khu vực biên giới.',
    'Chuẩn bị đầy đủ lực lượng, phương tiện, phương án sẵn sàng tham gia phòng, chống, khắc phục hậu quả thiên tai, thảm họa, dịch bệnh.',
  ],
  minutes: [
    'Chiều ngày 28/5/2024, Bộ đội Biên phòng tỉnh Lai Châu phối hợp với Huyện ủy Phong Thổ, Sìn Hồ, Nậm Nhùn, Mường Tè tổ chức Hội nghị đánh giá kết quả thực hiện quy chế phối hợp giữa Đảng ủy Bộ đội Biên phòng Lai Châu với Huyện ủy 4 huyện biên giới.',
    'Chủ trì Hội nghị: Đại tá Lê Công Thành - Phó Chính ủy Bộ đội Biên phòng tỉnh; đồng chí Nguyễn Văn Thanh - Phó Bí thư Thường trực Huyện ủy Phong Thổ.',
    'Dự Hội nghị có đồng chí Lý Công Hậu - Phó Chủ nhiệm Ủy ban Kiểm tra Tỉnh ủy; Mạc Quang Mạnh - Phó Trưởng Ban Tổ chức Tỉnh ủy; đại diện lãnh đạo một số ban, ngành tỉnh Lai Châu; đại diện lãnh đạo Huyện ủy các huyện Phong Thổ, Sìn Hồ, Nậm Nhùn, Mường Tè; các đồng chí trong Ban Thường vụ Đảng ủy Bộ đội Biên phòng tỉnh Lai Châu; đại diện lãnh đạo các phòng, Ban Tài chính thuộc Bộ đội Biên phòng tỉnh Lai Châu; cán bộ tham gia cấp ủy cấp huyện; Bí thư, Phó Bí thư các chi, đảng bộ Đồn Biên phòng; cán bộ tham gia cấp ủy cấp xã biên giới, các đồng chí Bí thư, Chủ tịch các xã biên giới thuộc huyện Phong Thổ.',
    'Thượng tá Mai Thăng Long, Chủ nhiệm Chính trị Bộ đội Biên phòng tỉnh Lai Châu báo cáo đánh giá kết quả thực hiện quy chế phối hợp giữa Đảng ủy Bộ đội Biên phòng với Huyện ủy 4 huyện biên giới. Đảng ủy Bộ đội Biên phòng tỉnh và Huyện ủy 4 huyện đã chủ động phối hợp, thống nhất lãnh đạo, chỉ đạo tổ chức quán triệt và triển khai thực hiện nghiêm túc các Nghị quyết, Chỉ thị của Đảng, chính sách, pháp luật Nhà nước, của Quân ủy Trung ương, Bộ Quốc phòng, Bộ đội Biên phòng, Tỉnh ủy Lai Châu liên quan đến nhiệm vụ quốc phòng, biên phòng, xây dựng, quản lý, bảo vệ chủ quyền lãnh thổ, an ninh biên giới quốc gia; xây dựng nền biên phòng toàn dân.',
    'Thảo luận tại Hội nghị, đại diện lãnh đạo các Huyện ủy 4 huyện biên giới tập trung vào một số khó khăn, vướng mắc và đề xuất một số giải pháp nhằm nâng cao hiệu quả quy chế phối hợp giữa Đảng ủy Bộ đội Biên phòng tỉnh với Huyện ủy 4 huyện biên giới.',
    'Đồng chí Mạc Quang Mạnh, Phó Trưởng Ban Tổ chức Tỉnh ủy Lai Châu đánh giá cao kết quả công tác phối hợp của Bộ đội Biên phòng với Huyện ủy 4 huyện biên giới; đề nghị Đảng ủy Bộ đội Biên phòng tỉnh tiếp tục phát huy kết quả đạt được, đánh giá sát hơn kết quả đạt được và đề ra những giải pháp cho sát với thực tế từng đơn vị, địa phương; tăng cường công tác xây dựng Đảng, tăng cường cán bộ xây dựng cơ sở chính trị; kịp thời rà soát lựa chọn cán bộ biên phòng uy tín để giới thiệu tham gia cấp ủy cấp xã; rà soát đánh giá chất lượng, hiệu quả của đội ngũ cán bộ biên phòng tăng cường cho các xã biên giới; quan tâm tăng cường công tác phối hợp trong chỉ đạo thực hiện Kế hoạch Đại hội Đảng cấp cơ sở; tăng cường công tác phối hợp với Ban Tổ chức Tỉnh ủy triển khai thực hiện tốt công tác xây dựng Đảng.',
    'Kết luận Hội nghị, Đại tá Lê Công Thành, Phó Chính ủy Bộ đội Biên phòng tỉnh đánh giá cao kết quả thực hiện quy chế phối hợp trong năm 2023; đề nghị các huyện biên giới tiếp tục quan tâm phối hợp với Đảng ủy BĐBP tỉnh làm tốt công tác tham mưu, lãnh đạo, chỉ đạo thực hiện tốt nhiệm vụ công tác Biên phòng và xây dựng Bộ đội Biên phòng tỉnh vững mạnh; kịp thời thông tin, trao đổi tình hình, nhất là tình hình liên quan đến chủ quyền lãnh thổ, an ninh biên giới quốc gia; tham mưu cho Tỉnh ủy, HĐND, UBND tỉnh, Đảng ủy Bộ đội Biên phòng tỉnh chủ trương, đối sách xử lý các tình huống, sự kiện biên giới, không để bị động, bất ngờ; chủ động nắm tình hình từ sớm, từ xa; đấu tranh, phòng, chống có hiệu quả với các hoạt động xâm phạm an ninh quốc gia; phòng, chống tội phạm, vi phạm pháp luật, buôn lậu, gian lận thương mại, nhất là tội phạm ma túy trên khu vực biên giới; chuẩn bị đầy đủ lực lượng, phương tiện, phương án sẵn sàng tham gia phòng, chống, khắc phục hậu quả thiên tai, thảm họa, dịch bệnh.',
  ].join('\n\n'),
  createdBy: 'lanhdao.bdbp.laichau',
};

export const DEMO_MEETINGS: DemoMeeting[] = [SEED_001_MEETING, SEED_002_MEETING];

// The draft review report of the Lào Cai program for 2023, issued by the Border Guard command
// for the 3 January meeting. Only the sections seed 001 speaks to are written: the situation
// and the leadership paragraph, in its words. Results (section II) are assembled live from the
// approved 2023 report (its figures and narrative); shortcomings, lessons, directions and
// proposals are left empty because the seed says nothing about them.
export const DEMO_REVIEW_REPORTS: DemoReviewReport[] = [
  {
    key: 'lca-bc-so-ket-2023',
    source: '001',
    agreement: 'lca-ctr',
    period: '2023',
    // The title the reviews service proposes for this agreement and period.
    title:
      'Báo cáo sơ kết năm 2023 thực hiện Chương trình phối hợp giữa Bộ Chỉ huy Bộ đội Biên phòng tỉnh và Ban Dân tộc tỉnh Lào Cai',
    issuingUnit: 'bdbp-lca',
    meeting: 'lca-so-ket-2023',
    sections: {
      situation:
        'Trong năm 2023, Bộ Chỉ huy Bộ đội Biên phòng tỉnh và Ban Dân tộc tỉnh Lào Cai đã bám sát kế hoạch phối hợp đề ra, thường xuyên trao đổi và cung cấp thông tin. Đồng bào các dân tộc ở khu vực biên giới đã nêu cao tinh thần trách nhiệm trong tham gia bảo vệ chủ quyền lãnh thổ, an ninh biên giới.',
      leadership:
        'Hai cơ quan đã chỉ đạo, hướng dẫn các đồn biên phòng và Phòng Dân tộc các huyện, thành phố biên giới thực hiện tốt công tác tuyên truyền, kiểm tra, giám sát việc tổ chức thực hiện chính sách dân tộc; phối hợp chặt chẽ với cấp ủy, chính quyền địa phương củng cố, xây dựng hệ thống chính trị cơ sở.',
    },
    createdBy: 'lanhdao.bdbp.laocai',
  },
];
