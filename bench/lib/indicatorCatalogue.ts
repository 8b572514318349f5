// The 60 indicators of the issue-4 benchmark dataset (bench/lib/indicatorDataset.ts), in the
// words of the coordination programs in the seeds: what border posts count (tuyên truyền,
// nguồn tin, tổ tự quản đường biên, Nâng bước em tới trường…), what ethnic-affairs offices
// count (người có uy tín, hộ nghèo, sinh kế…), and four figures both parties count for the
// same commune, de-duplicated by location in the agreement total.
//
// `branch` says who reports it (the border or the ethnic-affairs side of the tree, or both);
// `gen` how the generator makes its monthly values: `flow` a count of the month (0…spread−1),
// `stock` a standing count that grows a little each year (1…spread + years), `pct` a
// percentage (40…100, one decimal), `money` millions of đồng (one decimal), `score` a
// 0…10 rating (one decimal).
import type { Aggregation, ValueType } from '../../src/contracts/indicators.ts';

export type Branch = 'border' | 'ethnic' | 'shared';
export type ValueGen = 'flow' | 'stock' | 'pct' | 'money' | 'score';

export interface CatalogueIndicator {
  code: string;
  name: string;
  uom: string;
  valueType: ValueType;
  aggUnits: Aggregation;
  aggTime: Aggregation;
  dedupByLocation: boolean;
  branch: Branch;
  gen: ValueGen;
  spread: number;
}

type Row = [string, string, string, ValueType, Aggregation, Aggregation, ValueGen, number];

const BORDER: Row[] = [
  ['BP01', 'Số buổi tuyên truyền, vận động quần chúng', 'buổi', 'integer', 'sum', 'sum', 'flow', 8],
  ['BP02', 'Số lượt người nghe tuyên truyền', 'lượt người', 'integer', 'sum', 'sum', 'flow', 400],
  ['BP03', 'Số nguồn tin có giá trị được cung cấp', 'nguồn tin', 'integer', 'sum', 'sum', 'flow', 6],
  ['BP04', 'Số tổ tự quản đường biên, mốc giới', 'tổ', 'integer', 'sum', 'last', 'stock', 6],
  ['BP05', 'Số hộ tham gia tổ tự quản đường biên, mốc giới', 'hộ', 'integer', 'sum', 'last', 'stock', 80],
  ['BP06', 'Số tổ tự quản an ninh trật tự', 'tổ', 'integer', 'sum', 'last', 'stock', 8],
  ['BP07', 'Số thành viên tổ tự quản an ninh trật tự', 'thành viên', 'integer', 'sum', 'last', 'stock', 90],
  ['BP08', 'Số cuộc tuần tra, kiểm soát biên giới', 'cuộc', 'integer', 'sum', 'sum', 'flow', 20],
  ['BP09', 'Số lượt cán bộ, chiến sĩ tham gia tuần tra', 'lượt', 'integer', 'sum', 'sum', 'flow', 120],
  ['BP10', 'Số vụ việc vi phạm được phát hiện, xử lý', 'vụ', 'integer', 'sum', 'sum', 'flow', 4],
  ['BP11', 'Số người xuất, nhập cảnh trái phép bị phát hiện', 'người', 'integer', 'sum', 'sum', 'flow', 5],
  ['BP12', 'Số vụ mua bán người được phát hiện, ngăn chặn', 'vụ', 'integer', 'sum', 'sum', 'flow', 2],
  ['BP13', 'Số vụ phạm tội về ma túy bị bắt giữ', 'vụ', 'integer', 'sum', 'sum', 'flow', 3],
  [
    'BP14',
    'Số học sinh được nhận đỡ đầu "Nâng bước em tới trường – Con nuôi đồn Biên phòng"',
    'em',
    'integer',
    'sum',
    'last',
    'stock',
    12,
  ],
  ['BP15', 'Kinh phí hỗ trợ học sinh nghèo vượt khó', 'triệu đồng', 'decimal', 'sum', 'sum', 'money', 500],
  ['BP16', 'Số lượt người được khám bệnh, cấp thuốc miễn phí', 'lượt', 'integer', 'sum', 'sum', 'flow', 150],
  [
    'BP17',
    'Số cán bộ, đảng viên đồn Biên phòng phụ trách hộ gia đình',
    'người',
    'integer',
    'sum',
    'last',
    'stock',
    25,
  ],
  ['BP18', 'Số hộ gia đình được cán bộ, đảng viên giúp đỡ', 'hộ', 'integer', 'sum', 'max', 'stock', 120],
  ['BP19', 'Số ngày công giúp dân', 'ngày công', 'integer', 'sum', 'sum', 'flow', 200],
  ['BP20', 'Số nhà Đại đoàn kết được xây dựng, bàn giao', 'nhà', 'integer', 'sum', 'sum', 'flow', 2],
  ['BP21', 'Số lớp xóa mù chữ được mở', 'lớp', 'integer', 'sum', 'max', 'stock', 3],
  ['BP22', 'Số học viên lớp xóa mù chữ', 'học viên', 'integer', 'sum', 'max', 'stock', 40],
  ['BP23', 'Số mốc quốc giới được kiểm tra', 'mốc', 'integer', 'sum', 'sum', 'flow', 10],
  ['BP24', 'Số hội nghị tìm hiểu pháp luật', 'hội nghị', 'integer', 'sum', 'sum', 'flow', 2],
  ['BP25', 'Tỷ lệ mốc quốc giới được bảo vệ an toàn', '%', 'percentage', 'avg', 'avg', 'pct', 600],
  ['BP26', 'Số mô hình "Dân vận khéo" được công nhận', 'mô hình', 'integer', 'sum', 'last', 'stock', 4],
  [
    'BP27',
    'Số cuộc giao lưu kết nghĩa cụm dân cư hai bên biên giới',
    'cuộc',
    'integer',
    'sum',
    'sum',
    'flow',
    2,
  ],
  ['BP28', 'Điểm đánh giá an ninh khu vực biên giới', 'điểm', 'decimal', 'max', 'avg', 'score', 100],
];

const ETHNIC: Row[] = [
  ['DT01', 'Số lượt người có uy tín được gặp gỡ, tiếp xúc', 'lượt', 'integer', 'sum', 'sum', 'flow', 15],
  ['DT02', 'Số người có uy tín trên địa bàn', 'người', 'integer', 'sum', 'last', 'stock', 20],
  ['DT03', 'Số hộ nghèo người dân tộc thiểu số', 'hộ', 'integer', 'sum', 'last', 'stock', 150],
  ['DT04', 'Tỷ lệ hộ nghèo', '%', 'percentage', 'avg', 'last', 'pct', 600],
  ['DT05', 'Số hộ thoát nghèo', 'hộ', 'integer', 'sum', 'sum', 'flow', 6],
  ['DT06', 'Số hộ được hỗ trợ sinh kế', 'hộ', 'integer', 'sum', 'sum', 'flow', 12],
  ['DT07', 'Số con giống được hỗ trợ', 'con', 'integer', 'sum', 'sum', 'flow', 30],
  ['DT08', 'Kinh phí hỗ trợ phát triển sản xuất', 'triệu đồng', 'decimal', 'sum', 'sum', 'money', 800],
  ['DT09', 'Số lớp tập huấn công tác dân tộc cho cán bộ cơ sở', 'lớp', 'integer', 'sum', 'sum', 'flow', 2],
  ['DT10', 'Số lượt cán bộ cơ sở được tập huấn', 'lượt', 'integer', 'sum', 'sum', 'flow', 40],
  ['DT11', 'Số buổi tuyên truyền chính sách dân tộc', 'buổi', 'integer', 'sum', 'sum', 'flow', 6],
  ['DT12', 'Số lượt đồng bào được tuyên truyền', 'lượt người', 'integer', 'sum', 'sum', 'flow', 300],
  ['DT13', 'Số cặp tảo hôn', 'cặp', 'integer', 'sum', 'sum', 'flow', 3],
  ['DT14', 'Số cặp hôn nhân cận huyết thống', 'cặp', 'integer', 'sum', 'sum', 'flow', 2],
  ['DT15', 'Số học sinh dân tộc thiểu số được hỗ trợ', 'em', 'integer', 'sum', 'last', 'stock', 60],
  ['DT16', 'Tỷ lệ trẻ em dân tộc thiểu số đi học đúng độ tuổi', '%', 'percentage', 'avg', 'last', 'pct', 600],
  ['DT17', 'Số công trình hạ tầng thiết yếu được hỗ trợ', 'công trình', 'integer', 'sum', 'sum', 'flow', 2],
  ['DT18', 'Số hộ được hỗ trợ nhà ở', 'hộ', 'integer', 'sum', 'sum', 'flow', 4],
  ['DT19', 'Số hộ được hỗ trợ nước sinh hoạt phân tán', 'hộ', 'integer', 'sum', 'sum', 'flow', 8],
  [
    'DT20',
    'Số cuộc kiểm tra, giám sát thực hiện chính sách dân tộc',
    'cuộc',
    'integer',
    'sum',
    'sum',
    'flow',
    3,
  ],
  ['DT21', 'Số đơn thư, kiến nghị của đồng bào được giải quyết', 'đơn', 'integer', 'sum', 'sum', 'flow', 4],
  ['DT22', 'Số điểm nóng về an ninh nông thôn', 'điểm', 'integer', 'max', 'max', 'stock', 3],
  ['DT23', 'Số thôn, bản đạt chuẩn nông thôn mới', 'thôn', 'integer', 'sum', 'last', 'stock', 8],
  ['DT24', 'Tỷ lệ hộ được sử dụng điện lưới quốc gia', '%', 'percentage', 'avg', 'last', 'pct', 600],
  ['DT25', 'Số hoạt động văn hóa, văn nghệ, thể thao', 'hoạt động', 'integer', 'sum', 'sum', 'flow', 5],
  ['DT26', 'Số lễ hội truyền thống được khôi phục, bảo tồn', 'lễ hội', 'integer', 'sum', 'sum', 'flow', 2],
  ['DT27', 'Số hội nghị sơ kết, tổng kết', 'hội nghị', 'integer', 'sum', 'sum', 'flow', 2],
  ['DT28', 'Mức độ hài lòng của đồng bào với chính sách', 'điểm', 'decimal', 'avg', 'avg', 'score', 100],
];

// Both parties count these for the same commune ("địa bàn"): the agreement total takes each
// commune once.
const SHARED: Row[] = [
  ['PH01', 'Số hộ gia đình được thăm hỏi, tặng quà dịp Tết', 'hộ', 'integer', 'sum', 'sum', 'flow', 40],
  ['PH02', 'Số người có uy tín được thăm hỏi, động viên', 'người', 'integer', 'sum', 'sum', 'flow', 10],
  ['PH03', 'Số hộ nghèo được hỗ trợ xây dựng nhà ở', 'hộ', 'integer', 'sum', 'sum', 'flow', 3],
  ['PH04', 'Số tổ tự quản tại địa bàn xã', 'tổ', 'integer', 'sum', 'last', 'stock', 10],
];

const make =
  (branch: Branch) =>
  (r: Row): CatalogueIndicator => ({
    code: r[0],
    name: r[1],
    uom: r[2],
    valueType: r[3],
    aggUnits: r[4],
    aggTime: r[5],
    dedupByLocation: branch === 'shared',
    branch,
    gen: r[6],
    spread: r[7],
  });

export const CATALOGUE: CatalogueIndicator[] = [
  ...BORDER.map(make('border')),
  ...ETHNIC.map(make('ethnic')),
  ...SHARED.map(make('shared')),
];
