// Vietnamese names and phrases for the generated benchmark dataset (bench/lib/dataset.ts):
// provinces after the 2025 merger, commune-name syllables by region, agreement topics,
// section titles and task phrases in the style of real coordination plans. Everything keeps
// its diacritics, so the search index is built exactly as for real data.

const words = (text: string) => text.split(' ');
const list = (text: string) => text.split(', ');

export type Region = 'highland_north' | 'lowland' | 'central_highland' | 'mekong';

export interface Province {
  name: string;
  /** Two-digit code (Quyết định 19/2025/QĐ-TTg). */
  code: string;
  /** Centrally-run city ("thành phố Hà Nội", "Thành ủy") rather than a province. */
  city?: boolean;
  /** Has a land or sea border, hence a provincial Border Guard command and border posts. */
  border: boolean;
  region: Region;
  /** Military region (Quân khu); 0 = Bộ Tư lệnh Thủ đô Hà Nội. */
  militaryRegion: number;
  /** Real commune names used first (border posts are named after their commune). */
  communes?: string[];
}

// The 34 provinces and cities from 1 July 2025 (Nghị quyết 202/2025/QH15).
export const PROVINCES: Province[] = [
  {
    name: 'Lai Châu',
    code: '12',
    border: true,
    region: 'highland_north',
    militaryRegion: 2,
    communes: list(
      'Ma Lù Thàng, Pa Tần, Mù Cả, Thu Lũm, Ka Lăng, Dào San, Sì Lở Lầu, Mồ Sì San, Vàng Ma Chải, Huổi Luông, Bum Tở, Nậm Ban, Mường Tè, Sìn Hồ, Phong Thổ, Pa Ủ, Tung Qua Lìn, Bum Nưa',
    ),
  },
  {
    name: 'Điện Biên',
    code: '11',
    border: true,
    region: 'highland_north',
    militaryRegion: 2,
    communes: list('Nậm Pồ, Mường Nhé, Mường Chà, Sín Thầu, Chung Chải, Leng Su Sìn, Na Ư, Nà Bủng'),
  },
  {
    name: 'Lào Cai',
    code: '15',
    border: true,
    region: 'highland_north',
    militaryRegion: 2,
    communes: list('Y Tý, Tả Gia Khâu, A Mú Sung, Bản Lầu, Mường Khương, Pha Long, Trịnh Tường'),
  },
  { name: 'Sơn La', code: '14', border: true, region: 'highland_north', militaryRegion: 2 },
  { name: 'Tuyên Quang', code: '08', border: true, region: 'highland_north', militaryRegion: 2 },
  { name: 'Cao Bằng', code: '04', border: true, region: 'highland_north', militaryRegion: 1 },
  { name: 'Lạng Sơn', code: '20', border: true, region: 'highland_north', militaryRegion: 1 },
  { name: 'Quảng Ninh', code: '22', border: true, region: 'lowland', militaryRegion: 3 },
  { name: 'Thái Nguyên', code: '19', border: false, region: 'highland_north', militaryRegion: 1 },
  { name: 'Phú Thọ', code: '25', border: false, region: 'lowland', militaryRegion: 2 },
  { name: 'Bắc Ninh', code: '24', border: false, region: 'lowland', militaryRegion: 1 },
  { name: 'Hà Nội', code: '01', city: true, border: false, region: 'lowland', militaryRegion: 0 },
  { name: 'Hải Phòng', code: '31', city: true, border: true, region: 'lowland', militaryRegion: 3 },
  { name: 'Hưng Yên', code: '33', border: true, region: 'lowland', militaryRegion: 3 },
  { name: 'Ninh Bình', code: '37', border: true, region: 'lowland', militaryRegion: 3 },
  { name: 'Thanh Hóa', code: '38', border: true, region: 'highland_north', militaryRegion: 4 },
  { name: 'Nghệ An', code: '40', border: true, region: 'highland_north', militaryRegion: 4 },
  { name: 'Hà Tĩnh', code: '42', border: true, region: 'lowland', militaryRegion: 4 },
  { name: 'Quảng Trị', code: '44', border: true, region: 'lowland', militaryRegion: 4 },
  { name: 'Huế', code: '46', city: true, border: true, region: 'lowland', militaryRegion: 4 },
  { name: 'Đà Nẵng', code: '48', city: true, border: true, region: 'lowland', militaryRegion: 5 },
  { name: 'Quảng Ngãi', code: '51', border: true, region: 'central_highland', militaryRegion: 5 },
  { name: 'Gia Lai', code: '52', border: true, region: 'central_highland', militaryRegion: 5 },
  { name: 'Đắk Lắk', code: '66', border: true, region: 'central_highland', militaryRegion: 5 },
  { name: 'Khánh Hòa', code: '56', border: true, region: 'lowland', militaryRegion: 5 },
  { name: 'Lâm Đồng', code: '68', border: true, region: 'central_highland', militaryRegion: 7 },
  { name: 'Đồng Nai', code: '75', border: true, region: 'lowland', militaryRegion: 7 },
  { name: 'Hồ Chí Minh', code: '79', city: true, border: true, region: 'lowland', militaryRegion: 7 },
  { name: 'Tây Ninh', code: '80', border: true, region: 'mekong', militaryRegion: 7 },
  { name: 'Đồng Tháp', code: '82', border: true, region: 'mekong', militaryRegion: 9 },
  { name: 'Vĩnh Long', code: '86', border: true, region: 'mekong', militaryRegion: 9 },
  { name: 'An Giang', code: '91', border: true, region: 'mekong', militaryRegion: 9 },
  { name: 'Cần Thơ', code: '92', city: true, border: true, region: 'mekong', militaryRegion: 9 },
  { name: 'Cà Mau', code: '96', border: true, region: 'mekong', militaryRegion: 9 },
];

/** Syllables that two at a time make plausible commune names for each region. */
export const COMMUNE_SYLLABLES: Record<Region, string[]> = {
  highland_north: words(
    'Mường Nậm Pa Sìn Mù Tả Sín Phìn Lùng Khổng Há Thàng Chải Hồ Nhé Tủa Xín Cang Ngài Thầu Hua Bum Tở Lay Chăn Pồ Khoen On Lù Chà Quài Sáng Pắc Bản Lầu Phong Dào Vàng Huổi Luông Lìn Phình Mạ Lóng Sập Chiềng Hin Thèn Pả Dền',
  ),
  lowland: words(
    'Tân Phú Hòa An Bình Thạnh Xuân Đông Phước Long Hưng Thịnh Quang Minh Thanh Hải Sơn Lâm Trung Đức Vĩnh Thuận Lộc Hiệp Nghĩa Mỹ Lợi Khánh Hà Cường Yên Việt Quảng Hợp Tiến Thắng Lạc Kỳ Cẩm Hương Triệu Điền Hồng Nhân Thái',
  ),
  central_highland: words(
    'Ia Đắk Ea Krông Chư Bờ Mô Rai Grai Păh Tơ Pông Drăng Sê San Kar Glar Búk Puk Mơ Nông Pơ Kô Rông Rve Măng Ri Lang',
  ),
  mekong: words(
    'Vĩnh Tân Phú Hòa Thới Mỹ Long Khánh An Châu Tịnh Biên Lương Nhơn Hội Thạnh Giang Trí Tôn Lâm Hưng Phước Thuận Lợi Căn Đất Mũi Cái Nước',
  ),
};

export const MILITARY_REGION_NAMES: Record<number, string> = {
  0: 'Bộ Tư lệnh Thủ đô Hà Nội',
  1: 'Bộ Tư lệnh Quân khu 1',
  2: 'Bộ Tư lệnh Quân khu 2',
  3: 'Bộ Tư lệnh Quân khu 3',
  4: 'Bộ Tư lệnh Quân khu 4',
  5: 'Bộ Tư lệnh Quân khu 5',
  7: 'Bộ Tư lệnh Quân khu 7',
  9: 'Bộ Tư lệnh Quân khu 9',
};

/** What agreements are about: "Chương trình phối hợp … về <topic> giai đoạn …". */
export const TOPICS = [
  'tuyên truyền, vận động đồng bào dân tộc thiểu số khu vực biên giới',
  'xây dựng nền biên phòng toàn dân và thế trận biên phòng toàn dân vững chắc',
  'thực hiện công tác dân tộc, chính sách dân tộc',
  'phòng, chống mua bán người, ma túy và xuất nhập cảnh trái phép',
  'xây dựng hệ thống chính trị cơ sở vững mạnh',
  'giảm nghèo bền vững vùng đồng bào dân tộc thiểu số và miền núi',
  'công tác dân vận và phong trào thi đua "Dân vận khéo"',
  'quản lý, bảo vệ chủ quyền lãnh thổ, an ninh biên giới quốc gia',
  'chăm sóc sức khỏe nhân dân khu vực biên giới',
  'giáo dục, nâng cao dân trí, xóa mù chữ cho đồng bào',
  'phòng, chống thiên tai, tìm kiếm cứu nạn',
  'phát huy vai trò người có uy tín trong đồng bào dân tộc thiểu số',
  'bảo đảm an ninh, trật tự an toàn xã hội địa bàn cơ sở',
  'phát triển kinh tế – xã hội gắn với củng cố quốc phòng, an ninh',
];

/** Nội dung phối hợp (sections), in the order they usually appear. */
export const SECTION_TITLES = [
  'Công tác tham mưu, chỉ đạo',
  'Phối hợp trong công tác tuyên truyền, vận động',
  'Trao đổi, cung cấp thông tin',
  'Phối hợp thực hiện chính sách dân tộc',
  'Phối hợp xây dựng hệ thống chính trị cơ sở',
  'Phối hợp phát triển kinh tế – xã hội, giảm nghèo bền vững',
  'Phối hợp bảo đảm an ninh, trật tự khu vực biên giới',
  'Công tác bồi dưỡng nghiệp vụ đội ngũ cán bộ ở cơ sở',
  'Công tác kiểm tra, giám sát',
  'Sơ kết, tổng kết, thông tin báo cáo',
];

// Task titles. {C} = a commune ("xã Ma Lù Thàng"), {Y} = the year, {Y1} = the next year,
// {N} = a small count of years.
export const TASK_PHRASES = [
  'Tuyên truyền, vận động đồng bào dân tộc thiểu số chấp hành chủ trương của Đảng, chính sách, pháp luật của Nhà nước',
  'Tuyên truyền, vận động đồng bào các dân tộc khu vực biên giới tham gia bảo vệ chủ quyền lãnh thổ, an ninh biên giới quốc gia',
  'Tuyên truyền, vận động đồng bào không nghe theo kẻ xấu, không tin theo đạo trái pháp luật tại {C}',
  'Xây dựng mô hình "Dân vận khéo" tại {C}',
  'Xây dựng mô hình "Dân vận khéo" trong phát triển kinh tế hộ gia đình năm {Y}',
  'Thực hiện Chương trình "Nâng bước em tới trường – Con nuôi đồn Biên phòng" năm {Y}',
  'Nâng bước em tới trường: trao học bổng cho học sinh nghèo vượt khó {C}',
  'Tổ chức chương trình "Xuân Biên phòng ấm lòng dân bản" năm {Y}',
  'Phát huy vai trò người có uy tín trong đồng bào dân tộc thiểu số tại {C}',
  'Củng cố, kiện toàn tổ tự quản đường biên, mốc giới và tổ tự quản an ninh trật tự {C}',
  'Tuần tra, kiểm soát, bảo vệ đường biên, mốc quốc giới khu vực {C}',
  'Phòng, chống mua bán người, xuất nhập cảnh trái phép qua biên giới',
  'Tuyên truyền phòng, chống ma túy trong thanh thiếu niên {C}',
  'Khám bệnh, cấp thuốc miễn phí cho nhân dân khu vực biên giới {C}',
  'Hỗ trợ xây dựng nhà Đại đoàn kết cho hộ nghèo {C}',
  'Mở lớp xóa mù chữ cho đồng bào dân tộc thiểu số {C}',
  'Tổ chức tập huấn, bồi dưỡng kiến thức công tác dân tộc cho cán bộ cơ sở năm {Y}',
  'Tuyên truyền phổ biến giáo dục pháp luật, ngăn ngừa tảo hôn và hôn nhân cận huyết thống tại {C}',
  'Phân công cán bộ, đảng viên đồn Biên phòng phụ trách giúp đỡ hộ gia đình ở {C}',
  'Tổ chức hội nghị sơ kết {N} năm thực hiện Chương trình phối hợp',
  'Tổng kết thực hiện Kế hoạch phối hợp năm {Y}, đề ra phương hướng năm {Y1}',
  'Thường xuyên trao đổi, cung cấp thông tin về tình hình an ninh chính trị, trật tự an toàn xã hội khu vực biên giới',
  'Phối hợp kiểm tra, giám sát việc thực hiện chính sách dân tộc tại {C}',
  'Hướng dẫn nghiệp vụ công tác dân vận, dân tộc, tôn giáo cho cán bộ {C}',
  'Giúp dân phát triển kinh tế, xóa đói giảm nghèo; hỗ trợ cây, con giống cho hộ nghèo {C}',
  'Phối hợp phòng, chống thiên tai, tìm kiếm cứu nạn mùa mưa bão năm {Y}',
  'Tổ chức giao lưu văn hóa, văn nghệ, thể thao chào mừng Ngày Biên phòng toàn dân 3/3',
  'Báo cáo kết quả thực hiện Kế hoạch phối hợp 6 tháng đầu năm {Y}',
  'Xây dựng khu dân cư "An toàn về an ninh trật tự" tại {C}',
  'Vận động nhân dân tham gia phong trào "Toàn dân tham gia bảo vệ chủ quyền lãnh thổ, an ninh biên giới quốc gia"',
  'Duy trì hoạt động kết nghĩa cụm dân cư hai bên biên giới, kết nghĩa Đồn – Trạm Biên phòng',
  'Hỗ trợ sinh kế, bò giống cho hộ nghèo người dân tộc thiểu số {C}',
];

export const TASK_DESCRIPTIONS = [
  'Tổ chức tuyên truyền bằng tiếng dân tộc tại các thôn, bản; lồng ghép trong các buổi sinh hoạt cộng đồng.',
  'Phối hợp lựa chọn đối tượng, khảo sát thực tế, báo cáo kết quả về cơ quan thường trực.',
  'Kinh phí từ nguồn Chương trình mục tiêu quốc gia phát triển kinh tế – xã hội vùng đồng bào dân tộc thiểu số và miền núi.',
  'Đồn Biên phòng chủ động nắm tình hình, phối hợp với cấp ủy, chính quyền xã triển khai.',
  'Mỗi đồn Biên phòng xây dựng ít nhất một mô hình, định kỳ sơ kết rút kinh nghiệm.',
  'Lồng ghép tuyên truyền trên loa truyền thanh xã, mạng xã hội và tại các buổi họp thôn, bản.',
  'Ưu tiên hộ nghèo, hộ cận nghèo, gia đình chính sách và người có uy tín.',
  'Cán bộ đồn Biên phòng tăng cường xuống địa bàn, bám thôn, bám bản, giúp dân.',
];

export const EXPECTED_OUTPUTS = [
  'Báo cáo kết quả thực hiện',
  'Kế hoạch triển khai và báo cáo sơ kết',
  'Mô hình được công nhận',
  'Danh sách hộ được hỗ trợ',
  'Biên bản hội nghị',
];

export const CANCEL_REASONS = [
  'Nội dung đã được lồng ghép vào kế hoạch khác',
  'Không bố trí được kinh phí',
  'Điều chỉnh theo sắp xếp tổ chức bộ máy',
];

export const SIGNATORY_TITLES = [
  'Chỉ huy trưởng',
  'Giám đốc',
  'Trưởng ban',
  'Chủ tịch',
  'Bí thư',
  'Phó Chủ tịch',
];
export const FAMILY_NAMES = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ', 'Đặng', 'Lò', 'Giàng', 'Sùng'];
export const GIVEN_NAMES = ['Văn Hùng', 'Thị Lan', 'Đức Thắng', 'Minh Tuấn', 'A Páo', 'Thị Mai', 'Quang Huy'];
