import type { AGREEMENT_KINDS, AGREEMENT_STATUSES, LEGAL_DOC_TYPES } from '../../../contracts/agreements.ts';
import type { TASK_STATUSES, Timeframe } from '../../../contracts/tasks.ts';

// The five seed programs (shared/seeds) as records: only what the texts say. Where a text
// gives no date, the date stays empty; a task the text gives no time frame for takes its
// plan's year (or "thường xuyên" where the text says so); unit keys refer to ./units.ts.

export interface DemoLegalDocument {
  key: string;
  docType: (typeof LEGAL_DOC_TYPES)[number];
  number: string;
  issuer: string | null;
  issuedOn: string | null;
  subject: string;
}

export const DEMO_LEGAL_DOCUMENTS: DemoLegalDocument[] = [
  {
    key: 'kl65',
    docType: 'ket_luan',
    number: '65-KL/TW',
    issuer: 'Bộ Chính trị',
    issuedOn: '2019-10-30',
    subject:
      'Về tiếp tục thực hiện Nghị quyết số 24-NQ/TW của Ban Chấp hành Trung ương Đảng khóa IX về công tác dân tộc trong tình hình mới',
  },
  {
    key: 'nq24',
    docType: 'nghi_quyet',
    number: '24-NQ/TW',
    issuer: 'Ban Chấp hành Trung ương Đảng khóa IX',
    issuedOn: '2003-03-12',
    subject: 'Về công tác dân tộc',
  },
  {
    key: 'ct49',
    docType: 'chi_thi',
    number: '49-CT/TW',
    issuer: 'Ban Bí thư Trung ương Đảng (khóa XI)',
    issuedOn: '2015-10-20',
    subject: 'Về tăng cường và đổi mới công tác dân vận của Đảng ở vùng đồng bào dân tộc thiểu số',
  },
  {
    key: 'tt01',
    docType: 'thong_tri',
    number: '01-TTr/TU',
    issuer: 'Ban Thường vụ Tỉnh ủy Quảng Nam',
    issuedOn: '2015-12-09',
    subject:
      'Về triển khai thực hiện Chỉ thị số 49-CT/TW, ngày 20/10/2015 của Ban Bí thư Trung ương Đảng (khóa XI)',
  },
  {
    key: 'ct29',
    docType: 'chi_thi',
    number: '29-CT/TU',
    issuer: 'Tỉnh ủy Quảng Nam',
    issuedOn: '2018-07-06',
    subject: 'Về tăng cường lãnh đạo công tác dân tộc trong tình hình mới',
  },
  {
    key: 'nq120',
    docType: 'nghi_quyet',
    number: '120/2020/QH14',
    issuer: 'Quốc hội',
    issuedOn: '2020-06-19',
    subject:
      'Về phê duyệt chủ trương đầu tư Chương trình mục tiêu quốc gia phát triển kinh tế - xã hội vùng đồng bào dân tộc thiểu số và miền núi giai đoạn 2021-2030',
  },
  {
    key: 'qd12',
    docType: 'quyet_dinh',
    number: '12/2018/QĐ-TTg',
    issuer: 'Thủ tướng Chính phủ',
    issuedOn: '2018-03-06',
    subject:
      'Về tiêu chí lựa chọn, công nhận người có uy tín và chính sách đối với người có uy tín trong đồng bào dân tộc thiểu số',
  },
];

export interface DemoTask {
  title: string;
  description?: string;
  lead: string;
  cooperating?: string[];
  implementing?: string[];
  timeframe: Timeframe;
  status?: (typeof TASK_STATUSES)[number];
  progress?: number;
}

export interface DemoSection {
  title: string;
  tasks: DemoTask[];
}

export interface DemoAgreement {
  key: string;
  kind: (typeof AGREEMENT_KINDS)[number];
  program?: string;
  subject: string;
  status: (typeof AGREEMENT_STATUSES)[number];
  owner: string;
  parties: Array<{ unit: string; signatoryName?: string; signatoryTitle?: string }>;
  signedOn?: string;
  signedPlace?: string;
  validFrom?: string;
  validTo?: string;
  year?: number;
  purpose?: string;
  legalBases?: string[];
  sections?: DemoSection[];
  /** Seed whose text this record comes from. */
  source: string;
}

const y = (year: number): Timeframe => ({ kind: 'year', year });
const ongoing = (year: number): Timeframe => ({ kind: 'recurring', year, recurrence: 'ongoing' });

const LC_POSTS = ['dbp-malu', 'dbp-pa-tan', 'dbp-mu-ca'];
const LCA_POSTS = ['dbp-tgk', 'dbp-ckqt-lca', 'dbp-yty'];
const LC_DISTRICT_PARTY = ['hu-pt', 'hu-sh', 'hu-nn', 'hu-mt'];
const KTQP_DISTRICTS = ['ubnd-np', 'ubnd-mn', 'ubnd-mc', 'ubnd-mt'];

export const DEMO_AGREEMENTS: DemoAgreement[] = [
  // Seed 000 — Lai Châu: Border Guard command and the Ethnic Affairs Committee.
  {
    key: 'lc-ctr-2022',
    source: '000',
    kind: 'program',
    subject:
      'Chương trình phối hợp giữa Bộ Chỉ huy Bộ đội Biên phòng tỉnh và Ban Dân tộc tỉnh Lai Châu giai đoạn 2022-2025',
    status: 'in_effect',
    owner: 'bdbp-lc',
    parties: [
      {
        unit: 'bdbp-lc',
        signatoryName: 'Nguyễn Văn Hưng',
        signatoryTitle: 'Đại tá, Bí thư Đảng ủy, Chính ủy BĐBP tỉnh',
      },
      {
        unit: 'bdt-lc',
        signatoryName: 'Trần Hữu Chí',
        signatoryTitle: 'Ủy viên Ban Chấp hành Đảng bộ tỉnh, Trưởng Ban Dân tộc tỉnh',
      },
    ],
    signedOn: '2022-03-30',
    validFrom: '2022-01-01',
    validTo: '2025-12-31',
    legalBases: ['kl65', 'nq24'],
  },
  {
    key: 'lc-kh-2022',
    source: '000',
    kind: 'plan',
    program: 'lc-ctr-2022',
    subject:
      'Kế hoạch phối hợp "Vận động đồng bào các dân tộc phát triển kinh tế - xã hội; tham gia bảo vệ chủ quyền lãnh thổ, an ninh biên giới quốc gia" năm 2022',
    status: 'in_effect',
    owner: 'bdbp-lc',
    parties: [
      {
        unit: 'bdbp-lc',
        signatoryName: 'Nguyễn Văn Hưng',
        signatoryTitle: 'Đại tá, Bí thư Đảng ủy, Chính ủy BĐBP tỉnh',
      },
      {
        unit: 'bdt-lc',
        signatoryName: 'Trần Hữu Chí',
        signatoryTitle: 'Ủy viên Ban Chấp hành Đảng bộ tỉnh, Trưởng Ban Dân tộc tỉnh',
      },
    ],
    signedOn: '2022-03-30',
    validFrom: '2022-01-01',
    validTo: '2022-12-31',
    year: 2022,
    legalBases: ['kl65'],
    sections: [
      {
        title: 'Ban Dân tộc tỉnh chủ trì, phối hợp với Bộ Chỉ huy BĐBP tỉnh',
        tasks: [
          {
            title:
              'Triển khai các hoạt động thực hiện công tác dân tộc và chính sách dân tộc theo Kết luận số 65-KL/TW ngày 30/10/2019 của Bộ Chính trị; cụ thể hóa một số nội dung có liên quan đến vùng biên giới, nơi có đông đồng bào dân tộc thiểu số',
            lead: 'bdt-lc',
            cooperating: ['bdbp-lc'],
            timeframe: y(2022),
          },
          {
            title:
              'Tổ chức xây dựng 3 mô hình điểm "Dân vận khéo" trong việc phát huy vai trò người có uy tín tiêu biểu, tuyên truyền, vận động nhân dân thực hiện các chính sách của Nhà nước về công tác dân tộc',
            lead: 'bdt-lc',
            cooperating: ['bdbp-lc'],
            timeframe: y(2022),
          },
          {
            title:
              'Tổ chức các hoạt động học tập, trao đổi kinh nghiệm trong công tác vận động quần chúng, hướng dẫn đồng bào dân tộc thiểu số ở địa bàn biên giới khai thác tiềm năng, lợi thế của địa phương, tích cực tham gia sản xuất',
            lead: 'bdt-lc',
            cooperating: ['bdbp-lc'],
            timeframe: y(2022),
          },
        ],
      },
      {
        title: 'Bộ Chỉ huy BĐBP tỉnh chủ trì, phối hợp với Ban Dân tộc tỉnh',
        tasks: [
          {
            title:
              'Tuyên truyền, vận động đồng bào các dân tộc khu vực biên giới nâng cao nhận thức về đường lối, chủ trương của Đảng, chính sách, pháp luật của Nhà nước; nhiệm vụ xây dựng, quản lý, bảo vệ biên giới quốc gia; tuyên truyền Luật Biên giới Quốc gia, Luật Biên phòng Việt Nam và các văn bản, hiệp định, quy chế liên quan đến biên giới',
            lead: 'bdbp-lc',
            cooperating: ['bdt-lc'],
            timeframe: y(2022),
          },
          {
            title:
              'Tổ chức tập huấn, bồi dưỡng kiến thức công tác dân tộc, chính sách dân tộc, kỹ năng vận động đồng bào dân tộc thiểu số; phòng, chống tội phạm trên khu vực biên giới của tỉnh',
            lead: 'bdbp-lc',
            cooperating: ['bdt-lc'],
            timeframe: y(2022),
          },
          {
            title:
              'Chỉ đạo các đồn Biên phòng phối hợp với phòng Dân tộc huyện biên giới triển khai thực hiện kế hoạch năm 2022',
            lead: 'bdbp-lc',
            cooperating: ['bdt-lc'],
            implementing: LC_POSTS,
            timeframe: y(2022),
          },
          {
            title:
              'Tích cực tham gia phát triển kinh tế - xã hội, giúp dân xóa đói, giảm nghèo; tiếp tục thực hiện có hiệu quả Chương trình "Nâng bước em tới trường - Con nuôi đồn Biên phòng"',
            lead: 'bdbp-lc',
            cooperating: ['bdt-lc'],
            implementing: LC_POSTS,
            timeframe: ongoing(2022),
          },
        ],
      },
    ],
  },

  // Seed 001 — Lào Cai: the program reviewed on 3 January for 2023.
  {
    key: 'lca-ctr',
    source: '001',
    kind: 'program',
    subject: 'Chương trình phối hợp giữa Bộ Chỉ huy Bộ đội Biên phòng tỉnh và Ban Dân tộc tỉnh Lào Cai',
    status: 'in_effect',
    owner: 'bdbp-lca',
    parties: [{ unit: 'bdbp-lca' }, { unit: 'bdt-lca' }],
  },
  {
    key: 'lca-kh-2023',
    source: '001',
    kind: 'plan',
    program: 'lca-ctr',
    subject: 'Kế hoạch phối hợp năm 2023 giữa Bộ Chỉ huy Bộ đội Biên phòng tỉnh và Ban Dân tộc tỉnh Lào Cai',
    status: 'in_effect',
    owner: 'bdbp-lca',
    parties: [{ unit: 'bdbp-lca' }, { unit: 'bdt-lca' }],
    year: 2023,
    sections: [
      {
        title: 'Trao đổi, cung cấp thông tin',
        tasks: [
          {
            title: 'Thường xuyên trao đổi và cung cấp thông tin giữa hai cơ quan',
            lead: 'bdbp-lca',
            cooperating: ['bdt-lca'],
            timeframe: ongoing(2023),
          },
        ],
      },
      {
        title: 'Tuyên truyền, kiểm tra, giám sát thực hiện chính sách dân tộc',
        tasks: [
          {
            title:
              'Chỉ đạo, hướng dẫn các đồn biên phòng và Phòng Dân tộc các huyện, thành phố biên giới thực hiện tốt công tác tuyên truyền, kiểm tra, giám sát việc tổ chức thực hiện chính sách dân tộc',
            lead: 'bdbp-lca',
            cooperating: ['bdt-lca'],
            implementing: [...LCA_POSTS, 'pdt-bx', 'pdt-mk'],
            timeframe: y(2023),
            status: 'done',
            progress: 100,
          },
          {
            title:
              'Tổ chức hội nghị tìm hiểu pháp luật dành cho đồng bào vùng dân tộc thiểu số tại huyện Bát Xát',
            lead: 'bdt-lca',
            cooperating: ['bdbp-lca'],
            implementing: ['pdt-bx'],
            timeframe: y(2023),
            status: 'done',
            progress: 100,
          },
          {
            title:
              'Tuyên truyền thực hiện can thiệp làm giảm tình trạng tảo hôn và hôn nhân cận huyết thống trong đồng bào dân tộc thiểu số tại các xã Tả Gia Khâu, Dìn Chin (huyện Mường Khương)',
            lead: 'bdt-lca',
            cooperating: ['bdbp-lca'],
            implementing: ['dbp-tgk', 'pdt-mk'],
            timeframe: y(2023),
            status: 'done',
            progress: 100,
          },
        ],
      },
      {
        title: 'Củng cố hệ thống chính trị cơ sở, phát huy vai trò người có uy tín',
        tasks: [
          {
            title:
              'Phân công cán bộ, đảng viên đồn biên phòng phụ trách giúp đỡ hộ gia đình ở địa bàn các xã, phường, thị trấn biên giới',
            lead: 'bdbp-lca',
            cooperating: ['bdt-lca'],
            implementing: LCA_POSTS,
            timeframe: y(2023),
            status: 'done',
            progress: 100,
          },
          {
            title:
              'Củng cố, kiện toàn tổ tự quản đường biên, mốc giới và tổ tự quản an ninh trật tự khu vực biên giới',
            lead: 'bdbp-lca',
            cooperating: ['bdt-lca'],
            implementing: LCA_POSTS,
            timeframe: y(2023),
            status: 'done',
            progress: 100,
          },
          {
            title:
              'Phát huy vai trò của già làng, trưởng bản, người có uy tín trong đồng bào các dân tộc tham gia bảo vệ chủ quyền an ninh biên giới quốc gia, an ninh trật tự ở khu vực biên giới',
            lead: 'bdbp-lca',
            cooperating: ['bdt-lca'],
            implementing: LCA_POSTS,
            timeframe: ongoing(2023),
          },
        ],
      },
    ],
  },

  // Seed 002 — the regulation between the Lai Châu Border Guard Party Committee and the
  // Party committees of the four border districts, reviewed on 28 May 2024.
  {
    key: 'lc-qc-du-hu',
    source: '002',
    kind: 'regulation',
    subject: 'Quy chế phối hợp giữa Đảng ủy Bộ đội Biên phòng tỉnh Lai Châu với Huyện ủy 4 huyện biên giới',
    status: 'in_effect',
    owner: 'du-bdbp-lc',
    parties: [{ unit: 'du-bdbp-lc' }, ...LC_DISTRICT_PARTY.map((unit) => ({ unit }))],
    sections: [
      {
        title: 'Lãnh đạo, chỉ đạo quán triệt và triển khai nhiệm vụ quốc phòng, biên phòng',
        tasks: [
          {
            title:
              'Thống nhất lãnh đạo, chỉ đạo quán triệt và triển khai thực hiện các Nghị quyết, Chỉ thị của Đảng, chính sách, pháp luật Nhà nước liên quan đến nhiệm vụ quốc phòng, biên phòng, xây dựng, quản lý, bảo vệ chủ quyền lãnh thổ, an ninh biên giới quốc gia; xây dựng nền biên phòng toàn dân',
            lead: 'du-bdbp-lc',
            cooperating: LC_DISTRICT_PARTY,
            timeframe: ongoing(2023),
          },
        ],
      },
      {
        title: 'Phòng, chống tội phạm, giữ vững an ninh chính trị, trật tự an toàn xã hội khu vực biên giới',
        tasks: [
          {
            title:
              'Phối hợp thực hiện chương trình quốc gia về phòng, chống tội phạm và phong trào "Toàn dân tham gia đấu tranh, phòng, chống tội phạm, giữ vững an ninh chính trị, trật tự an toàn xã hội ở khu vực biên giới"; triển khai các đợt cao điểm tấn công tội phạm',
            lead: 'du-bdbp-lc',
            cooperating: LC_DISTRICT_PARTY,
            implementing: LC_POSTS,
            timeframe: ongoing(2023),
          },
        ],
      },
      {
        title: 'Đối ngoại biên phòng',
        tasks: [
          {
            title:
              'Nâng cao hiệu quả công tác đối ngoại Biên phòng; duy trì hoạt động kết nghĩa Đồn - Trạm Biên phòng, cụm dân cư hai bên biên giới',
            lead: 'du-bdbp-lc',
            cooperating: LC_DISTRICT_PARTY,
            implementing: LC_POSTS,
            timeframe: ongoing(2023),
          },
        ],
      },
      {
        title: 'Xây dựng hệ thống chính trị cơ sở, giúp dân xóa đói, giảm nghèo',
        tasks: [
          {
            title:
              'Từng bước xây dựng, củng cố hệ thống chính trị cơ sở, giúp dân xóa đói, giảm nghèo, khắc phục hậu quả thiên tai; thực hiện các chương trình "Xuân Biên phòng ấm lòng dân bản", "Ngày hội Biên phòng toàn dân", "Nâng bước em tới trường - Con nuôi đồn Biên phòng"',
            lead: 'du-bdbp-lc',
            cooperating: LC_DISTRICT_PARTY,
            implementing: LC_POSTS,
            timeframe: ongoing(2023),
          },
          {
            title:
              'Chỉ đạo các đồn Biên phòng phối hợp với cấp ủy, chính quyền các xã biên giới làm tốt công tác tuyên truyền, vận động quần chúng Nhân dân khu vực biên giới',
            lead: 'du-bdbp-lc',
            cooperating: LC_DISTRICT_PARTY,
            implementing: LC_POSTS,
            timeframe: ongoing(2023),
          },
        ],
      },
    ],
  },

  // Seed 003 — Đoàn KT-QP 379 and the four districts, signed on 19 November 2020 in Nậm Pồ.
  {
    key: 'ktqp379-qc',
    source: '003',
    kind: 'regulation',
    subject:
      'Quy chế phối hợp giữa Đoàn Kinh tế - Quốc phòng 379 với Ủy ban nhân dân các huyện Nậm Pồ, Mường Nhé, Mường Chà (tỉnh Điện Biên) và huyện Mường Tè (tỉnh Lai Châu)',
    status: 'in_effect',
    owner: 'doan-379',
    parties: [{ unit: 'doan-379' }, ...KTQP_DISTRICTS.map((unit) => ({ unit }))],
    signedOn: '2020-11-19',
    signedPlace: 'huyện Nậm Pồ, tỉnh Điện Biên',
    purpose:
      'Huy động các nguồn lực quốc phòng và nguồn vốn của địa phương để xây dựng khu kinh tế - quốc phòng; thực hiện hiệu quả các chương trình, dự án, góp phần nâng cao đời sống đồng bào các dân tộc thiểu số trong địa bàn bốn huyện.',
    sections: [
      {
        title: 'Thông tin, trao đổi tình hình',
        tasks: [
          {
            title:
              'Thường xuyên thông tin, trao đổi tình hình về âm mưu, thủ đoạn hoạt động của các thế lực thù địch; hoạt động tuyên truyền đạo trái pháp luật, di dịch cư tự do, tình hình an ninh chính trị, trật tự an toàn xã hội, an ninh nông thôn, nhiệm vụ quốc phòng, kinh tế trên địa bàn huyện',
            lead: 'doan-379',
            cooperating: KTQP_DISTRICTS,
            timeframe: ongoing(2021),
          },
        ],
      },
      {
        title: 'Tập huấn, huấn luyện và hiệp đồng',
        tasks: [
          {
            title:
              'Phối hợp trong tập huấn cán bộ, tập huấn nghiệp vụ, huấn luyện dân quân tự vệ, dự bị động viên',
            lead: 'doan-379',
            cooperating: KTQP_DISTRICTS,
            timeframe: ongoing(2021),
          },
          {
            title:
              'Thống nhất hiệp đồng các phương án sẵn sàng chiến đấu, phòng, chống thiên tai - cứu hộ cứu nạn',
            lead: 'doan-379',
            cooperating: KTQP_DISTRICTS,
            timeframe: ongoing(2021),
          },
        ],
      },
      {
        title: 'Xây dựng khu kinh tế - quốc phòng, phát triển kinh tế - xã hội',
        tasks: [
          {
            title:
              'Phối hợp trong thực hiện các dự án đầu tư khu kinh tế - quốc phòng theo quyết định của Thủ tướng Chính phủ và Bộ trưởng Quốc phòng',
            lead: 'doan-379',
            cooperating: KTQP_DISTRICTS,
            timeframe: ongoing(2021),
          },
          {
            title:
              'Tổ chức sản xuất, giúp địa phương phát triển kinh tế, xóa đói, giảm nghèo, khám chữa bệnh, phổ cập giáo dục, xóa mù chữ cho nhân dân',
            lead: 'doan-379',
            cooperating: KTQP_DISTRICTS,
            timeframe: ongoing(2021),
          },
        ],
      },
      {
        title: 'Vận động quần chúng, xây dựng cơ sở chính trị',
        tasks: [
          {
            title:
              'Phối hợp làm tốt công tác vận động quần chúng xây dựng cơ sở chính trị vững mạnh; phòng ngừa, phát hiện sớm và đấu tranh làm thất bại âm mưu, hoạt động "Diễn biến hòa bình", bạo loạn lật đổ của các thế lực thù địch',
            lead: 'doan-379',
            cooperating: KTQP_DISTRICTS,
            timeframe: ongoing(2021),
          },
        ],
      },
    ],
  },

  // Seed 004 — Quảng Nam: the 2022 plan of the Party Mass Mobilisation Board and the Ethnic
  // Affairs Committee under their 2021-2025 program, signed on 22 March 2022.
  {
    key: 'qn-ctr-2021',
    source: '004',
    kind: 'program',
    subject:
      'Chương trình phối hợp công tác dân tộc giữa Ban Dân vận Tỉnh ủy và Ban Dân tộc tỉnh Quảng Nam giai đoạn 2021 - 2025',
    status: 'in_effect',
    owner: 'bdv-qn',
    parties: [{ unit: 'bdv-qn' }, { unit: 'bdt-qn' }],
    validFrom: '2021-01-01',
    validTo: '2025-12-31',
  },
  {
    key: 'qn-kh-2022',
    source: '004',
    kind: 'plan',
    program: 'qn-ctr-2021',
    subject:
      'Kế hoạch phối hợp công tác dân tộc năm 2022 giữa Ban Dân vận Tỉnh ủy và Ban Dân tộc tỉnh Quảng Nam',
    status: 'in_effect',
    owner: 'bdv-qn',
    parties: [{ unit: 'bdv-qn' }, { unit: 'bdt-qn' }],
    signedOn: '2022-03-22',
    validFrom: '2022-01-01',
    validTo: '2022-12-31',
    year: 2022,
    legalBases: ['kl65', 'nq24', 'tt01', 'ct49', 'ct29', 'nq120', 'qd12'],
    sections: [
      {
        title: 'Về công tác tham mưu',
        tasks: [
          {
            title:
              'Tham mưu Ban Thường vụ Tỉnh ủy, UBND tỉnh thực hiện tốt các Chỉ thị, Nghị quyết, Kết luận của Đảng, Nhà nước về công tác dân vận, công tác dân tộc; triển khai xây dựng mô hình "Dân vận khéo", sơ tổng kết các văn bản của Đảng về công tác dân vận',
            lead: 'bdv-qn',
            cooperating: ['bdt-qn'],
            timeframe: y(2022),
          },
          {
            title:
              'Tham mưu công tác dân vận của chính quyền ở vùng đồng bào dân tộc thiểu số và miền núi, chính sách dân tộc, nhất là tiếp tục thực hiện có hiệu quả Kết luận số 65-KL/TW; tổng kết 10 năm thực hiện chính sách đối với người có uy tín',
            lead: 'bdt-qn',
            cooperating: ['bdv-qn'],
            timeframe: y(2022),
          },
        ],
      },
      {
        title: 'Phối hợp trong công tác tuyên truyền, vận động',
        tasks: [
          {
            title:
              'Tuyên truyền, vận động, thay đổi nhận thức, nhất là "Nếp nghĩ, cách làm của đồng bào" trong việc chủ động tham gia vào các nhiệm vụ phát triển kinh tế - xã hội, góp phần giảm nghèo bền vững, giữ gìn và phát huy bản sắc văn hóa các dân tộc',
            lead: 'bdv-qn',
            cooperating: ['bdt-qn'],
            timeframe: y(2022),
          },
          {
            title:
              'Tuyên truyền phổ biến giáo dục pháp luật, giáo dục ngăn ngừa, giảm thiểu tình trạng tảo hôn và hôn nhân cận huyết thống, Luật Bình đẳng giới; đấu tranh ngăn chặn các hành vi lợi dụng vấn đề dân tộc, tôn giáo',
            lead: 'bdt-qn',
            cooperating: ['bdv-qn'],
            timeframe: y(2022),
          },
        ],
      },
      {
        title: 'Phối hợp thực hiện các nội dung liên quan tình hình dân tộc và công tác dân tộc',
        tasks: [
          {
            title:
              'Phối hợp đôn đốc, hướng dẫn Ban Dân vận huyện ủy và Phòng Dân tộc các huyện miền núi thực hiện các chủ trương của Đảng, chính sách, pháp luật của Nhà nước về công tác dân vận, dân tộc; thường xuyên theo dõi, nắm tình hình; tổ chức khảo sát thực tế, kiểm tra, giám sát',
            lead: 'bdv-qn',
            cooperating: ['bdt-qn'],
            timeframe: ongoing(2022),
          },
        ],
      },
      {
        title: 'Công tác bồi dưỡng nghiệp vụ đội ngũ cán bộ ở cơ sở',
        tasks: [
          {
            title:
              'Hướng dẫn nghiệp vụ công tác dân vận, dân tộc, tôn giáo cho đội ngũ cán bộ vùng đồng bào dân tộc thiểu số; bồi dưỡng kiến thức pháp luật cho người có uy tín, già làng, trưởng thôn; tập huấn cán bộ xã, thôn thực hiện Chương trình mục tiêu quốc gia',
            lead: 'bdt-qn',
            cooperating: ['bdv-qn'],
            timeframe: y(2022),
          },
        ],
      },
      {
        title: 'Trao đổi thông tin về thực hiện các chính sách dân tộc',
        tasks: [
          {
            title:
              'Phối hợp trao đổi thông tin; thăm hỏi, động viên già làng, người có uy tín; tạo điều kiện cho đồng bào tổ chức lễ hội truyền thống; hỗ trợ hộ đồng bào dân tộc thiểu số gặp hoạn nạn',
            lead: 'bdt-qn',
            cooperating: ['bdv-qn'],
            timeframe: ongoing(2022),
          },
          {
            title: 'Xây dựng Dự thảo báo cáo kết quả thực hiện Chương trình phối hợp năm 2022',
            lead: 'bdt-qn',
            cooperating: ['bdv-qn'],
            timeframe: y(2022),
          },
          {
            title:
              'Tổ chức Hội nghị giao ban định kỳ 6 tháng, một năm về công tác dân tộc, công tác dân vận ở vùng đồng bào dân tộc thiểu số',
            lead: 'bdt-qn',
            cooperating: ['bdv-qn'],
            timeframe: y(2022),
          },
          {
            title: 'Tổ chức Hội nghị tổng kết năm 2022, ký kết Kế hoạch phối hợp năm 2023',
            lead: 'bdt-qn',
            cooperating: ['bdv-qn'],
            timeframe: y(2022),
          },
        ],
      },
    ],
  },
];
